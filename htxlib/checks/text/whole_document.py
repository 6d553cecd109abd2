"""Checks across a whole document: one total stated twice, targets, rules out of force."""

from __future__ import annotations

import datetime as dt
import re

from htxlib.checks.text.findings import (
    Finding,
    as_written,
)
from htxlib.checks.text.indicators import indicator_of, label_of
from htxlib.checks.text.recognise import Figure, Recognised
from htxlib.messages import N_, _

#: Counts a plan raises: a target below the value reached goes backwards.
RISING = ("total_htx", "tht_count", "union_count", "members", "tht_members")


#: The totals a document may state twice: the rising counts, and the managers.
TOTALS = (*RISING, "managers")


def _key(figure: Figure) -> tuple | None:
    """Return what one total is of, for comparing it; None for a figure that is no total."""
    name = indicator_of(figure, planned=True)
    stated_alone = figure.sentence.place is None and figure.qualifier == "exact"
    if name not in TOTALS or not figure.total or not stated_alone:
        return None
    # one key in both parts: Part II restating the year's value must state the same value
    return (name, figure.year, figure.estimate, figure.planned)


def _same_moment(figures: list[Figure]) -> list[list[Figure]]:
    """Group one indicator's figures by the date they are stated at.

    A figure with no date of its own ("Trong tổng số 36 HTX") is of the document's one date,
    when its other figures have one; where they have several ("đến 31/12/2023 … đến
    30/06/2024"), it could be of either, and is compared with none.
    """
    dates = {f.as_of for f in figures if f.as_of}
    if len(dates) <= 1:
        return [figures]
    return [[f for f in figures if f.as_of == date] for date in sorted(dates)]


def twice_findings(recognised: Recognised) -> list[Finding]:
    """Return each total the document states with a second value for the same moment."""
    by_key: dict[tuple, list[Figure]] = {}
    for figure in recognised.figures:
        key = _key(figure)
        if key is not None:
            by_key.setdefault(key, []).append(figure)
    found = []
    for key, figures in by_key.items():
        for group in _same_moment(figures):
            seen, said = group[0], {group[0].value}
            for figure in group[1:]:
                if figure.value in said:
                    continue
                said.add(figure.value)
                where = (
                    N_("Page {page}: {label} is {one} in one place and {other} in another")
                    if seen.page == figure.page
                    else N_(
                        "Pages {first} and {page}: {label} is {one} in one place and {other} "
                        "in another"
                    )
                )
                message = _(where).format(
                    first=seen.page,
                    page=figure.page,
                    label=label_of(key[0]),
                    one=as_written(seen),
                    other=as_written(figure),
                )
                sentences = (seen.sentence.text, figure.sentence.text)
                found.append(Finding("twice", figure.page, message, sentences))
    return found


def target_findings(recognised: Recognised) -> list[Finding]:
    """Return the targets of Part II below the value Part I says was reached."""
    reached: dict[str, Figure] = {}
    found = []
    for figure in recognised.figures:
        key = _key(figure)
        if key is None or key[2]:
            continue
        if not figure.planned:
            reached[key[0]] = figure
            continue
        now = reached.get(key[0])
        later = figure.year is not None and now is not None and (now.year or 0) < figure.year
        if later and figure.value < now.value:  # a target for a year to come
            found.append(
                Finding(
                    "target",
                    figure.page,
                    _(
                        "Page {page}: the target {target} for {label} is below the {now} "
                        "already reached (page {now_page})"
                    ).format(
                        page=figure.page,
                        target=as_written(figure),
                        label=label_of(key[0]),
                        now=as_written(now),
                        now_page=now.page,
                    ),
                    (figure.sentence.text, now.sentence.text),
                )
            )
    return found


# -- rules outside their validity -------------------------------------------------------------


def validity_findings(recognised: Recognised) -> list[Finding]:
    """Return the sentences that apply a rule to a year it no longer applied to."""
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
