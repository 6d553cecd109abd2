"""What each year records: facts per entity, rating scores, policy support, OCOP."""

from __future__ import annotations

from htxlib.data.codebook.columns import C, Table

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
