"""Plan indicators: what each target measures and how its actual value is computed.

An indicator's code is what the ``targets`` table names. Stocks are taken at the
cutoff; flows add up over the period (and get a year-end estimate when the period
ends before 31/12).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from htxlib import figures as m
from htxlib.data.codes import PLAN_INDICATORS as LABELS
from htxlib.data.stated import published_actual
from htxlib.figures.counts import new_htx, paper_only_at
from htxlib.figures.frames import existing, facts
from htxlib.formatting import half_up


@dataclass(frozen=True)
class Indicator:
    """A plan indicator.

    Parameters
    ----------
    code : str
        Name used in the ``targets`` table.
    label : str
        Vietnamese label.
    unit : str
        Unit printed after values.
    kind : str
        ``stock`` (value at the cutoff), ``flow`` (accumulates over the year, so a partial
        year gets a year-end estimate) or ``annual`` (a full-year figure as the data states
        it, such as an average yearly revenue: never scaled up).
    direction : str
        ``up`` when more is better, ``down`` when less is better.
    compute : callable
        ``compute(ds, year, as_of) -> float`` giving the actual value.
    decimals : int
        Decimals shown.
    events : bool
        Whether the indicator counts events (new HTX, new members): the rest of a partial
        year is then estimated from the yearly average of past years.
    registry : bool
        Whether the value is computed from the registry's dates (founding, dissolution), so
        that a past year's full-year value is known even when its period ended early.
    """

    code: str
    label: str
    unit: str
    kind: str
    direction: str
    compute: Callable
    decimals: int = 0
    events: bool = False
    registry: bool = False


NAN = float("nan")


def _known(figure) -> float:
    """Return a figure's value, NaN when it is not given (so nothing is computed from it)."""
    return float(figure.value) if figure.known else NAN


def _once(ds, name: str, year: int, as_of, compute):
    """Return ``compute(ds, year, as_of)`` once per dataset: indicators of a year share figures."""
    key = (name, int(year), None if as_of is None else str(as_of))
    return ds.once(key, lambda: compute(ds, year, as_of))


def _managers(ds, year, as_of):
    return _once(ds, "manager_training", year, as_of, m.manager_training)


# The HTX counts read the selections Part I's overview lists (``existing``, ``new_htx``,
# ``paper_only_at``), not the overview itself: the history asks for them in every year,
# where the overview's other lists would be made for nothing.


def _total_htx(ds, year, as_of):
    return len(existing(ds, "HTX", ds.period(year, as_of).cutoff))


def _new_htx(ds, year, as_of):
    period = ds.period(year, as_of)
    return len(new_htx(ds, period.start, period.cutoff))


def _effective_htx(ds, year, as_of):
    table = m.rating_distribution(ds, year, as_of)
    if not m.ratings_given(table):
        return NAN
    ratings = table.set_index("rating")["count"]
    return int(ratings["tot"] + ratings["kha"])


def _paper_only(ds, year, as_of):
    if not m.statuses_given(ds):
        return NAN
    return len(paper_only_at(ds, ds.period(year, as_of).cutoff))


def _to_dissolve(ds, year, as_of):
    from htxlib.rules.compliance import dissolution_candidates

    if not m.statuses_given(ds):
        return NAN
    return len(dissolution_candidates(ds, year, as_of))


def _managers_untrained(ds, year, as_of):
    levels = _managers(ds, year, as_of).levels.set_index("level")["count"]
    untrained = levels["managers_untrained"]
    return NAN if untrained is None or pd.isna(untrained) else int(untrained)


def _managers_trained_share(ds, year, as_of):
    # the complement of the untrained count, over the total: one definition for both
    total = _known(_managers(ds, year, as_of).total)
    untrained = _managers_untrained(ds, year, as_of)
    if not total or pd.isna(total) or pd.isna(untrained):
        return NAN
    return 100.0 * (total - untrained) / total


def _managers_coached_share(ds, year, as_of):
    # a course attended (bồi dưỡng) is not formal training: its own column, never the
    # trained share, and over the HTX that give both numbers only
    frame = facts(ds, "HTX", year, ds.period(year, as_of).cutoff)
    given = frame[frame["managers"].notna() & frame["managers_coached"].notna()]
    total = given["managers"].sum()
    if given.empty or not total:
        return NAN
    return 100.0 * given["managers_coached"].sum() / total


def _members(ds, year, as_of):
    return _known(m.members_workers(ds, year, as_of).members)


def _new_members(ds, year, as_of):
    return _known(m.members_workers(ds, year, as_of).new_members)


def _average(average) -> float:
    return NAN if average.value is None else float(average.value)


def _avg_htx_income(ds, year, as_of):
    return _average(m.business_results(ds, year, as_of).revenue)


def _member_income(ds, year, as_of):
    return _average(m.business_results(ds, year, as_of).member_income)


