"""Analyst-written sections: Markdown files kept with the unit's data for each year.

A unit folder may hold ``texts/<year>/<slot>.md``. The text is converted to HTML with
raw HTML escaped, so whatever an analyst types is shown, never run; an image is shown as a
plain link (a report loads nothing from the network when it is opened). A text must be a
regular file inside the unit folder: a link to a file elsewhere is refused at load time.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

import mistune

from htxlib.data.text_names import registry_spelling

#: Slots a report fills from analyst texts, with what each covers.
SLOTS: dict[str, str] = {
    "operation": "Tình hình hoạt động của HTX, THT (mô hình tiêu biểu, khó khăn)",
    "sectors": "Tình hình từng lĩnh vực",
    "impact": "Tác động của HTX, THT: nhận định chung",
    "impact_economy": "Tác động về kinh tế",
    "impact_culture": "Tác động về văn hóa",
    "impact_politics": "Tác động về chính trị",
    "impact_society": "Tác động về xã hội",
    "law": "Kết quả thi hành pháp luật về kinh tế tập thể",
    "management": "Công tác quản lý nhà nước về kinh tế tập thể",
    "policy": "Bối cảnh triển khai chính sách hỗ trợ",
    "achievements": "Các kết quả đạt được",
    "limitations": "Tồn tại, hạn chế",
    "causes": "Nguyên nhân",
    "recommendations": "Đề xuất, kiến nghị: nhận định chung",
    "recommendations_local": "Kiến nghị với chính quyền địa phương cấp trên",
    "recommendations_central": "Kiến nghị với Chính phủ và các Bộ, ngành",
    "requirements": "Yêu cầu đối với việc xây dựng kế hoạch",
    "favourable": "Dự báo thuận lợi",
    "difficult": "Dự báo khó khăn",
    "orientation": "Định hướng chung",
    "objective": "Mục tiêu tổng quát",
    "qualitative_targets": "Mục tiêu cụ thể về chất lượng (ngoài các chỉ tiêu số)",
    "solutions": "Các giải pháp",
    "implementation": "Tổ chức thực hiện (khi chưa có bảng phân công)",
}

#: Slots a document shows only when written: an opening paragraph before the sub-sections,
#: or a fallback for a table. Neither leaves a blank, nor is missing when absent.
OPTIONAL = frozenset({"impact", "recommendations", "implementation"})

#: What each slot's text should cover: the guidance ``htx texts`` writes at the top of a new
#: file. It sits on lines starting with :data:`GUIDANCE`, which a report never shows.
PROMPTS: dict[str, str] = {
    "operation": "Đánh giá chung tình hình hoạt động của HTX, THT trong năm: mô hình tiêu biểu "
    "(nêu tên HTX), HTX hoạt động hiệu quả, HTX gặp khó khăn và lý do.",
    "sectors": "Tình hình từng lĩnh vực (nông nghiệp, công nghiệp - tiểu thủ công nghiệp, "
    "thương mại - dịch vụ, vận tải, xây dựng, tín dụng...): sản phẩm, dịch vụ, kết quả nổi bật. "
    "Đặt tên lĩnh vực làm tiêu đề ('## Vận tải') trước đoạn viết về lĩnh vực đó: đoạn văn được "
    "đưa vào đúng mục của lĩnh vực.",
    "impact": "(Không bắt buộc) Một đoạn nhận định chung trước các mục a) đến d).",
    "impact_economy": "Về kinh tế: việc làm, thu nhập của thành viên, liên kết sản xuất, "
    "tiêu thụ sản phẩm.",
    "impact_culture": "Về văn hóa: tinh thần hợp tác, tương trợ trong cộng đồng.",
    "impact_politics": "Về chính trị: vai trò của HTX, THT trong ổn định chính trị, củng cố "
    "khối đoàn kết ở cơ sở.",
    "impact_society": "Về xã hội: xóa đói giảm nghèo, xây dựng nông thôn mới, an sinh xã hội.",
    "law": "Kết quả triển khai, thi hành pháp luật về kinh tế tập thể: văn bản đã ban hành "
    "(ghi số, ngày, trích yếu), công tác tuyên truyền, phổ biến Luật Hợp tác xã.",
    "management": "Công tác quản lý nhà nước về kinh tế tập thể: bộ máy, cán bộ phụ trách, "
    "văn bản chỉ đạo (ghi số, ngày), kiểm tra, giám sát, đăng ký và cập nhật thông tin HTX.",
    "policy": "Bối cảnh triển khai chính sách hỗ trợ: chính sách nào đang áp dụng, thuận lợi và "
    "vướng mắc khi HTX tiếp cận.",
    "achievements": "Các kết quả chính đạt được trong năm, ngoài các số liệu đã nêu.",
    "limitations": "Những tồn tại, hạn chế của khu vực kinh tế tập thể trên địa bàn, mỗi ý "
    "một đoạn hoặc một dòng bắt đầu bằng '-'.",
    "causes": "Nguyên nhân của tồn tại, hạn chế: khách quan và chủ quan.",
    "recommendations": "(Không bắt buộc) Một đoạn mở đầu trước các kiến nghị theo cấp.",
    "recommendations_local": "Kiến nghị với chính quyền địa phương cấp trên (với tỉnh: để "
    "trống tệp này).",
    "recommendations_central": "Kiến nghị với Chính phủ và các Bộ, ngành Trung ương.",
    "requirements": "Các yêu cầu đối với việc xây dựng kế hoạch năm: phù hợp chiến lược, kế "
    "hoạch giai đoạn của Trung ương và địa phương (ghi số, ngày văn bản); chỉ tiêu khả thi; "
    "chú trọng chất lượng, hiệu quả.",
    "favourable": "Những thuận lợi dự báo cho năm kế hoạch.",
    "difficult": "Những khó khăn, thách thức dự báo cho năm kế hoạch.",
    "orientation": "Định hướng chung phát triển kinh tế tập thể trong năm kế hoạch.",
    "objective": "Mục tiêu tổng quát của năm kế hoạch (các chỉ tiêu số do số liệu lập sẵn).",
    "qualitative_targets": "Các mục tiêu cụ thể không đo bằng số, mỗi mục tiêu một dòng bắt "
    "đầu bằng '-': đào tạo, bồi dưỡng; gắn kết với chương trình, dự án; xúc tiến thương mại...",
    "solutions": "Các nhóm giải pháp, mỗi nhóm bắt đầu bằng một dòng tiêu đề '## Tên nhóm' "
    "(văn bản đánh số 5.1, 5.2...): cơ chế, chính sách; tuyên truyền, đào tạo; nâng cao hiệu "
    "quả HTX; quản lý nhà nước.",
    "implementation": "(Không bắt buộc) Dùng khi chưa có bảng phân công nhiệm vụ (tasks.csv "
    "hoặc trang phan_cong): phân công nhiệm vụ của từng cơ quan, đơn vị.",
}

MISSING_NOTE = "(Chưa có nội dung: bổ sung tệp texts/{year}/{slot}.md trong thư mục dữ liệu.)"
#: Lines starting with this are guidance for the writer: removed before a text is shown.
GUIDANCE = "> HƯỚNG DẪN:"
#: A text still carrying this mark is a sample that an office must replace.
SAMPLE_MARK = "(Nội dung mẫu"


def guidance(slot: str) -> str:
    """Return the guidance lines a new text file of ``slot`` starts with."""
    return (
        f"{GUIDANCE} {PROMPTS[slot]}\n"
        f"{GUIDANCE} Viết nội dung bên dưới (Markdown: đoạn văn, danh sách bắt đầu bằng '-'). "
        "Các dòng hướng dẫn này không xuất hiện trong văn bản.\n\n"
    )


def _without_guidance(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.startswith(GUIDANCE))


#: The only links an analyst text keeps: web pages, mail and places in the page itself.
#: A path, a scheme-relative "//host/share" (which Windows opens over SMB, sending the
#: user's credentials) or any other scheme becomes plain text.
LINK_PREFIXES = ("http://", "https://", "mailto:", "#")


class _Renderer(mistune.HTMLRenderer):
    """Markdown to HTML with images turned into links: nothing is fetched when a page opens."""

    def link(self, text: str, url: str, title: str | None = None) -> str:
        if not url.strip().lower().startswith(LINK_PREFIXES):
            return text  # the words stay, the link goes
        return super().link(text, url, title)

    def image(self, text: str, url: str, title: str | None = None) -> str:
        label = text or url
        if url.startswith(("http://", "https://")):
            return self.link(f"[Hình: {label}]", url, title)
        return mistune.escape(f"[Hình: {label}]")


_markdown = mistune.create_markdown(renderer=_Renderer(escape=True))


def text_path(folder: Path, year: int, slot: str) -> Path:
    """Return where the analyst text of a slot is expected."""
    return Path(folder) / "texts" / str(year) / f"{slot}.md"


def load_text(folder: Path, year: int, slot: str, names: Iterable[str] = ()) -> str | None:
    """Return a slot's analyst text as safe HTML, or None when absent or only guidance.

    Parameters
    ----------
    folder : Path
        The unit folder.
    year : int
        Assessed year.
    slot : str
        One of :data:`SLOTS`.
    names : iterable of str
        The registry's names: a name the text spells otherwise (accents, case) is printed
        as the registry writes it (see :mod:`htxlib.data.text_names`).
    """
    text = _raw_text(folder, year, slot, names)
    return _markdown(text) if text else None


def _raw_text(folder: Path, year: int, slot: str, names: Iterable[str]) -> str | None:
    """Return a slot's Markdown without guidance, names as registered; None when empty."""
    if slot not in SLOTS:
        raise KeyError(f"unknown text slot {slot!r}; known: {', '.join(SLOTS)}")
    from htxlib.data.read.text import decode

    path = text_path(folder, year, slot)
    if not path.is_file() or path.is_symlink():
        return None
    text, _ = decode(path.read_bytes())
    text = _without_guidance(unicodedata.normalize("NFC", text))
    text, _changes = registry_spelling(text, names)
    return text if text.strip() else None


