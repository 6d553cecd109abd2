"""The years a report can be about, and the one message every command gives for others."""

from __future__ import annotations

#: Years a report can be about: the cooperative registry and this toolkit's rules.
MIN_YEAR, MAX_YEAR = 1990, 2100


def year_outside(year: int) -> str:
    """Say why a year cannot be reported on ("" when it can): the one check of every command.

    The years are those of a report (1990-2100); dates in the data may lie further back
    (01/01/1900-31/12/2200: an HTX founded in 1959).
    """
    from htxlib.messages import _

    if MIN_YEAR <= year <= MAX_YEAR:
        return ""
    message = _("a report's year must be between {low} and {high}; {year} is not").format(
        year=year, low=MIN_YEAR, high=MAX_YEAR
    )
    if 0 < year < 100:  # "24" for 2024
        message += _("; write the year in full, e.g. 2024")
    return message
