"""A finding of ``htx check``, and how findings write numbers and figures."""

from __future__ import annotations

from dataclasses import dataclass

from htxlib.checks.text.recognise import Figure
from htxlib.checks.text.vocabulary import ORGANISATIONS
from htxlib.formatting import number
from htxlib.messages import N_


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


def written_number(value: float, decimals: int = 3) -> str:
    """Write a number as the document does ("1.182", "3,6")."""
    return number(value, decimals)


def written_percent(value: float, decimals: int) -> str:
    """Write a computed percentage one decimal finer than the stated one ("54,39%")."""
    return number(value, max(decimals, 1) + 1) + "%"


def as_written(figure: Figure) -> str:
    """Return the figure as the text writes it, with its unit when the sentence gave it."""
    return figure.text if not figure.inherited else f"{figure.text} {figure.unit}"


def all_exact(*figures: Figure) -> bool:
    """Whether every figure is stated exactly (no "khoảng", "hơn", range)."""
    return all(f.qualifier == "exact" for f in figures)