#: A Markdown heading line: in the sectors text, one naming a sector opens that sector's part.
_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$")


def sector_of(heading: str) -> str | None:
    """Return the sector a heading names ("Lĩnh vực Vận tải", "vận tải", "van_tai"), or None.

    Examples
    --------
    >>> sector_of("Lĩnh vực Thương mại - Du lịch - Dịch vụ"), sector_of("Vận tải")
    ('thuong_mai', 'van_tai')
    >>> sector_of("Đánh giá chung") is None
    True
    """
    from htxlib.data.codes import SECTORS

    key = " ".join(heading.casefold().split())
    key = key.removeprefix("lĩnh vực ").strip(" :.")
    for code, label in SECTORS.items():
        if key in (code, label.casefold()):
            return code
    return None


def sector_texts(
    folder: Path, year: int, names: Iterable[str] = ()
) -> tuple[str | None, dict[str, str]]:
    """Split the sectors text at headings that name a sector, as HTML.

    The seed's section 2 gives each sector its own narrative under its own subsection; an
    analyst writes "## Vận tải" above that sector's paragraphs. Text before the first such
    heading, and under a heading naming no sector, is the section's general text.

    Returns
    -------
    tuple
        The general text (None when there is none) and each sector's text by sector code.
    """
    text = _raw_text(folder, year, "sectors", names)
    if text is None:
        return None, {}
    parts: dict[str, list[str]] = {"": []}
    current = ""
    for line in text.splitlines():
        found = _HEADING.match(line)
        code = sector_of(found.group(1)) if found else None
        if code is not None:
            current = code
            parts.setdefault(code, [])
            continue
        parts[current].append(line)
    html = {
        code: _markdown("\n".join(lines)) for code, lines in parts.items() if "".join(lines).strip()
    }
    return html.pop("", None), html


