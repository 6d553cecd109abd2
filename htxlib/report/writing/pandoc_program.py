"""The pandoc program that converts a page to Word, and the error said when it cannot."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from htxlib.messages import _


class WordError(RuntimeError):
    """pandoc could not convert the page; the message says why."""


def pandoc() -> str:
    """Return the pandoc program: ``PYPANDOC_PANDOC`` when set, else the one the wheel ships.

    Found by its path alone: pypandoc's own look-up runs ``pandoc --version`` with no time
    limit, and a pandoc that does not answer would hold the run.
    """
    given = os.environ.get("PYPANDOC_PANDOC")
    if given:
        return given
    import pypandoc  # for the file it ships; importing it runs nothing

    shipped = Path(pypandoc.__file__).with_name("files") / "pandoc"
    found = str(shipped) if shipped.is_file() else shutil.which("pandoc")
    if not found:
        raise WordError(_("pandoc is not installed: reinstall the toolkit (make setup)"))
    return found
