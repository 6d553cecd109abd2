"""I.1.b and I.1.c of Part I: members, workers and managers, and business results."""

from __future__ import annotations

from htxlib import figures as m
from htxlib import formatting


class People:
    """What the module docstring names, for the Assessment to inherit."""

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
    def business(self) -> m.BusinessResults:
        """The HTX's average revenue, profit and member income of the year."""
        return m.business_results(self.ds, self.period.year, self.period.cutoff)

    @property
    def tht_business(self) -> m.BusinessResults:
        """The THT's average revenue, profit and member income of the year."""
        return m.business_results(self.ds, self.period.year, self.period.cutoff, kind="THT")

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
