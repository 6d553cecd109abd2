"""``reports/index.html``: a page listing every report present."""

from __future__ import annotations

import sys
from pathlib import Path

from htxlib.data.admin_map import PROVINCE_LEVELS
from htxlib.data.codes import LEVEL_TIERS
from htxlib.data.unit import is_slug
from htxlib.formatting import sort_key
from htxlib.report.document.narrative import render
from htxlib.report.publishing.publish import YEAR, page_meta
from htxlib.report.writing.files import atomic_write

#: The files a report run may publish, as the index names them (nothing else is linked).
LINK_LABELS = {
    "report.html": "Kế hoạch (HTML)",
    "report.docx": "Kế hoạch (Word)",
    "report.pdf": "Kế hoạch (PDF)",
    "annex.html": "Phụ lục phân tích (HTML)",
    "annex.docx": "Phụ lục phân tích (Word)",
    "annex.pdf": "Phụ lục phân tích (PDF)",
}


def list_reports(out: Path) -> list[dict]:
    """Return the metadata of every published report under ``out``, in the index's order.

    Links are built from the folder names, which are unit ids and years, never from what a
    page says; a page without readable metadata is left out with a warning.
    """
    found = []
    out = Path(out)
    for page in sorted(out.glob("*/*/report.html")):
        unit, year = page.parent.parent, page.parent
        if not is_slug(unit.name) or not YEAR.fullmatch(year.name):
            continue
        if unit.is_symlink() or year.is_symlink() or page.is_symlink():
            continue
        try:
            info = page_meta(page)
        except OSError as err:
            info = {}
            print(f"warning: {page}: {err}", file=sys.stderr)
        if not {"unit", "year", "cutoff", "generated"} <= set(info):
            print(f"warning: {page} has no report metadata; left out of the index", file=sys.stderr)
            continue
        info["year"] = year.name
        info["href"] = f"{unit.name}/{year.name}/report.html"
        info["links"] = [
            {"label": LINK_LABELS[name], "href": f"{unit.name}/{year.name}/{name}"}
            for name in info.get("files", "report.html").split(",")
            if name in LINK_LABELS and (page.parent / name).is_file()
        ]
        found.append(info)
    return sorted(found, key=_order)


def _order(report: dict) -> tuple:
    """Sort by province, the province's own report first, then units by name, newest first."""
    level = report.get("level", "")
    tier = LEVEL_TIERS.get(level, "xã")
    rank = 0 if level in PROVINCE_LEVELS else 1 if tier == "huyện" else 2
    province = sort_key(report.get("province", ""))
    return province, rank, sort_key(report["unit"]), -int(report["year"])


def by_province(reports: list[dict]) -> list[tuple[str, list[dict]]]:
    """Group reports by province, in the order :func:`list_reports` gives them."""
    groups: dict[str, list[dict]] = {}
    for report in reports:
        groups.setdefault(report.get("province") or "", []).append(report)
    return list(groups.items())


def write_index(out: Path) -> Path:
    """Write ``<out>/index.html`` atomically and return its path."""
    out = Path(out)
    html = str(render("index.html.j2", groups=by_province(list_reports(out))))
    return atomic_write(out / "index.html", lambda tmp: tmp.write_text(html, encoding="utf-8"))
