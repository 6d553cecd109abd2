"""What the tests expect of the Văn Quan unit, stated once for every test that reads it.

``SEED_PHRASES`` are the seed document's own words and figures; ``van_quan_history`` counts
the unit's yearly figures from its files with the csv module alone, so that a test can
derive what the toolkit estimates from them without using the toolkit.
"""

from __future__ import annotations

import csv
from datetime import date

from .conftest import VAN_QUAN

#: Every Part I and Part II figure of the seed document, by the section that states it.
SEED_PHRASES: dict[str, tuple[str, ...]] = {
    "i-1-a": (
        # the 2024 targets of the sample are illustrative: no verdict is printed against them
        "có 36 HTX đã đăng ký và chưa giải thể, vượt kế hoạch đề ra.",
        "có 03 HTX được thành lập mới",
        "HTX sản xuất Nông nghiệp và Thương mại Phúc An",
        "HTX Đại Quân",
        "HTX Xây dựng và Thương mại Hoàng Gia",
        "chưa phát sinh HTX giải thể",
        "Nông - Lâm - Ngư nghiệp: 33 HTX",
        "lĩnh vực nông nghiệp có 33 HTX, các lĩnh vực phi nông nghiệp có 03 HTX, gồm:",
        "HTX tạm ngừng hoạt động: 01 HTX",
        "HTX Liên Minh Phát: tạm ngừng từ ngày 01/4/2024 đến ngày 31/5/2025",
        "04 HTX, gồm HTX Thương mại Công bằng Văn Quan",
        "HTX Yên Thành (Yên Phúc)",
        "HTX Nông - Lâm sản Quang Huy (Tràng Phái)",
        "HTX Nông - Lâm nghiệp Thảo Nguyên (Tràng Phái)",
        "có 04 HTX thay đổi nội dung đăng ký",
        "HTX Đức Thắng Lạng Sơn",
        "HTX Hà Phát - Khánh Khê",
        "HTX Trân Quý",
        "HTX Nông sản sạch Lạng Sơn",
        "chưa có liên hiệp hợp tác xã",
        "có 25 THT với 148 thành viên",
        "Tổ hợp tác dùng nước: 25 tổ, 148 thành viên",
    ),
    "i-1-b": (
        "386 thành viên",
        "35 thành viên mới",
        "386 người, đều là thành viên HTX",  # not "386 người, trong đó 386 người"
    ),
    "i-1-c": (
        "134 cán bộ quản lý",
        "Cao đẳng, đại học trở lên 25",
        "Sơ cấp, trung cấp 10",
        "Chưa qua đào tạo hoặc chỉ bồi dưỡng ngắn ngày 99",
    ),
    "i-2": (
        "33 HTX hoạt động trong lĩnh vực này, với tổng vốn đăng ký 81.233 triệu đồng",
        # one sentence per sector, not the same sentence three times
        "Lĩnh vực này có 01 HTX là HTX du lịch Hữu Lễ - Hữu Liên, với vốn đăng ký 5.500 triệu đồng",
        "4.450 triệu đồng",
    ),
    "i-2-d": (
        "HTX xếp loại tốt: 04 HTX (HTX Văn Quan Xanh",
        "chiếm 11,11%",
        "HTX xếp loại khá: 06 HTX",
        "chiếm 16,67%",
        "HTX xếp loại trung bình: 03 HTX",
        "chiếm 8,33%",
        "HTX xếp loại yếu: 14 HTX",
        "chiếm 38,89%",
        # HTX that share a reason are grouped under it once
        "HTX không đánh giá, xếp loại: 09 HTX (HTX Liên Minh Phát: đang tạm ngừng hoạt động; ",
        # the seed gives no reason for these five: they are named, not grouped under one
        "; HTX tổng hợp Tiến Đạt Điềm He, HTX dịch vụ tổng hợp An Sơn",
        "chiếm 25%",
        "HTX Rau sạch an toàn Phai Xã",
        "HTX Quản lý chợ Diềm He",
        "03 HTX thành lập mới năm 2024: HTX sản xuất Nông nghiệp và Thương mại Phúc An",
        # the toolkit's own reading of why, beside the unit's reasons: the review copy's
        "HTX thành lập và hoạt động chưa đủ 12 tháng tính đến thời điểm đánh giá: 03 HTX",
    ),
    "ii-3": (
        "tiếp nhận 07 hồ sơ; thẩm định 07 hồ sơ; 05 hồ sơ đủ điều kiện; "
        "02 hồ sơ không đủ điều kiện",
        "Lũy kế từ khi ban hành Nghị quyết số 08/2019/NQ-HĐND đến ngày 30/6/2024: đã hỗ trợ "
        "74 đối tượng",
        "giải ngân cho vay 36.530 triệu đồng",
        "dư nợ hiện tại 35.924 triệu đồng",
        "3.327,272 triệu đồng",
        "280 triệu đồng",
        "38,74 triệu đồng",
        "hỗ trợ 03 trí thức trẻ; kinh phí hỗ trợ 82,89 triệu đồng",
        "396,03 triệu đồng",
        "Năm 2022: thưởng 02 sản phẩm đạt 03 sao",
        "Trám đen Đồng Giáp của hộ kinh doanh Tôn Văn Trường",
        "Kinh phí thưởng: 10 triệu đồng",
        "Năm 2023: thưởng 10 sản phẩm đạt 03 sao",
        "Kinh phí thưởng: 50 triệu đồng",
        "dự kiến thưởng 05 sản phẩm, gồm 04 sản phẩm đạt 03 sao và 01 sản phẩm đạt 04 sao",
        "Tinh dầu hồi Văn Quan của hộ kinh doanh Nông Văn Tú (04 sao, đánh giá lại)",
        "Tổng kinh phí thưởng dự kiến: 30 triệu đồng",
    ),
    "ii-4": (
        # at 30/6/2024 the 2012 Law is in force; the 2023 Law's rules are not applied
        "thuộc diện xem xét giải thể: 04 trường hợp (HTX Nông - Lâm nghiệp Thảo Nguyên, "
        "HTX Nông - Lâm sản Quang Huy, HTX Thương mại Công bằng Văn Quan và HTX Yên Thành)",
        # the plan is cited by the law in force after the cutoff (no date of issue given)
        "Căn cứ: Luật Hợp tác xã số 17/2023/QH15",
        # the rules of the 2023 Law are not applied to 30/6/2024; in 2025 they concern one HTX
        "quy định có hiệu lực từ ngày 01/7/2024 chưa áp dụng trong kỳ đánh giá",
        "HTX Liên Minh Phát",
    ),
    "p2-targets": (
        # in the words of the plan that set them (targets.csv, column label)
        "Số HTX thành lập mới: từ 01 đến 03 HTX",
        "Số HTX hoạt động có hiệu quả theo Luật Hợp tác xã năm 2023: từ 03 HTX trở lên",
        "HTX chỉ tồn tại trên danh nghĩa: không còn",
        "Tỷ lệ cán bộ quản lý HTX được bồi dưỡng kiến thức quản lý: 100%",
        "Thu nhập bình quân các HTX: 500 triệu đồng/năm",
        "Thu nhập bình quân của thành viên HTX: từ 30 đến 48 triệu đồng/năm",
    ),
}

