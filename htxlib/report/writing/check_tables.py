"""The tables ``htx check --out`` writes: findings, a summary per file, figures, the rest.

Each is a CSV file in UTF-8 with a byte-order mark, which Excel and LibreOffice open with
Vietnamese letters intact. A table is written only over a file an earlier ``htx check``
wrote (they are listed in the folder's ``.htx-check``): a file of the user's own with the
same name is never replaced.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

from htxlib.checks.text.findings import CHECKS
from htxlib.checks.text.indicators import indicator_of, label_of
from htxlib.checks.text.recognise import unit_word
from htxlib.formatting import number
from htxlib.messages import _

#: The files, by what they hold.
FILES = {
    "findings": "phat-hien.csv",
    "summary": "tom-tat.csv",
    "figures": "so-lieu.csv",
    "unrecognised": "khong-nhan-dang.csv",
}
MANIFEST = ".htx-check"


class NotOurs(Exception):
    """A file the tables would replace was not written by ``htx check``."""


def _rows(results) -> dict[str, tuple[list[str], list[list]]]:
    findings, summary, figures, unrecognised = [], [], [], []
    for result in results:
        name = str(result.path)
        if result.error:
            summary.append(
                [name, "", "", "", "", _("cannot be read: {reason}").format(reason=result.error)]
            )
            continue
        recognised = result.recognised
        summary.append(
            [
                name,
                recognised.numbers,
                recognised.numbers - len(recognised.unrecognised),
                number(result.share_recognised, 1),
                len(result.findings),
                _("inconsistencies found") if result.findings else _("nothing found"),
            ]
        )
        for finding in result.findings:
            findings.append(
                [
                    name,
                    finding.page,
                    _(CHECKS[finding.check]),
                    finding.message,
                    " | ".join(finding.sentences),
                ]
            )
        for figure in recognised.figures:
            indicator = indicator_of(figure)
            figures.append(
                [
                    name,
                    figure.page,
                    label_of(indicator) if indicator else "",
                    figure.year or "",
                    number(figure.value, 3),
                    unit_word(figure),
                    figure.qualifier,
                    figure.sentence.text,
                ]
            )
        for sentence, text in recognised.unrecognised:
            unrecognised.append([name, sentence.page, text, sentence.text])
    return {
        "findings": (
            [_("file"), _("page"), _("check"), _("finding"), _("sentence")],
            findings,
        ),
        "summary": (
            [
                _("file"),
                _("numbers"),
                _("recognised"),
                _("% recognised"),
                _("findings"),
                _("result"),
            ],
            summary,
        ),
        "figures": (
            [
                _("file"),
                _("page"),
                _("indicator"),
                _("year"),
                _("value"),
                _("unit"),
                _("qualifier"),
                _("sentence"),
            ],
            figures,
        ),
        "unrecognised": ([_("file"), _("page"), _("number"), _("sentence")], unrecognised),
    }


def write_check_tables(results, folder: Path) -> list[Path]:
    """Write the tables into ``folder`` (created if needed); return their paths.

    Raises
    ------
    NotOurs
        A file of the same name is there that an earlier run did not write.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    manifest = folder / MANIFEST
    ours = set(manifest.read_text(encoding="utf-8").split()) if manifest.is_file() else set()
    for name in FILES.values():
        target = folder / name
        if (target.exists() or target.is_symlink()) and name not in ours:
            raise NotOurs(str(target))
    manifest.write_text("\n".join(sorted(set(FILES.values()) | ours)) + "\n", encoding="utf-8")
    written = []
    for key, (header, rows) in _rows(results).items():
        target = folder / FILES[key]
        partial = target.with_name(f".{target.name}.part")
        with open(partial, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            writer.writerows(rows)
        os.replace(partial, target)
        written.append(target)
    return written
