"""Everything Part I of a report states, gathered for one unit, year and cutoff."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import pandas as pd

from htxlib import figures as m
from htxlib import formatting
from htxlib.checks.contradictions import contradictions
from htxlib.data.codes import RATINGS
from htxlib.data.dataset import Dataset, Period
from htxlib.data.rollup import former_children
from htxlib.data.rollup_index import place_key
from htxlib.data.texts import load_texts, sector_texts, shown_slots
from htxlib.data.unit import Unit, children_scope_of, tier_of, unit_of
from htxlib.docs import scoped
from htxlib.figures.provenance import Figure, figure
from htxlib.formatting import period_in, period_phrase
from htxlib.plan.targets import elapsed_share, plan_vs_actual
from htxlib.report.document import annex, charts
from htxlib.report.document.history_source import history_note
from htxlib.report.document.letterhead import Letterhead, letterhead
from htxlib.report.document.name_lists import NameList
from htxlib.report.document.name_lists import appendix as appendix_lists
from htxlib.report.document.name_lists import phrase as name_phrase
from htxlib.report.document.narrative import records
from htxlib.report.document.stated_sentences import stated_sentences
from htxlib.rules.compliance import (
    cited_findings,
    compliance_rules,
    counts_by_rule,
    findings,
    judged_rules,
    kinds_present,
)
from htxlib.rules.loading import RatingRules, in_force, rating_rules
from htxlib.rules.rating import computed_ratings
from htxlib.rules.sizes import size_classes, size_summary

#: Level words a place's name may start with, written in lower case mid-sentence.
LEVEL_WORDS = (
    "Xã ",
    "Phường ",
    "Thị trấn ",
    "Đặc khu ",
    "Thị xã ",
    "Huyện ",
    "Quận ",
    "Thành phố ",
)


def _mid_sentence(place: str) -> str:
    """Write a place mid-sentence: "Xã Bắc Hà" → "xã Bắc Hà"; "Tân Lập" stays."""
    return formatting.lower_first(place) if place.startswith(LEVEL_WORDS) else place


#: The sector code that documents set apart from the rest ("phi nông nghiệp").
AGRICULTURE = "nong_nghiep"


@dataclass
class Assessment:
    """The figures, texts and charts of Part I for one unit and year."""

    ds: Dataset
    unit: Unit
    period: Period
    period_phrase: str
    period_in: str
    overview: m.HtxOverview
    unions: m.GroupOverview
    groups: m.GroupOverview
    members: m.MembersWorkers
    filed: object
    managers: m.ManagerTraining
    capital: pd.DataFrame
    sector_members: pd.DataFrame
    ratings: pd.DataFrame
    support: pd.DataFrame
    ocop: pd.DataFrame
    texts: dict[str, str | None]
    plan_results: pd.DataFrame
    plan_year: int
    rating_rules: RatingRules
    rating_check: pd.DataFrame
    findings: pd.DataFrame
    finding_counts: pd.DataFrame
    historical_findings: pd.DataFrame
    cited_on: pd.Timestamp
    issue_given: bool
    sizes: pd.DataFrame
    contradictions: pd.DataFrame
    stated: dict[str, list[str]]
    partial_year: bool = False
    charts: dict[str, str] = field(default_factory=dict)
    sector_texts: dict[str, str] = field(default_factory=dict)

    @property
    def adopted_results(self) -> list[dict]:
        """Plan versus actual for the targets the unit adopted (the document judges these)."""
        return [r for r in records(self.plan_results) if r["adopted"]]

    @property
    def recommendation_levels(self) -> list[tuple[str, str]]:
        """The levels recommendations go to, as (text slot, heading).

        A province has no local government above it.
        """
        levels = [
            ("recommendations_local", "Với chính quyền địa phương cấp trên"),
            ("recommendations_central", "Với Chính phủ và các Bộ, ngành"),
        ]
        return [(slot, heading) for slot, heading in levels if slot in shown_slots(self.unit.level)]

    @property
    def not_rated_summary(self) -> list[dict]:
        """Why HTX were not rated: one record per reason with its text, count and names."""
        from htxlib.rules.rating import NO_SCORES

        texts = {k: v["text"] for k, v in self.rating_rules.not_rated.items()}
        texts[NO_SCORES] = "HTX chưa có phiếu tự chấm điểm"
        # reasons explain the HTX the body counts as not rated, and no others: an HTX whose
        # class is given needs no score sheet to be counted
        check = self.rating_check
        check = check[check["reason"].notna() & (check["recorded"] == "khong_xep_loai")]
        return [
            {
                "reason": reason,
                "text": texts.get(reason, reason),
                "count": len(part),
                "names": list(part["name"]),
            }
            for reason, part in check.groupby("reason", sort=False)
        ]

    def plan_result(self, indicator: str) -> dict | None:
        """Return the plan-versus-actual record of an indicator, if the unit adopted a target.

        An illustrative or estimated target is no plan to judge against: the annex shows it.
        """
        rows = self.plan_results
        if rows.empty:
            return None
        rows = rows[rows["adopted"]]
        if indicator not in set(rows["indicator"]):
            return None
        return records(rows[rows["indicator"] == indicator])[0]

    @property
    def statuses_given(self) -> bool:
        """Whether the unit gives its HTX's statuses (suspensions, paper-only, changes)."""
        return m.statuses_given(self.ds)

    @property
    def rating_document(self) -> str | None:
        """The regulation the year's ratings were made under, if this toolkit knows it."""
        return (
            self.rating_rules.document if self.rating_rules.applies_to(self.period.year) else None
        )

    @property
    def rating_standing(self) -> str:
        """Where the year's ratings stand against the rating rules: before, in force, after.

        After their repeal (Circular 01/2020: from 18/09/2025) a rating is the unit's own
        classification: cited as such, never rescored.
        """
        return self.rating_rules.standing(self.period.year)

    @property
    def ratings_known(self) -> bool:
        """Whether any HTX's rating for the year is given."""
        return m.ratings_given(self.ratings) > 0

    def rating_group(self, *codes: str) -> dict:
        """Count and share of the HTX rated in any of ``codes``."""
        part = int(self.ratings.loc[self.ratings["rating"].isin(codes), "count"].sum())
        total = int(self.ratings["count"].sum())
        # the group's own share, rounded once: not a sum of rounded shares
        share = formatting.half_up(100.0 * part / total) if total else 0.0
        return {"count": part, "share": share}

    @cached_property
    def too_young(self) -> set[str]:
        """The HTX founded less than 12 months before the year's end: not rated yet."""
        return m.too_young(self.ds, self.period.year)

    @property
    def young_not_rated(self) -> int:
        """How many HTX the unit records as not rated are too young to be rated."""
        rows = self.ratings[self.ratings["rating"] == "khong_xep_loai"]
        return len({i for ids in rows["ids"] for i in ids} & self.too_young)

    @property
    def rating_base(self) -> int | None:
        """HTX whose rating is given, when some are not.

        A class with no HTX is then "none of these", not "none at all".
        """
        given = m.ratings_given(self.ratings)
        return given if given < m.ratable(self.ratings) else None

    @property
    def weaknesses(self) -> str:
        """What held the HTX back, counted once: overlapping sets are written with "trong đó".

        The HTX rated weak or not rated come first; the paper-only and suspended HTX among
        them are named as part of that set, the others apart.
        """
        o = self.overview
        sets = [
            (set(o.paper_only["entity_id"]), "chỉ còn tồn tại trên danh nghĩa"),
            (set(o.suspended["entity_id"]), "đang tạm ngừng hoạt động"),
        ]
        clauses = []
        weak: set = set()
        if self.ratings_known:
            rows = self.ratings[self.ratings["rating"].isin(["yeu", "khong_xep_loai"])]
            # an HTX too young to be rated is no shortcoming, whatever its recorded class
            weak = {i for ids in rows["ids"] for i in ids} - self.too_young
            total = int(self.ratings["count"].sum())
            if weak:
                share = formatting.half_up(100.0 * len(weak) / total)
                clause = (
                    f"{formatting.count(len(weak))} HTX "
                    f"({formatting.percent(share)}) xếp loại yếu hoặc không được xếp loại"
                )
                inside = [f"{formatting.count(len(i & weak))} HTX {t}" for i, t in sets if i & weak]
                if inside:
                    clause += ", trong đó " + formatting.join(inside)
                clauses.append(clause)
            if self.rating_base is not None:
                unknown = m.ratable(self.ratings) - self.rating_base
                clauses.append(f"{formatting.count(unknown)} HTX chưa có thông tin xếp loại")
        for ids, text in sets:
            rest = ids - weak
            if rest:
                others = " khác" if weak else ""
                clauses.append(f"{formatting.count(len(rest))} HTX{others} {text}")
        if not clauses:
            return ""
        total = formatting.count(o.total.value)
        whole = (
            f"Trong số {total} HTX có dữ liệu chi tiết"
            if self.unit.partial
            else (f"Trong tổng số {total} HTX")
        )
        return f"{whole}, còn {'; '.join(clauses)}."

    @property
    def rated(self) -> int:
        """HTX with a rating class (not "not rated", not "not given")."""
        return self.rating_group("tot", "kha", "trung_binh", "yeu")["count"]

    @property
    def sector_known(self) -> int | None:
        """HTX whose sector is known, when some are not (the base of the sector shares)."""
        by_sector = self.overview.by_sector
        if not by_sector["sector"].isna().any():
            return None
        known = int(by_sector.loc[by_sector["sector"].notna(), "count"].sum())
        return known or None  # no sector known: no share to base, nothing to say of one

    @property
    def sector_split(self) -> dict | None:
        """Agricultural and non-agricultural HTX ("phi nông nghiệp"), when both exist."""
        by_sector = self.overview.by_sector.dropna(subset=["sector"])  # known sectors only
        agri = int(by_sector.loc[by_sector["sector"] == AGRICULTURE, "count"].sum())
        rest = int(by_sector["count"].sum()) - agri
        return {"agri": agri, "non_agri": rest} if agri and rest else None

    @property
    def new_split(self) -> dict | None:
        """The new HTX by group: agricultural, non-agricultural, of unknown sector.

        None when there are no new HTX, or all of them are of one group.
        """
        from htxlib.figures.counts import new_by_group

        if not len(self.overview.new):
            return None
        split = new_by_group(self.ds, self.overview.new)
        # a split says something only where the new HTX are of more than one group
        return split if sum(1 for n in split.values() if n) > 1 else None

    @property
    def new_capital(self) -> float | None:
        """The charter capital of the new HTX, when each of them gives it."""
        from htxlib.figures.counts import new_capital

        return new_capital(self.ds, self.overview.new)

    @property
    def reorganised_so_far(self) -> int:
        """HTX reorganised under the 2012 Law up to the cutoff, when more than in the period."""
        from htxlib.figures.counts import reorganised_by

        total = reorganised_by(self.ds, self.period.cutoff)
        return total if total > len(self.overview.reorganised) else 0

    @property
    def training(self) -> dict:
        """Managers trained (vocational and up) and untrained; None where not given."""
        levels = self.managers.levels.set_index("level")["count"]
        trained = [levels[k] for k in ("managers_university", "managers_vocational")]
        untrained = levels["managers_untrained"]
        known = not any(formatting.is_missing(v) for v in trained)
        return {
            "trained": int(sum(trained)) if known else None,
            "untrained": None if formatting.is_missing(untrained) else int(untrained),
        }

    @property
    def tht_rows(self) -> list[dict]:
        """THT purposes that have groups, with counts and members (None when not given).

        Empty when no group's purpose is given: there is no breakdown to state.
        """
        rows = self.groups.by_purpose
        rows = rows[rows["count"] > 0]
        rows = rows.assign(share=100.0 * rows["count"] / rows["count"].sum())
        return records(rows) if rows["purpose"].notna().any() else []

    @property
    def new_count(self) -> Figure:
        """The HTX founded in the period, marked where their founding dates were estimated."""
        new = self.overview.new
        # a count: the unit's own published count of the year's new HTX, where it gives one,
        # makes it published whatever the provenance of each founding date
        return figure(
            self.ds, len(new), "entities", "founded_on", new["entity_id"], total=True,
            year=self.period.year,
        )  # fmt: skip

    @property
    def tht_new(self) -> Figure:
        """The THT founded in the period, marked where their founding dates were estimated."""
        new = self.groups.new
        return figure(self.ds, len(new), "entities", "founded_on", new["entity_id"])

    @property
    def business(self) -> m.BusinessResults:
        """The HTX's average revenue, profit and member income of the year."""
        return m.business_results(self.ds, self.period.year, self.period.cutoff)

    @property
    def tht_business(self) -> m.BusinessResults:
        """The THT's average revenue, profit and member income of the year."""
        return m.business_results(self.ds, self.period.year, self.period.cutoff, kind="THT")

    @property
    def tht_water_only(self) -> bool:
        """Whether every THT of a known purpose is a water-user group (and there are some)."""
        rows = self.groups.by_purpose.dropna(subset=["purpose"])
        water = int(rows.loc[rows["purpose"] == "dung_nuoc", "count"].sum())
        return water > 0 and water == int(rows["count"].sum())

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

    @cached_property  # every list sentence and the appendix read it
    def name_lists(self) -> dict[str, NameList]:
        """Every list of HTX the body names, by key, in document order (see :mod:`name_lists`)."""
        o, when = self.overview, self.period_in
        communes = dict(
            zip(self.ds.entities["entity_id"], self.ds.entities["commune"], strict=True)
        )

        own = place_key(self.unit.name)

        def placed(frame) -> list[str]:
            # each HTX with its commune, mid-sentence in lower case; a commune's own plan
            # names no commune (every HTX is in it)
            out = []
            for name, i in zip(frame["name"], frame["entity_id"], strict=True):
                commune = communes.get(i)
                if isinstance(commune, str) and place_key(commune) != own:
                    name = f"{name} ({_mid_sentence(commune)})"
                out.append(name)
            return out

        lists = {
            "new": NameList(f"HTX thành lập mới {when}", placed(o.new)),
            "reorganised": NameList(f"HTX tổ chức lại {when}", list(o.reorganised["name"])),
            "dissolved": NameList(f"HTX giải thể {when}", list(o.dissolved["name"])),
            "dissolving": NameList("HTX đang làm thủ tục giải thể", list(o.dissolving["name"])),
            "suspended": NameList(
                "HTX đang tạm ngừng hoạt động",
                list(o.suspended["name"]),
                details=[
                    "từ ngày "
                    + formatting.date(r.start_date)
                    + (
                        ""
                        if formatting.is_missing(r.end_date)
                        else " đến ngày " + formatting.date(r.end_date)
                    )
                    for r in o.suspended.itertuples()
                ],
            ),
            "paper_only": NameList("HTX chỉ còn tồn tại trên danh nghĩa", placed(o.paper_only)),
            "changed": NameList(
                f"HTX thay đổi nội dung đăng ký {when}",
                list(o.registration_changes["name"].unique()),
            ),
        }
        year = self.ds.annual[self.ds.annual["year"] == self.period.year]
        notes = dict(zip(year["entity_id"], year["rating_note"], strict=True))
        for row in records(self.ratings):
            title = f"HTX {row['label']} năm {self.period.year}"
            if row["rating"] in RATINGS and row["rating"] != "khong_xep_loai":
                title = f"HTX xếp loại {row['label']} năm {self.period.year}"
            given = [notes.get(i) for i in row["ids"]]
            reasons = [n if isinstance(n, str) else "" for n in given]
            grouped = row["rating"] == "khong_xep_loai" and any(reasons)
            lists[f"rating:{row['rating']}"] = NameList(
                title, list(row["names"]), notes=reasons if grouped else []
            )
        for group in self.finding_groups():
            lists[f"finding:{group['rule']}"] = NameList(group["text"], group["names"])
        for group in self.historical_groups():
            title = f"{group['text']} (theo quy định tại ngày {formatting.date(group['date'])})"
            lists[f"historical:{group['rule']}"] = NameList(title, group["names"])
        if self.later_names:
            title = f"HTX cần xem xét theo quy định có hiệu lực năm {self.plan_year}"
            lists["later"] = NameList(title, self.later_names)
        return lists

    def listed(self, key: str) -> str:
        """Return the names of a list as its sentence gives them: cut at the unit's limit."""
        return name_phrase(self.name_lists[key], self.unit.list_limit)

    @property
    def appendix(self) -> list[NameList]:
        """The lists the sentences cut, in full: the appendix issued with the plan."""
        return appendix_lists(self.name_lists, self.unit.list_limit)

    @property
    def paper_only_detail(self) -> str | None:
        """The status the paper-only HTX share, when the data gives one and only one."""
        details = self.overview.paper_only["detail"].dropna().unique()
        return str(details[0]) if len(details) == 1 else None

    @property
    def changed(self) -> dict:
        """HTX that changed their registration in the period: how many, and their names."""
        changes = self.overview.registration_changes
        return {
            "count": int(changes["entity_id"].nunique()),
            "names": list(changes["name"].unique()),
        }

    @property
    def training_given(self) -> bool:
        """Whether any training level of the managers is given."""
        return bool(self.managers.levels["count"].notna().any())

    @property
    def training_share_total(self) -> float | None:
        """The total row's share: the whole, 100% (None when a level is not given).

        Each level's share is rounded on its own, so they may add to 99,99%; the total row
        states the whole, as officers write it.
        """
        shares = self.managers.levels["share"]
        return None if shares.isna().any() or not len(shares) else 100.0

    @property
    def rating_totals(self) -> dict:
        """The rating table's totals: HTX counted, and the whole's share (100%, as written)."""
        counted = int(self.ratings["count"].sum())
        return {"count": counted, "share": 100.0 if counted else 0.0}

    @property
    def rating_agreement(self) -> dict:
        """How the recomputed ratings compare with the recorded ones.

        judged (HTX with both), agree (how many are the same), differ (records of those that
        are not: name, computed, recorded).
        """
        check = self.rating_check
        judged = check[check["agrees"].notna()]
        same = judged["agrees"].astype(bool)
        return {
            "judged": len(judged),
            "agree": int(same.sum()),
            "differ": records(judged.loc[~same, ["name", "computed", "recorded"]]),
        }

    @property
    def size_rows(self) -> list[dict]:
        """One row per size scheme: document, label and its counts in size order."""
        rows = []
        for _, part in self.sizes.groupby("scheme", sort=False):
            first = part.iloc[0]
            rows.append(
                {
                    "document": first["document"],
                    "label": first["label"],
                    "counts": list(part["count"]),
                }
            )
        return rows

    @property
    def ocop_rows(self) -> list[dict]:
        """OCOP products by year as plain records (missing values as None)."""
        return records(self.ocop)

    @property
    def contradiction_rows(self) -> list[dict]:
        """The contradictions as plain records, fields named in Vietnamese."""
        return annex.contradiction_rows(self.contradictions)

    @property
    def children(self) -> dict | None:
        """For a parent unit: the children it covers, those it could not, and counts by child."""
        if not self.ds.children:
            return None
        cutoff = self.period.cutoff
        former = former_children(self.ds, cutoff)
        ended = {c.unit_id for c in former}
        current = [c for c in self.ds.children if c.loaded and c.unit_id not in ended]
        rows = records(m.by_child(self.ds, self.period.year, cutoff)) if current else []
        members = [r["members"] for r in rows]
        return {
            "covered": [c.name for c in current],
            "of": self.children_of,
            "tier": tier_of([unit_of(c.data) for c in current]),
            "history": history_note(former),
            "missing": [c.path for c in self.ds.children if not c.loaded],
            "rows": rows,
            # the children's sum; members only when every child gives them
            "total": {
                "htx": sum(r["htx"] for r in rows),
                "tht": sum(r["tht"] for r in rows),
                "members": None if None in members else sum(members),
            },
        }

    @property
    def children_of(self) -> int | None:
        """How many units of the children's tier the unit has, when they are only some."""
        scope = children_scope_of(self.ds)
        return scope.of if scope is not None and scope.partial else None

    @property
    def letterhead(self) -> Letterhead:
        """The document's header, references, recipients and signature."""
        return letterhead(self.ds, self.unit, self.period.year)

    @property
    def source_rows(self) -> list[dict]:
        """The files read, for the annex."""
        return annex.source_rows(self.ds)

    @property
    def provenance_rows(self) -> list[dict]:
        """The provenance table, for the annex."""
        return annex.provenance_rows(self.ds)

    @property
    def checks(self) -> list:
        """What the report proves about its own figures (see :mod:`htxlib.checks.consistency`)."""
        from htxlib.checks.consistency import report_checks

        return report_checks(self)

    @property
    def checks_passed(self) -> int:
        """How many of :attr:`checks` pass."""
        return sum(c.passed for c in self.checks)

    @property
    def capital_rows(self) -> list[dict]:
        """Capital and members by sector as plain records (None where not given)."""
        members = self.sector_members[["sector", "members", "members_given", "status"]]
        members = members.rename(columns={"status": "members_status"})
        return records(self.capital.merge(members, on="sector", how="left"))

    @property
    def rating_rows(self) -> list[dict]:
        """The rating distribution as plain records."""
        return records(self.ratings)

    @property
    def rating_check_rows(self) -> list[dict]:
        """The recomputed ratings as plain records (missing values as None)."""
        return records(self.rating_check)

    @property
    def support_rows(self) -> list[dict]:
        """Support results as plain records, missing values as None (for templates)."""
        return records(self.support)


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
        "texts": load_texts(ds.folder, year, ds.entities["name"].dropna()),
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
