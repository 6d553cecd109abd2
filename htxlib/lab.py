"""Start JupyterLab on the notebooks: the ``htx`` kernel, the tour open, Vietnamese by default.

``make lab`` runs ``python -m htxlib.lab``. JupyterLab refuses to run as root unless told,
which is how containers and many office machines run; the flag is added only then. The
interface language comes from the Vietnamese language pack; Settings → Language switches it
(the default is set in the environment's ``overrides.json``, a user's own choice wins).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
TOUR = "tour.ipynb"
LOCALE = "vi_VN"
#: JupyterLab's setting that holds the interface language.
TRANSLATION = "@jupyterlab/translation-extension:plugin"
#: JupyterLab's notifications: it would ask on first start whether to fetch news online.
NOTIFICATIONS = "@jupyterlab/apputils-extension:notification"


def running_as_root() -> bool:
    """Whether this process runs as root (always False where there are no user ids)."""
    return hasattr(os, "geteuid") and os.geteuid() == 0


def lab_command(as_root: bool | None = None, kernel: str = "htx") -> list[str]:
    """Return the command line that starts JupyterLab on the notebooks.

    Parameters
    ----------
    as_root : bool, optional
        Whether the process runs as root (default: find out); adds ``--allow-root`` then.
    kernel : str
        The kernel new notebooks use.
    """
    as_root = running_as_root() if as_root is None else as_root
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        f"--ServerApp.root_dir={NOTEBOOKS}",
        f"--MappingKernelManager.default_kernel_name={kernel}",
        # the launcher offers this one kernel, not also the bare Python that lacks htxlib
        f"--KernelSpecManager.allowed_kernelspecs={kernel}",
        "--KernelSpecManager.ensure_native_kernel=False",
        # JupyterLab resolves a file argument against the current folder, not root_dir
        str(NOTEBOOKS / TOUR),
    ]
    if as_root:
        command.append("--allow-root")
    return command


def default_language(prefix: str = sys.prefix, locale: str = LOCALE) -> Path:
    """Make ``locale`` the environment's default interface language; return the file written.

    A language already set in the file is kept. JupyterLab is also told not to offer to
    fetch news from the network, which many office machines do not reach.
    """
    path = Path(prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    settings = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    settings.setdefault(TRANSLATION, {}).setdefault("locale", locale)
    settings.setdefault(NOTIFICATIONS, {}).setdefault("fetchNews", "false")  # offline machines
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(settings, indent=2, ensure_ascii=False), encoding="utf-8")
    return path


def main() -> int:
    """Set the default language, then replace this process with JupyterLab.

    Arguments after ``python -m htxlib.lab`` go to JupyterLab as they are.
    """
    from htxlib.report.publishing.kernel_setup import kernel_name

    default_language()
    command = lab_command(kernel=kernel_name()) + sys.argv[1:]  # e.g. --port, --no-browser
    os.execv(command[0], command)
    return 0  # not reached


if __name__ == "__main__":
    raise SystemExit(main())
