"""One name per HTX: a text that spells a registry name otherwise prints the registry's."""

from __future__ import annotations

import pytest

from htxlib.cli import main
from htxlib.data.text_names import registry_spelling
from htxlib.report.writing.signing_copy import signing_copy


def test_a_name_spelt_with_other_accents_is_printed_as_registered(small_unit, tmp_path, capsys):
    texts = small_unit / "texts" / "2025"
    texts.mkdir(parents=True)
    # "Gama" is another name, not another spelling: it is left as written
    (texts / "sectors.md").write_text(
        "HTX ALPHA và HTX Bêta mở rộng sản xuất; HTX Gama chưa báo cáo.\n", encoding="utf-8"
    )
    reports = tmp_path / "reports"
    assert main(["report", "--data", str(small_unit), "--year", "2025", "--out", str(reports)]) == 0
    page = (reports / small_unit.name / "2025" / "report.html").read_text(encoding="utf-8")
    for copy in (page, signing_copy(page)):
        assert "HTX Alpha và HTX Beta mở rộng sản xuất; HTX Gama chưa báo cáo." in copy
        assert "HTX ALPHA" not in copy and "HTX Bêta" not in copy
    capsys.readouterr()
    assert main(["validate", "--data", str(small_unit)]) == 0
    said = capsys.readouterr().out
    assert "texts/2025/sectors.md, dòng 1: giá trị 'HTX Bêta'" in said
    assert "được in theo tên trong danh sách HTX: 'HTX Beta'" in said


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the longest name wins, and a name inside a longer word is no name
        ("HTX Van Quan Xanh và HTX Văn Quan.", "HTX Văn Quan Xanh và HTX Văn Quan."),
        ("HTX Văn Quanh", "HTX Văn Quanh"),
        # two registry names alike but for accents: the text's spelling stands
        ("HTX Đồng Tâm, HTX Dong Tam", "HTX Đồng Tâm, HTX Dong Tam"),
    ],
)
def test_registry_spelling(text, expected):
    names = ["HTX Văn Quan", "HTX Văn Quan Xanh", "HTX Đồng Tâm", "HTX Dông Tâm"]
    assert registry_spelling(text, names)[0] == expected
