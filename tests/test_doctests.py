"""The examples in the docstrings of the modules that phrase figures are true."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "htxlib.formatting",
    "htxlib.figures.shares",
    "htxlib.checks.stated_figures",
    "htxlib.report.document.stated_sentences",
    "htxlib.report.document.name_lists",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
