"""Code lists: the allowed values of coded columns, with their Vietnamese labels.

Every coded column in the codebook points at one of these lists. The labels are
what a report prints; the codes are what the data files hold.
"""

from __future__ import annotations

KINDS: dict[str, str] = {
    "HTX": "Hợp tác xã",
    "LHHTX": "Liên hiệp hợp tác xã",
    "THT": "Tổ hợp tác",
}

#: Unit levels. The district levels (``huyen``, ``thi_xa``, ``quan``, ``thanh_pho``) and the
#: ``thi_tran`` only for historical data: districts and townships were abolished on 01/07/2025.
LEVELS: dict[str, str] = {
    "tinh": "tỉnh",
    "thanh_pho_tw": "thành phố trực thuộc trung ương",
    "xa": "xã",
    "phuong": "phường",
    "dac_khu": "đặc khu",
    "thi_tran": "thị trấn",
    "huyen": "huyện",
    "thi_xa": "thị xã",
    "quan": "quận",
    "thanh_pho": "thành phố thuộc tỉnh",
}
#: The tiers of the levels, as documents name a group of units ("đơn vị cấp xã").
LEVEL_TIERS: dict[str, str] = {
    "tinh": "tỉnh",
    "thanh_pho_tw": "tỉnh",
    "huyen": "huyện",
    "thi_xa": "huyện",
    "quan": "huyện",
    "thanh_pho": "huyện",
    "xa": "xã",
    "phuong": "xã",
    "dac_khu": "xã",
    "thi_tran": "xã",
}
#: Levels with no local government above them.
TOP_LEVELS = frozenset({"tinh", "thanh_pho_tw"})

#: Sector groups used by national statistics for HTX (Circular 01/2020 Art. 6).
SECTORS: dict[str, str] = {
    "nong_nghiep": "Nông - Lâm - Ngư nghiệp",
    "cong_nghiep": "Công nghiệp - Tiểu thủ công nghiệp",
    "xay_dung": "Xây dựng",
    "van_tai": "Vận tải",
    "thuong_mai": "Thương mại - Du lịch - Dịch vụ",
    "tin_dung": "Quỹ tín dụng nhân dân",
    "moi_truong": "Môi trường, quản lý chợ",
    "khac": "Khác",
}

#: How a report names the HTX whose sector the registry does not give: a group, never a sector.
UNKNOWN_SECTOR = "Chưa rõ lĩnh vực"

#: Subtotals documents state over several sector groups, with the sectors they add up.
SECTOR_GROUPS: dict[str, tuple[str, tuple[str, ...]]] = {
    "phi_nong_nghiep": ("Phi nông nghiệp", tuple(s for s in SECTORS if s != "nong_nghiep")),
    # documents that leave the people's credit funds apart define the group their way, and
    # the label says so wherever the figure is printed
    "phi_nong_nghiep_tru_tin_dung": (
        "Phi nông nghiệp (không kể quỹ tín dụng nhân dân)",
        tuple(s for s in SECTORS if s not in ("nong_nghiep", "tin_dung")),
    ),
}

#: Kinds of farming agricultural HTX are counted by in documents ("HTX trồng trọt").
AGRI_KINDS: dict[str, str] = {
    "trong_trot": "trồng trọt",
    "chan_nuoi": "chăn nuôi",
    "thuy_san": "thủy sản",
    "lam_nghiep": "lâm nghiệp",
    "diem_nghiep": "diêm nghiệp",
    "tong_hop": "nông nghiệp tổng hợp",
    "dich_vu": "dịch vụ nông nghiệp",
}

#: What a cooperative group (THT) is formed for.
THT_PURPOSES: dict[str, str] = {
    "trong_trot": "Tổ hợp tác trồng trọt",
    "chan_nuoi": "Tổ hợp tác chăn nuôi",
    "thuy_san": "Tổ hợp tác thủy sản",
    "lam_nghiep": "Tổ hợp tác lâm nghiệp",
    "dung_nuoc": "Tổ hợp tác dùng nước",
    "san_xuat": "Tổ hợp tác sản xuất",
    "dich_vu": "Tổ hợp tác dịch vụ",
    # a document that says only "nông nghiệp" (crops, livestock, fisheries or forestry)
    "nong_nghiep": "Tổ hợp tác nông nghiệp",
    "khac": "Tổ hợp tác khác",
}

