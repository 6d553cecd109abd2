"""Narrative text: Jinja2 templates filled with an assessment's figures.

Templates live in ``htxlib/templates``; autoescaping is on, so names and other data
appear literally in the HTML.
"""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from htxlib import formatting
from htxlib.data import codes
from htxlib.data.texts import MISSING_NOTE, OPTIONAL, SLOTS
from htxlib.report.document.letterhead import BLANK, BLANK_LINE

#: Short marks printed beside figures that were not published as such.
PROVENANCE_MARKS = {"rebuilt": "DL", "estimated": "UT"}


def _capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]


def environment() -> Environment:
    """Return the template environment with the Vietnamese formatting filters."""
    env = Environment(
        loader=PackageLoader("htxlib.report", "templates"),
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


def records(frame) -> list[dict]:
    """Return a table as plain records, missing values as None, for templates to test simply."""
    plain = frame.astype(object)
    return plain.where(plain.notna(), None).to_dict("records")


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
