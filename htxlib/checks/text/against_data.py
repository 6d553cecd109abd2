"""A document's figures against what a unit's data give, by the report's own definitions."""

from __future__ import annotations

import math

from htxlib.checks.stated_figures import agrees
from htxlib.checks.stated_meaning import computed
from htxlib.checks.text.findings import Finding
from htxlib.checks.text.indicators import indicator_of, label_of
from htxlib.checks.text.recognise import Recognised
from htxlib.formatting import number
from htxlib.messages import _


def data_differences(recognised: Recognised, ds, year: int) -> tuple[list[Finding], int]:
    """Return the figures of Part I for ``year`` that differ from the unit's data.

    Returns the differences and how many figures were compared.

    Only a figure with an indicator is compared (see
    :func:`~htxlib.checks.text.indicators.indicator_of`), of the document's own unit (not a
    sentence about one of its communes), as the value reached (not a year-end estimate), and
    where the data give it: a figure the data do not give is not compared, never taken as 0.
    """
    found = []
    compared = 0
    cache: dict[str, float | None] = {}
    for figure in recognised.figures:
        sentence = figure.sentence
        if sentence.part != 1 or sentence.place is not None or figure.estimate:
            continue
        if figure.year is not None and figure.year != year:
            continue
        name = indicator_of(figure)
        if name is None:
            continue
        if name not in cache:
            cache[name] = computed(ds, name, year)
        value = cache[name]
        if value is None or math.isnan(value):
            continue
        compared += 1
        if agrees(figure.value, value, figure.qualifier, figure.decimals):
            continue
        found.append(
            Finding(
                "data",
                figure.page,
                _("Page {page}: {label}: the text gives {stated}, the data give {computed}").format(
                    page=figure.page,
                    label=label_of(name),
                    stated=figure.text,
                    computed=number(value, 2),
                ),
                (sentence.text,),
            )
        )
    return found, compared
