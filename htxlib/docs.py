"""Docstring pieces shared by the functions that take a unit, a year and a cutoff."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

F = TypeVar("F", bound=Callable)

#: The numpydoc entries of the (ds, year, as_of) parameters, indented for a function body.
SCOPE_PARAMETERS = """ds : Dataset
        The unit's data.
    year : int
        Assessed year.
    as_of : str or Timestamp, optional
        Cutoff overriding the period's (dd/mm/yyyy or yyyy-mm-dd)."""


def scoped(func: F) -> F:
    """Fill the ``{scope}`` line of a docstring's Parameters section with the shared entries."""
    if func.__doc__:
        func.__doc__ = func.__doc__.replace("{scope}", SCOPE_PARAMETERS)
    return func
