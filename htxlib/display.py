"""Show report sections in a notebook (thin wrappers used by the notebooks)."""

from __future__ import annotations

from IPython.display import HTML, display

from htxlib.narrative import section


def show_section(name: str, a) -> None:
    """Display one Part I section as HTML in the running notebook.

    Parameters
    ----------
    name : str
        Section name (see :data:`htxlib.narrative.ASSESSMENT_SECTIONS`).
    a : Assessment
        The figures.
    """
    display(HTML(str(section(name, a))))
