"""Everything Part II of a report states, gathered for one unit, assessed year and plan year."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from htxlib.data.dataset import Dataset, Period
from htxlib.data.rollup import former_children
from htxlib.data.texts import unit_texts
from htxlib.data.unit import Unit, unit_of
from htxlib.docs import scoped
from htxlib.formatting import period_phrase, sentence
from htxlib.plan import targets, year_end
from htxlib.plan.indicators import INDICATORS
from htxlib.plan.period import period_source, period_standing, plan_period
from htxlib.report.document.history_source import history_note
from htxlib.report.document.letterhead import Letterhead, letterhead
from htxlib.report.document.name_lists import cut
from htxlib.report.document.plain_records import records
from htxlib.report.document.stated_sentences import stated_sentences
from htxlib.rules.compliance import dissolution_candidates

_HEADING = re.compile(r"<h[1-6][^>]*>(.*?)</h[1-6]>", re.S)


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
    plan_period: tuple[int, int] = (0, 0)
    plan_period_source: str = ""
    period_targets: pd.DataFrame | None = None
    history: pd.DataFrame | None = None

    @property
    def history_years(self) -> list[int]:
        """The years of the series the targets are projected from."""
        return [] if self.history is None else [int(y) for y in self.history.columns]

    @property
    def history_rows(self) -> list[dict]:
        """Each indicator's yearly values (None where not given), with its label and unit."""
        if self.history is None:
            return []
        return [
            {
                "label": INDICATORS[code].label,
                "unit": INDICATORS[code].unit,
                "decimals": INDICATORS[code].decimals,
                "series": [None if pd.isna(v) else float(v) for v in row],
            }
            for code, row in self.history.iterrows()
        ]

    @property
    def history_advice(self) -> list[str]:
        """The past years Part II lacks to project from, and how to add them (see validate)."""
        from htxlib.report.document.summary import history_lines

        return history_lines(self.ds, self.period.year)

    @property
    def history_source(self) -> dict | None:
        """The former units the years before the unit existed add up (None without any)."""
        return history_note(former_children(self.ds, self.period.cutoff))

    @property
    def trial_results(self) -> list[dict]:
        """Plan versus actual for targets the unit did not adopt (illustrative, estimated)."""
        return [r for r in records(self.results) if not r["adopted"]]

    @property
    def adopted_targets(self) -> bool:
        """Whether the unit adopted any target for the plan year (the signing copy lists them)."""
        return not self.targets.empty and bool(self.targets["adopted"].any())

    @property
    def proposals(self) -> bool:
        """Whether some targets are the toolkit's proposals, not targets the unit adopted."""
        return not self.targets.empty and not bool(self.targets["adopted"].all())

    def records(self, name: str) -> list[dict]:
        """Return a table as plain records with missing values as None (for templates)."""
        return records(getattr(self, name))

    @property
    def tasks(self) -> list[tuple[str, list[str]]]:
        """Each agency's tasks for the year, agencies in the order of their first task."""
        frame = self.ds.tables["tasks"]
        rows = frame[frame["year"] == self.period.year] if not frame.empty else frame
        grouped: dict[str, list[str]] = {}
        for agency, task in zip(rows.get("agency", []), rows.get("task", []), strict=True):
            grouped.setdefault(str(agency).strip(), []).append(sentence(str(task)))
        return list(grouped.items())

    @property
    def letterhead(self) -> Letterhead:
        """The document's header, references, recipients and signature."""
        return letterhead(self.ds, self.unit, self.period.year)

    @property
    def candidate_phrase(self) -> str:
        """The HTX a plan should consider dissolving, named up to the unit's list limit."""
        return cut(list(self.candidates["name"]), self.unit.list_limit)

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
    chosen = targets.chosen_targets(ds, year, plan_year, as_of)
    # the plan year's step for each period indicator, where the plan sets one
    steps = {
        r["indicator"]: float(r["chosen_low"])
        for r in records(chosen)
        if r["chosen_low"] is not None
    }
    return PlanPart(
        ds=ds,
        unit=unit_of(ds),
        period=period,
        period_phrase=period_phrase(period.start, period.cutoff),
        plan_year=plan_year,
        results=targets.plan_vs_actual(ds, year, as_of),
        targets=chosen,
        plan_period=plan_period(plan_year),
        plan_period_source=period_source(ds, plan_year),
        period_targets=period_standing(ds, year, plan_year, steps, as_of),
        candidates=dissolution_candidates(ds, year, as_of),
        backtest=targets.backtest(ds, year) if year - first >= 2 else pd.DataFrame(),
        history=_history(ds, [*HISTORY_FIRST, *chosen["indicator"]], year, as_of),
        partial_year=year_end.elapsed_share(ds, year, as_of) < 1,
        texts=numbered_solutions(unit_texts(ds, year)),
        stated=stated_sentences(ds, year),
    )


#: The indicators the history table shows before those of the targets: the unit's size.
HISTORY_FIRST = ["total_htx", "members"]


def _history(ds, codes: list[str], year: int, as_of) -> pd.DataFrame:
    """Return the yearly series each target is projected from: indicators by years."""
    series = {code: year_end.yearly_values(ds, code, year, as_of) for code in dict.fromkeys(codes)}
    return pd.DataFrame(series).T.sort_index(axis=1) if series else pd.DataFrame()


#: The heading number of the solutions section: its groups are numbered 5.1, 5.2...
SOLUTIONS_NUMBER = "5"


def numbered_solutions(texts: dict[str, str | None]) -> dict[str, str | None]:
    """Return the texts with the solutions' groups numbered as documents do (5.1., 5.2.).

    Each Markdown heading of ``solutions.md`` starts a group; it becomes a level-5 heading.
    """
    html = texts.get("solutions")
    if html:
        counter = iter(range(1, 1000))
        texts = {
            **texts,
            "solutions": _HEADING.sub(
                lambda m: f"<h5>{SOLUTIONS_NUMBER}.{next(counter)}. {m.group(1).strip()}</h5>",
                html,
            ),
        }
    return texts