INDICATORS: dict[str, Indicator] = {
    i.code: i
    for i in (
        Indicator("total_htx", LABELS["total_htx"], "HTX", "stock", "up", _total_htx),
        Indicator(
            "new_htx",
            LABELS["new_htx"],
            "HTX",
            "flow",
            "up",
            _new_htx,
            events=True,
            registry=True,
        ),
        Indicator(
            "effective_htx",
            LABELS["effective_htx"],
            "HTX",
            "stock",
            "up",
            _effective_htx,
        ),
        Indicator("paper_only_htx", LABELS["paper_only_htx"], "HTX", "stock", "down", _paper_only),
        Indicator(
            "htx_to_dissolve",
            LABELS["htx_to_dissolve"],
            "HTX",
            "stock",
            "down",
            _to_dissolve,
        ),
        Indicator(
            "managers_trained_share",
            LABELS["managers_trained_share"],
            "%",
            "stock",
            "up",
            _managers_trained_share,
            2,
        ),
        Indicator(
            "managers_untrained",
            LABELS["managers_untrained"],
            "người",
            "stock",
            "down",
            _managers_untrained,
        ),
        Indicator(
            "managers_coached_share",
            LABELS["managers_coached_share"],
            "%",
            "stock",
            "up",
            _managers_coached_share,
            2,
        ),
        Indicator(
            "avg_htx_income",
            LABELS["avg_htx_income"],
            "triệu đồng/năm",
            "annual",
            "up",
            _avg_htx_income,
            1,
        ),
        Indicator(
            "member_income",
            LABELS["member_income"],
            "triệu đồng/năm",
            "stock",
            "up",
            _member_income,
            1,
        ),
        Indicator("members", LABELS["members"], "thành viên", "stock", "up", _members),
        Indicator(
            "new_members",
            LABELS["new_members"],
            "thành viên",
            "flow",
            "up",
            _new_members,
            events=True,
        ),
    )
}


#: What each indicator is computed from (table, field), for its provenance.
INPUTS = {
    "total_htx": (("entities", "entity_id"),),
    "new_htx": (("entities", "founded_on"),),
    "effective_htx": (("annual", "rating"),),
    "paper_only_htx": (("status_events", "event"),),
    "htx_to_dissolve": (("status_events", "event"),),
    "managers_trained_share": (("annual", "managers"), ("annual", "managers_untrained")),
    "managers_untrained": (("annual", "managers_untrained"),),
    "managers_coached_share": (("annual", "managers"), ("annual", "managers_coached")),
    "avg_htx_income": (("annual", "revenue"),),
    "member_income": (("annual", "member_income"), ("annual", "members")),
    "members": (("annual", "members"),),
    "new_members": (("annual", "new_members"),),
}


def status(ds, code: str, year: int, as_of=None, value: float | None = None) -> str:
    """Return the provenance of an indicator's value: the weakest of the values it uses.

    With ``value`` (the value a section shows), it is published when the unit's own document
    states that very value for the period: registry rows rebuilt to match a published count
    do not make the count an estimate. A year-end estimate shown instead of the value to the
    cutoff is not the published figure, and keeps the provenance of its inputs.
    """
    from htxlib.figures.provenance import figure, weakest

    if value is not None and not pd.isna(value) and as_of is None:
        stated = published_actual(ds, code, year)
        decimals = int(INDICATORS[code].decimals)
        if stated is not None and half_up(stated, decimals) == half_up(value, decimals):
            return "published"
    ids = facts(ds, "HTX", year, ds.period(year, as_of).cutoff)["entity_id"]
    return weakest(
        figure(ds, None, table, field, ids, total=True, year=year).status
        for table, field in INPUTS[code]
    )


def actual(ds, code: str, year: int, as_of=None) -> float:
    """Return an indicator's actual value for a year (at its cutoff, or ``as_of``).

    NaN when the data does not give it: it is then neither judged nor projected from.

    Parameters
    ----------
    ds : Dataset
        The unit's data.
    code : str
        Indicator code (see :data:`INDICATORS`).
    year : int
        Year.
    as_of : str or Timestamp, optional
        Cutoff overriding the period's.
    """
    return _once(ds, code, year, as_of, lambda *a: float(INDICATORS[code].compute(*a)))


def history(ds, code: str, last_year: int) -> pd.Series:
    """Return an indicator's comparable values for every year with a period, up to ``last_year``.

    Stocks are taken at each period's cutoff. A flow is only comparable over whole years:
    a year whose period ends before 31/12 gives its full-year value when the registry
    dates give it (a year before the latest one), and NaN (left out) otherwise, so that a
    first-half count is never set beside full years.
    """
    ind = INDICATORS[code]
    values = {}
    latest = ds.years[-1] if ds.years else last_year
    for y in (y for y in ds.years if y <= last_year):
        if ind.kind != "flow" or ds.period(y).full_year:
            values[y] = actual(ds, code, y)
        elif ind.registry and y < latest:
            values[y] = actual(ds, code, y, f"31/12/{y}")
        else:
            values[y] = float("nan")
    return pd.Series(values, dtype=float, name=code)
