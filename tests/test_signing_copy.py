"""The signing copy (report.docx) holds only what the committee signs, in the seed's structure;
the review copy (report.html) keeps the marks, notes and proposals for the analyst."""

from __future__ import annotations

import re
import zipfile

import pytest
from docx import Document

#: The seed's sections, in its order, as the headings of the signing copy begin.
SEED_HEADINGS = (
    "Phần I",
    "I. TÌNH HÌNH PHÁT TRIỂN KINH TẾ TẬP THỂ, HỢP TÁC XÃ NĂM 2024",
    "1. Đánh giá theo các chỉ tiêu về hoạt động sản xuất, kinh doanh",
    "a) Số lượng hợp tác xã",
    "Hợp tác xã",
    "Liên hiệp hợp tác xã",
    "Tổ hợp tác",
    "b) Thành viên, người lao động",
    "c) Trình độ cán bộ quản lý",
    "2. Đánh giá theo lĩnh vực",
    "a) Lĩnh vực Nông - Lâm - Ngư nghiệp",
    "d) Kết quả đánh giá, xếp loại HTX năm 2024",
    "3. Tác động của HTX",
    "a) Về kinh tế",
    "b) Về văn hóa",
    "c) Về chính trị",
    "d) Về xã hội",
    "II. KẾT QUẢ THI HÀNH PHÁP LUẬT VÀ CHÍNH SÁCH",
    "1. Thi hành pháp luật",
    "2. Công tác quản lý nhà nước",
    "3. Kết quả triển khai chính sách hỗ trợ",
    "III. ĐÁNH GIÁ CHUNG",
    "1. Các kết quả đạt được",
    "2. Tồn tại, hạn chế và nguyên nhân",
    "a) Tồn tại, hạn chế",
    "b) Nguyên nhân",
    "IV. ĐỀ XUẤT, KIẾN NGHỊ",
    "1. Với chính quyền địa phương",
    "2. Với Chính phủ và các Bộ, ngành",
    "Phần II",
    "I. MỘT SỐ YÊU CẦU ĐỐI VỚI VIỆC XÂY DỰNG KẾ HOẠCH",
    "II. NỘI DUNG KẾ HOẠCH",
    "1. Dự báo những thuận lợi, khó khăn",
    "a) Thuận lợi",
    "b) Khó khăn",
    "2. Định hướng chung",
    "3. Mục tiêu tổng quát",
    "4. Mục tiêu cụ thể",
    "5. Các giải pháp",
    "5.1. ",
    "5.2. ",
    "5.3. ",
    "5.4. ",
    "5.5. ",
    "III. TỔ CHỨC THỰC HIỆN",
    "1. Phòng Tài chính - Kế hoạch",
    "2. Phòng Nông nghiệp và Phát triển nông thôn",
    "3. Phòng Tài nguyên và Môi trường",
    "4. Phòng Kinh tế và Hạ tầng",
    "5. Phòng Văn hóa và Thông tin",
    "6. Ủy ban nhân dân các xã, thị trấn",
)
#: What an office deletes before signing: never in the signing copy by default.
REVIEW_WORDS = ("[DL]", "[UT]", "Phụ lục phân tích", "Nội dung mẫu", "texts/", "đề xuất khoảng")


@pytest.fixture(scope="module")
def signing(vq_report):
    out, _ = vq_report
    path = out / "van-quan" / "2024" / "report.docx"
    document = Document(str(path))
    paragraphs = [p for p in document.paragraphs]
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    text = " ".join(" ".join([p.text for p in paragraphs] + cells).split())
    with zipfile.ZipFile(path) as docx:
        xml = docx.read("word/document.xml").decode()
    return paragraphs, text, xml


def test_the_signing_copy_carries_nothing_an_office_deletes(signing):
    _, text, xml = signing
    for word in REVIEW_WORDS:
        assert word not in text, word
    assert "<w:drawing" not in xml  # no chart without --charts
    assert "(Chưa có" not in text  # no note on what is missing


def test_the_review_copy_keeps_the_marks_and_says_what_it_is(vq_report):
    _, html = vq_report
    assert "[UT]" in html and "[DL]" in html
    assert "Bản rà soát" in html and "Phụ lục phân tích" in html
    assert "<img" in html  # the charts


def test_every_seed_section_is_a_heading_in_the_seed_order(signing):
    paragraphs, _, _ = signing
    raw = [p.text for p in paragraphs if p.style.name.startswith("Heading")]
    # "NĂM 2024" never breaks across lines: a no-break space joins the word and the year
    assert any("NĂM\xa02024" in h for h in raw) and not any("NĂM 2024" in h for h in raw)
    headings = [" ".join(h.split()) for h in raw]
    position = 0
    for expected in SEED_HEADINGS:
        found = next(
            (i for i in range(position, len(headings)) if headings[i].startswith(expected)), None
        )
        assert found is not None, f"no heading '{expected}' after '{headings[position - 1]}'"
        position = found + 1


