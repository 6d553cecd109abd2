"""The process's private scratch folder, and what a report's child processes start from.

Everything a run's helpers would otherwise leave in the user's folders or the system's
temporary folder goes here: the kernels' connection files (they hold the kernels' keys),
IPython's folder, LibreOffice's profile, pandoc's reference document. The folder is made
once a process, readable by its user alone, and removed when the process ends: normally, on
an error, on Ctrl-C, and on SIGTERM or SIGHUP, which :func:`stop_on_signals` turns into the
same orderly stop as Ctrl-C.

A report's kernels start from the toolkit's own kernel spec (in the environment it is
installed in, whatever ``JUPYTER_PATH`` says), with an empty IPython folder: no startup
file, profile or ``PYTHONSTARTUP`` of the user's runs inside them, so that the environment
cannot change a figure. ``HTX_USER_PROFILE=1`` asks for the user's own IPython profile.
"""

from __future__ import annotations

import atexit
import os
import shutil
import signal
import sys
import tempfile
import threading
from pathlib import Path

#: The toolkit's kernel name.
KERNEL = "htx"
#: Asks for the user's own IPython profile in the report's kernels.
USER_PROFILE = "HTX_USER_PROFILE"

#: Where programs keep their files under the home folder, each set by a variable.
HOME_FOLDERS = ("MPLCONFIGDIR", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "JUPYTER_RUNTIME_DIR")

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


def kernel_dir(prefix: str = sys.prefix) -> Path:
    """Return the folder of the toolkit's kernel specs in its own environment."""
    return Path(prefix) / "share" / "jupyter" / "kernels"


def kernel_spec_manager(kernel: str = KERNEL):
    """Return the kernel spec manager that finds ``kernel``'s spec.

    The toolkit's own kernel is looked for in its own environment alone; a kernel the user
    names (``htx report --kernel NAME``) where Jupyter looks for it (``JUPYTER_PATH``).
    """
    from jupyter_client.kernelspec import KernelSpecManager

    if kernel != KERNEL:
        return KernelSpecManager()
    return KernelSpecManager(kernel_dirs=[str(kernel_dir())])


def kernel_environment() -> dict[str, str]:
    """Return the environment a report's kernel starts with.

    The user's IPython folder and ``PYTHONSTARTUP`` are left out (unless
    ``HTX_USER_PROFILE=1``): IPython would run their startup files in the kernel. Where the
    home folder is missing or read-only, the folders programs keep there are private ones.
    """
    env = dict(os.environ)
    home = Path(env.get("HOME") or "/nonexistent")
    if not (home.is_dir() and os.access(home, os.W_OK)):
        # matplotlib and Jupyter would make a missing home, or leave folders of their own
        # in the temporary folder for one they cannot write: they get private ones instead
        for name in HOME_FOLDERS:
            env.setdefault(name, str(private(name.lower())))
    if env.get(USER_PROFILE) == "1":
        return env
    env.pop("PYTHONSTARTUP", None)
    env["IPYTHONDIR"] = str(private("ipython"))
    return env


class Stopped(KeyboardInterrupt):
    """The process was asked to stop (SIGTERM, SIGHUP): it stops as on Ctrl-C."""

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def _stop(signum, _frame) -> None:
    raise Stopped(signum)


def stop_on_signals() -> None:
    """Turn SIGTERM and SIGHUP into :class:`Stopped`, so that the run cleans up as on Ctrl-C."""
    if threading.current_thread() is not threading.main_thread():
        return
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, _stop)
