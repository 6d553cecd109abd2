"""Write a long tables' workbook in a process of its own when it is long.

openpyxl is pure Python: a national registry's lists (30.000 rows and more) take it one to
two seconds of the interpreter, which the run's own process needs meanwhile to finish the
Word copies; and the annex's workbook and the document's are written at the same time. A
process costs a fifth of a second to start, so a workbook of fewer than
:data:`APART_ROWS` rows is written in the run's own process.

Run as ``python -m htxlib.report.writing.sheet_process PATH``, it reads the sheets, pickled
by the run that started it, on its standard input and writes them to ``PATH`` with
:func:`~htxlib.report.writing.long_tables.write_sheets`.
"""

from __future__ import annotations

import pickle
import sys
from pathlib import Path

from htxlib.report.writing.long_tables import Sheet, write_sheets

#: From this many rows in all, a workbook is written in a process of its own.
APART_ROWS = 5_000


def write_workbook(sheets: list[Sheet], path: Path) -> Path:
    """Write the sheets to ``path``, in a process of its own when they are long.

    Raises
    ------
    OSError
        The workbook could not be written; the message says why, as the process said it.
    ConverterTimeout
        The process took longer than ``HTX_CONVERT_SECONDS`` and was stopped.
    """
    if sum(len(sheet.rows) for sheet in sheets) < APART_ROWS:
        return write_sheets(sheets, path)
    from htxlib.data.limits import limits
    from htxlib.messages import _
    from htxlib.report.writing.processes import run_bounded

    command = [sys.executable, "-m", __name__, str(path)]
    done = run_bounded(command, limits().HTX_CONVERT_SECONDS, input=pickle.dumps(sheets))
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        error = said[-1] if said else f"exit {done.returncode}"
        raise OSError(_("{file} could not be written: {error}").format(file=path, error=error))
    return path


def main() -> int:
    """Write the workbook the run asked for (see the module's docstring)."""
    write_sheets(pickle.load(sys.stdin.buffer), Path(sys.argv[1]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
