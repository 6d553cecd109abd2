"""One document checked: read, its figures recognised, its inconsistencies found."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from htxlib.checks.text.against_data import data_differences
from htxlib.checks.text.arithmetic import inconsistencies
from htxlib.checks.text.findings import Finding
from htxlib.checks.text.recognise import Recognised, recognise
from htxlib.data.read.document_text import read_document
from htxlib.data.read.text import ReadError


@dataclass
class DocumentCheck:
    """What ``htx check`` found in one document.

    Attributes
    ----------
    path : Path
        The document.
    error : str
        Why it could not be read; empty when it was.
    recognised : Recognised or None
        Its figures, and the numbers not recognised.
    findings : list of Finding
        Its inconsistencies, and with data, its differences from them.
    compared : int or None
        How many of its figures were compared with the data; None without data.
    """

    path: Path
    error: str = ""
    recognised: Recognised | None = None
    findings: list[Finding] = field(default_factory=list)
    compared: int | None = None

    @property
    def share_recognised(self) -> float:
        """Percentage of the numbers that look like figures which were recognised."""
        if self.recognised is None or not self.recognised.numbers:
            return 100.0
        known = self.recognised.numbers - len(self.recognised.unrecognised)
        return 100.0 * known / self.recognised.numbers


def check_document(path: Path, ds=None, year: int | None = None) -> DocumentCheck:
    """Check one document, and with a unit's dataset, against its data for ``year``.

    ``year`` defaults to the year the document's Part I assesses (read from its title).
    """
    try:
        recognised = recognise(read_document(path))
    except ReadError as err:
        return DocumentCheck(Path(path), error=str(err))
    findings = inconsistencies(recognised)
    compared = None
    if ds is not None:
        assessed = year or recognised.assessed_year
        differences, compared = data_differences(recognised, ds, assessed) if assessed else ([], 0)
        findings += differences
    return DocumentCheck(Path(path), "", recognised, findings, compared)
