"""I.1.a of Part I: how many HTX, LH HTX and THT, and what changed in the period."""

from __future__ import annotations

from functools import cached_property

from htxlib import figures as m
from htxlib.data.rollup import former_children
from htxlib.data.unit import children_scope_of, tier_of, unit_of
from htxlib.figures.provenance import Figure, figure, weakest
from htxlib.report.document.history_source import history_note
from htxlib.report.document.plain_records import records

#: The sector code that documents set apart from the rest ("phi nông nghiệp").
AGRICULTURE = "nong_nghiep"


def _weakest(statuses) -> str:
    """Return the weakest of the statuses given (rows with none say nothing of it)."""
    return weakest(s for s in statuses if isinstance(s, str) and s)


class Counts:
    """What the module docstring names, for the Assessment to inherit."""

    @property
    def sector_known(self) -> int | None:
        """HTX whose sector is known, when some are not (the base of the sector shares)."""
        by_sector = self.overview.by_sector
        if not by_sector["sector"].isna().any():
            return None
        known = int(by_sector.loc[by_sector["sector"].notna(), "count"].sum())
        return known or None  # no sector known: no share to base, nothing to say of one

    @cached_property  # read by every sector's share
    def sector_base_status(self) -> str:
        """Provenance of the base the sector shares are of: the weakest of the known rows.

        A share of an estimated count, or of a base an estimated count is part of, is an
        estimate too: the signing copy leaves it blank as it leaves the count.
        """
        by_sector = self.overview.by_sector
        return _weakest(by_sector.loc[by_sector["sector"].notna()].get("status", []))

    def sector_share_status(self, row_status: str) -> str:
        """Provenance of one sector's share: the weakest of its count and the base."""
        return _weakest([row_status, self.sector_base_status])

    @property
    def sector_split(self) -> dict | None:
        """Agricultural and non-agricultural HTX ("phi nông nghiệp"), when both exist."""
        by_sector = self.overview.by_sector.dropna(subset=["sector"])  # known sectors only
        agri = int(by_sector.loc[by_sector["sector"] == AGRICULTURE, "count"].sum())
        rest = int(by_sector["count"].sum()) - agri
        if not (agri and rest):
            return None
        return {"agri": agri, "non_agri": rest, "status": _weakest(by_sector.get("status", []))}

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
    def new_capital_status(self) -> str:
        """Provenance of the new HTX's capital: each one's own value, weakest first.

        A published total of all HTX's capital says nothing of a few HTX's: their sum is
        theirs only when each of their values was given as such.
        """
        from htxlib.figures.provenance import figure, weakest

        ids = self.overview.new["entity_id"]
        own = figure(self.ds, None, "entities", "charter_capital", ids).status  # no sum row
        return weakest([own, self.new_count.status])

    @property
    def reorganised_so_far(self) -> int:
        """HTX reorganised under the 2012 Law up to the cutoff, when more than in the period."""
        from htxlib.figures.counts import reorganised_by

        total = reorganised_by(self.ds, self.period.cutoff)
        return total if total > len(self.overview.reorganised) else 0

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
    def tht_water_only(self) -> bool:
        """Whether every THT of a known purpose is a water-user group (and there are some)."""
        rows = self.groups.by_purpose.dropna(subset=["purpose"])
        water = int(rows.loc[rows["purpose"] == "dung_nuoc", "count"].sum())
        return water > 0 and water == int(rows["count"].sum())

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
