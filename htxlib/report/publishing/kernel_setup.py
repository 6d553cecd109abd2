"""What a report's kernels start from: the toolkit's own kernel spec and a clean environment.

A report's kernels start from the toolkit's own kernel spec (in the environment it is
installed in, whatever ``JUPYTER_PATH`` says), with an empty IPython folder: no startup
file, profile or ``PYTHONSTARTUP`` of the user's runs inside them, so that the environment
cannot change a figure. ``HTX_USER_PROFILE=1`` asks for the user's own IPython profile.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from htxlib.report.writing.scratch import private

#: The toolkit's kernel name.
KERNEL = "htx"
#: Asks for the user's own IPython profile in the report's kernels.
USER_PROFILE = "HTX_USER_PROFILE"
#: Where programs keep their files under the home folder, each set by a variable.
HOME_FOLDERS = ("MPLCONFIGDIR", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "JUPYTER_RUNTIME_DIR")


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


def install_kernel(name: str = KERNEL, prefix: str = sys.prefix) -> Path:
    """Install the kernelspec of this Python environment under ``prefix``; return its folder.

    The kernel logs only errors: a report run should not print the kernel's notices about
    its local transport on every start.
    """
    from ipykernel.kernelspec import install

    folder = Path(install(kernel_name=name, display_name="Python (htx)", prefix=prefix))
    spec = json.loads((folder / "kernel.json").read_text(encoding="utf-8"))
    spec["argv"].append("--Application.log_level=40")
    (folder / "kernel.json").write_text(json.dumps(spec, indent=1), encoding="utf-8")
    return folder


def kernel_name(preferred: str = KERNEL) -> str:
    """Return a kernel that runs this Python environment, installing its spec if needed.

    The ``htx`` kernelspec is installed into ``sys.prefix`` (the virtual environment) and
    looked for there alone, so that neither papermill nor a ``kernels/htx`` folder in
    ``JUPYTER_PATH`` ever picks up another Python.
    """
    if preferred in kernel_spec_manager(preferred).find_kernel_specs():
        return preferred
    try:
        install_kernel(preferred)
        return preferred
    except OSError:
        return "python3"
