"""A validated dataset saved for the notebooks of one report run, so the data is read once.

``htx report`` validates the unit folder, then writes the dataset here (in its private
staging folder) with a digest of the input files. A notebook given the snapshot uses it
only if the folder's files still have that digest; otherwise, or when opened alone in
JupyterLab, it loads and validates the folder itself.
"""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path

#: Files of a unit folder that a dataset is made from: the tables and the analyst texts.
INPUT_SUFFIXES = {".csv", ".xlsx", ".xlsm", ".md"}


def input_digest(folder: str | Path) -> str:
    """Return a digest of the unit folder's input files: their names and bytes."""
    root = Path(folder)
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.suffix.lower() in INPUT_SUFFIXES and path.is_file() and not path.is_symlink():
            digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def write_snapshot(ds, path: str | Path, digest: str) -> Path:
    """Save a validated dataset with the digest of the inputs it was loaded from."""
    path = Path(path)
    with open(path, "wb") as handle:
        pickle.dump({"digest": digest, "dataset": ds}, handle, protocol=pickle.HIGHEST_PROTOCOL)
    return path


def read_snapshot(path: str | Path, folder: str | Path):
    """Return the saved dataset if it was made from the folder's present files, else None.

    Only a snapshot written by this run's ``htx report`` is ever passed here: the file sits
    in the run's private staging folder (a pickle must never come from elsewhere).
    """
    path = Path(path)
    if not path.is_file():
        return None
    try:
        with open(path, "rb") as handle:
            saved = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None
    if saved.get("digest") != input_digest(folder):
        return None
    return saved["dataset"]