#: Phrases of ``SEED_PHRASES`` that only the review copy states: a target the toolkit proposes
#: and the unit has not adopted is a blank ("…") in the signing copy, for the office to fill.
REVIEW_ONLY: dict[str, tuple[str, ...]] = {
    "p2-targets": ("HTX Liên Minh Phát",),
    "i-2-d": ("HTX thành lập và hoạt động chưa đủ 12 tháng tính đến thời điểm đánh giá: 03 HTX",),
}


def van_quan_history() -> dict[int, dict[str, float]]:
    """Each year's HTX figures counted from Văn Quan's files with the csv module alone.

    An HTX counts in a year when it was founded by the year's cutoff and not dissolved by it;
    revenue is averaged over the HTX that give it, member income weighted by members, and the
    trained share is the managers less the untrained, over the managers.
    """

    def table(name):
        with (VAN_QUAN / f"{name}.csv").open(encoding="utf-8-sig") as handle:
            return list(csv.DictReader(handle))

    kinds = {e["entity_id"]: e for e in table("entities")}
    cutoffs = {int(p["year"]): date.fromisoformat(p["cutoff_date"]) for p in table("periods")}
    history = {}
    for year, cutoff in cutoffs.items():
        rows = [
            r
            for r in table("annual")
            if int(r["year"]) == year
            and (e := kinds[r["entity_id"]])["kind"] == "HTX"
            and date.fromisoformat(e["founded_on"]) <= cutoff
            and not (e["dissolved_on"] and date.fromisoformat(e["dissolved_on"]) <= cutoff)
        ]
        revenue = [float(r["revenue"]) for r in rows if r["revenue"]]
        income = [
            (float(r["member_income"]), int(r["members"])) for r in rows if r["member_income"]
        ]
        managers = sum(int(r["managers"]) for r in rows)
        untrained = sum(int(r["managers_untrained"]) for r in rows)
        history[year] = {
            "total_htx": len(rows),
            "avg_htx_income": sum(revenue) / len(revenue),
            "member_income": sum(i * m for i, m in income) / sum(m for _, m in income),
            "managers_trained_share": 100 * (managers - untrained) / managers,
            "managers_untrained": untrained,
            "effective_htx": sum(r["rating"] in ("tot", "kha") for r in rows),
        }
    return history
