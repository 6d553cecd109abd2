"""Checks: figures that contradict each other, and what a report proves about itself.

- ``contradictions``: a data file's stated totals, and tỷ/triệu slips, against its rows;
- ``stated_figures``: the figures a document states (``reported_figures``) against the data
  and against each other (parts and whole, share and count, percentage of plan and plan);
- ``consistency``: the checks a report shows in its annex (parts add to wholes, shares to
  100%).

Stated figures include plan indicators and percentages of plan, so checks come after
``plan``. Depends on ``data``, ``figures``, ``rules`` and ``plan``.
"""
