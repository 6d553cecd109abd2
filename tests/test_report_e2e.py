"""End to end: `htx report` writes a self-contained HTML report stating every Part I figure.

The report is built once per module (it starts a kernel) into a temporary folder.
"""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from htxlib.cli import main
from htxlib.report.publish import page_meta

from .conftest import VAN_QUAN


def build(data, year, out, capsys) -> str:
    assert main(["report", "--data", str(data), "--year", str(year), "--out", str(out)]) == 0
    printed = capsys.readouterr().out.strip()
    return printed


@pytest.fixture(scope="module")
def vq_report(tmp_path_factory):
    out = tmp_path_factory.mktemp("reports")
    assert main(["report", "--data", str(VAN_QUAN), "--year", "2024", "--out", str(out)]) == 0
    html = (out / "van-quan" / "2024" / "report.html").read_text(encoding="utf-8")
    return out, html


def section_text(html: str, section_id: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    node = soup.find(id=section_id)
    assert node is not None, f"no section {section_id}"
    return " ".join(node.get_text(" ").split())


def assert_states(text: str, *phrases: str):
    missing = [p for p in phrases if p not in text]
    assert not missing, f"missing {missing} in: {text[:3000]}"


def test_report_files(vq_report):
    out, _ = vq_report
    folder = out / "van-quan" / "2024"
    run = page_meta(folder / "report.html")["run"]
    assert {p.name for p in (folder / "runs" / run).iterdir()} == {
        "assessment.ipynb",
        "targets.ipynb",
    }
    assert {p.name for p in folder.iterdir()} == {"report.html", "runs"}
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="van-quan/2024/report.html"' in index and "Văn Quan" in index


def test_i_1_a_htx_counts(vq_report):
    text = section_text(vq_report[1], "i-1-a")
    assert_states(
        text,
        "có 36 HTX đã đăng ký và chưa giải thể, vượt kế hoạch đề ra",
        "có 03 HTX được thành lập mới",
        "HTX sản xuất Nông nghiệp và Thương mại Phúc An",
        "HTX Đại Quân",
        "HTX Xây dựng và Thương mại Hoàng Gia",
        "chưa phát sinh HTX giải thể",
        "Nông - Lâm - Ngư nghiệp: 33 HTX",
        "các lĩnh vực phi nông nghiệp có 03 HTX",
        "HTX tạm ngừng hoạt động: 01 HTX",
        "HTX Liên Minh Phát: tạm ngừng từ ngày 01/04/2024 đến ngày 31/05/2025",
        "04 HTX: HTX Thương mại Công bằng Văn Quan",
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
    )


def test_i_1_b_members_workers(vq_report):
    text = section_text(vq_report[1], "i-1-b")
    assert_states(
        text, "386 thành viên", "35 thành viên mới", "386 người, trong đó 386 người là thành viên"
    )


def test_i_1_c_managers(vq_report):
    text = section_text(vq_report[1], "i-1-c")
    assert_states(
        text, "134 cán bộ quản lý", "Cao đẳng, đại học trở lên 25", "Sơ cấp, trung cấp 10", "99"
    )


def test_i_2_capital_by_sector(vq_report):
    text = section_text(vq_report[1], "i-2")
    assert_states(
        text,
        "33 HTX hoạt động trong lĩnh vực này, với tổng vốn đăng ký 81.233 triệu đồng",
        "01 HTX hoạt động trong lĩnh vực này (HTX du lịch Hữu Lễ - Hữu Liên), "
        "với tổng vốn đăng ký 5.500 triệu đồng",
        "4.450 triệu đồng",
    )


def test_i_2_d_ratings(vq_report):
    text = section_text(vq_report[1], "i-2-d")
    assert_states(
        text,
        "HTX xếp loại tốt: 04 HTX (HTX Văn Quan Xanh",
        "chiếm 11,11%",
        "HTX xếp loại khá: 06 HTX",
        "chiếm 16,67%",
        "HTX xếp loại trung bình: 03 HTX",
        "chiếm 8,33%",
        "HTX xếp loại yếu: 14 HTX",
        "chiếm 38,89%",
        "HTX không đánh giá, xếp loại: 09 HTX (HTX Liên Minh Phát",
        "chiếm 25%",
        "HTX Rau sạch an toàn Phai Xã",
        "HTX Quản lý chợ Diềm He",
    )


def test_ii_3_support(vq_report):
    text = section_text(vq_report[1], "ii-3")
    assert_states(
        text,
        "tiếp nhận 07 hồ sơ; thẩm định 07 hồ sơ; 05 hồ sơ đủ điều kiện; "
        "02 hồ sơ không đủ điều kiện",
        "Lũy kế từ ngày 10/12/2019 đến ngày 30/06/2024: đã hỗ trợ 74 đối tượng",
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
    )
    assert (
        text.count("chưa có tổ chức, cá nhân đề nghị hỗ trợ") == 3
    )  # brand, linkage, infrastructure


def test_analyst_texts_are_slotted(vq_report):
    assert "tương trợ" in section_text(vq_report[1], "i-3")
    assert "Chưa có nội dung" not in vq_report[1]


def test_appendix(vq_report):
    html = vq_report[1]
    assert_states(section_text(html, "appendix-sources"), "entities.csv", "annual.csv")
    assert_states(section_text(html, "appendix-provenance"), "số liệu ước tính", "charter_capital")
    checks = section_text(html, "appendix-checks")
    assert "KHÔNG ĐẠT" not in checks
    assert_states(checks, "Tỷ lệ xếp loại cộng lại bằng 100% tổng 100%", "36 = 36", "134 = 134")


def test_flagged_figure_marked_where_it_appears(vq_report):
    # which HTX filed a report is estimated: the count carries the mark in I.1.a
    assert re.search(r'13<sup class="prov prov-estimated"', vq_report[1])


def test_self_contained_offline(vq_report):
    html = vq_report[1]
    assert "<script" not in html
    assert not re.search(r"<link[^>]+href=", html)
    assert not re.search(r'(src|href)="(https?:)?//', html)
    assert "url(http" not in html
    assert html.count('src="data:image/png;base64,') == 4


def test_no_code_in_report(vq_report):
    html = vq_report[1]
    assert "load_unit" not in html and "show_section" not in html
    assert "jp-InputArea" not in html and "injected-parameters" not in html


def test_report_for_second_unit(small_unit, tmp_path, capsys):
    out = tmp_path / "reports"
    printed = build(small_unit, 2025, out, capsys)
    assert printed.endswith("tan-lap/2025/report.html")
    html = (out / "tan-lap" / "2025" / "report.html").read_text(encoding="utf-8")
    assert_states(
        section_text(html, "i-1-a"),
        "trên địa bàn xã Tân Lập có 04 HTX",
        "trong năm 2025 có 01 HTX được thành lập mới (HTX Epsilon)",
        "có 01 HTX giải thể (HTX Delta)",
        "HTX Beta: tạm ngừng từ ngày 01/09/2025 đến ngày 28/02/2026",
        "có 01 LH HTX với 03 HTX thành viên",
        "có 02 THT với 15 thành viên",
    )
    assert_states(
        section_text(html, "i-1-b"), "88 thành viên", "16 thành viên mới", "62 người", "47 người"
    )
    assert_states(
        section_text(html, "i-2-d"),
        "HTX xếp loại tốt: 01 HTX (HTX Alpha), chiếm 25%",
        "HTX xếp loại khá: không có",
    )
    assert_states(
        section_text(html, "ii-3"),
        "tiếp nhận 05 hồ sơ",
        "kinh phí hỗ trợ 19,75 triệu đồng",
        "101,75 triệu đồng",
    )
    assert "huyện" not in html
    assert "Chưa có nội dung" in section_text(html, "i-3")  # no analyst texts for this unit


def test_part_ii_plan_versus_actual(vq_report):
    text = section_text(vq_report[1], "p2-results")
    assert_states(
        text,
        "Tổng số HTX: 36 HTX đến ngày 30/06/2024, ước thực hiện cả năm 38 HTX [UT] , "
        "vượt kế hoạch đề ra",
        "HTX thành lập mới: 03 HTX đến ngày 30/06/2024, ước thực hiện cả năm 05 HTX",
        "HTX hoạt động hiệu quả (xếp loại tốt, khá): 10 HTX, vượt kế hoạch đề ra",
        # estimated member income is marked; a range target has no percentage of plan
        "Thu nhập bình quân của thành viên HTX: 38,3 triệu đồng/năm [UT] , đạt kế hoạch "
        "(kế hoạch: từ 30 đến 45 triệu đồng/năm",
    )


def test_part_ii_targets_with_method_and_interval(vq_report):
    text = section_text(vq_report[1], "p2-targets")
    assert_states(
        text,
        "HTX thành lập mới: từ 01 đến 03 HTX",
        "HTX hoạt động hiệu quả (xếp loại tốt, khá): từ 03 HTX trở lên",
        "HTX chỉ tồn tại trên danh nghĩa: không còn",
        "Tỷ lệ cán bộ quản lý HTX đã qua đào tạo: 100%",
        "Doanh thu bình quân một HTX: 500 triệu đồng/năm",
        "Thu nhập bình quân của thành viên HTX: từ 30 đến 48 triệu đồng/năm",
        "HTX cần giải thể",
        "HTX Liên Minh Phát",
    )
    bullets = [
        li for li in BeautifulSoup(vq_report[1], "html.parser").find(id="p2-targets").find_all("li")
    ]
    assert len(bullets) == 8
    for li in bullets:
        line = " ".join(li.get_text(" ").split())
        assert "Dự báo năm 2025" in line and "khoảng" in line and "phương pháp" in line, line
    methods = section_text(vq_report[1], "p2-methods")
    assert_states(methods, "Poisson", "Xu hướng tuyến tính", "Tốc độ tăng bình quân", "Kiểm định")


def test_rating_engine_and_findings_in_report(vq_report):
    html = vq_report[1]
    assert_states(
        section_text(html, "i-2-d"),
        "31/31 HTX có xếp loại tính toán trùng với xếp loại đã ghi nhận",
        "HTX thành lập và hoạt động chưa đủ 12 tháng tính đến thời điểm đánh giá: 03 HTX",
    )
    assert_states(
        section_text(html, "ii-4"),
        # at 30/06/2024 the 2012 Law is in force; the 2023 Law's rules are not applied
        "thuộc diện xem xét giải thể: 04 trường hợp (HTX Nông - Lâm nghiệp Thảo Nguyên, "
        "HTX Nông - Lâm sản Quang Huy, HTX Thương mại Công bằng Văn Quan và HTX Yên Thành)",
        "Căn cứ: Luật Hợp tác xã số 23/2012/QH13",
        "không cập nhật thông tin hằng năm",
    )
    assert "17/2023/QH15" not in section_text(html, "ii-4")
    assert_states(
        section_text(html, "appendix-rating"), "HTX Văn Quan Xanh 86 tốt tốt", "yếu dưới 50 điểm"
    )
