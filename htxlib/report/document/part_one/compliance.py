"""II of Part I: the cases the legal rules find, under the law of the plan's date."""

from __future__ import annotations

from functools import cached_property

import pandas as pd

from htxlib import figures as m
from htxlib import formatting
from htxlib.rules.compliance import (
    compliance_rules,
    findings,
)
from htxlib.rules.loading import in_force


class Compliance:
    """What the module docstring names, for the Assessment to inherit."""

    @property
    def statuses_given(self) -> bool:
        """Whether the unit gives its HTX's statuses (suspensions, paper-only, changes)."""
        return m.statuses_given(self.ds)

    @property
    def finding_entities(self) -> int:
        """How many entities the compliance findings concern (one may break several rules)."""
        return int(self.findings["entity_id"].nunique())

    @property
    def clean_rules(self) -> list[str]:
        """Texts of the rules with no finding, phrased to sit mid-sentence."""
        counts = self.finding_counts
        # a rule about LH HTX where there is none finds nothing to say
        clean = counts[
            (counts["count"] == 0) & counts["judged"] & counts["in_force"] & counts["subject"]
        ]
        return [formatting.lower_first(t) for t in clean["text"]]

    @property
    def unjudged_rules(self) -> list[str]:
        """Texts of the rules in force the data does not let the toolkit check, mid-sentence."""
        counts = self.finding_counts
        unjudged = counts[~counts["judged"] & counts["in_force"] & counts["subject"]]
        return [formatting.lower_first(t) for t in unjudged["text"]]

    @cached_property  # read by the sentence and by the appendix: findings are run once
    def later_rules(self) -> list[dict]:
        """Rules that take effect after the cutoff and by the end of the plan year.

        Each with its text (mid-sentence) and start date; a rule that starts later still is
        no concern of this plan.
        """
        later = self.finding_counts[~self.finding_counts["in_force"]]
        starts = pd.to_datetime(later["valid_from"])
        plan_end = pd.Timestamp(year=self.plan_year, month=12, day=31)
        later = later[(starts > self.period.cutoff) & (starts <= plan_end)]
        if later.empty:
            return []
        # the facts at the cutoff as the plan year will judge them: the story Part II tells
        plan_start = pd.Timestamp(year=self.plan_year, month=1, day=1)
        ids = set(later["rule"])
        rules = [r for r in compliance_rules() if r["id"] in ids]
        found = findings(self.ds, self.period.year, self.period.cutoff, rules, judged_on=plan_start)
        return [
            {
                "rule": r.rule,
                "text": formatting.lower_first(r.text),
                "valid_from": pd.Timestamp(r.valid_from),
                "names": formatting.sort_names(found.loc[found["rule"] == r.rule, "name"]),
            }
            for r in later.itertuples()
        ]

    @property
    def later_names(self) -> list[str]:
        """The HTX the later rules will concern in the plan year, each once (Vietnamese order)."""
        return formatting.sort_names({n for r in self.later_rules for n in r["names"]})

    @property
    def later_from(self) -> pd.Timestamp | None:
        """The day the later rules take effect, when they share one."""
        days = {r["valid_from"] for r in self.later_rules}
        return days.pop() if len(days) == 1 else None

    def historical_groups(self) -> list[dict]:
        """Group the findings true on their own date only by rule (see :func:`findings`).

        Each with the rule's text and basis of that date, its count and names, the day that
        version ceased to apply, and the text of the version in force on the plan's date of
        issue (None when the law has no counterpart).
        """
        versions = compliance_rules()
        groups = []
        for rule_id, part in self.historical_findings.groupby("rule", sort=False):
            basis = part["basis"].iloc[0]
            old = next(v for v in versions if v["id"] == rule_id and v["basis"] == basis)
            now = next(
                (v for v in versions if v["id"] == rule_id and in_force(v, self.cited_on)), None
            )
            groups.append(
                {
                    "rule": rule_id,
                    "text": formatting.lower_first(part["text"].iloc[0]),
                    "count": len(part),
                    "names": formatting.sort_names(part["name"]),
                    "basis": basis,
                    "confirmed": bool(part["confirmed"].all()),
                    "date": part["date"].max(),
                    "ended": pd.Timestamp(old["valid_to"]) + pd.Timedelta(days=1)
                    if old.get("valid_to") is not None
                    else None,
                    "now": None if now is None else now.get("says") or now["text"],
                }
            )
        return groups

    def finding_groups(self) -> list[dict]:
        """Group the findings by rule: text, count, names (Vietnamese order), basis, confirmed."""
        groups = []
        for rule_id, part in self.findings.groupby("rule", sort=False):
            groups.append(
                {
                    "rule": rule_id,
                    "text": part["text"].iloc[0],
                    "count": len(part),
                    "names": formatting.sort_names(part["name"]),
                    "basis": part["basis"].iloc[0],
                    "confirmed": bool(part["confirmed"].all()),
                }
            )
        return groups
