"""A validated dataset saved for the notebooks of one report run, so the data is read once.

``htx report`` validates the unit folder, then writes the dataset into its private staging
folder as data only: each table an Arrow IPC file, and a JSON manifest for the rest (where
each table came from, the warnings, the children). Nothing in it can run code when read.

The run passes the manifest's SHA-256 to the notebooks as a parameter; a notebook uses the
snapshot only if the manifest has that digest, each table file the digest the manifest
gives, and the unit folder's files the digest they had when it was written. Otherwise, or
when opened alone in JupyterLab, it loads and validates the folder itself.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import stat
from pathlib import Path

from htxlib.data.unit_folders import MAX_NESTING

#: Files of a unit folder that a dataset is made from: the tables and the analyst texts.
INPUT_SUFFIXES = {".csv", ".xlsx", ".xlsm", ".md"}


#: How the tables are compressed. A national registry's yearly table is 137 MB as it is and
#: 22 MB in LZ4, written in a tenth of the time (the buffer grows by copies) and read back
#: sooner too: ``benchmarks/bench_snapshot.py`` measures both.
COMPRESSION = "lz4"

#: The manifest's name inside a snapshot folder, and the layout version it describes.
MANIFEST = "manifest.json"
FORMAT = 1


def input_files(folder: str | Path) -> list[Path]:
    """Return the files a unit is made from.

    They are its tables, ``texts/<year>/*.md``, and its children's in ``units/``, walked
    without recursion and as deep as a parent is built from
    (:data:`~htxlib.data.unit_folders.MAX_NESTING`).
    Nothing else under the folder is opened: a stray large file, or one planted deep
    below, costs nothing.
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
        if depth < MAX_NESTING and children.is_dir() and not children.is_symlink():
            pending += [(child, depth + 1) for child in sorted(children.iterdir(), reverse=True)]
    return [p for p in found if not p.is_symlink()]


def input_size(folder: str | Path) -> int:
    """Return the bytes of the unit's input files (see :func:`input_files`) on disk."""
    return sum(path.lstat().st_size for path in input_files(folder))


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


def write_snapshot(ds, folder: str | Path, digest: str) -> tuple[Path, str]:
    """Save a validated dataset, with the digest of the inputs it was loaded from.

    Parameters
    ----------
    ds : Dataset
        The validated dataset.
    folder : str or Path
        A folder to create (private to the user) for the snapshot.
    digest : str
        The unit folder's :func:`input_digest` when ``ds`` was loaded.

    Returns
    -------
    tuple of (Path, str)
        The snapshot folder, and the SHA-256 of its manifest to pass to whoever reads it.
    """
    folder = Path(folder)
    folder.mkdir(mode=0o700)
    files: dict[str, str] = {}
    manifest = {"format": FORMAT, "inputs": digest, "dataset": _dataset_entry(ds, folder, files)}
    manifest["files"] = files
    # a problem's row may be a numpy integer: ``item()`` gives the Python value
    # ASCII: a folder name that is not UTF-8 (its bytes kept as surrogates) round-trips
    text = json.dumps(manifest, sort_keys=True, default=lambda v: v.item())
    (folder / MANIFEST).write_text(text, encoding="utf-8")
    return folder, hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_snapshot(folder: str | Path, digest: str | None, unit: str | Path):
    """Return the saved dataset if it is the one the run wrote and the unit is unchanged.

    Parameters
    ----------
    folder : str or Path
        The snapshot folder.
    digest : str or None
        The manifest's SHA-256 as the run passed it; without it nothing is read.
    unit : str or Path
        The unit folder the dataset was loaded from.

    Returns
    -------
    Dataset or None
        None when the snapshot is missing, altered, or older than the unit's files.
    """
    folder = Path(folder)
    text = _bytes(folder / MANIFEST)
    if not digest or text is None or hashlib.sha256(text).hexdigest() != digest:
        return None
    try:
        manifest = json.loads(text)
    except ValueError:
        return None
    if manifest.get("format") != FORMAT or manifest.get("inputs") != input_digest(unit):
        return None
    try:
        return _dataset(manifest["dataset"], folder, manifest["files"])
    except (KeyError, TypeError, ValueError, OSError):
        return None


#: The dataset a kernel keeps for the next notebook of the same run: (snapshot, digest, dataset).
_kept: tuple | None = None


def load_for_run(
    folder: str | Path, snapshot: str | Path | None, digest: str | None, keep: bool = False
):
    """Return the dataset a report's notebook works on: the run's snapshot, else the folder.

    Parameters
    ----------
    folder : str or Path
        The unit folder.
    snapshot : str or Path or None
        The dataset ``htx report`` already validated for this run; None (a notebook opened
        by hand) loads the folder.
    digest : str or None
        The snapshot's digest as the run passed it; without it the snapshot is not read.
    keep : bool
        Keep the dataset in this process for the run's next notebook, which then gets the
        same object, with the figures computed on it so far (a small unit's notebooks run
        on one kernel, one after the other). Without it, any dataset kept is let go.

    Returns
    -------
    Dataset
    """
    from htxlib.data.dataset import load_unit

    global _kept
    if keep and snapshot and digest and _kept is not None and _kept[:2] == (str(snapshot), digest):
        return _kept[2]
    _kept = None  # a dataset of an earlier run is let go before this one is read
    saved = read_snapshot(snapshot, digest, folder) if snapshot else None
    ds = saved if saved is not None else load_unit(folder)
    if keep and saved is not None:
        _kept = (str(snapshot), digest, ds)
    return ds


def _bytes(path: Path) -> bytes | None:
    """Return a regular file's bytes, or None (for a missing file, a link, a FIFO …)."""
    try:
        if not stat.S_ISREG(path.lstat().st_mode):
            return None
        return path.read_bytes()
    except OSError:
        return None


def _dataset_entry(ds, folder: Path, files: dict[str, str]) -> dict:
    """Write a dataset's tables into ``folder`` and return what describes the rest."""
    return {
        "folder": str(ds.folder),
        "tables": {name: _write_table(df, folder, files) for name, df in ds.tables.items()},
        "stated_totals": {
            name: _write_table(df, folder, files) for name, df in ds.stated_totals.items()
        },
        "sources": {name: _fields(source) for name, source in ds.sources.items()},
        "warnings": [_fields(problem) for problem in ds.warnings],
        "children": [
            {
                **{key: value for key, value in _fields(child).items() if key != "data"},
                "problems": [_fields(problem) for problem in child.problems],
                "data": None if child.data is None else _dataset_entry(child.data, folder, files),
            }
            for child in ds.children
        ],
    }


def _fields(record) -> dict:
    """Return a dataclass's fields as JSON values (paths as text), without nested records."""
    return {
        f.name: str(value) if isinstance(value, Path) else value
        for f in dataclasses.fields(record)
        if not isinstance(value := getattr(record, f.name), list | tuple)
        and not dataclasses.is_dataclass(value)
    }


def _write_table(df, folder: Path, files: dict[str, str]) -> str:
    """Write one table as an Arrow IPC file, with its row index; return the file's name."""
    import pyarrow as pa

    name = f"{len(files):04d}.arrow"
    table = pa.Table.from_pandas(df)  # a row index as a column, a RangeIndex as metadata
    sink = pa.BufferOutputStream()
    options = pa.ipc.IpcWriteOptions(compression=COMPRESSION)
    with pa.ipc.new_file(sink, table.schema, options=options) as writer:
        writer.write_table(table)
    data = memoryview(sink.getvalue())  # Arrow's buffer, not a copy of it
    (folder / name).write_bytes(data)
    files[name] = hashlib.sha256(data).hexdigest()
    return name


def _read_table(name: str, folder: Path, files: dict[str, str]):
    """Read one table written by :func:`_write_table`, if its bytes are the ones written."""
    import pandas as pd
    import pyarrow as pa

    data = _bytes(folder / name)
    if data is None or hashlib.sha256(data).hexdigest() != files[name]:
        raise ValueError(f"snapshot table {name} altered")
    table = pa.ipc.open_file(pa.py_buffer(data)).read_all()
    df = table.to_pandas()
    # text columns would come back as pandas' str dtype, with NaN for None: the loader's
    # are objects, with None
    kinds = json.loads(table.schema.metadata[b"pandas"])["columns"]
    for kind in kinds:
        if kind["numpy_type"] == "object" and kind["name"] in df.columns:
            values = _texts(table.column(kind["name"]))
            df[kind["name"]] = pd.Series(values, index=df.index, dtype=object)
    return df


def _texts(column):
    """Return an Arrow text column as objects (None where null), one object per distinct text.

    As the loader holds it: a national registry's score sheets repeat 35.000 ids over
    millions of rows, and an object per row would be hundreds of MB in each notebook.
    """
    import numpy as np
    import pyarrow as pa

    if not (pa.types.is_string(column.type) or pa.types.is_large_string(column.type)):
        return column.to_pylist()
    encoded = column.dictionary_encode().combine_chunks()
    distinct = np.asarray([*encoded.dictionary.to_pylist(), None], dtype=object)
    return distinct[encoded.indices.fill_null(-1).to_numpy()]


def _dataset(entry: dict, folder: Path, files: dict[str, str]):
    """Rebuild a dataset from its manifest entry."""
    from htxlib.data.dataset import Dataset
    from htxlib.data.problems import Problem
    from htxlib.data.read.source import Source
    from htxlib.data.rollup import Child

    def tables(names: dict) -> dict:
        return {table: _read_table(name, folder, files) for table, name in names.items()}

    def source(fields: dict) -> Source:
        return Source(**{**fields, "path": Path(fields["path"])})

    return Dataset(
        folder=Path(entry["folder"]),
        tables=tables(entry["tables"]),
        sources={name: source(fields) for name, fields in entry["sources"].items()},
        warnings=[Problem(**fields) for fields in entry["warnings"]],
        stated_totals=tables(entry["stated_totals"]),
        children=[
            Child(
                **{
                    **child,
                    "problems": [Problem(**p) for p in child["problems"]],
                    "data": child["data"] and _dataset(child["data"], folder, files),
                }
            )
            for child in entry["children"]
        ],
    )
