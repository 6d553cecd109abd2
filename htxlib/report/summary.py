"""A one-screen text summary of a unit, for ``htx validate``."""

from __future__ import annotations

import pandas as pd

from htxlib.data.codes import KINDS, LEVELS
from htxlib.figures.counts import STATUS_ORDER, status_counts
from htxlib.messages import _


def summary_text(ds, year: int | None = None, as_of=None) -> str:
    """Describe a loaded unit: where each table came from and counts by kind and status.

    Parameters
    ----------
    ds : Dataset
        The unit's data.
    year : int, optional
        Year to count at (default: the latest period).
    as_of : str, optional
        Cutoff overriding the period's.

    Returns
    -------
    str
    """
    info = ds.unit_info
    year = year or (ds.years[-1] if ds.years else None)
    lines = [f"{LEVELS[info['level']]} {info['name']} ({info.get('province') or '-'}): data OK"]
    lines.append("tables:")
    for name, frame in ds.tables.items():
        source = ds.sources.get(name)
        where = (
            source.label + (f" [{source.sheet}]" if source and source.sheet else "")
            if source
            else "-"
        )
        lines.append(f"  {name:<14} {len(frame):>5} rows  {where}")
    if year is not None:
        period = ds.period(year, as_of)
        table = status_counts(ds, year, as_of)
        lines.append(f"at {period.cutoff:%d/%m/%Y} ({year}):")
        lines.append(f"  {'kind':<8}" + "".join(f"{s:>12}" for s in (*STATUS_ORDER, "total")))
        for kind, row in table.iterrows():
            cells = "".join(f"{int(row[s]):>12}" for s in (*STATUS_ORDER, "total"))
            lines.append(f"  {kind:<8}{cells}   {KINDS[kind]}")
        lines += _findings_lines(ds, year, as_of)
    lines += child_lines(ds.children)
    lines += _contradictions_lines(ds)
    for warning in ds.warnings:
        lines.append(f"warning: {warning}")
    return "\n".join(lines)


def _findings_lines(ds, year: int, as_of) -> list[str]:
    from htxlib.rules.compliance import counts_by_rule, findings

    counts = counts_by_rule(findings(ds, year, as_of))
    lines = [f"compliance findings: {int(counts['count'].sum())}"]
    lines += [f"  {row.count:>5}  {row.rule}" for row in counts.itertuples()]
    return lines


def _contradictions_lines(ds) -> list[str]:
    from htxlib.checks.contradictions import contradictions

    found = contradictions(ds)
    lines = [f"figures that contradict each other: {len(found)}"]
    for f in found.itertuples():
        year = "" if f.year is None or pd.isna(f.year) else f" {int(f.year)}"
        computed = "-" if f.computed is None or pd.isna(f.computed) else f"{f.computed:g}"
        lines.append(
            f"  {f.file}, row {f.row}, {f.field}{year}: stated {f.stated:g}, "
            f"computed {computed} ({f.check}: {f.message})"
        )
    return lines


def child_lines(children) -> list[str]:
    """Say which children of a parent are in its figures, and why any is left out."""
    lines = []
    for child in children:
        if child.loaded:
            lines.append(_("child {path}: included").format(path=child.path))
            continue
        lines.append(
            _("child {path}: LEFT OUT of the parent's figures, {count} problem(s):").format(
                path=child.path, count=len(child.problems)
            )
        )
        lines += [f"  - {problem}" for problem in child.problems]
    return lines
