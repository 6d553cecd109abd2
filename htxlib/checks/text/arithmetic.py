"""What a plan's own figures say about each other: the checks of ``htx check``.

- parts against their whole: a list of classes of one kind ("38 đang hoạt động, 02 tạm ngừng,
  01 giải thể") after the count they divide, or the parts a "gồm" introduces;
- shares against counts, at the printed precision: of the whole the parts divide, of the
  total "trong tổng số N" names, else of the document's stated total;
- percentages of plan: against the plan stated beside them, else the plan they imply must
  be a whole number;
- the same total stated twice with two values;
- named lists against their counts ("04 HTX, gồm: A, B, C" names three);
- targets below the value already reached, for a count that plans raise;
- rules applied outside their validity ("xếp loại năm 2025 theo Thông tư 01/2020");
- a table's "Tổng số" row against its rows, and its percentages against its counts.

A figure stated roughly ("khoảng", "hơn") is compared as such (see
:func:`htxlib.checks.stated_figures.agrees`); nothing is flagged that a correct rounding
explains.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass

from htxlib.checks.stated_figures import agrees
from htxlib.checks.text.indicators import indicator_of, label_of
from htxlib.checks.text.recognise import Figure, Recognised, Sentence
from htxlib.checks.text.vocabulary import ORGANISATIONS
from htxlib.formatting import number
from htxlib.messages import N_, _


@dataclass
class Finding:
    """An inconsistency found in a document.

    Attributes
    ----------
    check : str
        Its kind: "parts", "share", "plan", "twice", "list", "target", "validity", "table"
        or "data".
    page : int
        The page of the figure found wrong.
    message : str
        One line, in the user's language, with both places and the arithmetic.
    sentences : tuple of str
        The sentences it quotes.
    """

    check: str
    page: int
    message: str
    sentences: tuple[str, ...]


#: The checks, by the name a finding carries, as a table of findings names them.
CHECKS = {
    "parts": N_("parts and their total"),
    "share": N_("share and count"),
    "plan": N_("percentage of plan"),
    "twice": N_("one figure, two values"),
    "list": N_("named list and its count"),
    "target": N_("target and the value reached"),
    "validity": N_("rule outside its validity"),
    "table": N_("table and its total row"),
    "data": N_("text and the unit's data"),
}

#: Units whose counts are whole numbers: a plan for them is never a fraction.
WHOLE_UNITS = (*ORGANISATIONS, "members", "workers", "managers", "people", "products", "items")


def _n(value: float, decimals: int = 3) -> str:
    return number(value, decimals)


def _pct(value: float, decimals: int) -> str:
    return number(value, max(decimals, 1) + 1) + "%"


def _said(figure: Figure) -> str:
    """Return the figure as the text writes it, with its unit when the sentence gave it."""
    return figure.text if not figure.inherited else f"{figure.text} {figure.unit}"


def _exact(*figures: Figure) -> bool:
    return all(f.qualifier == "exact" for f in figures)


# -- parts and wholes ---------------------------------------------------------------------------

_INTRO = re.compile(r"^[^\d;]{0,12}?(?:,?\s*(?:gồm|bao gồm|chia ra)\s*:?|\s*=)\s*[^\d;]{0,30}$")
_SUBSET = re.compile(r"(?i)trong (?:số )?đó|trong số")
_REST = re.compile(r"(?i)^[^.;]{0,20}(?:còn lại|khác|\.\.\.|…|v\.v)")


@dataclass
class Partition:
    """Counts stated as the parts of a whole."""

    whole: Figure
    parts: list[Figure]
    complete: bool


def _between(first: Figure, second: Figure) -> str:
    """Return the text between two figures (from the sentence's start across sentences)."""
    if first.sentence is second.sentence:
        return second.sentence.text[first.end : second.start]
    return second.sentence.text[: second.start]


def _counts(figures: list[Figure]) -> list[Figure]:
    return [f for f in figures if f.role == "count" and f.unit not in ("percent", "cell")]


def _runs(counts: list[Figure]) -> list[list[Figure]]:
    """Consecutive counts of one unit and one kind of class, each of another class."""
    runs, i = [], 0
    while i < len(counts):
        first = counts[i]
        run = [first]
        for other in counts[i + 1 :]:
            same = (
                first.dimension is not None
                and other.unit == first.unit
                and other.dimension == first.dimension
                and other.depth == first.depth
                and other.code not in {f.code for f in run}
            )
            if not same:
                break
            run.append(other)
        if len(run) >= 2:
            runs.append(run)
            i += len(run)
        else:
            i += 1
    return runs


def _listed_runs(counts: list[Figure], text: str) -> list[tuple[Figure, list[Figure]]]:
    """Parts a whole introduces with "gồm", "=" or ":" whatever their classes."""
    found = []
    for i, whole in enumerate(counts):
        rest = [c for c in counts[i + 1 :]]
        if not rest or rest[0].unit != whole.unit:
            continue
        between = _between(whole, rest[0])
        if not _INTRO.match(between) or "(" in between and rest[0].depth == whole.depth:
            continue
        parts = []
        for other in rest:
            if other.unit != whole.unit or other.depth != rest[0].depth:
                break
            if parts and re.search(r"[:;]|gồm", _between(parts[-1], other)):
                break
            parts.append(other)
        if len(parts) >= 2:
            found.append((whole, parts))
    return found


def _whole_for(run: list[Figure], counts: list[Figure], taken: set[int]) -> Figure | None:
    first = run[0]
    for earlier in reversed(counts[: counts.index(first)]):
        if id(earlier) in taken or earlier.unit != first.unit or earlier.depth > first.depth:
            continue
        if earlier.role != "count" or earlier.qualifier == "range":
            continue
        if earlier.dimension == first.dimension or not (earlier.total or earlier.dimension):
            continue  # "và 27 HTX khác" divides nothing: a whole is a total or a class
        if earlier.dimension == "status" and earlier.code != "operating":
            continue
        return earlier
    return None


def partitions(figures: list[Figure], sentence: Sentence) -> list[Partition]:
    """Return the partitions a sentence states."""
    counts = _counts(figures)
    text = sentence.text
    out: list[Partition] = []
    taken: set[int] = set()
    for whole, parts in _listed_runs(counts, text):
        out.append(Partition(whole, parts, True))
        taken.update(id(p) for p in parts)
    for run in _runs(counts):
        if any(id(p) in taken for p in run):
            continue
        whole = _whole_for(run, counts, taken)
        if whole is None:
            continue
        taken.update(id(p) for p in run)
        subset = bool(_SUBSET.search(_between(whole, run[0])))
        covers = run[0].dimension == "status" and any(p.code == "operating" for p in run)
        rest = bool(_REST.match(text[run[-1].end :]))
        out.append(Partition(whole, run, (not subset or covers) and not rest))
    return out


def _part_findings(partition: Partition, sentence: Sentence) -> list[Finding]:
    whole, parts = partition.whole, partition.parts
    if not _exact(whole, *parts):
        return []
    total = sum(p.value for p in parts)
    slack = 0.5 * 10.0 ** -max(p.decimals for p in [whole, *parts]) * len(parts)
    slack = slack if any(p.decimals for p in [whole, *parts]) else 1e-9
    if total <= whole.value + slack and (total >= whole.value - slack or not partition.complete):
        return []
    decimals = max(p.decimals for p in parts)
    return [
        Finding(
            "parts",
            sentence.page,
            _("Page {page}: {parts} = {sum}, the text gives a total of {whole}").format(
                page=sentence.page,
                parts=" + ".join(_n(p.value) for p in parts),
                sum=_n(total, decimals),
                whole=_said(whole),
            ),
            (sentence.text,),
        )
    ]


# -- shares -----------------------------------------------------------------------------------


def _share_agrees(share: Figure, part: float, whole: float) -> bool:
    if not whole:
        return True
    return agrees(share.value, 100.0 * part / whole, share.qualifier, share.decimals)


def _document_totals(recognised: Recognised, unit: str) -> list[Figure]:
    return [
        f
        for f in recognised.figures
        if f.unit == unit
        and f.total
        and f.dimension is None
        and f.sentence.part == 1
        and f.sentence.place is None
        and f.qualifier == "exact"
        and f.role == "count"
    ]


_NAMED_WHOLE = re.compile(r"(?i)trong (?:tổng )?số\s*$")


def _stated_whole(figures: list[Figure], count: Figure) -> Figure | None:
    """Return the total "trong tổng số N" or "trong số N" names before a count."""
    text = count.sentence.text
    for earlier in reversed(figures[: figures.index(count)]):
        before = text[max(0, earlier.start - 16) : earlier.start]
        if earlier.unit == count.unit and earlier.role == "count" and _NAMED_WHOLE.search(before):
            return earlier
    return None


def _share_findings(
    figures: list[Figure],
    parts_of: dict[int, Figure],
    recognised: Recognised,
    context: list[Figure],
) -> list[Finding]:
    found = []
    for share in figures:
        if share.unit != "percent" or share.role != "share":
            continue
        if share.of is None:
            found.extend(_share_alone(share, context + figures, parts_of))
            continue
        count = share.of
        if count.unit not in WHOLE_UNITS or count.qualifier != "exact":
            continue
        whole = parts_of.get(id(count)) or _stated_whole(figures, count)
        if whole is None and share.whole == -1.0 or whole is None:
            candidates = {f.value for f in _document_totals(recognised, count.unit)}
            if any(_share_agrees(share, count.value, c) for c in candidates):
                continue
            if len(candidates) != 1:
                continue
            base = next(iter(candidates))
        else:
            base = whole.value
        if base <= 0 or _share_agrees(share, count.value, base):
            continue
        found.append(
            Finding(
                "share",
                share.page,
                _("Page {page}: {count} of {whole} is {computed}, the text gives {stated}").format(
                    page=share.page,
                    count=_said(count),
                    whole=_n(base),
                    computed=_pct(100.0 * count.value / base, share.decimals),
                    stated=share.text,
                ),
                (share.sentence.text,),
            )
        )
    return found


def _share_alone(
    share: Figure, figures: list[Figure], parts_of: dict[int, Figure]
) -> list[Finding]:
    """Check a share stated with no count ("ngưng 4,7%"): it must be a whole part of its base."""
    base = None
    for earlier in reversed(figures[: figures.index(share)]):
        if (
            earlier.unit in ORGANISATIONS
            and earlier.role == "count"
            and id(earlier) not in parts_of
            and earlier.dimension is None
            and earlier.qualifier == "exact"
        ):
            base = earlier
            break
    if base is None or base.value <= 0 or base.value != int(base.value):
        return []
    whole = int(base.value)
    if any(_share_agrees(share, k, whole) for k in range(whole + 1)):
        return []
    nearest = round(share.value * whole / 100.0)
    return [
        Finding(
            "share",
            share.page,
            _(
                "Page {page}: {stated} of {whole} is {value}, not a whole number; "
                "{nearest} of {whole} is {computed}"
            ).format(
                page=share.page,
                stated=share.text,
                whole=_said(base),
                value=_n(share.value * whole / 100.0, 2),
                nearest=_n(nearest),
                computed=_pct(100.0 * nearest / whole, share.decimals),
            ),
            (share.sentence.text,),
        )
    ]


# -- percentages of plan ----------------------------------------------------------------------


def _plan_findings(figures: list[Figure]) -> list[Finding]:
    found = []
    for share in figures:
        if share.role != "achievement" or share.of is None or share.value <= 0:
            continue
        count = share.of
        if count.qualifier != "exact" or count.value <= 0 or count.unit in ("percent", "cell"):
            continue
        if share.plan:
            if agrees(share.value, 100.0 * count.value / share.plan, "exact", share.decimals):
                continue
            message = _(
                "Page {page}: {count} of a plan of {plan} is {computed}, the text gives {stated}"
            ).format(
                page=share.page,
                count=_said(count),
                plan=_n(share.plan),
                computed=_pct(100.0 * count.value / share.plan, share.decimals),
                stated=share.text,
            )
        else:
            if count.unit not in WHOLE_UNITS or count.value != int(count.value):
                continue
            plan = 100.0 * count.value / share.value
            nearby = range(max(1, math.floor(plan) - 2), math.ceil(plan) + 3)
            if any(
                agrees(share.value, 100.0 * count.value / p, "exact", share.decimals)
                for p in nearby
            ):
                continue
            message = _(
                "Page {page}: {count} is {stated} of a plan of {plan}, which is not a whole number"
            ).format(page=share.page, count=_said(count), stated=share.text, plan=_n(plan, 2))
        found.append(Finding("plan", share.page, message, (share.sentence.text,)))
    return found


# -- named lists ------------------------------------------------------------------------------

_ENTITY = re.compile(r"^(?:HTX|Hợp tác xã|hợp tác xã|THT|Tổ hợp tác|LH HTX|Liên hiệp)\b")
_OPENER = re.compile(r"[^\d;.()]{0,80}?(?:\(|:\s|,?\s(?:gồm|bao gồm|là)\s*:?\s)")


def _list_text(text: str, start: int) -> str | None:
    """Return the list that starts at ``start``: to its closing bracket, or the end."""
    depth, out = 0, []
    for ch in text[start:]:
        if ch == "(":
            depth += 1
        elif ch == ")":
            if depth == 0:
                break
            depth -= 1
        out.append(ch)
    return "".join(out).rstrip(" .")


def _items(listing: str) -> list[str]:
    depth, flat = 0, []
    for ch in listing:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif depth == 0:
            flat.append(ch)
    body = "".join(flat)
    separator = r";" if ";" in body else r",|\svà\s"
    return [item.strip() for item in re.split(separator, body) if item.strip()]


def _list_findings(figures: list[Figure], sentence: Sentence) -> list[Finding]:
    found = []
    text = sentence.text
    for count in figures:
        if count.unit not in ORGANISATIONS or count.role != "count" or count.qualifier != "exact":
            continue
        if count.value != int(count.value) or count.value > 60:
            continue
        opener = _OPENER.match(text, count.end)
        if not opener:
            continue
        start = opener.end()
        # a bracket that holds no names ("(ngành nghề, địa điểm...)") is skipped for the next
        while True:
            listing = _list_text(text, start)
            if listing is None or _ENTITY.match(listing):
                break
            after = start + len(listing) + 1
            nxt = re.match(r"\s*\(", text[after:])
            if not nxt:
                listing = None
                break
            start = after + nxt.end()
        if not listing or re.search(r"\d", re.sub(r"\([^)]*\)", "", listing)):
            continue  # no names, or counts inside: a nested list is checked by its own counts
        items = _items(listing)
        named = [i for i in items if _ENTITY.match(i)]
        stated = int(count.value)
        if stated in (len(named), len(items)):
            continue
        if len(named) != len(items) and len(named) <= stated:
            continue  # names without "HTX" before them may be cut anywhere: not counted
        found.append(
            Finding(
                "list",
                sentence.page,
                _("Page {page}: {count}, the text names {named}: {names}").format(
                    page=sentence.page,
                    count=_said(count),
                    named=len(named),
                    names="; ".join(named),
                ),
                (text,),
            )
        )
    return found


# -- the same figure twice, and targets -------------------------------------------------------

#: Counts a plan raises: a target below the value reached goes backwards.
RISING = ("total_htx", "tht_count", "union_count", "members", "tht_members")


def _key(figure: Figure) -> tuple | None:
    name = indicator_of(figure, planned=True)
    if name not in RISING and name != "managers" or not figure.total:
        return None
    if figure.sentence.place is not None or figure.qualifier != "exact":
        return None
    return (name, figure.year, figure.sentence.part, figure.estimate, figure.planned)


def _twice_findings(recognised: Recognised) -> list[Finding]:
    first: dict[tuple, Figure] = {}
    said: set[tuple] = set()
    found = []
    for figure in recognised.figures:
        key = _key(figure)
        if key is None:
            continue
        seen = first.setdefault(key, figure)
        if seen is figure or seen.value == figure.value or (key, figure.value) in said:
            continue
        said.add((key, figure.value))
        found.append(
            Finding(
                "twice",
                figure.page,
                _(
                    "Pages {first} and {page}: {label} is {one} in one place and {other} in another"
                ).format(
                    first=seen.page,
                    page=figure.page,
                    label=label_of(key[0]),
                    one=_said(seen),
                    other=_said(figure),
                ),
                (seen.sentence.text, figure.sentence.text),
            )
        )
    return found


def _target_findings(recognised: Recognised) -> list[Finding]:
    reached: dict[str, Figure] = {}
    found = []
    for figure in recognised.figures:
        key = _key(figure)
        if key is None or key[3]:
            continue
        if figure.sentence.part == 1 and not figure.planned:
            reached[key[0]] = figure
            continue
        now = reached.get(key[0])
        if now is not None and figure.value < now.value:
            found.append(
                Finding(
                    "target",
                    figure.page,
                    _(
                        "Page {page}: the target {target} for {label} is below the {now} "
                        "already reached (page {now_page})"
                    ).format(
                        page=figure.page,
                        target=_said(figure),
                        label=label_of(key[0]),
                        now=_said(now),
                        now_page=now.page,
                    ),
                    (figure.sentence.text, now.sentence.text),
                )
            )
    return found


# -- rules outside their validity -------------------------------------------------------------


def _validity_findings(recognised: Recognised) -> list[Finding]:
    from htxlib.rules.loading import legal_documents, rating_rules

    rating = rating_rules()
    rating_number = re.search(r"\d+/\d{4}/[\wĐđ\-]+", rating.document).group(0)
    laws = [
        (d["number"], d.get("valid_to"), f"{d['title']} số {d['number']}")
        for d in legal_documents().values()
        if d.get("valid_to")
    ]
    found = []
    for sentence in recognised.sentences:
        text = sentence.text
        years = [int(y) for y in re.findall(r"(?<![\d/])((?:19|20)\d\d)(?![\d/])", text)]
        year = max(years) if years else sentence.year
        if year is None:
            continue
        rated = rating_number in text and re.search(r"(?i)xếp loại|phân loại", text)
        if rated and rating.standing(year) == "after":
            found.append(
                Finding(
                    "validity",
                    sentence.page,
                    _(
                        "Page {page}: ratings of {year} under {document}, which no longer "
                        "applied (repealed from {date})"
                    ).format(
                        page=sentence.page,
                        year=year,
                        document=rating.document,
                        date=rating.repealed_from,
                    ),
                    (text,),
                )
            )
        for law_number, valid_to, name in laws:
            applied = re.search(rf"theo[^.;]{{0,40}}{re.escape(law_number)}", text)
            last = (
                valid_to if isinstance(valid_to, dt.date) else dt.date.fromisoformat(str(valid_to))
            )
            if applied and dt.date(year, 1, 1) > last:
                found.append(
                    Finding(
                        "validity",
                        sentence.page,
                        _(
                            "Page {page}: {document} applied to {year}; it applied until {date}"
                        ).format(
                            page=sentence.page,
                            document=name,
                            year=year,
                            date=last.strftime("%d/%m/%Y"),
                        ),
                        (text,),
                    )
                )
    return found


# -- tables -----------------------------------------------------------------------------------

_TOTAL_ROW = re.compile(r"(?i)^\s*(?:tổng số|tổng cộng|tổng|cộng|toàn (?:tỉnh|huyện|xã))\b")


def _table_findings(recognised: Recognised) -> list[Finding]:
    rows: dict[tuple[int, int], dict[int, Figure]] = {}
    labels: dict[tuple[int, int], str] = {}
    for figure in recognised.figures:
        s = figure.sentence
        if s.table and figure.role == "cell":
            rows.setdefault((s.table, s.block), {})[s.column] = figure
    for s in recognised.sentences:
        if s.table and s.column == 0:
            labels[(s.table, s.block)] = s.text
    found = []
    tables: dict[int, list[tuple[int, int]]] = {}
    for key in sorted(rows):
        tables.setdefault(key[0], []).append(key)
    for table, keys in tables.items():
        body: list[dict[int, Figure]] = []
        for key in keys:
            cells = rows[key]
            if not _TOTAL_ROW.match(labels.get(key, "")):
                body.append(cells)
                continue
            found.extend(_total_row(table, body, cells))
            body = []
    return found


def _total_row(
    table: int, body: list[dict[int, Figure]], total: dict[int, Figure]
) -> list[Finding]:
    found = []
    counts = [c for c, f in total.items() if f.unit == "cell"]
    for column, cell in total.items():
        values = [row[column] for row in body if column in row]
        if not values:
            continue
        if cell.unit == "cell":
            added = sum(v.value for v in values)
            if abs(added - cell.value) > 0.5 * 10.0**-cell.decimals * max(1, len(values)) and not (
                cell.decimals == 0 and added == cell.value
            ):
                found.append(
                    Finding(
                        "table",
                        cell.page,
                        _(
                            "Page {page}, table {table}: the rows add up to {sum}, "
                            "the total row gives {total}"
                        ).format(page=cell.page, table=table, sum=_n(added), total=_n(cell.value)),
                        (" | ".join(_n(v.value) for v in values),),
                    )
                )
        elif counts and total[counts[0]].value:
            whole = total[counts[0]].value
            for row in body:
                share, count = row.get(column), row.get(counts[0])
                if share is None or count is None or share.unit != "percent":
                    continue
                if not _share_agrees(share, count.value, whole):
                    found.append(
                        Finding(
                            "table",
                            share.page,
                            _(
                                "Page {page}, table {table}: {count} of {whole} is {computed}, "
                                "the table gives {stated}"
                            ).format(
                                page=share.page,
                                table=table,
                                count=_n(count.value),
                                whole=_n(whole),
                                computed=_pct(100.0 * count.value / whole, share.decimals),
                                stated=share.text,
                            ),
                            (share.sentence.text,),
                        )
                    )
    return found


# -- all of them ------------------------------------------------------------------------------


def inconsistencies(recognised: Recognised) -> list[Finding]:
    """Return every inconsistency the document's own figures show, in reading order."""
    by_sentence: dict[int, list[Figure]] = {}
    for figure in recognised.figures:
        by_sentence.setdefault(id(figure.sentence), []).append(figure)
    found: list[Finding] = []
    previous: list[Figure] = []
    paragraph: list[Figure] = []  # the figures of the paragraph's earlier sentences
    previous_block = None
    for sentence in recognised.sentences:
        figures = by_sentence.get(id(sentence), [])
        if sentence.block != previous_block:
            previous, paragraph, previous_block = [], [], sentence.block
        if not figures or sentence.table:
            continue
        # a whole stated in the sentence before, in the same paragraph, may be divided here
        context = [f for f in previous if f.role == "count" and f.total and f.depth == 0]
        parts_of: dict[int, Figure] = {}
        for partition in partitions(context[-1:] + figures, sentence):
            found.extend(_part_findings(partition, sentence))
            parts_of.update({id(p): partition.whole for p in partition.parts})
        found.extend(_share_findings(figures, parts_of, recognised, paragraph))
        found.extend(_plan_findings(figures))
        found.extend(_list_findings(figures, sentence))
        previous = figures
        paragraph = paragraph + figures
    found.extend(_table_findings(recognised))
    found.extend(_twice_findings(recognised))
    found.extend(_target_findings(recognised))
    found.extend(_validity_findings(recognised))
    return found
