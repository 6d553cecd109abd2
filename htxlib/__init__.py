"""htx: the annual cooperative-economy (HTX) assessment and plan, computed from registry data.

The folders are the stages of the data flow, each depending only on the ones before it::

    data/      load and validate a unit folder      -> Dataset (or every problem, located)
    figures/   Part I figures, with provenance      -> counts, members, capital, ratings, ...
    rules/     legal rules as data, and what they find -> ratings, sizes, compliance findings
    plan/      indicators, estimates, projections   -> plan versus actual, targets
    checks/    figures that contradict each other   -> contradictions, consistency checks
    report/    the documents                        -> sections, notebooks, HTML, exports

``cli.py`` is the ``htx`` command. Shared by every stage: ``messages`` (users' messages in
Vietnamese or English), ``formatting`` (Vietnamese numbers, dates and name order) and
``docs`` (shared docstring entries).
"""

__version__ = "0.1.0"
