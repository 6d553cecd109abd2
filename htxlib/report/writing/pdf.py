"""PDF from the Word document, through LibreOffice when the machine has it.

The PDF is the .docx as LibreOffice lays it out, so the file an office signs and the file it
edits are one document. LibreOffice is a system package (Debian: ``libreoffice-writer``), not
a Python one; without it the other formats are still written and asking for PDF says what to
install. Each conversion uses its own LibreOffice profile, so two runs never share one.
"""

from __future__ import annotations

import os
import shutil
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

    LibreOffice's profile and output go to a folder of the process's private scratch folder
    (removed with it whatever happens); LibreOffice runs in a process group that is killed
    whole after ``HTX_CONVERT_SECONDS`` or when the run stops.

    Raises
    ------
    PdfError
        LibreOffice is missing, failed or took too long.
    """
    from htxlib.data.limits import limits
    from htxlib.report.writing.processes import ConverterTimeout, run_bounded
    from htxlib.report.writing.scratch import private

    program = require()
    names = ", ".join(d.name for d in documents)
    work = private("pdf")
    try:
        profile = work / "profile"
        command = [
            program,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            *map(str, documents),
        ]
        # LibreOffice writes its own temporary files in TMPDIR: this folder is private too
        env = {**os.environ, "TMPDIR": str(work), "HOME": str(work)}
        try:
            done = run_bounded(command, limits().HTX_CONVERT_SECONDS, env=env)
        except (OSError, ConverterTimeout) as err:
            message = _("LibreOffice did not convert {file}: {error}")
            raise PdfError(message.format(file=names, error=err)) from err
        made = [work / (d.stem + ".pdf") for d in documents]
        if done.returncode != 0 or not all(p.is_file() for p in made):
            said = (done.stderr or done.stdout).decode("utf-8", "replace").strip()
            detail = said.splitlines()[-1][:300] if said else f"exit status {done.returncode}"
            message = _("LibreOffice did not convert {file}: {error}")
            raise PdfError(message.format(file=names, error=detail))
        targets = [Path(folder) / p.name for p in made]
        for source, target in zip(made, targets, strict=True):
            shutil.move(str(source), target)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return targets
