"""Compliance findings: which entities break the law's minimums or exist only on paper.

Each finding names the entity, the rule, its legal basis, the evidence and the date it
refers to. A rule applies only to facts dated while it is in force, in the version then in
force (a membership count at 30/06/2024 is judged by the 2012 Law, at 31/12/2024 by the 2023
Law); before any version is in force, nothing is found. Part II asks which HTX a plan must
act on, so it judges the same facts by the rules in force when the plan year starts.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pandas as pd

from htxlib.docs import scoped
from htxlib.figures.counts import held_back, paper_only_at, statuses_given
from htxlib.figures.frames import events, existing, facts, made_once
from htxlib.figures.provenance import figure
from htxlib.formatting import date as fmt_date
from htxlib.formatting import sort_key
from htxlib.rules.loading import compliance_rules, in_force, longer_than, rule_ids

COLUMNS = [
    "entity_id",
    "name",
    "kind",
    "rule",
    "text",
    "basis",
    "evidence",
    "date",
    "confirmed",
    "historical",
]

#: Rules whose findings make an HTX a candidate for dissolution. A suspension notice longer
#: than the law allows is a notice to correct, not a ground to dissolve: an HTX lawfully
#: suspended is one the plan consolidates ("củng cố để HTX đang tạm ngừng hoạt động trở lại").
DISSOLUTION_RULES = ("paper_only", "suspension_overdue")


def _members(ds, kind: str, year: int, cutoff: pd.Timestamp) -> pd.DataFrame:
    frame = facts(ds, kind, year, cutoff)
    if kind == "LHHTX":
        htx = existing(ds, "HTX", cutoff)
        counts = htx["union_id"].value_counts()
        # a union with no member HTX linked has its links not given (a union has 3 or more)
        frame = frame.assign(members=frame["entity_id"].map(counts))
    return frame[frame["members"].notna()]


def _members_estimated(ds, kind: str, year: int, counted: pd.DataFrame) -> bool:
    """Whether a member count of ``counted`` is an estimate (a published total shared out).

    A finding, or "no case found", from such counts would state an estimate as a fact.
    """
    if kind == "LHHTX":
        return False  # counted from the registry's links
    # the weakest provenance of the counts: only the records the provenance table lists
    # are looked up, not each HTX of a national registry
    found = figure(ds, None, "annual", "members", counted["entity_id"], year=year)
    return found.status == "estimated"


def _min_members(ds, rule, year, cutoff) -> Iterator[dict]:
    unit = "HTX thành viên" if rule["kind"] == "LHHTX" else "thành viên"
    counted = _members(ds, rule["kind"], year, cutoff)
    for row in counted[counted["members"] < rule["min_members"]].itertuples():
        yield {
            "entity_id": row.entity_id,
            "name": row.name,
            "kind": rule["kind"],
            "evidence": f"{int(row.members)} {unit} (tối thiểu {rule['min_members']})",
            "date": cutoff,
        }


def _suspensions(ds, cutoff) -> pd.DataFrame:
    def select() -> pd.DataFrame:
        suspended = events(ds, "suspension")
        alive = set(existing(ds, "HTX", cutoff)["entity_id"])
        return suspended[suspended["entity_id"].isin(alive) & (suspended["start_date"] <= cutoff)]

    # every version of both suspension rules reads it, for every year of Part II's history
    return made_once(ds, ("suspensions", pd.Timestamp(cutoff)), select)


def _suspension_too_long(ds, rule, year, cutoff) -> Iterator[dict]:
    for row in _suspensions(ds, cutoff).itertuples():
        if pd.isna(row.end_date):
            continue
        if longer_than(row.start_date, row.end_date, int(rule["max_months"])):
            yield {
                "entity_id": row.entity_id,
                "name": row.name,
                "kind": "HTX",
                "evidence": f"tạm ngừng từ {fmt_date(row.start_date)} đến {fmt_date(row.end_date)}",
                "date": row.start_date,
            }


def _activity(ds) -> pd.DataFrame:
    """Return entity and year of every sign of activity: a report filed or some revenue.

    Kept with the (unchanging) dataset after one pass over the annual facts.
    """

    def find() -> pd.DataFrame:
        annual = ds.annual
        evidence = annual["report_filed"].fillna(False).astype(bool) | (
            annual["revenue"].fillna(0) > 0
        )
        return annual.loc[evidence, ["entity_id", "year"]]

    return ds.once(("activity",), find)


def _active(ds, entity_id: str, year: int) -> bool:
    """Evidence of activity in a year: a report filed or some revenue."""

    def active_in() -> set:
        # the year's active entities: a check asks about one year (Part II about each of
        # its history), never about every year of a national registry's annual facts
        active = _activity(ds)
        return set(active.loc[active["year"] == year, "entity_id"])

    return entity_id in ds.once(("active_in", int(year)), active_in)


def _suspension_overdue(ds, rule, year, cutoff) -> Iterator[dict]:
    for row in _suspensions(ds, cutoff).itertuples():
        if (
            pd.notna(row.end_date)
            and row.end_date < cutoff
            and not _active(ds, row.entity_id, year)
        ):
            yield {
                "entity_id": row.entity_id,
                "name": row.name,
                "kind": "HTX",
                "evidence": f"thời hạn tạm ngừng hết ngày {fmt_date(row.end_date)}; năm {year} "
                "không có báo cáo, không có doanh thu",
                "date": row.end_date,
            }


def _no_annual_update(ds, rule, year, cutoff) -> Iterator[dict]:
    month, day = rule["deadline"]["month"], rule["deadline"]["day"]
    deadline = pd.Timestamp(year=year, month=month, day=day)
    if deadline > cutoff:  # this year's deadline has not come: judge the last one
        deadline = pd.Timestamp(year=year - 1, month=month, day=day)
    if deadline.year not in ds.fact_years:
        return
    # HTX registered and not dissolved on the deadline; those suspended or dissolving then
    # are not bound by it
    bound = facts(ds, "HTX", deadline.year, deadline)
    bound = bound[~bound["entity_id"].isin(held_back(ds, deadline))]
    # only a "no" in the field that records this duty counts: a blank says nothing
    for row in bound[bound["info_updated"].eq(False).fillna(False)].itertuples():
        yield {
            "entity_id": row.entity_id,
            "name": row.name,
            "kind": "HTX",
            "evidence": f"chưa cập nhật thông tin năm {deadline.year}",
            "date": deadline,
        }


def _paper_only(ds, rule, year, cutoff) -> Iterator[dict]:
    """Find the HTX the office assessed as existing only on paper (the list Part I states)."""
    for row in paper_only_at(ds, cutoff).itertuples():
        yield {
            "entity_id": row.entity_id,
            "name": row.name,
            "kind": "HTX",
            "evidence": row.detail or "đánh giá chỉ tồn tại trên danh nghĩa",
            "date": cutoff,
        }


def _idle(ds, rule, year, cutoff) -> Iterator[dict]:
    """HTX with no sign of activity for the whole window, not already known as such.

    Suspended and assessed paper-only HTX are left out: their status is already stated.
    """
    alive = existing(ds, "HTX", cutoff)
    known = set(paper_only_at(ds, cutoff)["entity_id"]) | set(_suspensions(ds, cutoff)["entity_id"])
    idle_from = cutoff - pd.DateOffset(months=int(rule["idle_months"]))
    years = range(idle_from.year, year + 1)
    if not all(y in ds.fact_years for y in years):
        return  # a year without facts is unknown, not idle
    activity = _activity(ds)
    active = set(activity.loc[activity["year"].isin(list(years)), "entity_id"])
    candidates = alive[
        ~alive["entity_id"].isin(known | active) & ~(alive["founded_on"] > idle_from)
    ]
    for row in candidates.itertuples():
        yield {
            "entity_id": row.entity_id,
            "name": row.name,
            "kind": "HTX",
            "evidence": f"không báo cáo, không có doanh thu từ {fmt_date(idle_from)} "
            f"đến {fmt_date(cutoff)}",
            "date": cutoff,
        }


CHECKS = {
    "htx_min_members": _min_members,
    "union_min_members": _min_members,
    "tht_min_members": _min_members,
    "suspension_too_long": _suspension_too_long,
    "suspension_overdue": _suspension_overdue,
    "no_annual_update": _no_annual_update,
    "paper_only": _paper_only,
    "idle": _idle,
}


@scoped
def findings(
    ds,
    year: int,
    as_of=None,
    rules: list | None = None,
    judged_on=None,
    cited_on=None,
) -> pd.DataFrame:
    """List every compliance finding at the cutoff.

    Parameters
    ----------
    {scope}
    rules : list of dict, optional
        Compliance rule versions (default: ``htxlib/rules/compliance.yaml``).
    judged_on : Timestamp, optional
        Judge every fact by the versions in force on this date (Part II: the plan year's
        first day). By default each fact is judged by the version in force on its own date.
    cited_on : Timestamp, optional
        The plan's date of issue: a finding is cited by the version in force that day when
        that version finds it too; when it does not (or no version is in force), the finding
        is historical: true of its own date only, under the version then in force.

    Returns
    -------
    DataFrame
        entity_id, name, kind, rule, text, basis, evidence, date, confirmed (False when the
        rule's validity or basis could not be checked), historical; in rule-file order, then
        by name.
    """
    rules = rules if rules is not None else compliance_rules()
    cutoff = ds.period(year, as_of).cutoff
    rows = []
    for rule_id in rule_ids(rules):
        check = CHECKS.get(rule_id)
        judgeable = JUDGEABLE.get(rule_id)
        if check is None or (judgeable is not None and not judgeable(ds, year, cutoff)):
            continue  # a rule the data cannot judge finds nothing: "chưa đủ số liệu"
        versions = [r for r in rules if r["id"] == rule_id]
        rows.extend(_under_versions(ds, check, versions, year, cutoff, judged_on, cited_on))
    frame = pd.DataFrame(rows, columns=COLUMNS)
    order = {rule_id: i for i, rule_id in enumerate(rule_ids(rules))}
    frame["_order"] = frame["rule"].map(order)
    frame["_name"] = frame["name"].map(sort_key)
    frame = frame.sort_values(["_order", "_name"], kind="stable")
    return frame.drop(columns=["_order", "_name"]).reset_index(drop=True)


def issue_day(ds, year: int, cutoff) -> tuple[pd.Timestamp, bool]:
    """Return the day whose law the plan cites, and whether its date of issue is given.

    It is the plan's date of issue (``document.issued_on``). A plan states facts up to its
    cutoff, so it is issued after it: without a date of issue, the first day after the cutoff
    stands for it, and a date of issue before the cutoff counts as the cutoff.
    """
    document = ds.tables["document"]
    rows = document.loc[document["year"] == year, "issued_on"] if not document.empty else []
    issued = next((d for d in rows if pd.notna(d)), None)
    cutoff = pd.Timestamp(cutoff)
    if issued is None:
        return cutoff + pd.Timedelta(days=1), False
    return max(pd.Timestamp(issued), cutoff), True


@dataclass(frozen=True)
class CitedFindings:
    """The findings as a plan states them: cited by the law of its date of issue.

    Attributes
    ----------
    current : DataFrame
        Findings the law of the issue day makes too (the cases to handle).
    historical : DataFrame
        Findings true on their own date only, under a rule since replaced.
    day : Timestamp
        The day cited (see :func:`issue_day`).
    issue_given : bool
        Whether the plan's date of issue is given.
    """

    current: pd.DataFrame
    historical: pd.DataFrame
    day: pd.Timestamp
    issue_given: bool


@scoped
def cited_findings(ds, year: int, as_of=None) -> CitedFindings:
    """Return the findings at the cutoff as the plan cites them, current and historical apart.

    Parameters
    ----------
    {scope}
    """
    day, given = issue_day(ds, year, ds.period(year, as_of).cutoff)
    found = findings(ds, year, as_of, cited_on=day)
    past = found["historical"].astype(bool)
    return CitedFindings(
        found[~past].reset_index(drop=True), found[past].reset_index(drop=True), day, given
    )


def _cited(version: dict, historical: bool = False) -> dict:
    return {
        "rule": version["id"],
        "text": version["text"],
        "basis": version["basis"],
        "confirmed": version.get("confirmed", True) is not False,
        "historical": historical,
    }


def _under_versions(ds, check, versions, year, cutoff, judged_on, cited_on) -> Iterator[dict]:
    """Run a check under each version of its rule; keep what the version in force finds.

    With ``cited_on``, each kept finding is cited by the version in force that day when it
    finds the same entity, and is historical otherwise.
    """
    found = [list(check(ds, version, year, cutoff)) for version in versions]
    current = None
    if cited_on is not None:
        on = pd.Timestamp(cited_on)
        current = next((i for i, v in enumerate(versions) if in_force(v, on)), None)
    # what the version of the issue day finds, in its own words ("tối thiểu 05", not 07)
    found_now = {} if current is None else {f["entity_id"]: f for f in found[current]}
    for i, version in enumerate(versions):
        for finding in found[i]:
            when = judged_on if judged_on is not None else finding["date"]
            if not in_force(version, pd.Timestamp(when)):
                continue
            if cited_on is None or current == i:
                yield {**finding, **_cited(version)}
            elif finding["entity_id"] in found_now:
                yield {**found_now[finding["entity_id"]], **_cited(versions[current])}
            else:
                yield {**finding, **_cited(version, historical=True)}


def _members_given(ds, kind: str, year: int, cutoff) -> bool:
    if existing(ds, kind, cutoff).empty:
        return True
    counted = _members(ds, kind, year, cutoff)
    return not counted.empty and not _members_estimated(ds, kind, year, counted)


def _update_given(ds, year: int, cutoff) -> bool:
    """Whether the annual-update duty's own field is given for the last deadline judged."""
    annual = ds.annual
    return bool(annual.loc[annual["year"].isin([year - 1, year]), "info_updated"].notna().any())


def _filed_given(ds, year: int, cutoff) -> bool:
    annual = ds.annual
    return bool(annual.loc[annual["year"].isin([year - 1, year]), "report_filed"].notna().any())


#: What each check needs from the data to say anything: without it, finding nothing would
#: claim a compliance that no one has checked.
JUDGEABLE = {
    "htx_min_members": lambda ds, y, c: _members_given(ds, "HTX", y, c),
    "union_min_members": lambda ds, y, c: _members_given(ds, "LHHTX", y, c),
    "tht_min_members": lambda ds, y, c: _members_given(ds, "THT", y, c),
    "suspension_too_long": lambda ds, y, c: statuses_given(ds),
    "suspension_overdue": lambda ds, y, c: statuses_given(ds),
    "paper_only": lambda ds, y, c: statuses_given(ds),
    "no_annual_update": _update_given,
    "idle": lambda ds, y, c: _filed_given(ds, y, c) or ds.annual["revenue"].notna().any(),
}


@scoped
def judged_rules(ds, year: int, as_of=None) -> set[str]:
    """Return the rules the data lets the toolkit judge at the cutoff (see :data:`JUDGEABLE`).

    Parameters
    ----------
    {scope}
    """
    cutoff = ds.period(year, as_of).cutoff
    return {rule for rule, can in JUDGEABLE.items() if can(ds, year, cutoff)}


def counts_by_rule(
    found: pd.DataFrame,
    rules: list | None = None,
    judged: set[str] | None = None,
    on: pd.Timestamp | None = None,
    present: set[str] | None = None,
    worded_on: pd.Timestamp | None = None,
) -> pd.DataFrame:
    """Count findings and the entities they concern per rule, every rule listed (zero included).

    Parameters
    ----------
    found : DataFrame
        Findings (see :func:`findings`).
    rules : list of dict, optional
        Rule versions (default: the rule file).
    judged : set of str, optional
        Rules the data lets the toolkit judge (see :func:`judged_rules`); default: all.
    on : Timestamp, optional
        The cutoff: a rule with no version in force that day is marked ``in_force`` False
        (it was never applied, so "no case found" would say nothing); default: all in force.
    present : set of str, optional
        The kinds of entity the unit has at the cutoff: a rule about a kind it does not have
        (LH HTX, THT) is marked ``subject`` False, and is not said to find no case; default:
        every kind.
    worded_on : Timestamp, optional
        The day whose version gives a rule's text (the plan's date of issue, as its findings
        are cited); default: ``on``.

    Returns
    -------
    DataFrame
        rule, text (of the version in force on ``on``, else the latest), count, entities,
        judged, in_force, valid_from (of its first version), subject; in rule-file order.
    """
    rules = rules if rules is not None else compliance_rules()
    kinds = {r["id"]: r.get("kind", "HTX") for r in rules}
    texts = {r["id"]: r["text"] for r in rules}
    starts: dict[str, object] = {}
    current: set[str] = set()
    for rule in rules:
        starts.setdefault(rule["id"], rule.get("valid_from"))
        if on is None or in_force(rule, on):
            current.add(rule["id"])
            texts[rule["id"]] = rule["text"]
    for rule in rules:
        if worded_on is not None and in_force(rule, worded_on):
            texts[rule["id"]] = rule["text"]
    return pd.DataFrame(
        [
            {
                "rule": rule_id,
                "text": texts[rule_id],
                "count": int((found["rule"] == rule_id).sum()),
                "entities": int(found.loc[found["rule"] == rule_id, "entity_id"].nunique()),
                "judged": judged is None or rule_id in judged,
                "in_force": rule_id in current,
                "valid_from": starts.get(rule_id),
                "subject": present is None or kinds[rule_id] in present,
            }
            for rule_id in rule_ids(rules)
        ],
        columns=[
            "rule", "text", "count", "entities", "judged", "in_force", "valid_from", "subject"
        ],
    )  # fmt: skip


def dissolution_candidates(ds, year: int, as_of=None, rules: list | None = None) -> pd.DataFrame:
    """List the HTX a plan should consider dissolving: paper-only, or not back after suspension.

    The facts at the cutoff are judged by the rules in force on the first day of the plan year,
    the year in which the plan acts on them.

    Returns
    -------
    DataFrame
        entity_id, name, reason (the finding's text), one row per HTX (first rule wins).
    """
    judged_on = pd.Timestamp(year=ds.plan_year(year), month=1, day=1)
    rules = rules if rules is not None else compliance_rules()
    relevant = [r for r in rules if r["id"] in DISSOLUTION_RULES]  # no need to run the others
    found = findings(ds, year, as_of, relevant, judged_on=judged_on)
    chosen = found[found["rule"].isin(DISSOLUTION_RULES)]
    chosen = chosen.drop_duplicates("entity_id")
    return chosen.rename(columns={"text": "reason"})[["entity_id", "name", "reason"]].reset_index(
        drop=True
    )


def kinds_present(ds, cutoff) -> set[str]:
    """Return the kinds of entity (HTX, LHHTX, THT) the unit has at the cutoff."""
    return {kind for kind in ("HTX", "LHHTX", "THT") if len(existing(ds, kind, cutoff))}
