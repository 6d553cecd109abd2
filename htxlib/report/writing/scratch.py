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
import fcntl
import os
import shutil
import tempfile
import threading
import time
from pathlib import Path

_lock = threading.Lock()
_folder: Path | None = None


class ScratchError(OSError):
    """No private folder can be made: the message says which variable to change."""


#: The file each scratch folder holds locked while its process lives.
LOCK = ".lock"
#: A scratch folder without a lock file is left over after this many seconds.
STALE_AFTER = 600
_held: list[int] = []


def remove_unlocked(folders, stale_after: int = STALE_AFTER, keep: Path | None = None) -> None:
    """Remove the folders whose process is gone: their ``.lock`` is free (or long missing).

    Each live process holds its folder's lock; a folder is removed while this call holds
    the lock, so that a process just starting sees it gone. Shared by the reports folder's
    staging folders and the temporary folder's scratch folders.
    """
    for folder in folders:
        if folder.is_symlink() or not folder.is_dir() or folder == keep:
            continue
        lock = folder / LOCK
        try:
            if not lock.exists():
                if time.time() - folder.stat().st_mtime > stale_after:
                    shutil.rmtree(folder, ignore_errors=True)
                continue
            handle = os.open(lock, os.O_RDWR | os.O_NOFOLLOW)
        except OSError:
            continue  # another run removed it meanwhile
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            shutil.rmtree(folder, ignore_errors=True)
        except BlockingIOError:
            continue  # a live process holds it
        finally:
            os.close(handle)


def remove_stale(parent: Path) -> None:
    """Remove the scratch folders of processes that are gone (their lock is free).

    A process killed outright (SIGKILL, a power cut) cannot remove its own folder: the next
    run, and every run's exit, removes it.
    """
    remove_unlocked(Path(parent).glob("htx-*"), keep=_folder)


def _remove(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    remove_stale(folder.parent)


def scratch_dir() -> Path:
    """Return the process's private scratch folder, made on first use, removed at exit.

    Its lock file is held for the process's life, so that another run knows it lives.

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
                handle = os.open(_folder / LOCK, os.O_CREAT | os.O_RDWR, 0o600)
                fcntl.flock(handle, fcntl.LOCK_EX)
                _held.append(handle)
            except OSError as err:
                from htxlib.messages import _

                raise ScratchError(
                    _(
                        "the temporary folder {folder} cannot be written ({error}); set TMPDIR "
                        "to a folder you can write, for example TMPDIR=$HOME/tmp"
                    ).format(folder=tempfile.gettempdir(), error=err.strerror or err)
                ) from None
            atexit.register(_remove, _folder)
            remove_stale(_folder.parent)
        return _folder


def private(name: str) -> Path:
    """Return a new folder named ``name`` inside the scratch folder (a unique suffix added)."""
    return Path(tempfile.mkdtemp(prefix=f"{name}-", dir=scratch_dir()))
