"""Selections shared by the metrics: what exists at a date, and the year's facts."""

from __future__ import annotations

import pandas as pd


def existing(ds, kind: str, cutoff: pd.Timestamp) -> pd.DataFrame:
    """Return entities of ``kind`` registered on or before ``cutoff`` and not dissolved by then.

    An entity with no founding date (allowed for THT) counts as existing.
    """
    e = ds.entities
    founded = e["founded_on"].isna() | (e["founded_on"] <= cutoff)
    alive = e["dissolved_on"].isna() | (e["dissolved_on"] > cutoff)
    return e[(e["kind"] == kind) & founded & alive]


def facts(ds, kind: str, year: int, cutoff: pd.Timestamp) -> pd.DataFrame:
    """Return the year's annual facts of the entities of ``kind`` existing at ``cutoff``.

    Entities without a row for the year are kept, with empty facts.
    """
    annual = ds.annual[ds.annual["year"] == year].drop(columns="year")
    base = existing(ds, kind, cutoff)
    return base.merge(annual, on="entity_id", how="left")


def events(ds, event: str) -> pd.DataFrame:
    """Return status events of one kind joined with the entity's name."""
    ev = ds.status_events[ds.status_events["event"] == event]
    return ev.merge(ds.entities[["entity_id", "name", "commune"]], on="entity_id", how="left")
