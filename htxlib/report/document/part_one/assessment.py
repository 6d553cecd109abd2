"""The Assessment: everything Part I states for one unit, year and cutoff, by section.

Each section's figures and phrases live in a module of their own, as their templates do;
the Assessment holds the data they read and inherits them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from htxlib import figures as m
from htxlib.data.dataset import Dataset, Period
from htxlib.data.unit import Unit
from htxlib.report.document.part_one.annex import AnnexRows
from htxlib.report.document.part_one.compliance import Compliance
from htxlib.report.document.part_one.counts import Counts
from htxlib.report.document.part_one.lists import Lists
from htxlib.report.document.part_one.people import People
from htxlib.report.document.part_one.ratings import Ratings
from htxlib.report.document.part_one.results import Results
from htxlib.rules.loading import RatingRules


@dataclass
class Assessment(Counts, People, Ratings, Compliance, Lists, Results, AnnexRows):
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
