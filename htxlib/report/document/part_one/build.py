"""Build the Assessment of a unit, year and cutoff: data, figures, rules, plan, checks."""

from __future__ import annotations

from htxlib import figures as m
from htxlib.checks.contradictions import contradictions
from htxlib.data.dataset import Dataset
from htxlib.data.texts import sector_texts, unit_texts
from htxlib.data.unit import unit_of
from htxlib.docs import scoped
from htxlib.formatting import period_in, period_phrase
from htxlib.plan.targets import plan_vs_actual
from htxlib.plan.year_end import elapsed_share
from htxlib.report.document import charts
from htxlib.report.document.part_one.assessment import Assessment
from htxlib.report.document.stated_sentences import stated_sentences
from htxlib.rules.compliance import (
    cited_findings,
    counts_by_rule,
    judged_rules,
    kinds_present,
)
from htxlib.rules.loading import rating_rules
from htxlib.rules.rating import computed_ratings
from htxlib.rules.sizes import size_classes, size_summary


@scoped
def build(ds: Dataset, year: int, as_of=None, with_charts: bool = True) -> Assessment:
    """Compute every Part I figure for a unit and year.

    Parameters
    ----------
    {scope}
    with_charts : bool
        Draw the charts (as PNG data URIs).

    Returns
    -------
    Assessment
    """
    # gathered stage by stage, as the data flows: data, figures, rules, plan, checks
    period = ds.period(year, as_of)
    data = {
        "ds": ds,
        "unit": unit_of(ds),
        "period": period,
        "period_phrase": period_phrase(period.start, period.cutoff),
        "period_in": period_in(period.start, period.cutoff),
        "texts": unit_texts(ds, year),
    }
    figures = {
        "overview": m.htx_overview(ds, year, as_of),
        "unions": m.union_overview(ds, year, as_of),
        "groups": m.tht_overview(ds, year, as_of),
        "members": m.members_workers(ds, year, as_of),
        "filed": m.reports_filed(ds, year, as_of),
        "managers": m.manager_training(ds, year, as_of),
        "capital": m.capital_by_sector(ds, year, as_of),
        "sector_members": m.members_by_sector(ds, year, as_of),
        "ratings": m.rating_distribution(ds, year, as_of),
        "support": m.support_results(ds, year, as_of),
        "ocop": m.ocop_by_year(ds, up_to=year),
    }
    data["texts"]["sectors"], data["sector_texts"] = _sector_narratives(
        ds, year, set(figures["capital"]["sector"].dropna())
    )
    rules = rating_rules()
    cited = cited_findings(ds, year, as_of)
    judged = {
        "rating_rules": rules,
        "rating_check": computed_ratings(ds, year, as_of, rules),
        "findings": cited.current,
        "historical_findings": cited.historical,
        "cited_on": cited.day,
        "issue_given": cited.issue_given,
        "finding_counts": counts_by_rule(
            cited.current,
            judged=judged_rules(ds, year, as_of),
            on=period.cutoff,
            present=kinds_present(ds, period.cutoff),
            worded_on=cited.day,
        ),
        "sizes": size_summary(size_classes(ds, year, as_of)),
    }
    plan = {
        "plan_year": ds.plan_year(year),
        "plan_results": plan_vs_actual(ds, year, as_of),
        "partial_year": elapsed_share(ds, year, as_of) < 1,
    }
    checks = {"contradictions": contradictions(ds), "stated": stated_sentences(ds, year)}
    a = Assessment(**data, **figures, **judged, **plan, **checks)
    if with_charts:
        a.charts = draw_charts(a)
    return a


def _sector_narratives(ds, year: int, shown: set[str]) -> tuple[str | None, dict[str, str]]:
    """Split the sectors text: its general part, and each sector's part for its subsection.

    A part about a sector the section has no subsection for stays in the general part, after
    it: no text the analyst wrote is dropped.
    """
    general, parts = sector_texts(ds.folder, year, ds.entities["name"].dropna())
    placed = {code: html for code, html in parts.items() if code in shown}
    rest = [html for code, html in parts.items() if code not in shown]
    if rest:
        general = "".join([general or "", *rest])
    return general, placed


def draw_charts(a: Assessment) -> dict[str, str]:
    """Draw the Part I charts that have something to show, as data URIs."""
    figures = {
        "sectors": charts.sectors_chart(a.overview.by_sector.dropna(subset=["sector"]))
        if a.overview.by_sector["sector"].notna().any()
        else None,
        "ratings": charts.ratings_chart(a.ratings) if a.ratings_known else None,
        "managers": charts.managers_chart(a.managers.levels)
        if a.managers.levels["count"].notna().all() and a.managers.total.value
        else None,
        "support": charts.support_chart(a.support) if len(a.support) else None,
    }
    return {name: charts.to_data_uri(fig) for name, fig in figures.items() if fig is not None}
