"""Shares against their counts and wholes, and percentages of plan against their plans."""

from __future__ import annotations

import math
import re

from htxlib.checks.stated_figures import agrees
from htxlib.checks.text.findings import (
    WHOLE_UNITS,
    Finding,
    as_written,
    written_number,
    written_percent,
)
from htxlib.checks.text.indicators import indicator_of
from htxlib.checks.text.recognise import Figure, Recognised
from htxlib.checks.text.vocabulary import ORGANISATIONS
from htxlib.messages import _


def share_agrees(share: Figure, part: float, whole: float) -> bool:
    """Whether a stated share agrees with ``part`` of ``whole`` at its precision."""
    if not whole:
        return True
    return agrees(share.value, 100.0 * part / whole, share.qualifier, share.decimals)


def _document_totals(recognised: Recognised, unit: str) -> list[Figure]:
    """Return the wholes a share may be of: the stated totals, and the bases a text names.

    "Tỷ lệ theo lĩnh vực tính trên 02 HTX đã rõ lĩnh vực" names the base of a list's shares.
    """
    return [
        f
        for f in recognised.figures
        if f.unit == unit
        and (f.total and f.dimension is None or _BASE.search(f.head))
        and f.sentence.part == 1
        and f.sentence.place is None
        and f.qualifier == "exact"
        and f.role == "count"
    ]


_BASE = re.compile(r"(?i)(?:tính trên|so với tổng số|trên tổng số)\s*$")
_NAMED_WHOLE = re.compile(r"(?i)trong (?:tổng )?số\s*$")


def _stated_whole(figures: list[Figure], count: Figure) -> Figure | None:
    """Return the total "trong tổng số N" or "trong số N" names before a count."""
    text = count.sentence.text
    for earlier in reversed(figures[: figures.index(count)]):
        before = text[max(0, earlier.start - 16) : earlier.start]
        if earlier.unit == count.unit and earlier.role == "count" and _NAMED_WHOLE.search(before):
            return earlier
    return None


def share_findings(
    figures: list[Figure],
    parts_of: dict[int, Figure],
    recognised: Recognised,
    context: list[Figure],
) -> list[Finding]:
    """Return the shares of a sentence that do not agree with their count and whole."""
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
        if whole is None:  # of the document's total ("27,78% tổng số HTX" or unsaid)
            candidates = {f.value for f in _document_totals(recognised, count.unit)}
            if any(share_agrees(share, count.value, c) for c in candidates):
                continue
            if len(candidates) != 1:
                continue
            base = next(iter(candidates))
        else:
            base = whole.value
        if base <= 0 or share_agrees(share, count.value, base):
            continue
        found.append(
            Finding(
                "share",
                share.page,
                _("Page {page}: {count} of {whole} is {computed}, the text gives {stated}").format(
                    page=share.page,
                    count=as_written(count),
                    whole=written_number(base),
                    computed=written_percent(100.0 * count.value / base, share.decimals),
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
    if any(share_agrees(share, k, whole) for k in range(whole + 1)):
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
                whole=as_written(base),
                value=written_number(share.value * whole / 100.0, 2),
                nearest=written_number(nearest),
                computed=written_percent(100.0 * nearest / whole, share.decimals),
            ),
            (share.sentence.text,),
        )
    ]


# -- percentages of plan ----------------------------------------------------------------------


def stated_plans(recognised: Recognised) -> dict[tuple[str, int], Figure]:
    """Return the plans a document states, by indicator and year.

    "Kế hoạch năm 2024: 35 HTX thành lập mới", or a Part II target: what a percentage of
    plan with no plan beside it is of.
    """
    plans: dict[tuple[str, int], Figure] = {}
    for figure in recognised.figures:
        name = indicator_of(figure, planned=True)
        if name and figure.planned and figure.year and figure.qualifier in ("exact", "at_least"):
            plans.setdefault((name, figure.year), figure)
    return plans


def plan_findings(
    figures: list[Figure], plans: dict[tuple[str, int], Figure] | None = None
) -> list[Finding]:
    """Return the percentages of plan of a sentence that their plan contradicts.

    The plan is the one stated beside the percentage, else the document's plan for the
    same indicator and year (``plans``), else the one it implies, which must be whole.
    """
    found = []
    for share in figures:
        if share.role != "achievement" or share.of is None or share.value <= 0:
            continue
        count = share.of
        if count.qualifier != "exact" or count.value <= 0 or count.unit in ("percent", "cell"):
            continue
        plan, where = share.plan, share
        if not plan and plans:
            name = indicator_of(count)
            stated = plans.get((name, count.year)) if name else None
            if stated is not None and stated is not count:
                plan, where = stated.value, stated
        if plan:
            if agrees(share.value, 100.0 * count.value / plan, "exact", share.decimals):
                continue
            message = _(
                "Page {page}: {count} of a plan of {plan} is {computed}, the text gives {stated}"
            ).format(
                page=share.page,
                count=as_written(count),
                plan=written_number(plan),
                computed=written_percent(100.0 * count.value / plan, share.decimals),
                stated=share.text,
            )
            quoted = tuple(dict.fromkeys((share.sentence.text, where.sentence.text)))
            found.append(Finding("plan", share.page, message, quoted))
            continue
        if count.unit not in WHOLE_UNITS or count.value != int(count.value):
            continue
        implied = 100.0 * count.value / share.value
        nearby = range(max(1, math.floor(implied) - 2), math.ceil(implied) + 3)
        if any(
            agrees(share.value, 100.0 * count.value / p, "exact", share.decimals) for p in nearby
        ):
            continue
        message = _(
            "Page {page}: {count} is {stated} of a plan of {plan}, which is not a whole number"
        ).format(
            page=share.page,
            count=as_written(count),
            stated=share.text,
            plan=written_number(implied, 2),
        )
        found.append(Finding("plan", share.page, message, (share.sentence.text,)))
    return found
