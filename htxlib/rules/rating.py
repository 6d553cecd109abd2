"""The rating engine: criterion scores to totals and ratings under the rating rules.

Totals use the supervisory board's checked score where given, else the board's own
score. Each score is bounded by its criterion's maximum, and a group's criteria by the
group's points (which is all that bounds criteria whose own maximum is unconfirmed).
"""

from __future__ import annotations

import pandas as pd

from htxlib.docs import scoped
from htxlib.figures.frames import existing
from htxlib.rules.loading import RatingRules, longer_than, rating_rules

#: Why an HTX has no computed rating when no legal rule excludes it.
NO_SCORES = "no_scores"
CHECK_COLUMNS = [
    "entity_id",
    "name",
    "total",
    "self_total",
    "computed",
    "reason",
    "recorded",
    "agrees",
    "over",
]


def classify(total: float, rules: RatingRules) -> str:
    """Return the rating of a total score (``tot``, ``kha``, ``trung_binh`` or ``yeu``)."""
    for rating, lowest in rules.thresholds:
        if total >= lowest:
            return rating
    return rules.thresholds[-1][0]


def not_rated_reasons(htx: pd.DataFrame, year: int, ds, rules: RatingRules) -> pd.Series:
    """Return, for each HTX, the id of the first not-rated rule that excludes it, or None.

    Parameters
    ----------
    htx : DataFrame
        The HTX's registry rows.
    year : int
        Rated year.
    ds : Dataset
        The unit's data (status history).
    rules : RatingRules
        Rules in force.
    """
    date = rules.date_in(year)
    reasons = pd.Series(None, index=htx.index, dtype=object)
    for rule_id, rule in rules.not_rated.items():
        hit = pd.Series(False, index=htx.index)
        if "sectors" in rule:
            hit |= htx["sector"].isin(rule["sectors"])
        if rule_id == "operating_less_than_12_months":
            founded = htx["founded_on"]
            hit |= founded.notna() & (founded + pd.DateOffset(months=int(rule["months"])) > date)
        if rule_id == "stopped_more_than_3_months":
            hit |= htx["entity_id"].isin(_stopped_too_long(ds, year, int(rule["months"])))
        reasons[reasons.isna() & hit] = rule_id  # the first rule that applies wins
    return reasons


def _stopped_too_long(ds, year: int, months: int) -> set[str]:
    """Return the entities whose notified suspensions overlap the year by over ``months`` months.

    Each suspension's span within the year, both days included.
    """
    events = ds.status_events
    notified = events[events["event"] == "suspension"]
    first, last = pd.Timestamp(year=year, month=1, day=1), pd.Timestamp(year=year, month=12, day=31)
    start = notified["start_date"].clip(lower=first)
    end = notified["end_date"].fillna(last).clip(upper=last)
    return set(notified.loc[longer_than(start, end, months), "entity_id"])


def _bounded(scores: pd.DataFrame, values: pd.Series, rules: RatingRules):
    """Bound each criterion's score, then each group's sum; return totals and what was bounded.

    Returns the total per entity, and the (entity, criterion) and (entity, group) pairs whose
    score went over its maximum.
    """
    maxima = {c.id: c.max for c in rules.criteria}
    group_of = {c.id: c.group for c in rules.criteria}
    criterion = scores["criterion"].astype(int)
    known = values.notna() & criterion.isin(list(maxima))
    part = pd.DataFrame(
        {
            "entity_id": scores["entity_id"],
            "criterion": criterion,
            "group": criterion.map(group_of),
            "value": values.astype(float),
            "top": criterion.map(maxima).astype(float),  # None (unconfirmed): NaN
        }
    )[known]
    over_criteria = part[part["top"].notna() & (part["value"] > part["top"])]
    part["value"] = part["value"].where(~(part["value"] > part["top"]), part["top"])
    groups = part.groupby(["entity_id", "group"], sort=False)["value"].sum().reset_index()
    groups["cap"] = groups["group"].map(rules.groups).astype(float)
    over_groups = groups[groups["value"] > groups["cap"]]
    groups["value"] = groups["value"].where(~(groups["value"] > groups["cap"]), groups["cap"])
    totals = groups.groupby("entity_id", sort=False)["value"].sum()
    return totals, over_criteria, over_groups


