"""Find a table's header row below a title block, by the names it matches."""

from __future__ import annotations

from htxlib.data.codebook import Table
from htxlib.data.read.text import fold

#: How many rows above the header a title block may take.
HEADER_SEARCH_ROWS = 30


def header_map(table: Table) -> dict[str, str]:
    """Map every accepted header spelling (folded) to the English column name."""
    mapping: dict[str, str] = {}
    for col in table.columns:
        mapping[fold(col.name)] = col.name
        mapping[fold(col.vi)] = col.name
    return mapping


def _header_score(row: list, mapping: dict[str, str]) -> int:
    return sum(1 for cell in row if cell is not None and fold(cell) in mapping)


def find_header(rows: list[list], table: Table) -> int | None:
    """Return the index of the header row: the row among the first ones naming most columns."""
    mapping = header_map(table)
    best, best_score = None, 0
    for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        score = _header_score(row, mapping)
        if score > best_score:
            best, best_score = i, score
    return best