def text_problems(folder: Path, names: Iterable[str] = ()) -> list:
    """List the files under ``texts/`` that a report will not read, with why.

    A text must be a regular Markdown file inside the unit folder (a link could reach any
    file of the machine) and no larger than the file limit, in a supported encoding. In the
    same pass, each registry name of ``names`` a text spells otherwise is a warning: the
    report prints it as the registry writes it (see :mod:`htxlib.data.text_names`).
    """
    from htxlib.data.limits import exceeded, limits
    from htxlib.data.parsing import hidden_character
    from htxlib.data.problems import Problem
    from htxlib.data.read.text import ReadError, decode
    from htxlib.messages import N_, _

    root = Path(folder) / "texts"
    if not root.is_dir() or root.is_symlink():
        link = root.is_symlink()
        rule = N_("is a link; keep the analyst texts in the unit folder itself")
        return [Problem("texts", None, "", "", _(rule))] if link else []
    problems = []
    names = list(names)
    bound = limits().HTX_MAX_TEXT_KB
    total_bound = limits().HTX_MAX_TEXTS_KB
    totals: dict[str, int] = {}
    # the report reads texts/<year>/<slot>.md only: two levels, walked without recursion
    years = [p for p in sorted(root.iterdir()) if not p.name.startswith(".")]
    for path in years + [
        f for y in years if y.is_dir() and not y.is_symlink() for f in sorted(y.iterdir())
    ]:
        label = path.relative_to(folder).as_posix()
        if path.is_symlink():
            rule = _("is a link; keep the analyst texts in the unit folder itself")
            problems.append(Problem(label, None, "", "", rule))
        elif path.is_file() and path.suffix.lower() == ".md":
            if path.stat().st_size > bound * 2**10:
                size = round(path.stat().st_size / 2**10)
                rule = exceeded(N_("the text's size (KB)"), size, "HTX_MAX_TEXT_KB", bound)
                problems.append(Problem(label, None, "", "", rule))
                continue
            year = path.parent.name
            totals[year] = totals.get(year, 0) + path.stat().st_size
            try:
                text, _encoding = decode(path.read_bytes())
            except ReadError as err:
                problems.append(Problem(label, None, "", "", str(err)))
                continue
            lines = unicodedata.normalize("NFC", text).splitlines()
            for number, line in enumerate(lines, start=1):
                rule = hidden_character(line.replace("\t", " "))
                if rule:  # one per file: the line to look at
                    problems.append(Problem(label, number, "", line.strip()[:80], _(rule)))
                    break
            problems += _spelling(label, lines, names)
    for year, size in totals.items():
        if size > total_bound * 2**10:  # all of a year's texts go into one Word file
            found = round(size / 2**10)
            rule = exceeded(
                N_("the year's texts together (KB)"), found, "HTX_MAX_TEXTS_KB", total_bound
            )
            problems.append(Problem(f"texts/{year}", None, "", "", rule))
    return problems


