"""Show report sections in a notebook (thin wrappers used by the notebooks)."""

from __future__ import annotations

from IPython.display import HTML, display

from htxlib.report.document.narrative import annex_section, plan_section, section


def show_section(name: str, a) -> None:
    """Display one Part I section as HTML in the running notebook.

    Parameters
    ----------
    name : str
        Section name (see :data:`htxlib.report.document.narrative.ASSESSMENT_SECTIONS`).
    a : Assessment
        The figures.
    """
    display(HTML(str(section(name, a))))


def show_plan_section(name: str, p) -> None:
    """Display one Part II section as HTML in the running notebook.

    Parameters
    ----------
    name : str
        Section name (see :data:`htxlib.report.document.narrative.PLAN_SECTIONS`).
    p : PlanPart
        The Part II figures.
    """
    display(HTML(str(plan_section(name, p))))


def show_annex_section(name: str, part) -> None:
    """Display one section of the analyst annex as HTML in the running notebook.

    Parameters
    ----------
    name : str
        Section name (see :data:`htxlib.report.document.narrative.ANNEX_SECTIONS`).
    part : Assessment or PlanPart
        The figures the section draws on.
    """
    display(HTML(str(annex_section(name, part))))
