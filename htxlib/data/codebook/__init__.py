"""The codebook: every table and column a unit folder may hold.

This package is the single source of truth for the data format. The loader reads
headers through it (English or Vietnamese), the validator builds its pandera
schemas from it, and ``htx codebook`` renders ``data/README.md`` from it.

Each group of tables is a module (``unit``, ``registry``, ``facts``, ``plans``,
``document``); ``columns`` says what a table and a column are. ``TABLES`` lists them all,
in the order files and sheets are described and written.
"""

from __future__ import annotations

from htxlib.data.codebook.columns import TYPES, Column, Table
from htxlib.data.codebook.document import DOCUMENT, DOCUMENT_REFERENCES, RECIPIENTS, TASKS
from htxlib.data.codebook.facts import ANNUAL, OCOP, RATING_SCORES, SUPPORT
from htxlib.data.codebook.plans import PERIOD_TARGETS, PROVENANCE, REPORTED_FIGURES, TARGETS
from htxlib.data.codebook.registry import ALIASES, ENTITIES, STATUS_EVENTS
from htxlib.data.codebook.unit import PERIODS, UNIT

TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        UNIT,
        PERIODS,
        ENTITIES,
        ALIASES,
        STATUS_EVENTS,
        ANNUAL,
        RATING_SCORES,
        SUPPORT,
        OCOP,
        TARGETS,
        PERIOD_TARGETS,
        REPORTED_FIGURES,
        PROVENANCE,
        DOCUMENT,
        DOCUMENT_REFERENCES,
        RECIPIENTS,
        TASKS,
    )
}


__all__ = ["TABLES", "TYPES", "Column", "Table"]
