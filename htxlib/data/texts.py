"""Analyst-written sections: Markdown files kept with the unit's data for each year.

A unit folder may hold ``texts/<year>/<slot>.md``. The text is converted to HTML with
raw HTML escaped, so whatever an analyst types is shown, never run; an image is shown as a
plain link (a report loads nothing from the network when it is opened). A text must be a
regular file inside the unit folder: a link to a file elsewhere is refused at load time.
"""

from __future__ import annotations

import unicodedata
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


class _Renderer(mistune.HTMLRenderer):
    """Markdown to HTML with images turned into links: nothing is fetched when a page opens."""

    def image(self, text: str, url: str, title: str | None = None) -> str:
        label = text or url
        if url.startswith(("http://", "https://")):
            return self.link(f"[Hình: {label}]", url, title)
        return mistune.escape(f"[Hình: {label}]")


_markdown = mistune.create_markdown(renderer=_Renderer(escape=True))


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
    from htxlib.data.readers import decode

    path = text_path(folder, year, slot)
    if not path.is_file() or path.is_symlink():
        return None
    text, _ = decode(path.read_bytes())
    return _markdown(unicodedata.normalize("NFC", text))


def text_problems(folder: Path) -> list:
    """List the files under ``texts/`` that a report will not read, with why.

    A text must be a regular Markdown file inside the unit folder (a link could reach any
    file of the machine) and no larger than the file limit, in a supported encoding.
    """
    from htxlib.data.limits import exceeded, limits
    from htxlib.data.problems import Problem
    from htxlib.data.readers import ReadError, decode
    from htxlib.messages import N_, _

    root = Path(folder) / "texts"
    if not root.is_dir() or root.is_symlink():
        link = root.is_symlink()
        rule = N_("is a link; keep the analyst texts in the unit folder itself")
        return [Problem("texts", None, "", "", _(rule))] if link else []
    problems = []
    bound = limits().HTX_MAX_FILE_MB
    for path in sorted(root.rglob("*")):
        label = path.relative_to(folder).as_posix()
        if path.is_symlink():
            rule = _("is a link; keep the analyst texts in the unit folder itself")
            problems.append(Problem(label, None, "", "", rule))
        elif path.is_file() and path.suffix.lower() == ".md":
            if path.stat().st_size > bound * 2**20:
                size = round(path.stat().st_size / 2**20, 1)
                rule = exceeded(N_("the file size (MB)"), size, "HTX_MAX_FILE_MB", bound)
                problems.append(Problem(label, None, "", "", rule))
                continue
            try:
                decode(path.read_bytes())
            except ReadError as err:
                problems.append(Problem(label, None, "", "", str(err)))
    return problems


def load_texts(folder: Path, year: int) -> dict[str, str | None]:
    """Return every slot's analyst text (None where missing)."""
    return {slot: load_text(folder, year, slot) for slot in SLOTS}
