"""Plan: Part II's indicators, their year-end estimates, projections and targets.

Takes a dataset (its figures and rules); gives each plan indicator's actual value
(``indicators``), simple projections with intervals (``projections``), and the year's results
against its targets, the plan year's targets and a backtest (``targets``).

Depends on ``data``, ``figures`` and ``rules``.
"""
