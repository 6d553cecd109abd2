"""The codebook: every table and column a unit folder may hold.

This module is the single source of truth for the data format. The loader reads
headers through it (English or Vietnamese), the validator builds its pandera
schemas from it, and ``htx codebook`` renders ``data/README.md`` from it.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Column types the loader parses. ``code`` is text restricted to a code list.
TYPES = ("text", "code", "int", "amount", "date", "bool")


@dataclass(frozen=True)
class Column:
    """One column of a table.

    Parameters
    ----------
    name : str
        English name, as used in code and in English headers.
    vi : str
        Vietnamese header accepted in place of ``name``.
    type : str
        One of :data:`TYPES`.
    description : str
        What the column means.
    unit : str
        Unit of measure, empty when none.
    codes : str
        Name of the code list in :data:`htxlib.data.codes.CODE_LISTS` (``code`` columns).
    required : bool
        Whether every row must have a value.
    signed : bool
        Whether negative values are allowed (numbers only).
    """

    name: str
    vi: str
    type: str
    description: str
    unit: str = ""
    codes: str = ""
    required: bool = False
    signed: bool = False


@dataclass(frozen=True)
class Table:
    """One table of a unit folder.

    Parameters
    ----------
    name : str
        File stem (``entities`` for ``entities.csv``) and sheet name.
    vi : str
        Vietnamese file stem or sheet name accepted in place of ``name``.
    description : str
        What one row is.
    columns : tuple of Column
        The columns, in codebook order.
    key : tuple of str
        Columns that identify a row; duplicates are an error.
    required : bool
        Whether a unit folder must contain the table.
    title : str
        What the table holds, in Vietnamese, as reports name it to readers.
    """

    name: str
    vi: str
    description: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()
    required: bool = False
    title: str = ""

    def column(self, name: str) -> Column:
        """Return the column called ``name``."""
        return next(c for c in self.columns if c.name == name)

    @property
    def names(self) -> list[str]:
        """English names of the columns, in order."""
        return [c.name for c in self.columns]


C = Column

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

ENTITIES = Table(
    "entities",
    "danh_sach",
    "The registry: one row per HTX, LH HTX or THT ever registered in the unit.",
    (
        C("entity_id", "Mã", "text", "Stable identifier.", required=True),
        C("kind", "Loại hình", "code", "HTX, LH HTX or THT.", codes="kinds", required=True),
        C("name", "Tên", "text", "Canonical name.", required=True),
        C("commune", "Xã", "text", "Commune-level unit of the seat."),
        C(
            "sector",
            "Lĩnh vực",
            "code",
            "Main sector (HTX, LH HTX); empty when not known: the report counts such HTX as "
            "'chưa rõ lĩnh vực' and gives sector shares of the HTX whose sector is known.",
            codes="sectors",
        ),
        C("founded_on", "Ngày thành lập", "date", "Registration date (required for HTX, LH HTX)."),
        C("dissolved_on", "Ngày giải thể", "date", "Dissolution date; empty while operating."),
        C("charter_capital", "Vốn điều lệ", "amount", "Registered charter capital.", "triệu đồng"),
        C("purpose", "Mục đích THT", "code", "What a THT is for.", codes="tht_purposes"),
        C("union_id", "Thuộc LH HTX", "text", "entity_id of the LH HTX this HTX is a member of."),
    ),
    key=("entity_id",),
    required=True,
    title="Danh sách HTX, LH HTX, THT",
)

ALIASES = Table(
    "aliases",
    "ten_khac",
    "Other spellings of an entity's name, as documents write it.",
    (
        C("entity_id", "Mã", "text", "Entity the alias belongs to.", required=True),
        C("alias", "Tên khác", "text", "The variant spelling.", required=True),
    ),
    key=("alias",),
    title="Tên gọi khác",
)

STATUS_EVENTS = Table(
    "status_events",
    "bien_dong",
    "Status history: suspensions, registration changes, paper-only assessments.",
    (
        C("entity_id", "Mã", "text", "Entity concerned.", required=True),
        C("event", "Sự kiện", "code", "Kind of event.", codes="status_events", required=True),
        C("start_date", "Từ ngày", "date", "Start (or date of a one-day event).", required=True),
        C("end_date", "Đến ngày", "date", "End of a suspension as notified."),
        C("detail", "Nội dung", "text", "What changed, or the finding."),
        C("reason", "Lý do", "text", "Reason given."),
    ),
    title="Biến động tình trạng",
)

ANNUAL = Table(
    "annual",
    "so_lieu_nam",
    "Facts per entity and year, as of the year's cutoff date.",
    (
        C("entity_id", "Mã", "text", "Entity.", required=True),
        C("year", "Năm", "int", "Year.", required=True),
        C("members", "Số thành viên", "int", "Official members.", "người"),
        C("new_members", "Thành viên mới", "int", "Members who joined in the period.", "người"),
        C("workers", "Số lao động", "int", "Regular workers.", "người"),
        C(
            "workers_members",
            "Lao động là thành viên",
            "int",
            "Regular workers who are members.",
            "người",
        ),
        C("managers", "Số cán bộ quản lý", "int", "Managers.", "người"),
        C(
            "managers_university",
            "QL cao đẳng, đại học",
            "int",
            "Managers with college or university training.",
            "người",
        ),
        C(
            "managers_vocational",
            "QL sơ cấp, trung cấp",
            "int",
            "Managers with elementary or intermediate training.",
            "người",
        ),
        C(
            "managers_untrained",
            "QL chưa qua đào tạo",
            "int",
            "Managers untrained or with short courses only.",
            "người",
        ),
        C(
            "managers_coached",
            "QL đã được bồi dưỡng",
            "int",
            "Managers who have attended a management course (bồi dưỡng), whatever their "
            "formal training: the measure of a target on managers 'được bồi dưỡng'.",
            "người",
        ),
        C(
            "revenue",
            "Doanh thu",
            "amount",
            "Revenue of the whole year; when the period ends before 31/12, the year's "
            "expected revenue, never the amount to date (it is not scaled up).",
            "triệu đồng",
        ),
        C(
            "profit",
            "Lợi nhuận",
            "amount",
            "Profit before tax of the whole year (the year's expected profit when the period "
            "ends before 31/12, never the amount to date).",
            "triệu đồng",
            signed=True,
        ),
        C(
            "member_income",
            "Thu nhập bình quân thành viên",
            "amount",
            "Average income per member over the whole year (expected, when the period ends "
            "before 31/12).",
            "triệu đồng/năm",
        ),
        C(
            "report_filed",
            "Đã nộp báo cáo",
            "bool",
            "Annual report filed with the registration office.",
        ),
        C(
            "info_updated",
            "Đã cập nhật thông tin",
            "bool",
            "The HTX updated its information for the year in the national HTX information "
            "system by 15/12 (the annual-update duty); a duty apart from the annual report.",
        ),
        C("rating", "Xếp loại", "code", "Rating under Circular 01/2020.", codes="ratings"),
        C("rating_score", "Điểm xếp loại", "amount", "Total score out of 100, when known.", "điểm"),
        C("rating_note", "Ghi chú xếp loại", "text", "Why not rated, or other remark."),
    ),
    key=("entity_id", "year"),
    required=True,
    title="Số liệu hằng năm",
)

RATING_SCORES = Table(
    "rating_scores",
    "diem_xep_loai",
    "Scores of one HTX on one rating criterion in one year (Circular 01/2020, Appendices 1-2).",
    (
        C("entity_id", "Mã", "text", "HTX scored.", required=True),
        C("year", "Năm", "int", "Year rated.", required=True),
        C("criterion", "Tiêu chí", "int", "Criterion number, 1 to 15.", required=True),
        C("self_score", "Điểm tự chấm", "amount", "Score given by the HTX board.", "điểm"),
        C(
            "checked_score",
            "Điểm thẩm định",
            "amount",
            "Score after the supervisory board's check.",
            "điểm",
        ),
    ),
    key=("entity_id", "year", "criterion"),
    title="Phiếu chấm điểm xếp loại",
)

SUPPORT = Table(
    "support",
    "ho_tro",
    "Policy support results of one programme over one span of time. A span that starts when "
    "the programme started holds the cumulative figures.",
    (
        C(
            "programme",
            "Chính sách",
            "code",
            "Support programme.",
            codes="programmes",
            required=True,
        ),
        C("period_start", "Từ ngày", "date", "Start of the span.", required=True),
        C("period_end", "Đến ngày", "date", "End of the span.", required=True),
        C(
            "cumulative",
            "Lũy kế",
            "bool",
            "Whether the span runs from the programme's start.",
            required=True,
        ),
        C("dossiers_received", "Hồ sơ tiếp nhận", "int", "Dossiers received.", "hồ sơ"),
        C("dossiers_appraised", "Hồ sơ thẩm định", "int", "Dossiers appraised.", "hồ sơ"),
        C("dossiers_eligible", "Hồ sơ đủ điều kiện", "int", "Dossiers eligible.", "hồ sơ"),
        C(
            "dossiers_not_eligible",
            "Hồ sơ không đủ điều kiện",
            "int",
            "Dossiers not eligible.",
            "hồ sơ",
        ),
        C("beneficiaries", "Đối tượng thụ hưởng", "int", "Beneficiaries supported.", "đối tượng"),
        C("loans_disbursed", "Giải ngân cho vay", "amount", "Bank loans disbursed.", "triệu đồng"),
        C("loans_outstanding", "Dư nợ", "amount", "Loans outstanding at the end.", "triệu đồng"),
        C("amount_paid", "Kinh phí hỗ trợ", "amount", "Support paid or allocated.", "triệu đồng"),
        C("legal_basis", "Căn cứ", "text", "Resolution or decision the programme rests on."),
        C("note", "Ghi chú", "text", "Remark printed with the figures."),
    ),
    key=("programme", "period_start", "period_end"),
    title="Chính sách hỗ trợ",
)

OCOP = Table(
    "ocop",
    "san_pham_ocop",
    "OCOP products rated (or planned to be rated) and their rewards.",
    (
        C("product", "Sản phẩm", "text", "Product name.", required=True),
        C("owner", "Chủ thể", "text", "Owner as the document names it.", required=True),
        C(
            "owner_type",
            "Loại chủ thể",
            "code",
            "Kind of owner.",
            codes="owner_types",
            required=True,
        ),
        C("entity_id", "Mã HTX", "text", "entity_id when the owner is an HTX of the registry."),
        C("year", "Năm", "int", "Year of the rating or reward.", required=True),
        C("stars", "Số sao", "int", "OCOP stars (3 to 5).", "sao", required=True),
        C("reward", "Tiền thưởng", "amount", "Reward paid or planned.", "triệu đồng"),
        C(
            "status",
            "Trạng thái",
            "code",
            "Awarded or planned.",
            codes="ocop_statuses",
            required=True,
        ),
        C(
            "assessment",
            "Hình thức",
            "code",
            "New rating or re-evaluation.",
            codes="ocop_assessments",
        ),
    ),
    key=("product", "year"),
    title="Sản phẩm OCOP",
)

TARGETS = Table(
    "targets",
    "chi_tieu",
    "Plan targets set by the unit for a plan year.",
    (
        C(
            "indicator",
            "Chỉ tiêu",
            "code",
            "The plan indicator, by its code or its label as the workbook's drop-down shows it.",
            codes="indicators",
            required=True,
        ),
        C("plan_year", "Năm kế hoạch", "int", "Year the target is for.", required=True),
        C("low", "Mức thấp", "amount", "Lower bound (or the single value)."),
        C("high", "Mức cao", "amount", "Upper bound; empty for 'at least'."),
        C("unit", "Đơn vị tính", "text", "Unit of the target."),
        C("source", "Nguồn", "text", "Document that set the target."),
        C(
            "label",
            "Cách ghi trong văn bản",
            "text",
            "How the unit's documents word this target, e.g. 'Thu nhập bình quân các HTX' for "
            "avg_htx_income; the plan restates the target in these words (default: the "
            "indicator's label).",
        ),
    ),
    key=("indicator", "plan_year"),
    title="Chỉ tiêu kế hoạch",
)

PERIOD_TARGETS = Table(
    "period_targets",
    "chi_tieu_giai_doan",
    "Targets of the unit's five-year plan (2021-2025, 2026-2030) for the period's end: the "
    "annual plan says where the unit stands against them.",
    (
        C(
            "indicator",
            "Chỉ tiêu",
            "code",
            "What the target counts, by its code or its label.",
            codes="period_indicators",
            required=True,
        ),
        C("period_start", "Từ năm", "int", "First year of the period, e.g. 2026.", required=True),
        C("period_end", "Đến năm", "int", "Last year of the period, e.g. 2030.", required=True),
        C(
            "value",
            "Chỉ tiêu đến cuối giai đoạn",
            "amount",
            "Target for the period's end.",
            required=True,
        ),  # fmt: skip
        C("unit", "Đơn vị tính", "text", "Unit of the target."),
        C(
            "source",
            "Văn bản giao chỉ tiêu",
            "text",
            "The decision or plan that set it, e.g. 'Kế hoạch số 12/KH-UBND ngày 15/3/2026'.",
        ),
    ),
    key=("indicator", "period_start"),
    title="Chỉ tiêu kế hoạch giai đoạn",
)

REPORTED_FIGURES = Table(
    "reported_figures",
    "so_lieu_cong_bo",
    "Figures as a document states them, checked against the figures computed from the rows "
    "and against each other (parts against their whole, shares against their counts, "
    "percentages of plan against the plan). indicator is one of the names listed under "
    "'Stated figures' below.",
    (
        C("indicator", "Chỉ tiêu", "text", "What the figure measures.", required=True),
        C("year", "Năm", "int", "Year of the figure.", required=True),
        C(
            "value",
            "Giá trị",
            "amount",
            "The figure as stated; for a range ('4 - 5 triệu đồng'), its lower end.",
            required=True,
        ),
        C(
            "value_high",
            "Giá trị đến",
            "amount",
            "Upper end of a figure stated as a range; empty for a single value.",
        ),
        C(
            "kind",
            "Loại số liệu",
            "code",
            "actual (default), estimate (the document's year-end estimate, used in the "
            "report), plan, or achievement (percent of plan).",
            codes="figure_kinds",
        ),
        C(
            "qualifier",
            "Mức độ",
            "code",
            "exact (default), about ('khoảng', 'gần'), at_least ('hơn', 'trên'), at_most ('dưới').",
            codes="qualifiers",
        ),
        C(
            "decimals",
            "Số chữ số thập phân",
            "int",
            "Decimals the document gives (default: those of the value); the check rounds to them.",
        ),
        C(
            "base",
            "Tính trên",
            "code",
            "For a share: the whole it is taken of, all HTX (default), operating, rated or "
            "agricultural HTX.",
            codes="share_bases",
        ),
        C(
            "as_of",
            "Đến ngày",
            "date",
            "For a figure dated inside the year (revenue to 30/09): the date it runs to. It is "
            "said with its date and never compared with a figure of the whole year.",
        ),
        C(
            "body",
            "Cơ quan công bố",
            "text",
            "For a figure of another body (the provincial Cooperative Alliance's members): its "
            "name. The figure is said with it and never checked against the unit's rows.",
        ),
        C(
            "source",
            "Nguồn",
            "text",
            "Document and section stating it. Two sources may state one figure differently: "
            "both rows are kept, both are said with their source, and the difference is flagged.",
        ),
    ),
    key=("indicator", "year", "kind", "as_of", "body", "source"),
    title="Số liệu công bố",
)

PROVENANCE = Table(
    "provenance",
    "nguon_goc",
    "Provenance of values that were not published as such. Values not listed are published. "
    "record '*' covers every row of the table; record 'sum' covers totals computed from the field.",
    (
        C("table", "Bảng", "text", "Table name.", required=True),
        C(
            "record",
            "Bản ghi",
            "text",
            "Row key (entity_id, programme, product), '*' or 'sum'.",
            required=True,
        ),
        C("field", "Trường", "text", "Column name.", required=True),
        C("year", "Năm", "int", "Year the row applies to (annual facts); empty: every year."),
        C(
            "status",
            "Nguồn gốc",
            "code",
            "How the value was obtained.",
            codes="provenance",
            required=True,
        ),
        C("note", "Ghi chú", "text", "How it was rebuilt or estimated, and from what."),
    ),
    key=("table", "record", "field", "year"),
    title="Nguồn gốc số liệu",
)

DOCUMENT = Table(
    "document",
    "van_ban",
    "The plan document of an assessed year as issued (Decree 30/2020/NĐ-CP layout). Every "
    "field is optional: one not given stays a visible blank in the document.",
    (
        C("year", "Năm", "int", "Assessed year (as in periods).", required=True),
        C("number", "Số", "text", "Number of the document, e.g. '125'."),
        C("symbol", "Ký hiệu", "text", "Symbol after the number, e.g. 'KH-UBND'."),
        C("place", "Địa danh", "text", "Place in the date line (default: the unit's name)."),
        C("issued_on", "Ngày ban hành", "date", "Date of issue."),
        C("signer_authority", "Thẩm quyền ký", "text", "e.g. 'TM. ỦY BAN NHÂN DÂN'."),
        C("signer_capacity", "Hình thức ký", "text", "e.g. 'KT. CHỦ TỊCH'; empty if none."),
        C("signer_title", "Chức vụ người ký", "text", "e.g. 'PHÓ CHỦ TỊCH'."),
        C("signer_name", "Họ tên người ký", "text", "Full name of the signer."),
    ),
    key=("year",),
    title="Thông tin văn bản",
)

DOCUMENT_REFERENCES = Table(
    "document_references",
    "can_cu",
    "Documents the plan implements, cited in its opening sentence in file order.",
    (
        C("year", "Năm", "int", "Assessed year (as in periods).", required=True),
        C(
            "doc_type",
            "Loại văn bản",
            "text",
            "e.g. 'Công văn', 'Kế hoạch', 'Nghị quyết'.",
            required=True,
        ),
        C("number", "Số, ký hiệu", "text", "e.g. '1811/SKHĐT-ĐKKD'."),
        C("issued_on", "Ngày ban hành", "date", "Date of issue."),
        C("issuer", "Cơ quan ban hành", "text", "Body that issued it."),
        C("title", "Trích yếu", "text", "What it is about, e.g. 'về việc xây dựng kế hoạch ...'."),
    ),
    title="Văn bản được thực hiện",
)

RECIPIENTS = Table(
    "recipients",
    "noi_nhan",
    "Recipients listed under 'Nơi nhận:', in file order (the archive line included).",
    (
        C("year", "Năm", "int", "Assessed year (as in periods).", required=True),
        C(
            "recipient",
            "Nơi nhận",
            "text",
            "One line, e.g. 'Sở Tài chính tỉnh (b/c)'.",
            required=True,
        ),
    ),
    title="Nơi nhận",
)

TASKS = Table(
    "tasks",
    "phan_cong",
    "Part II.III of the plan (Tổ chức thực hiện): the tasks given to each agency, one row per "
    "task, in file order. Agencies appear in the order of their first task. Without rows for "
    "the year, the document shows the analyst text texts/<year>/implementation.md instead.",
    (
        C("year", "Năm", "int", "Assessed year (as in periods).", required=True),
        C(
            "agency",
            "Cơ quan, đơn vị",
            "text",
            "The agency given the task, e.g. 'Phòng Kinh tế'.",
            required=True,
        ),
        C("task", "Nhiệm vụ", "text", "One task, as a sentence.", required=True),
    ),
    title="Phân công tổ chức thực hiện",
)

TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        UNIT,
        PERIODS,
        ENTITIES,
        ALIASES,
        STATUS_EVENTS,
        ANNUAL,
        RATING_SCORES,
        SUPPORT,
        OCOP,
        TARGETS,
        PERIOD_TARGETS,
        REPORTED_FIGURES,
        PROVENANCE,
        DOCUMENT,
        DOCUMENT_REFERENCES,
        RECIPIENTS,
        TASKS,
    )
}
