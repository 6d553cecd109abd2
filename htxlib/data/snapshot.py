"""A validated dataset saved for the notebooks of one report run, so the data is read once.

``htx report`` validates the unit folder, then writes the dataset here (in its private
staging folder) with a digest of the input files. A notebook given the snapshot uses it
only if the folder's files still have that digest; otherwise, or when opened alone in
JupyterLab, it loads and validates the folder itself.
"""

from __future__ import annotations

import hashlib
import pickle
import stat
from pathlib import Path

#: Files of a unit folder that a dataset is made from: the tables and the analyst texts.
INPUT_SUFFIXES = {".csv", ".xlsx", ".xlsm", ".md"}


#: How deep parents and children may nest (a province's communes are at depth 1).
MAX_DEPTH = 8


def input_files(folder: str | Path) -> list[Path]:
    """Return the files a unit is made from.

    They are its tables, ``texts/<year>/*.md``, and its children's in ``units/``, walked
    without recursion and to :data:`MAX_DEPTH` at most. Nothing else under the folder is
    opened: a stray large file, or one planted deep below, costs nothing.
    """
    found: list[Path] = []
    pending = [(Path(folder), 0)]
    while pending:
        unit, depth = pending.pop()
        if unit.is_file():  # a child given as one workbook
            found.append(unit)
            continue
        entries = sorted(unit.iterdir()) if unit.is_dir() and not unit.is_symlink() else []
        found += [p for p in entries if p.suffix.lower() in INPUT_SUFFIXES]
        texts = unit / "texts"
        if texts.is_dir() and not texts.is_symlink():
            for year in sorted(texts.iterdir()):
                if year.is_dir() and not year.is_symlink():
                    found += sorted(year.glob("*.md"))
        children = unit / "units"
        if depth < MAX_DEPTH and children.is_dir() and not children.is_symlink():
            pending += [(child, depth + 1) for child in sorted(children.iterdir(), reverse=True)]
    return [p for p in found if not p.is_symlink()]


def input_digest(folder: str | Path) -> str:
    """Return a digest of the unit's input files (see :func:`input_files`): names and bytes.

    Files are read in chunks; one over the file-size limit, or one that is not a regular
    file, enters by its size and time only (reading it is refused with a message anyway).
    """
    from htxlib.data.limits import limits

    root = Path(folder)
    bound = limits().HTX_MAX_FILE_MB * 2**20
    digest = hashlib.sha256()
    for path in input_files(root):
        info = path.lstat()
        name = path.relative_to(root).as_posix() if path != root else path.name
        digest.update(name.encode("utf-8", "surrogateescape") + b"\0")
        if not stat.S_ISREG(info.st_mode) or info.st_size > bound:
            digest.update(f"{info.st_mode}:{info.st_size}:{info.st_mtime_ns}".encode())
            continue
        content = hashlib.sha256()
        with open(path, "rb") as handle:
            while chunk := handle.read(1 << 20):
                content.update(chunk)
        digest.update(content.digest())
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