def score_totals(ds, year: int, rules: RatingRules) -> pd.DataFrame:
    """Add up each HTX's criterion scores for a year, bounded by the rules.

    Returns
    -------
    DataFrame
        entity_id, total, self_total, over (list of criteria whose score exceeded the
        maximum, or of groups whose criteria did), one row per HTX with scores.
    """
    scores = ds.rating_scores[ds.rating_scores["year"] == year]
    used = scores["checked_score"].where(scores["checked_score"].notna(), scores["self_score"])
    checked, over_criteria, over_groups = _bounded(scores, used, rules)
    own, _, _ = _bounded(scores, scores["self_score"], rules)
    entities = sorted(scores["entity_id"].unique())
    over: dict[str, list[str]] = {entity_id: [] for entity_id in entities}
    for row in over_criteria.itertuples():
        over[row.entity_id].append(f"tiêu chí {row.criterion}")
    for row in over_groups.itertuples():
        over[row.entity_id].append(f"nhóm {row.group}")
    frame = pd.DataFrame({"entity_id": entities})
    frame["total"] = frame["entity_id"].map(checked).fillna(0.0).astype(float)
    frame["self_total"] = frame["entity_id"].map(own).fillna(0.0).astype(float)
    frame["over"] = frame["entity_id"].map(over)
    return frame[["entity_id", "total", "self_total", "over"]]


@scoped
def computed_ratings(ds, year: int, as_of=None, rules: RatingRules | None = None) -> pd.DataFrame:
    """Rate every HTX existing at the cutoff from its scores, and compare with the recorded rating.

    Parameters
    ----------
    {scope}
    rules : RatingRules, optional
        Rules to apply (default: ``htxlib/rules/rating.yaml``).

    Returns
    -------
    DataFrame
        entity_id, name, total (NaN when not rated), self_total, computed (rating code;
        ``khong_xep_loai`` when excluded or without scores), reason (not-rated rule id,
        ``no_scores`` or None), recorded (rating in ``annual``), agrees (computed equals
        recorded; NaN when there are no scores to judge by), over (bounded scores).
    """
    rules = rules or rating_rules()
    if not rules.applies_to(year):
        return pd.DataFrame(columns=CHECK_COLUMNS)  # the year was rated under other rules
    htx = existing(ds, "HTX", ds.period(year, as_of).cutoff)
    totals = score_totals(ds, year, rules).set_index("entity_id")
    annual = ds.annual[ds.annual["year"] == year].drop_duplicates("entity_id")
    recorded = htx["entity_id"].map(annual.set_index("entity_id")["rating"])
    recorded = recorded.astype(object).where(recorded.notna(), None)
    reason = not_rated_reasons(htx, year, ds, rules)
    has_scores = htx["entity_id"].isin(totals.index)
    reason[reason.isna() & ~has_scores] = NO_SCORES
    scored = htx["entity_id"].map(totals["total"])
    total = scored.where(reason.isna()).astype(float)
    computed = pd.Series("khong_xep_loai", index=htx.index, dtype=object)
    rated = reason.isna()
    computed[rated] = [classify(float(t), rules) for t in total[rated]]
    judged = (reason != NO_SCORES) & recorded.notna()
    agrees = (computed == recorded).astype(object).where(judged, float("nan"))
    frame = pd.DataFrame(
        {
            "entity_id": htx["entity_id"],
            "name": htx["name"],
            "total": total,
            "self_total": htx["entity_id"].map(totals["self_total"]).astype(float),
            "computed": computed,
            "reason": reason,
            "recorded": recorded,
            "agrees": agrees,
            "over": htx["entity_id"]
            .map(totals["over"])
            .map(lambda over: list(over) if isinstance(over, list) else []),
        }
    )
    return frame[CHECK_COLUMNS].reset_index(drop=True)
