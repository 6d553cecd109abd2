"""Compliance findings: which entities break the law's minimums or exist only on paper.

Each finding names the entity, the rule, its legal basis, the evidence and the date it
refers to. A rule not yet in force at the cutoff is still applied (a plan prepares for
it) and its findings say from when it applies.
"""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd

from htxlib.docs import scoped
from htxlib.formatting import date as fmt_date
from htxlib.metrics.frames import events, existing, facts
from htxlib.rules import compliance_rules, in_force, longer_than

COLUMNS = [
    "entity_id",
    "name",
    "kind",
    "rule",
    "text",
    "basis",
    "evidence",
    "date",
    "in_force",
    "applies_from",
]

#: Rules whose findings make an HTX a candidate for dissolution.
DISSOLUTION_RULES = ("paper_only", "suspension_too_long", "suspension_overdue")


def _members(ds, kind: str, year: int, cutoff: pd.Timestamp) -> pd.DataFrame:
    frame = facts(ds, kind, year, cutoff)
    if kind == "LHHTX":
        htx = existing(ds, "HTX", cutoff)
        counts = htx["union_id"].value_counts()
        frame = frame.assign(members=frame["entity_id"].map(counts).fillna(0))
    return frame[frame["members"].notna()]


def _min_members(ds, rule, year, cutoff) -> Iterator[dict]:
    unit = "HTX thành viên" if rule["kind"] == "LHHTX" else "thành viên"
    for row in _members(ds, rule["kind"], year, cutoff).itertuples():
        if row.members < rule["min_members"]:
            yield {
                "entity_id": row.entity_id,
                "name": row.name,
                "kind": rule["kind"],
                "evidence": f"{int(row.members)} {unit} (tối thiểu {rule['min_members']})",
                "date": cutoff,
            }


def _suspensions(ds, cutoff) -> pd.DataFrame:
    suspended = events(ds, "suspension")
    alive = set(existing(ds, "HTX", cutoff)["entity_id"])
    return suspended[suspended["entity_id"].isin(alive) & (suspended["start_date"] <= cutoff)]


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


def _filed(value) -> bool:
    return bool(pd.notna(value) and value)


def _active(ds, entity_id: str, year: int) -> bool:
    """Evidence of activity in a year: a report filed or some revenue."""
    active = ds.__dict__.get("_active_years")
    if active is None:  # one pass over the annual facts, kept with the (unchanging) dataset
        annual = ds.annual
        evidence = annual["report_filed"].fillna(False).astype(bool) | (
            annual["revenue"].fillna(0) > 0
        )
        active = set(
            zip(annual.loc[evidence, "entity_id"], annual.loc[evidence, "year"], strict=True)
        )
        ds.__dict__["_active_years"] = active
    return (entity_id, year) in active


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
    if deadline.year not in set(ds.annual["year"]):
        return
    for row in facts(ds, "HTX", deadline.year, deadline).itertuples():
        if not _filed(row.report_filed):
            yield {
                "entity_id": row.entity_id,
                "name": row.name,
                "kind": "HTX",
                "evidence": f"chưa cập nhật thông tin năm {deadline.year}",
                "date": deadline,
            }


def _paper_only(ds, rule, year, cutoff) -> Iterator[dict]:
    alive = existing(ds, "HTX", cutoff)
    assessed = events(ds, "paper_only")
    assessed = assessed[assessed["start_date"] <= cutoff]
    found = {}
    for row in assessed[assessed["entity_id"].isin(set(alive["entity_id"]))].itertuples():
        found[row.entity_id] = (
            row.name,
            row.detail or "đánh giá chỉ tồn tại trên danh nghĩa",
            row.start_date,
        )
    idle_from = cutoff - pd.DateOffset(months=int(rule["idle_months"]))
    for row in alive.itertuples():
        if row.entity_id in found or row.founded_on > idle_from:
            continue
        # idle for the whole window: no activity in any year it touches
        years = range(idle_from.year, year + 1)
        if all(not _active(ds, row.entity_id, y) for y in years) and all(
            y in set(ds.annual["year"]) for y in years
        ):
            found[row.entity_id] = (
                row.name,
                f"không báo cáo, không có doanh thu từ {fmt_date(idle_from)} "
                f"đến {fmt_date(cutoff)}",
                cutoff,
            )
    for entity_id, (name, evidence, when) in found.items():
        yield {
            "entity_id": entity_id,
            "name": name,
            "kind": "HTX",
            "evidence": evidence,
            "date": when,
        }


CHECKS = {
    "htx_min_members": _min_members,
    "union_min_members": _min_members,
    "tht_min_members": _min_members,
    "suspension_too_long": _suspension_too_long,
    "suspension_overdue": _suspension_overdue,
    "no_annual_update": _no_annual_update,
    "paper_only": _paper_only,
}


@scoped
def findings(ds, year: int, as_of=None, rules: dict | None = None) -> pd.DataFrame:
    """List every compliance finding at the cutoff.

    Parameters
    ----------
    {scope}
    rules : dict, optional
        Compliance rules by id (default: ``htxlib/rules/compliance.yaml``).

    Returns
    -------
    DataFrame
        entity_id, name, kind, rule, text, basis, evidence, date, in_force (at the cutoff),
        applies_from (dd/mm/yyyy); in rule-file order, then by name.
    """
    rules = rules if rules is not None else compliance_rules()
    cutoff = ds.period(year, as_of).cutoff
    rows = []
    for rule_id, rule in rules.items():
        check = CHECKS.get(rule_id)
        if check is None:
            continue
        for found in check(ds, rule, year, cutoff):
            start = rule.get("valid_from")
            rows.append(
                {
                    **found,
                    "rule": rule_id,
                    "text": rule["text"],
                    "basis": rule["basis"],
                    "in_force": in_force(rule, cutoff),
                    "applies_from": fmt_date(pd.Timestamp(start)) if start else "",
                }
            )
    frame = pd.DataFrame(rows, columns=COLUMNS)
    order = {rule_id: i for i, rule_id in enumerate(rules)}
    frame["_order"] = frame["rule"].map(order)
    return frame.sort_values(["_order", "name"]).drop(columns="_order").reset_index(drop=True)


def counts_by_rule(found: pd.DataFrame, rules: dict | None = None) -> pd.DataFrame:
    """Count findings per rule, every rule listed (zero included), in rule-file order."""
    rules = rules if rules is not None else compliance_rules()
    counts = found["rule"].value_counts()
    return pd.DataFrame(
        [
            {"rule": r, "text": rule["text"], "count": int(counts.get(r, 0))}
            for r, rule in rules.items()
        ]
    )


def dissolution_candidates(ds, year: int, as_of=None, rules: dict | None = None) -> pd.DataFrame:
    """List the HTX that are candidates for dissolution: paper-only, or suspended beyond the law.

    Returns
    -------
    DataFrame
        entity_id, name, reason (the finding's text), one row per HTX (first rule wins).
    """
    found = findings(ds, year, as_of, rules)
    chosen = found[found["rule"].isin(DISSOLUTION_RULES)]
    chosen = chosen.drop_duplicates("entity_id")
    return chosen.rename(columns={"text": "reason"})[["entity_id", "name", "reason"]].reset_index(
        drop=True
    )
