"""PDF from the Word document, through LibreOffice when the machine has it.

The PDF is the .docx as LibreOffice lays it out, so the file an office signs and the file it
edits are one document. LibreOffice is a system package (Debian: ``libreoffice-writer``), not
a Python one; without it the other formats are still written and asking for PDF says what to
install. Each conversion uses its own LibreOffice profile, so two runs never share one.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from htxlib.messages import _

#: Programs that run LibreOffice, in the order tried.
PROGRAMS = ("soffice", "libreoffice")
#: The Debian package that provides it, named in the message when it is missing.
PACKAGE = "libreoffice-writer"
TIMEOUT = 300


class PdfError(RuntimeError):
    """No PDF engine, or the conversion failed; the message says what to do."""


def engine() -> str | None:
    """Return the LibreOffice program on this machine, or None."""
    return next((path for name in PROGRAMS if (path := shutil.which(name))), None)


def require() -> str:
    """Return the LibreOffice program, or raise :class:`PdfError` naming the package."""
    program = engine()
    if program is None:
        raise PdfError(
            _(
                "PDF needs LibreOffice, which is not installed; install the system package "
                "'{package}' (for example: sudo apt-get install {package}), or leave pdf out "
                "of --format"
            ).format(package=PACKAGE)
        )
    return program


def to_pdf(documents: list[Path], folder: Path) -> list[Path]:
    """Render Word documents to PDF files of the same names in ``folder``, in one LibreOffice run.

    Raises
    ------
    PdfError
        LibreOffice is missing, failed or took longer than :data:`TIMEOUT` seconds.
    """
    program = require()
    names = ", ".join(d.name for d in documents)
    with tempfile.TemporaryDirectory(prefix="htx-pdf-") as work:
        profile = Path(work) / "profile"
        command = [
            program,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            work,
            *map(str, documents),
        ]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT)
        except (OSError, subprocess.TimeoutExpired) as err:
            message = _("LibreOffice did not convert {file}: {error}")
            raise PdfError(message.format(file=names, error=err)) from err
        made = [Path(work) / (d.stem + ".pdf") for d in documents]
        if done.returncode != 0 or not all(p.is_file() for p in made):
            detail = (done.stderr or done.stdout).strip()[-500:]
            message = _("LibreOffice did not convert {file}: {error}")
            raise PdfError(message.format(file=names, error=detail))
        targets = [Path(folder) / p.name for p in made]
        for source, target in zip(made, targets, strict=True):
            shutil.move(str(source), target)
    return targets
