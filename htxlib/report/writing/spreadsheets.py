"""Write report figures as CSV and Excel for analysts, safe to open in a spreadsheet.

Text that a spreadsheet would take for a formula (starting with ``=``, ``+``, ``-``, ``@``,
a tab or a carriage return) is written with a leading apostrophe, so that a name in the
data can never run as a formula.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd

from htxlib.report.writing.export_columns import readable
from htxlib.report.writing.files import atomic_write

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


#: Where a spreadsheet may split a cell of a CSV file: the list separator of a Vietnamese
#: Excel (";"), which the names joined in one cell also use.
CELL_SEPARATOR = re.compile(r"(;\s*)")


def neutralise(value: object) -> object:
    """Return a cell value that a spreadsheet shows as text, never runs as a formula.

    Each part of the cell after a ";" is neutralised too: Excel set to Vietnamese splits a
    CSV line at ";", and a name list "HTX A; =HYPERLINK(…)" would start a cell with "=".

    Examples
    --------
    >>> neutralise("=1+1"), neutralise("HTX A; =HYPERLINK(1); +1+cmd"), neutralise(-5)
    ("'=1+1", "HTX A; '=HYPERLINK(1); '+1+cmd", -5)
    """
    if not isinstance(value, str):
        return value
    parts = CELL_SEPARATOR.split(value)
    return "".join(
        "'" + part if i % 2 == 0 and part.startswith(FORMULA_STARTS) else part
        for i, part in enumerate(parts)
    )


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Neutralise every text cell (and header) of a table; lists become "; "-joined text."""
    out = frame.copy()
    for column in out.columns:
        # built as objects: mapped, a column of whole numbers and decimals comes back as floats
        out[column] = pd.Series(
            [
                neutralise("; ".join(map(str, v)) if isinstance(v, list | tuple) else v)
                for v in out[column]
            ],
            index=out.index,
            dtype=object,
        )
    out.columns = [neutralise(str(c)) for c in out.columns]
    return out


def write_tables(tables: dict[str, pd.DataFrame], folder: Path) -> list[Path]:
    """Write tables as ``<name>.csv`` (UTF-8 with BOM, for Excel) and one ``figures.xlsx``.

    Each table is written as people read it (``export_columns.readable``): rounded
    numbers and, in Vietnamese, the report's words for headers and codes.

    Parameters
    ----------
    tables : dict of str to DataFrame
        Sheet or file name to table.
    folder : Path
        Where to write (created if needed).

    Returns
    -------
    list of Path
        The files written.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    safe = {name: safe_frame(readable(frame)) for name, frame in tables.items()}
    for name, frame in safe.items():
        path = folder / f"{name}.csv"
        # every field quoted: a ";" inside a cell stays inside it in a Vietnamese Excel too
        atomic_write(
            path,
            lambda tmp, f=frame: f.to_csv(
                tmp, index=False, encoding="utf-8-sig", quoting=csv.QUOTE_ALL
            ),
        )
        written.append(path)

    def workbook(tmp: Path) -> None:
        with pd.ExcelWriter(tmp, engine="openpyxl") as writer:
            for name, frame in safe.items():
                frame.to_excel(writer, sheet_name=name[:31], index=False)

    path = folder / "figures.xlsx"
    atomic_write(path, workbook)
    written.append(path)
    return written


def figure_tables(ds, year: int, as_of=None) -> dict[str, pd.DataFrame]:
    """Collect the main figure tables of a unit and year for export."""
    from htxlib import figures
    from htxlib.checks.contradictions import contradictions
    from htxlib.plan import targets
    from htxlib.rules import compliance
    from htxlib.rules.rating import computed_ratings

    overview = figures.htx_overview(ds, year, as_of)
    issued, _given = compliance.issue_day(ds, year, ds.period(year, as_of).cutoff)
    return {
        "sectors": overview.by_sector.drop(columns="ids"),
        "capital": figures.capital_by_sector(ds, year, as_of),
        "ratings": figures.rating_distribution(ds, year, as_of).drop(columns="ids"),
        "rating_check": computed_ratings(ds, year, as_of).drop(columns="over"),
        "managers": figures.manager_training(ds, year, as_of).levels,
        "support": figures.support_results(ds, year, as_of),
        # as the plan states them: cited by the law of its date of issue (column historical)
        "findings": compliance.findings(ds, year, as_of, cited_on=issued),
        "plan_vs_actual": targets.plan_vs_actual(ds, year, as_of),
        "targets": targets.chosen_targets(ds, year, ds.plan_year(year), as_of),
        "contradictions": contradictions(ds),
    }
