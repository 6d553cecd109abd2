"""Narrative text: Jinja2 templates filled with an assessment's figures.

Templates live in ``htxlib/templates``; autoescaping is on, so names and other data
appear literally in the HTML.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from jinja2 import (
    Environment,
    FileSystemBytecodeCache,
    PackageLoader,
    StrictUndefined,
    select_autoescape,
)
from markupsafe import Markup

from htxlib import formatting
from htxlib.data import codes
from htxlib.data.texts import MISSING_NOTE, OPTIONAL, SLOTS
from htxlib.report.document.letterhead import BLANK, BLANK_LINE

#: Short marks printed beside figures that were not published as such.
PROVENANCE_MARKS = {"rebuilt": "DL", "estimated": "UT"}


def _capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]


#: Where compiled templates are kept, inside the toolkit's own environment.
TEMPLATE_CACHE = Path(sys.prefix) / "var" / "cache" / "htx-templates"


def _bytecode_cache() -> FileSystemBytecodeCache | None:
    """Return the cache of compiled templates, or None where the environment is read-only.

    Compiling the templates takes about a third of a second, in each of a report's two
    kernels. The cache lives in the environment the toolkit is installed in, which its
    owner alone writes (a compiled template is code): never in a shared temporary folder.
    Jinja keys each entry by the template's source and the Python version, so an edited
    template is compiled again.
    """
    try:
        TEMPLATE_CACHE.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    if not os.access(TEMPLATE_CACHE, os.W_OK):
        return None
    return FileSystemBytecodeCache(str(TEMPLATE_CACHE))


def environment() -> Environment:
    """Return the template environment with the Vietnamese formatting filters."""
    env = Environment(
        loader=PackageLoader("htxlib.report", "templates"),
        bytecode_cache=_bytecode_cache(),
        autoescape=select_autoescape(["html", "j2"], default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.do"],
    )
    env.filters.update(
        count=formatting.count,
        number=formatting.number,
        money=formatting.money,
        percent=formatting.percent,
        date=formatting.date,
        names=formatting.join,
        capitalize_first=_capitalize,
        lower_first=formatting.lower_first,
    )
    env.globals.update(
        codes=codes,
        slots=SLOTS,
        optional_slots=OPTIONAL,
        marks=PROVENANCE_MARKS,
        missing_note=MISSING_NOTE,
        isna=formatting.is_missing,
        blank=BLANK,
        blank_line=BLANK_LINE,
    )
    return env


_ENV: Environment | None = None


def render(template: str, **context) -> Markup:
    """Render one template to safe HTML.

    Parameters
    ----------
    template : str
        File name under ``htxlib/templates``.
    **context
        Template variables.
    """
    global _ENV
    if _ENV is None:
        _ENV = environment()
    return Markup(_ENV.get_template(template).render(**context))


#: Part I sections of the document, in order (templates ``assessment/<name>.html.j2``).
ASSESSMENT_SECTIONS = ("head", "title", "i_1_a", "i_1_b", "i_1_c", "i_2", "i_3", "ii", "iii_iv")
#: Part I sections that follow the signature: the appendix issued with the plan.
APPENDIX_SECTIONS = ("appendix",)
#: Part II sections of the document, in order (templates ``targets/<name>.html.j2``).
PLAN_SECTIONS = ("title", "requirements", "content", "closing")
#: Sections of the analyst annex drawn from Part I, then from Part II (``annex/<name>.html.j2``).
ANNEX_SECTIONS = ("title", "sources", "provenance", "checks", "findings", "rating", "sizes")
ANNEX_PLAN_SECTIONS = ("projections",)


def section(name: str, a) -> Markup:
    """Render one Part I section of an assessment.

    Parameters
    ----------
    name : str
        Section name, e.g. ``i_1_a`` (see :data:`ASSESSMENT_SECTIONS`).
    a : Assessment
        The figures.
    """
    return render(f"assessment/{name}.html.j2", a=a, **_plan_labels())


def _plan_labels() -> dict:
    from htxlib.plan.projections import METHOD_LABELS
    from htxlib.plan.year_end import ESTIMATE_LABELS

    return {"method_labels": METHOD_LABELS, "estimate_labels": ESTIMATE_LABELS}


def plan_section(name: str, p) -> Markup:
    """Render one Part II section.

    Parameters
    ----------
    name : str
        Section name (see :data:`PLAN_SECTIONS`).
    p : PlanPart
        The Part II figures.
    """
    return render(f"targets/{name}.html.j2", p=p, **_plan_labels())


def annex_section(name: str, part) -> Markup:
    """Render one section of the analyst annex.

    Parameters
    ----------
    name : str
        Section name (see :data:`ANNEX_SECTIONS` and :data:`ANNEX_PLAN_SECTIONS`).
    part : Assessment or PlanPart
        The figures: an assessment for Part I's sections, a plan part for Part II's.
    """
    return render(f"annex/{name}.html.j2", a=part, p=part, **_plan_labels())
