"""htx: the annual cooperative-economy (HTX) assessment and plan, computed from registry data.

Data flows one way: :func:`htxlib.dataset.load_unit` (read and validate) → :mod:`htxlib.metrics`,
:mod:`htxlib.rating`, :mod:`htxlib.compliance`, :mod:`htxlib.plan` (figures and rules) →
:mod:`htxlib.narrative` and :mod:`htxlib.charts` (text and charts) → the notebooks →
:mod:`htxlib.runner` (HTML report).
"""

__version__ = "0.1.0"
