"""What the analyst annex shows beside Part I: sources, provenance and checks."""

from __future__ import annotations

from htxlib.report.document import annex
from htxlib.report.document.letterhead import Letterhead, letterhead


class AnnexRows:
    """What the module docstring names, for the Assessment to inherit."""

    @property
    def contradiction_rows(self) -> list[dict]:
        """The contradictions as plain records, fields named in Vietnamese."""
        return annex.contradiction_rows(self.contradictions)

    @property
    def letterhead(self) -> Letterhead:
        """The document's header, references, recipients and signature."""
        return letterhead(self.ds, self.unit, self.period.year)

    @property
    def source_rows(self) -> list[dict]:
        """The files read, for the annex."""
        return annex.source_rows(self.ds)

    @property
    def provenance_rows(self) -> list[dict]:
        """The provenance table, for the annex."""
        return annex.provenance_rows(self.ds)

    @property
    def checks(self) -> list:
        """What the report proves about its own figures (see :mod:`htxlib.checks.consistency`)."""
        from htxlib.checks.consistency import report_checks

        return report_checks(self)

    @property
    def checks_passed(self) -> int:
        """How many of :attr:`checks` pass."""
        return sum(c.passed for c in self.checks)