def _spelling(label: str, lines: list[str], names: list[str]) -> list:
    """Warn of each registry name a text's lines spell otherwise (printed as registered)."""
    from htxlib.data.problems import Problem
    from htxlib.messages import _

    return [
        Problem(
            label,
            number,
            "",
            written,
            _("printed as the registry writes it: '{name}'").format(name=registered),
            warning=True,
        )
        for number, line in enumerate(lines, start=1)
        for written, registered in registry_spelling(line, names)[1]
    ]


def load_texts(folder: Path, year: int, names: Iterable[str] = ()) -> dict[str, str | None]:
    """Return every slot's analyst text (None where missing), names as the registry has them."""
    names = list(names)
    return {slot: load_text(folder, year, slot, names) for slot in SLOTS}


def unit_texts(ds, year: int) -> dict[str, str | None]:
    """Return a unit's analyst texts for a year (see :func:`load_texts`), read once per dataset.

    Part I and Part II both place them; on one kernel they share the dataset, and the files
    are read and checked against the registry's names once.
    """

    def read() -> dict[str, str | None]:
        return load_texts(ds.folder, year, ds.entities["name"].dropna())

    return dict(ds.once(("texts", int(year)), read))


def shown_slots(level: str = "") -> tuple[str, ...]:
    """Return the slots a unit's document has.

    A unit at the top level (a province) has no local government above it to address
    recommendations to.
    """
    from htxlib.data.codes import TOP_LEVELS

    skipped = {"recommendations_local"} if level in TOP_LEVELS else set()
    return tuple(slot for slot in SLOTS if slot not in skipped)


def text_states(folder: Path, year: int, level: str = "") -> dict[str, str]:
    """Say, for each slot, whether its text is ``written``, a ``sample`` or ``empty``.

    ``empty`` covers a missing file, a blank one and one holding only guidance; an empty
    slot of :data:`OPTIONAL` is ``optional`` (the document just leaves it out). A unit at
    the top ``level`` has no local government above it to address recommendations to.
    """
    states = {}
    for slot in shown_slots(level):
        html = load_text(folder, year, slot)
        if html is None:
            states[slot] = "optional" if slot in OPTIONAL else "empty"
        else:
            states[slot] = "sample" if SAMPLE_MARK in html else "written"
    return states


def write_guidance(folder: Path, year: int) -> tuple[list[Path], list[Path]]:
    """Create the year's missing text files, each holding only its guidance.

    Existing files are never touched.

    Returns
    -------
    tuple of list of Path
        The files created, and the files that already existed.
    """
    created, kept = [], []
    for slot in SLOTS:
        path = text_path(folder, year, slot)
        if path.exists() or path.is_symlink():
            kept.append(path)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "x", encoding="utf-8") as handle:  # "x": never overwrite
            handle.write(guidance(slot))
        created.append(path)
    return created, kept


#: The toolkit's own sample units, which it never writes into.
SAMPLE_DATA = Path(__file__).resolve().parents[2] / "data"


def is_sample(folder: Path) -> bool:
    """Whether a folder is (inside) the toolkit's own sample data."""
    return Path(folder).resolve().is_relative_to(SAMPLE_DATA)


def write_text(folder: Path, year: int, slot: str, text: str) -> Path:
    """Write (or replace) a slot's analyst text in a unit folder; return the file.

    For a copy of a unit that an analyst works on; the toolkit's own ``data/`` is never
    written (``htx texts`` refuses it, and so does this).
    """
    if slot not in SLOTS:
        raise KeyError(f"unknown text slot {slot!r}; known: {', '.join(SLOTS)}")
    if is_sample(folder):
        raise PermissionError(f"{folder} is the toolkit's sample data; work on a copy")
    path = text_path(folder, year, slot)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(unicodedata.normalize("NFC", text), encoding="utf-8")
    return path
