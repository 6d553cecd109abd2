"""A one-screen text summary of a unit, for ``htx validate``."""

from __future__ import annotations

import pandas as pd

from htxlib.data.codebook import TABLES
from htxlib.data.codes import KINDS, LEVELS
from htxlib.figures.counts import STATUS_ORDER, status_counts
from htxlib.formatting import number
from htxlib.messages import N_, _, finding_message, language, shown


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
    unit = f"{LEVELS[info['level']]} {info['name']} ({info.get('province') or '-'})"
    lines = [_("{unit}: data OK").format(unit=unit), _("tables:")]
    for name, frame in ds.tables.items():
        source = ds.sources.get(name)
        where = (
            source.label + (f" [{source.sheet}]" if source and source.sheet else "")
            if source
            else "-"
        )
        rows = _("{count} rows").format(count=number(len(frame), 0))
        lines.append(f"  {_table_name(name):<34} {rows:>12}  {where}")
    if year is not None:
        period = ds.period(year, as_of)
        table = status_counts(ds, year, as_of)
        lines.append(
            _("at {cutoff} ({year}):").format(cutoff=f"{period.cutoff:%d/%m/%Y}", year=year)
        )
        heads = [_(STATUS_HEADS[s]) for s in (*STATUS_ORDER, "total")]
        lines.append(f"  {_('kind'):<8}" + "".join(f"{h:>14}" for h in heads))
        for kind, row in table.iterrows():
            cells = "".join(f"{number(int(row[s]), 0):>14}" for s in (*STATUS_ORDER, "total"))
            lines.append(f"  {kind:<8}{cells}   {KINDS[kind]}")
        lines += _findings_lines(ds, year, as_of)
        lines += history_lines(ds, year)
    lines += child_lines(ds.children)
    lines += _contradictions_lines(ds)
    for warning in ds.warnings:
        lines.append(_("warning: {problem}").format(problem=warning))
    return "\n".join(lines)


def _findings_lines(ds, year: int, as_of) -> list[str]:
    from htxlib.rules.compliance import cited_findings, counts_by_rule, judged_rules

    # as the document says them: cited by the law of its date of issue, the findings that
    # law no longer makes (historical) counted apart
    cited = cited_findings(ds, year, as_of)
    judged = judged_rules(ds, year, as_of)
    counts = counts_by_rule(cited.current, judged=judged, worded_on=cited.day)
    lines = [_("compliance findings: {count}").format(count=int(counts["count"].sum()))]
    # a rule the data cannot judge found nothing because it was not run: never "0"
    unjudged = _("not enough data to judge")
    lines += [
        f"  {row.count:>5}  {row.text}" if row.judged else f"  {'-':>5}  {row.text} ({unjudged})"
        for row in counts.itertuples()
    ]
    if len(cited.historical):
        lines.append(
            _("  {count} more true on their own date only, under a rule since replaced").format(
                count=len(cited.historical)
            )
        )
    return lines


def _contradictions_lines(ds) -> list[str]:
    from htxlib.checks.contradictions import contradictions

    found = contradictions(ds)
    lines = [_("figures that contradict each other: {count}").format(count=len(found))]
    for f in found.itertuples():
        year = "" if f.year is None or pd.isna(f.year) else f" {int(f.year)}"
        computed = "-" if f.computed is None or pd.isna(f.computed) else number(f.computed, 4)
        line = _("{file}, row {row}, {field}{year}: stated {stated}, computed {computed}")
        line = line.format(
            file=f.file,
            row=f.row,
            field=field_label(f.field),
            year=year,
            stated=number(f.stated, 4),
            computed=computed,
        )
        lines.append(f"  {line} ({shown(finding_message(f))})")
    return lines


#: The status columns of the summary, short enough for a terminal.
STATUS_HEADS = {
    "operating": N_("operating"),
    "suspended": N_("suspended"),
    "paper_only": N_("paper only"),
    "dissolving": N_("dissolving"),
    "dissolved": N_("dissolved"),
    "total": N_("total"),
}


def _table_name(name: str) -> str:
    """Return a table as the user knows it: its Vietnamese title, or its code in English."""
    return TABLES[name].title if language() == "vi" else name


def field_label(field: str) -> str:
    """Return a stated figure as the user knows it: its Vietnamese name in Vietnamese."""
    if language() != "vi":
        return field
    from htxlib.report.document.annex import field_label as vietnamese

    return vietnamese("reported_figures", field)


def child_lines(children) -> list[str]:
    """Say which children of a parent are in its figures, and why any is left out."""
    lines = []
    for child in children:
        if child.loaded:
            lines.append(_("child {path}: included").format(path=shown(child.path)))
            continue
        lines.append(
            _("child {path}: LEFT OUT of the parent's figures, {count} problem(s):").format(
                path=shown(child.path), count=len(child.problems)
            )
        )
        lines += [f"  - {problem}" for problem in child.problems]
    return lines


def history_lines(ds, year: int) -> list[str]:
    """Say which past years Part II lacks to project from, and how to add them ([] if none).

    With no year before the assessed one, no target can be projected; with one, only the
    simplest methods can. The four years before the assessed one are asked for (the
    template's rows, :data:`htxlib.data.template.HISTORY_YEARS`).
    """
    from htxlib.data.template import HISTORY_YEARS

    past = [y for y in ds.years if y < year]
    missing = [y for y in range(year - HISTORY_YEARS, year) if y not in ds.years]
    if len(past) >= 2 or not missing:
        return []
    rule = (
        _("Part II cannot project the targets: the periods table has no year before {year}")
        if not past
        else _("Part II projects from one past year only")
    ).format(year=year)
    return [
        _(
            "{rule}; add a row for each of {years} to the periods table ({sheet}): the year and "
            "its cutoff (31/12); the HTX of the registry are counted by their founding dates"
        ).format(rule=rule, years=", ".join(map(str, missing)), sheet="ky_bao_cao")
    ]
