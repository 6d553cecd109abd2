"""The process's private scratch folder: what a run's helpers would leave behind goes here.

The kernels' connection files (they hold the kernels' keys), IPython's folder, LibreOffice's
profile and pandoc's reference document would otherwise stay in the user's folders or the
system's temporary folder. The folder is made once a process, readable by its user alone,
and removed when the process ends: normally, on an error, on Ctrl-C, and on SIGTERM or
SIGHUP, which ``htx`` turns into the same orderly stop as Ctrl-C (see
:mod:`htxlib.report.publishing.stopping`).
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
import threading
from pathlib import Path

_lock = threading.Lock()
_folder: Path | None = None


class ScratchError(OSError):
    """No private folder can be made: the message says which variable to change."""


def scratch_dir() -> Path:
    """Return the process's private scratch folder, made on first use, removed at exit.

    Raises
    ------
    ScratchError
        The temporary folder (``TMPDIR``) cannot be written.
    """
    global _folder
    with _lock:
        if _folder is None or not _folder.is_dir():
            try:
                _folder = Path(tempfile.mkdtemp(prefix="htx-"))
            except OSError as err:
                from htxlib.messages import _

                raise ScratchError(
                    _(
                        "the temporary folder {folder} cannot be written ({error}); set TMPDIR "
                        "to a folder you can write, for example TMPDIR=$HOME/tmp"
                    ).format(folder=tempfile.gettempdir(), error=err.strerror or err)
                ) from None
            atexit.register(shutil.rmtree, _folder, ignore_errors=True)
        return _folder


def private(name: str) -> Path:
    """Return a new folder named ``name`` inside the scratch folder (a unique suffix added)."""
    return Path(tempfile.mkdtemp(prefix=f"{name}-", dir=scratch_dir()))
