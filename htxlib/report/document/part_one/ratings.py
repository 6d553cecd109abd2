"""I.2 of Part I: each sector's capital and members, and the ratings of the year."""

from __future__ import annotations

from functools import cached_property

from htxlib import figures as m
from htxlib import formatting
from htxlib.report.document.plain_records import records


class Ratings:
    """What the module docstring names, for the Assessment to inherit."""

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

    @property
    def not_rated_by_reason(self) -> bool:
        """Whether the list of HTX not rated is grouped by the reasons the unit gave.

        Its groups then say why (new HTX among them): the reasons are not said again.
        """
        names = self.name_lists.get("rating:khong_xep_loai")
        return bool(names and names.notes)

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
    def rating_totals(self) -> dict:
        """The rating table's totals: HTX counted, and the whole's share (100%, as written)."""
        counted = int(self.ratings["count"].sum())
        return {"count": counted, "share": 100.0 if counted else 0.0}

    @property
    def rating_agreement(self) -> dict:
        """How the recomputed ratings compare with the recorded ones.

        judged (HTX with both), agree (how many are the same), differing (how many are not),
        differ (the first ``list_limit`` of those, as a sentence names them: name, computed,
        recorded) and more (how many the sentence leaves to the table below it).
        """
        check = self.rating_check
        judged = check[check["agrees"].notna()]
        same = judged["agrees"].astype(bool)
        differ = judged.loc[~same, ["name", "computed", "recorded"]]
        named = differ.head(self.unit.list_limit)  # a national registry differs in thousands
        return {
            "judged": len(judged),
            "agree": int(same.sum()),
            "differing": len(differ),
            "differ": records(named),
            "more": len(differ) - len(named),
        }

    @property
    def rating_by_child(self) -> list[dict]:
        """The rating check summed by child unit, for a unit built from child units.

        One row per unit whose HTX were checked: name, judged, agree, differ. Empty for a
        unit of its own registry: its annex lists the HTX themselves.
        """
        entities = self.ds.entities
        check = self.rating_check
        if "unit_of" not in entities or not self.ds.children or check.empty:
            return []
        names = {c.unit_id: c.name[:1].upper() + c.name[1:] for c in self.ds.children}
        names[self.unit.unit_id] = self.unit.full_name  # HTX of the parent's own registry
        unit = check["entity_id"].map(entities.set_index("entity_id")["unit_of"])
        judged = check.assign(unit=unit)[check["agrees"].notna()]
        rows = []
        for unit_id, part in judged.groupby("unit", sort=False):
            agree = int(part["agrees"].astype(bool).sum())
            rows.append({"name": names.get(unit_id, unit_id), "judged": len(part),
                         "agree": agree, "differ": len(part) - agree})  # fmt: skip
        return rows

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
