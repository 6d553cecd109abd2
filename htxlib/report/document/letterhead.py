"""The parts of a plan that Decree 30/2020/NĐ-CP lays out: header, opening, closing, signature.

Everything comes from the unit's ``unit``, ``document``, ``document_references`` and
``recipients`` tables. A field that is not given stays a visible blank ("…") for the office
to fill in; nothing is invented.
"""

from __future__ import annotations

from dataclasses import dataclass

from htxlib import formatting
from htxlib.data.unit import Unit
from htxlib.report.document.plain_records import records

#: Shown where the document leaves a field to fill in by hand.
BLANK = "…"
#: A blank to write a phrase or a line on, as printed forms leave one.
BLANK_LINE = "…" * 20
#: Symbol of the document type (Decree 30/2020/NĐ-CP, Appendix III): a plan.
PLAN_SYMBOL = "KH"
#: Issuing bodies whose name is printed on two lines and whose symbol is known
#: (Decree 30/2020/NĐ-CP, Appendices I and III): name prefix → symbol.
BODY_SYMBOLS = {"ủy ban nhân dân": "UBND", "uỷ ban nhân dân": "UBND"}
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


@dataclass(frozen=True)
class Letterhead:
    """What the document prints around its content, ready to place.

    Attributes
    ----------
    parent_body : str
        Upper-case name of the body above the issuer ("" when none).
    body_lines : tuple of str
        Upper-case name of the issuing body, on one or two lines.
    number : str
        "Số: 125/KH-UBND", with blanks where not given.
    place_date : str
        "Văn Quan, ngày 15 tháng 7 năm 2024", with blanks where not given.
    references : tuple of str
        Citations of the documents the plan implements.
    issuer : str
        The issuing body as a sentence names it.
    recipients : tuple of str
        Lines under "Nơi nhận:".
    signer_lines : tuple of str
        Authority, capacity and title, upper case, as given.
    signer_name : str
        The signer's name, or a blank.
    attached_to : str
        The line under an appendix's title (Decree 30/2020/NĐ-CP, Appendix I): "(Kèm theo
        Kế hoạch số …/KH-UBND ngày … tháng … năm … của Ủy ban nhân dân …)".
    """

    parent_body: str
    body_lines: tuple[str, ...]
    number: str
    place_date: str
    references: tuple[str, ...]
    issuer: str
    recipients: tuple[str, ...]
    signer_lines: tuple[str, ...]
    signer_name: str
    attached_to: str = ""

    nation = NATION
    motto = MOTTO


def _rows(ds, table: str, year: int) -> list[dict]:
    frame = ds.tables[table]
    if frame.empty:
        return []
    return records(frame[frame["year"] == year])


def _text(value) -> str:
    return "" if formatting.is_missing(value) else str(value).strip()


def recipient_lines(lines) -> tuple[str, ...]:
    """Punctuate the recipients as Decree 30 lists them, whatever the office typed.

    Each line ends with ";", the last (the archive, "Lưu: VT") with ".".

    Examples
    --------
    >>> recipient_lines(["- Sở Tài chính", "TT HĐND xã;", "Lưu: VT"])
    ('Sở Tài chính;', 'TT HĐND xã;', 'Lưu: VT.')
    """
    bare = [line.lstrip("-–• ").rstrip(" ;,.") for line in lines]
    bare = [line for line in bare if line]
    return tuple(line + (";" if i < len(bare) - 1 else ".") for i, line in enumerate(bare))


def _body_lines(issuer: str) -> tuple[str, ...]:
    upper = issuer.upper()
    for prefix in BODY_SYMBOLS:
        if issuer.lower().startswith(prefix + " "):
            return (upper[: len(prefix)], upper[len(prefix) + 1 :])
    return (upper,) if upper else (BLANK,)


def _symbol(issuer: str) -> str:
    body = next((s for p, s in BODY_SYMBOLS.items() if issuer.lower().startswith(p)), BLANK)
    return f"{PLAN_SYMBOL}-{body}"


def citation(row: dict) -> str:
    """Cite a document: "Công văn số 1811/SKHĐT-ĐKKD ngày 29/06/2024 của … về việc …"."""
    parts = [_text(row.get("doc_type"))]
    if _text(row.get("number")):
        parts.append(f"số {_text(row['number'])}")
    if not formatting.is_missing(row.get("issued_on")):
        parts.append(f"ngày {formatting.date(row['issued_on'])}")
    if _text(row.get("issuer")):
        parts.append(f"của {_text(row['issuer'])}")
    title = _text(row.get("title"))
    if title:
        # a citation names what the document is about after "về việc", as its trích yếu does
        about = title if title.casefold().startswith("về ") else f"về việc {title}"
        parts.append(about)
    return " ".join(parts)


def letterhead(ds, unit: Unit, year: int) -> Letterhead:
    """Return the document's header, references, recipients and signature for a year.

    Parameters
    ----------
    ds : Dataset
        The unit's data.
    unit : Unit
        Its names.
    year : int
        Assessed year (the plan is for the year after, or the period's plan year).
    """
    info = (_rows(ds, "document", year) or [{}])[0]
    issuer = unit.issuing_body or f"Ủy ban nhân dân {unit.full_name}"
    number = _text(info.get("number")) or BLANK
    symbol = _text(info.get("symbol")) or _symbol(issuer)
    place = _text(info.get("place")) or unit.name
    signer = tuple(
        _text(info.get(field)).upper()
        for field in ("signer_authority", "signer_capacity", "signer_title")
        if _text(info.get(field))
    )
    if not _text(info.get("signer_authority")):
        # a committee signs on behalf of itself ("TM."): known from the issuer alone
        lines = _body_lines(issuer)
        collective = lines[0] if len(lines) > 1 else ""
        signer = ((f"TM. {collective}",) if collective else ()) + (signer or (BLANK,))
    parent = _text(ds.unit_info.get("parent_body"))
    return Letterhead(
        parent_body=parent.upper(),
        body_lines=_body_lines(issuer) if not parent else (issuer.upper(),),
        number=f"Số: {number}/{symbol}",
        place_date=f"{place}, {formatting.long_date(info.get('issued_on'))}",
        references=tuple(citation(r) for r in _rows(ds, "document_references", year)),
        issuer=issuer[:1].upper() + issuer[1:],
        recipients=recipient_lines(_text(r["recipient"]) for r in _rows(ds, "recipients", year)),
        signer_lines=signer or (BLANK,),
        signer_name=_text(info.get("signer_name")) or BLANK,
        attached_to=f"(Kèm theo Kế hoạch số {number}/{symbol} "
        f"{formatting.long_date(info.get('issued_on'))} của {issuer[:1].upper() + issuer[1:]})",
    )
