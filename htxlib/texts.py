"""Analyst-written sections: Markdown files kept with the unit's data for each year.

A unit folder may hold ``texts/<year>/<slot>.md``. The text is converted to HTML with
raw HTML escaped, so whatever an analyst types is shown, never run.
"""

from __future__ import annotations

from pathlib import Path

import mistune

#: Slots a report fills from analyst texts, with what each covers.
SLOTS: dict[str, str] = {
    "operation": "Tình hình hoạt động của HTX, THT (mô hình tiêu biểu, khó khăn)",
    "sectors": "Tình hình từng lĩnh vực",
    "impact": "Tác động của HTX, THT đối với thành viên và cộng đồng",
    "law": "Kết quả thi hành pháp luật về kinh tế tập thể",
    "management": "Công tác quản lý nhà nước về kinh tế tập thể",
    "policy": "Bối cảnh triển khai chính sách hỗ trợ",
    "achievements": "Các kết quả đạt được",
    "limitations": "Tồn tại, hạn chế",
    "causes": "Nguyên nhân",
    "recommendations": "Đề xuất, kiến nghị",
    "favourable": "Dự báo thuận lợi",
    "difficult": "Dự báo khó khăn",
    "orientation": "Định hướng chung",
    "objective": "Mục tiêu tổng quát",
    "solutions": "Các giải pháp",
    "implementation": "Tổ chức thực hiện",
}

MISSING_NOTE = "(Chưa có nội dung: bổ sung tệp texts/{year}/{slot}.md trong thư mục dữ liệu.)"

_markdown = mistune.create_markdown(escape=True)


def text_path(folder: Path, year: int, slot: str) -> Path:
    """Return where the analyst text of a slot is expected."""
    return Path(folder) / "texts" / str(year) / f"{slot}.md"


def load_text(folder: Path, year: int, slot: str) -> str | None:
    """Return a slot's analyst text as safe HTML, or None when the file is absent.

    Parameters
    ----------
    folder : Path
        The unit folder.
    year : int
        Assessed year.
    slot : str
        One of :data:`SLOTS`.
    """
    if slot not in SLOTS:
        raise KeyError(f"unknown text slot {slot!r}; known: {', '.join(SLOTS)}")
    path = text_path(folder, year, slot)
    if not path.is_file():
        return None
    return _markdown(path.read_text(encoding="utf-8-sig"))


def load_texts(folder: Path, year: int) -> dict[str, str | None]:
    """Return every slot's analyst text (None where missing)."""
    return {slot: load_text(folder, year, slot) for slot in SLOTS}