#: What a report covers: every HTX of the unit, or only the HTX of one sector, named by that
#: sector's code (agricultural HTX only: ``nong_nghiep``).
SCOPES: dict[str, str] = {
    "all": "tất cả HTX",
    "nong_nghiep": "HTX nông nghiệp",
}

#: The plan indicators a target may be set for, with the label documents use (the workbook's
#: drop-down shows the labels; a target is accepted by its code or its label).
PLAN_INDICATORS: dict[str, str] = {
    "total_htx": "Tổng số HTX",
    "new_htx": "HTX thành lập mới",
    "effective_htx": "HTX hoạt động hiệu quả (xếp loại tốt, khá)",
    "paper_only_htx": "HTX chỉ tồn tại trên danh nghĩa",
    "htx_to_dissolve": "HTX cần giải thể (chỉ tồn tại trên danh nghĩa hoặc tạm ngừng quá thời hạn)",
    "managers_trained_share": "Tỷ lệ cán bộ quản lý HTX đã qua đào tạo",
    "managers_untrained": "Cán bộ quản lý HTX chưa qua đào tạo",
    "managers_coached_share": "Tỷ lệ cán bộ quản lý HTX được bồi dưỡng kiến thức quản lý",
    "avg_htx_income": "Doanh thu bình quân một HTX",
    "member_income": "Thu nhập bình quân của thành viên HTX",
    "members": "Thành viên HTX",
    "new_members": "Thành viên mới",
}

#: What a period plan (2021-2025, 2026-2030) sets a target for: a count or number at the
#: period's end, for HTX, THT and LH HTX alike.
PERIOD_INDICATORS: dict[str, str] = {
    "total_htx": "Tổng số HTX",
    "total_tht": "Tổng số THT",
    "total_unions": "Tổng số LH HTX",
    "members": "Thành viên HTX",
}

#: How much of the unit's HTX its registry holds: all of them (default), or a part, which the
#: report then never calls the whole.
COVERAGES: dict[str, str] = {
    "all": "toàn bộ HTX trên địa bàn",
    "new": "các HTX thành lập trong kỳ",
    "partial": "một phần HTX trên địa bàn",
}

#: How a document states a figure: exactly, roughly ("khoảng", "gần"), as a lower bound
#: ("hơn", "trên", "ít nhất") or as an upper bound ("dưới", "không quá").
QUALIFIERS: dict[str, str] = {
    "exact": "chính xác",
    "about": "khoảng",
    "at_least": "từ ... trở lên",
    "at_most": "không quá",
}

#: The whole a stated share is taken of: all HTX (default), or part of them ("trong số 171 HTX
#: đang hoạt động có 62 HTX khá, giỏi, chiếm 36,3%").
SHARE_BASES: dict[str, str] = {
    "all": "tổng số HTX",
    "operating": "số HTX đang hoạt động",
    "rated": "số HTX được đánh giá, xếp loại",
    "nong_nghiep": "số HTX nông nghiệp",
}

#: What a stated figure is: the value reached, the year-end estimate, the plan, or the
#: percentage of the plan achieved ("đạt ...% kế hoạch").
FIGURE_KINDS: dict[str, str] = {
    "actual": "số thực hiện",
    "estimate": "ước thực hiện cả năm",
    "plan": "kế hoạch",
    "achievement": "tỷ lệ hoàn thành kế hoạch",
}

#: A document's own verdict of a figure against its plan, as the report says it.
VERDICTS: dict[str, str] = {
    "vuot": "vượt kế hoạch đề ra",
    "dat": "đạt kế hoạch đề ra",
    "chua_dat": "chưa đạt kế hoạch đề ra",
}

#: Ratings under Circular 01/2020/TT-BKHĐT, in report order.
RATINGS: dict[str, str] = {
    "tot": "tốt",
    "kha": "khá",
    "trung_binh": "trung bình",
    "yeu": "yếu",
    "khong_xep_loai": "không xếp loại",
}

#: Managers' training levels, in report order.
TRAINING_LEVELS: dict[str, str] = {
    "managers_university": "cao đẳng, đại học trở lên",
    "managers_vocational": "sơ cấp, trung cấp",
    "managers_untrained": "chưa qua đào tạo hoặc chỉ bồi dưỡng ngắn ngày",
}

