"""``reports/index.html``: a page listing every report present."""

from __future__ import annotations

import json
from pathlib import Path

from htxlib.files import atomic_write
from htxlib.narrative import render


def list_reports(out: Path) -> list[dict]:
    """Return the metadata of every published report under ``out``, sorted by unit and year."""
    found = []
    for meta in sorted(Path(out).glob("*/*/report.json")):
        if not (meta.parent / "report.html").is_file():
            continue
        info = json.loads(meta.read_text(encoding="utf-8"))
        info["href"] = meta.parent.relative_to(out).as_posix() + "/report.html"
        found.append(info)
    return sorted(found, key=lambda r: (r["unit"], -int(r["year"])))


def write_index(out: Path) -> Path:
    """Write ``<out>/index.html`` atomically and return its path."""
    out = Path(out)
    html = str(render("index.html.j2", reports=list_reports(out)))
    return atomic_write(out / "index.html", lambda tmp: tmp.write_text(html, encoding="utf-8"))
