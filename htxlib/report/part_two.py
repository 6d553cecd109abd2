"""Everything Part II of a report states, gathered for one unit, assessed year and plan year."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from htxlib.data.dataset import Dataset, Period
from htxlib.data.texts import load_texts
from htxlib.data.unit import Unit, unit_of
from htxlib.docs import scoped
from htxlib.formatting import period_phrase
from htxlib.plan import targets
from htxlib.report.letterhead import Letterhead, letterhead
from htxlib.report.narrative import records
from htxlib.report.stated_sentences import stated_sentences
from htxlib.rules.compliance import dissolution_candidates


@dataclass
class PlanPart:
    """The figures and texts of Part II."""

    ds: Dataset
    unit: Unit
    period: Period
    period_phrase: str
    plan_year: int
    results: pd.DataFrame
    targets: pd.DataFrame
    candidates: pd.DataFrame
    backtest: pd.DataFrame
    partial_year: bool
    texts: dict[str, str | None]
    stated: dict[str, list[str]]

    @property
    def adopted_results(self) -> list[dict]:
        """Plan versus actual for the targets the unit adopted (the document judges these)."""
        return [r for r in records(self.results) if r["adopted"]]

    @property
    def trial_results(self) -> list[dict]:
        """Plan versus actual for targets the unit did not adopt (illustrative, estimated)."""
        return [r for r in records(self.results) if not r["adopted"]]

    @property
    def proposals(self) -> bool:
        """Whether some targets are the toolkit's proposals, not targets the unit adopted."""
        return not self.targets.empty and not bool(self.targets["adopted"].all())

    def records(self, name: str) -> list[dict]:
        """Return a table as plain records with missing values as None (for templates)."""
        return records(getattr(self, name))

    @property
    def letterhead(self) -> Letterhead:
        """The document's header, references, recipients and signature."""
        return letterhead(self.ds, self.unit, self.period.year)

    @property
    def candidate_names(self) -> list[str]:
        """Names of the HTX a plan should consider dissolving."""
        return list(self.candidates["name"])

    @property
    def methods(self) -> list[str]:
        """The projection methods the targets use, in first-use order."""
        return list(dict.fromkeys(self.targets["method"]))

    @property
    def backtest_rows(self) -> list[dict]:
        """The backtest with each indicator's label and decimals."""
        if self.backtest.empty:
            return []
        labels = self.targets.set_index("indicator")[["label", "decimals"]]
        return records(self.backtest.join(labels, on="indicator"))


@scoped
def build(ds: Dataset, year: int, as_of=None, plan_year: int | None = None) -> PlanPart:
    """Compute Part II for a unit: plan versus actual for ``year`` and targets for the plan year.

    Parameters
    ----------
    {scope}
    plan_year : int, optional
        Year planned (default: the period's ``plan_year``, else ``year + 1``).
    """
    period = ds.period(year, as_of)
    plan_year = plan_year or ds.plan_year(year)
    first = ds.years[0] if ds.years else year
    return PlanPart(
        ds=ds,
        unit=unit_of(ds),
        period=period,
        period_phrase=period_phrase(period.start, period.cutoff),
        plan_year=plan_year,
        results=targets.plan_vs_actual(ds, year, as_of),
        targets=targets.chosen_targets(ds, year, plan_year, as_of),
        candidates=dissolution_candidates(ds, year, as_of),
        backtest=targets.backtest(ds, year) if year - first >= 2 else pd.DataFrame(),
        partial_year=targets.elapsed_share(ds, year, as_of) < 1,
        texts=load_texts(ds.folder, year),
        stated=stated_sentences(ds, year),
    )
