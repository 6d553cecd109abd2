"""Where a table is read from: a file, and the sheet of a workbook."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Source:
    """Where a table was read from.

    Parameters
    ----------
    path : Path
        The file.
    sheet : str
        Sheet name for Excel files, empty for CSV.
    convention : str
        The number convention the file declares ("comma-decimal" for a workbook made by
        ``htx template``, whose instructions say so), or "" when it declares none.
    """

    path: Path
    sheet: str = ""
    convention: str = ""

    @property
    def label(self) -> str:
        """File name as problems print it."""
        return self.path.name

    @property
    def is_excel(self) -> bool:
        """Whether the file is an Excel workbook."""
        return self.path.suffix.lower() in (".xlsx", ".xlsm")
