"""Everything Part I of a report states, gathered for one unit, year and cutoff.

``build`` gathers data, figures, rules, plan and checks in that order into an
:class:`Assessment`, whose sections stand each in its own module (``counts``, ``people``,
``ratings``, ``compliance``, ``lists``, ``results``, ``annex``), as the templates do.
"""

from htxlib.report.document.part_one.assessment import Assessment
from htxlib.report.document.part_one.build import build, draw_charts

__all__ = ["Assessment", "build", "draw_charts"]
