"""Show report sections in a notebook (thin wrappers used by the notebooks)."""

from __future__ import annotations

from IPython.display import HTML, display

from htxlib.report.narrative import plan_section, section


def show_section(name: str, a) -> None:
    """Display one Part I section as HTML in the running notebook.

    Parameters
    ----------
    name : str
        Section name (see :data:`htxlib.report.narrative.ASSESSMENT_SECTIONS`).
    a : Assessment
        The figures.
    """
    display(HTML(str(section(name, a))))


def show_plan_section(name: str, p) -> None:
    """Display one Part II section as HTML in the running notebook.

    Parameters
    ----------
    name : str
        Section name (see :data:`htxlib.report.narrative.PLAN_SECTIONS`).
    p : PlanPart
        The Part II figures.
    """
    display(HTML(str(plan_section(name, p))))