#: Statuses of an HTX at a date, as a count of several of them is stated ("status_count:...").
STATUSES: dict[str, str] = {
    "operating": "đang hoạt động",
    "suspended": "tạm ngừng hoạt động",
    "paper_only": "chỉ tồn tại trên danh nghĩa",
    "dissolving": "đang làm thủ tục giải thể",
}

STATUS_EVENTS: dict[str, str] = {
    "suspension": "tạm ngừng hoạt động",
    "registration_change": "thay đổi nội dung đăng ký",
    "paper_only": "chỉ tồn tại trên danh nghĩa",
    "dissolving": "đang làm thủ tục giải thể",
    "reorganised": "tổ chức lại, đăng ký lại theo Luật Hợp tác xã năm 2012",
    # the HTX moved its seat to another unit, which lists it from then on: this unit no
    # longer counts it, and a parent holding both rows counts it once
    "moved_out": "chuyển trụ sở sang địa bàn khác",
}

PROGRAMMES: dict[str, str] = {
    "interest_subsidy": "Hỗ trợ lãi suất tín dụng",
    "new_htx": "Hỗ trợ thành lập mới hợp tác xã",
    "brand_market": "Hỗ trợ phát triển thương hiệu, mở rộng thị trường",
    "ocop_reward": "Hỗ trợ thưởng sản phẩm OCOP",
    "linkage": "Hỗ trợ liên kết tiêu thụ sản phẩm",
    "infrastructure": "Hỗ trợ đầu tư kết cấu hạ tầng",
    "young_graduates": "Hỗ trợ trí thức trẻ về làm việc tại hợp tác xã",
}

#: What a programme's beneficiaries are called in a sentence.
PROGRAMME_BENEFICIARIES: dict[str, str] = {
    "interest_subsidy": "đối tượng",
    "new_htx": "HTX",
    "brand_market": "đối tượng",
    "ocop_reward": "sản phẩm",
    "linkage": "đối tượng",
    "infrastructure": "dự án",
    "young_graduates": "trí thức trẻ",
}

OWNER_TYPES: dict[str, str] = {
    "htx": "HTX",
    "ho_kinh_doanh": "hộ kinh doanh",
    "cong_ty": "công ty",
    "khac": "khác",
}

OCOP_STATUSES: dict[str, str] = {
    "awarded": "đã thưởng",
    "planned": "dự kiến",
}

OCOP_ASSESSMENTS: dict[str, str] = {
    "new": "đánh giá mới",
    "re_evaluated": "đánh giá lại",
}

#: Size classes (Circular 01/2020 Art. 4-5; Decree 113/2024).
SIZES: dict[str, str] = {
    "sieu_nho": "siêu nhỏ",
    "nho": "nhỏ",
    "vua": "vừa",
    "lon": "lớn",
}

#: Rating criteria numbers (Circular 01/2020/TT-BKHĐT, Appendix 1).
CRITERIA: dict[str, str] = {str(i): f"Tiêu chí {i}" for i in range(1, 16)}

#: Provenance of a value, from strongest to weakest.
PROVENANCE: dict[str, str] = {
    "published": "số liệu công bố",
    "rebuilt": "số liệu dựng lại",
    "estimated": "số liệu ước tính",
}

CODE_LISTS: dict[str, dict[str, str]] = {
    "kinds": KINDS,
    "levels": LEVELS,
    "sectors": SECTORS,
    "tht_purposes": THT_PURPOSES,
    "ratings": RATINGS,
    "status_events": STATUS_EVENTS,
    "programmes": PROGRAMMES,
    "owner_types": OWNER_TYPES,
    "ocop_statuses": OCOP_STATUSES,
    "ocop_assessments": OCOP_ASSESSMENTS,
    "provenance": PROVENANCE,
    "sizes": SIZES,
    "scopes": SCOPES,
    "qualifiers": QUALIFIERS,
    "figure_kinds": FIGURE_KINDS,
    "verdicts": VERDICTS,
    "share_bases": SHARE_BASES,
    "coverages": COVERAGES,
    "indicators": PLAN_INDICATORS,
    "period_indicators": PERIOD_INDICATORS,
}
