"""Targets, figures as documents state them, and where values came from."""

from __future__ import annotations

from htxlib.data.codebook.columns import C, Table

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
        C(
            "low",
            "Mức thấp",
            "amount",
            "Lower bound: 'at least' ('từ … trở lên') when high is empty; a single value is "
            "typed in both.",
        ),
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
            "verdict",
            "Đánh giá so với kế hoạch",
            "code",
            "The document's own verdict of the figure against its plan ('36 HTX, vượt kế "
            "hoạch đề ra'), said as the unit stated it, even with no plan figure given; a "
            "target the unit adopted (targets) gives the verdict instead.",
            codes="verdicts",
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
