"""The unit that reports and its reporting years."""

from __future__ import annotations

from htxlib.data.codebook.columns import C, Table

UNIT = Table(
    "unit",
    "don_vi",
    "The reporting unit (one row): a province, a commune-level unit, or a former district.",
    (
        C("unit_id", "Mã đơn vị", "text", "Short identifier, used in report paths.", required=True),
        C("name", "Tên đơn vị", "text", "Name without its level, e.g. 'Văn Quan'.", required=True),
        C("level", "Cấp", "code", "Administrative level.", codes="levels", required=True),
        C(
            "code",
            "Mã hành chính",
            "text",
            "Official code on the map in force since 01/07/2025 (1-2 digits for a province, up "
            "to 5 for a commune); checked with its name, level and province. For a former unit "
            "(see ended_on), its code on the map before 01/07/2025; empty for a former district.",
        ),
        C(
            "ended_on",
            "Tồn tại đến ngày",
            "date",
            "For a former unit, merged into or divided between units of a later map: its last "
            "day (30/06/2025 for the merger of 01/07/2025); empty for a unit in force. A former "
            "unit in a parent's units/ folder is part of the parent's history: its figures for "
            "the years it existed are added to the parent's, and the parent's report says so.",
        ),
        C("province", "Tỉnh", "text", "Province the unit belongs to (itself for a province)."),
        C("issuing_body", "Cơ quan ban hành", "text", "Body that issues the report."),
        C(
            "parent_body",
            "Cơ quan chủ quản",
            "text",
            "Body above the issuing body, printed above it in the document's header (Decree "
            "30/2020/NĐ-CP); empty for a People's Committee.",
        ),
        C(
            "scope",
            "Phạm vi",
            "code",
            "Which HTX the report covers (default: all); 'nong_nghiep' for a report on "
            "agricultural HTX only, which the text then says.",
            codes="scopes",
        ),
        C(
            "coverage",
            "Phạm vi dữ liệu",
            "code",
            "How much of the unit's HTX the registry holds: all (default), 'new' (only the HTX "
            "founded in the period) or 'partial'. For a part, the report says whose data it "
            "gives, takes totals from the stated figures and never calls the part the whole.",
            codes="coverages",
        ),
        C(
            "sample",
            "Số liệu mẫu",
            "bool",
            "True for a unit made up to show the toolkit (its name is followed by '(mẫu)' in "
            "the list of reports and the review copy); empty for a real unit.",
        ),
        C(
            "list_limit",
            "Số tên tối đa trong một câu",
            "int",
            "How many HTX a sentence names (default 10); a longer list is named in full in the "
            "appendix issued with the plan ('Phụ lục kèm theo Kế hoạch'), and the sentence "
            "points to it.",
        ),
    ),
    key=("unit_id",),
    required=True,
    title="Thông tin đơn vị",
)

PERIODS = Table(
    "periods",
    "ky_bao_cao",
    "A reporting year and the cutoff date its figures run to.",
    (
        C("year", "Năm", "int", "Assessed year.", required=True),
        C("period_start", "Từ ngày", "date", "First day counted for flows (default 01/01)."),
        C("cutoff_date", "Đến ngày", "date", "Date the figures run to.", required=True),
        C("plan_year", "Năm kế hoạch", "int", "Year the plan is written for."),
        C("source", "Nguồn", "text", "Document the figures come from."),
    ),
    key=("year",),
    required=True,
    title="Kỳ số liệu",
)