def test_the_seed_opening_and_signature_are_complete(signing):
    paragraphs, text, _ = signing
    assert "Thực hiện Công văn số 1811/SKHĐT-ĐKKD ngày 29/6/2024" in text
    opening = next(p.text for p in paragraphs if p.text.startswith("Căn cứ chức năng"))
    assert "Ủy ban nhân dân huyện Văn Quan đánh giá" in opening
    assert "TM. ỦY BAN NHÂN DÂN" in text and "Triệu Đức Dũng" in text
    assert "Quyết định số 340/QĐ-TTg" in text  # Part II.I, the requirements
    assert "Không để HTX chỉ tồn tại trên danh nghĩa" in text  # the qualitative targets


def test_a_target_not_adopted_is_left_out_of_the_signing_copy(signing, vq_report):
    """Văn Quan's plan sets no target for the HTX to dissolve: the review copy proposes one,
    the signing copy lists only the targets the plan adopted, once, with no blank for it."""
    _, text, _ = signing
    targets = text[text.index("4. Mục tiêu cụ thể") : text.index("5. Các giải pháp")]
    assert "HTX cần giải thể" not in targets and "đề xuất" not in targets
    assert "…" not in targets
    assert text.count("Thu nhập bình quân các HTX: 500 triệu đồng/năm") == 1
    assert "HTX cần giải thể" in vq_report[1] and "đề xuất" in vq_report[1]


def test_a_value_the_unit_did_not_give_is_a_blank_in_the_signing_copy(signing, vq_report):
    """Văn Quan's count of annual reports filed and its average revenue are estimated: the
    review copy marks them [UT], the signing copy leaves a blank instead of the number."""
    _, text, _ = signing
    html = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", vq_report[1]))
    assert re.search(r"\d+\[UT\] HTX đã nộp báo cáo năm", html)
    assert "; … HTX đã nộp báo cáo năm" in text
    assert re.search(r"Doanh thu bình quân một HTX: [\d.,]+ triệu đồng/năm\[UT\]", html)
    assert "Doanh thu bình quân một HTX: … triệu đồng/năm" in text
    # a count the unit published stays, whatever the provenance of each record
    assert "có 03 HTX được thành lập mới" in text
    # the table of targets against the year's actuals is the analyst's: the list is the plan
    assert "Năm 2024 (ước cả năm)" in vq_report[1] and "Năm 2024 (ước cả năm)" not in text


def test_the_coverage_of_a_blanked_average_is_not_said_beside_its_blank(signing, vq_report):
    """Members' income is estimated: the signing copy leaves a blank, and says nothing of
    how many HTX the estimate covers, which the review copy keeps."""
    _, text, _ = signing
    assert "Thu nhập bình quân của thành viên HTX: … triệu đồng/người/năm." in text
    assert "(số liệu của 23/36 HTX)" not in text and "(số liệu của 23/36 HTX)" in vq_report[1]


def test_new_htx_are_not_counted_as_shortcomings_nor_their_reasons_said_twice(signing):
    """Văn Quan's 3 HTX of 2024 are not rated (too young): its founding days are estimated,
    its count of 2024's new HTX published. The unit's grouped reasons are said once."""
    _, text, _ = signing
    assert "còn 20 HTX (55,56%) xếp loại yếu hoặc không được xếp loại" in text
    assert "03 HTX thành lập mới năm 2024: HTX sản xuất Nông nghiệp" in text
    assert "chưa đủ 12 tháng" not in text  # the unit's own reason already says why
    # a reason rebuilt for the data, which the seed does not give, is not said as a fact
    assert "HTX Liên Minh Phát: đang tạm ngừng hoạt động; HTX tổng hợp Tiến Đạt" in text
    assert "không nộp hồ sơ" not in text


def test_dates_are_written_as_decree_30_writes_them(signing):
    """Days below 10 and January, February take a leading zero, other months none."""
    _, text, _ = signing
    assert "ngày 29/6/2024" in text and "đến ngày 30/6/2024" in text
    assert not re.search(r"\b\d{2}/0[3-9]/\d{4}\b", text)
    assert "Quyết định số 340/QĐ-TTg ngày 12/3/2021" in text  # typed by the office as written


def test_the_verdict_the_seed_states_is_said_as_it_states_it(signing):
    """The seed: "36 HTX, vượt kế hoạch đề ra trong năm 2024", with no plan figure given."""
    _, text, _ = signing
    assert "có 36 HTX đã đăng ký và chưa giải thể, vượt kế hoạch đề ra." in text


def test_a_sum_of_a_few_estimated_values_is_a_blank_whatever_the_total_published(
    signing, vq_report
):
    """Văn Quan publishes its capital by sector; each HTX's is an allocation of it. The three
    new HTX's capital is a sum of three allocations: a blank to fill, not a published figure."""
    _, text, _ = signing
    assert "Tổng vốn điều lệ của các HTX thành lập mới: … triệu đồng." in text
    assert '<span class="assumed">8.570</span>' in vq_report[1]
    assert "với tổng vốn đăng ký 81.233 triệu đồng" in text  # the sector's, as published
