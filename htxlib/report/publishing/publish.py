"""The reports folder: where a report may be written, and how it is published as one unit.

Layout of ``--out``::

    index.html                          every report present
    <unit>/<year>/report.html           the plan document: the run's metadata in <meta> tags
    <unit>/<year>/annex.html            the analyst annex
    <unit>/<year>/report.docx, .pdf     the plan document in Word and PDF (annex.* likewise)
    <unit>/<year>/runs/<run>/*.ipynb    the executed notebooks of the run that made it
    <unit>/<year>/failed/*.ipynb        notebooks of the last failed run, for debugging
    .staging-<random>/                  a run in progress, holding .lock while it lives

``<unit>`` is the unit id, which validation requires to be a slug, and ``<year>`` four
digits: no name in the layout comes from anything but them. Every path is checked to lie
inside ``--out`` and no symbolic link inside it is followed or written through.

A report is published as one unit: its notebooks go to a new ``runs/<run>`` folder first,
then ``report.html``, which names that run, replaces the old one in a single atomic rename.
A reader sees the old report and its notebooks, or the new ones, never a mix; a run killed
at any moment leaves the published report as it was.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import os
import re
import shutil
import stat
import uuid
from html.parser import HTMLParser
from pathlib import Path

from htxlib.data.unit import is_slug

#: A folder whose lock is free (or that has none after this many seconds) is left over by a
#: run that is gone, in this container or another one sharing the folder.
STALE_AFTER = 600
YEAR = re.compile(r"\d{4}")
META_PREFIX = "htx:"


class PublishError(OSError):
    """The reports folder cannot take this report; the message says why and what to do."""


def reports_folder(out: str | Path) -> Path:
    """Return the reports folder as an absolute path, created if needed.

    Resolved once, before any thread runs, so that nothing depends on the working folder.

    Raises
    ------
    NotADirectoryError
        ``out`` is a file.
    PublishError
        ``out`` can be written by every user of the machine and lacks the sticky bit: another
        user could swap a run's files while it runs.
    """
    out = Path(out).resolve()
    if out.exists() and not out.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "not a folder", str(out))
    out.mkdir(parents=True, exist_ok=True)
    mode = out.stat().st_mode
    if mode & stat.S_IWOTH and not mode & stat.S_ISVTX:
        from htxlib.messages import _

        raise PublishError(
            _(
                "{folder} can be written by every user of this machine, who could change a "
                "report while it is made; use a folder of your own, or chmod o-w {folder}"
            ).format(folder=out)
        )
    return out


def inside(out: Path, path: Path) -> Path:
    """Return ``path`` after checking that no part below ``out`` is a link and it stays inside.

    Raises
    ------
    PublishError
        A part is a symbolic link, or the path leads outside ``out``.
    """
    out = Path(out)
    path = Path(path)
    if path.is_absolute() and not path.is_relative_to(out):
        raise PublishError(f"{path} is outside {out}")
    relative = path.relative_to(out) if path.is_absolute() else path
    current = out
    for part in relative.parts:
        if part in ("", ".", ".."):
            raise PublishError(f"{path}: a report path may not contain '{part}'")
        current = current / part
        if current.is_symlink():
            raise PublishError(
                f"{current} is a link; reports are never written through links inside {out}"
            )
    if not current.resolve().is_relative_to(out.resolve()):
        raise PublishError(f"{current} is outside {out}")
    return current


def report_dir(out: Path, unit_id: str, year: int) -> Path:
    """Return the folder a unit's report for a year is published in (checked, not created)."""
    if not is_slug(unit_id) or not YEAR.fullmatch(str(year)):
        raise PublishError(f"'{unit_id}/{year}' cannot name a report folder")
    return inside(out, Path(out) / unit_id / str(year))


class Staging:
    """A private folder in ``--out`` where a run writes everything before publishing.

    It holds an exclusive lock on ``.lock`` for as long as the run lives; another run
    (even in another container sharing the folder) removes it only once the lock is free.
    """

    def __init__(self, out: Path):
        while True:
            self.path = inside(out, Path(out) / f".staging-{uuid.uuid4().hex[:12]}")
            self.path.mkdir(mode=0o700)  # private: no other user reads or swaps its files
            lock = self.path / ".lock"
            self._lock = os.open(lock, os.O_CREAT | os.O_RDWR, 0o644)
            fcntl.flock(self._lock, fcntl.LOCK_EX)
            # another run's remove_stale may have taken the free lock between the two calls
            # above and removed the folder; the lock is only ours if its file is still there
            if lock.exists() and os.stat(lock).st_ino == os.fstat(self._lock).st_ino:
                return
            os.close(self._lock)

    def close(self) -> None:
        """Remove the folder and release its lock."""
        shutil.rmtree(self.path, ignore_errors=True)
        os.close(self._lock)


def remove_stale(out: Path) -> None:
    """Remove staging folders whose run is gone (their lock is free)."""
    from htxlib.report.writing.scratch import remove_unlocked

    remove_unlocked(Path(out).glob(".staging-*"), STALE_AFTER)


@contextlib.contextmanager
def report_lock(out: Path, unit_id: str, year: int, waiting=None):
    """Hold a unit's report for a year while a run checks and publishes it, as one step.

    Two runs of one unit (or of two folders with one unit id) may end at the same moment:
    each checks the published report and then replaces it, and each publish removes the
    run folders that are not its own. The lock makes the check and the publish one step,
    so the second run sees what the first one published. ``waiting()`` is called once when
    another run holds it.
    """
    folder = inside(out, Path(out) / unit_id)
    folder.mkdir(exist_ok=True)
    lock = inside(out, folder / f".{year}.lock")
    handle = os.open(lock, os.O_CREAT | os.O_RDWR | os.O_NOFOLLOW, 0o644)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if waiting is not None:
                waiting()
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)  # releases the lock; the empty file stays for the next run


def same_unit(meta: dict[str, str], unit) -> bool:
    """Whether a published report's metadata names the same unit as ``unit``.

    One unit id and one official code are one unit, whichever folder it is built from (a
    commune built on its own, then inside its province). Where either side has no code (a
    former district, or a report of an earlier release), its name and province decide.
    """
    if meta.get("code") and unit.code:
        return meta["code"] == unit.code
    return meta.get("unit") == unit.full_name and meta.get("province", "") == unit.province


def source_id(data_dir: Path) -> str:
    """Name a data folder by its absolute path, to tell two units with one unit id apart."""
    return hashlib.sha256(os.fsencode(Path(data_dir).resolve())).hexdigest()[:16]


def run_id(html: str) -> str:
    """Name a run by its report's content, so that the same inputs give the same page."""
    return "run-" + hashlib.sha256(html.encode("utf-8")).hexdigest()[:12]


def publish(
    out: Path,
    staging: Path,
    final: Path,
    notebooks: list[Path],
    html: str,
    files: list[Path],
    pause,
) -> Path:
    """Publish a run: notebooks into ``runs/<run>``, the other files, then ``report.html``.

    Each file is replaced in one rename, ``report.html`` last: it names the run and lists the
    files (see :func:`page_meta`), so a reader following it finds this run's files. Files of
    formats this run did not write are removed after the switch.

    Parameters
    ----------
    out : Path
        The reports folder.
    staging : Path
        The run's staging folder (holding the executed notebooks).
    final : Path
        The report folder (checked by :func:`report_dir`).
    notebooks : list of Path
        Executed notebooks in the staging folder.
    html : str
        The report page; it names the run (see :func:`page_meta`).
    files : list of Path
        The run's other files in the staging folder (annex, Word, PDF).
    pause : callable
        ``pause(stage)``, a hook that lets tests stop the run at each stage.

    Returns
    -------
    Path
        The published ``report.html``.
    """
    run = run_id(html)
    final.mkdir(parents=True, exist_ok=True)
    runs = inside(out, final / "runs")
    runs.mkdir(exist_ok=True)
    folder = staging / run
    folder.mkdir()
    for path in notebooks:
        os.replace(path, folder / path.name)
    target = inside(out, runs / run)
    if target.exists():  # the same inputs again: equivalent notebooks, replaced one by one
        for path in folder.iterdir():
            os.replace(path, target / path.name)
    else:
        os.replace(folder, target)
    pause("published:runs")
    for path in files:
        os.replace(path, inside(out, final / path.name))
    page = staging / "report.html"
    page.write_text(html.replace(RUN_PLACEHOLDER, run), encoding="utf-8")
    os.replace(page, final / "report.html")  # the switch: readers see the new run from here
    pause("published:report.html")
    for old in runs.iterdir():
        if old.name != run and not old.is_symlink():
            shutil.rmtree(old, ignore_errors=True)
    kept = {"report.html", *(path.name for path in files)}
    for old in final.iterdir():
        if old.is_file() and old.name not in kept and old.suffix in PRODUCT_SUFFIXES:
            old.unlink()
    failed = final / "failed"
    if failed.is_dir() and not failed.is_symlink():
        shutil.rmtree(failed, ignore_errors=True)
    return final / "report.html"


def keep_failed(out: Path, staging: Path, final: Path) -> Path:
    """Move a failed run's notebooks to ``<final>/failed`` (replacing the last failure's)."""
    final.mkdir(parents=True, exist_ok=True)
    failed = inside(out, final / "failed")
    if failed.is_dir():
        shutil.rmtree(failed)
    failed.mkdir()
    for path in staging.glob("*.ipynb"):
        os.replace(path, failed / path.name)
    return failed


#: Suffixes of the files a run publishes beside its notebooks.
PRODUCT_SUFFIXES = {".html", ".docx", ".pdf", ".xlsx"}  # .xlsx: the long tables

#: Stands for the run id in a page before it is known (the id is a hash of the page).
RUN_PLACEHOLDER = "htx-run-id"


def meta_tags(meta: dict[str, str]) -> dict[str, str]:
    """Return the report's metadata as ``<meta>`` names and contents for the page head."""
    return {f"{META_PREFIX}{key}": str(value) for key, value in meta.items()}


class _MetaReader(HTMLParser):
    def __init__(self):
        super().__init__()
        self.meta: dict[str, str] = {}
        self.done = False

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        name = values.get("name") or ""
        if tag == "meta" and name.startswith(META_PREFIX):
            self.meta[name[len(META_PREFIX) :]] = values.get("content") or ""

    def handle_endtag(self, tag):
        if tag == "head":
            self.done = True


#: How much of a page is read to find its metadata (a report's head is a few KB).
META_BYTES = 1 << 20


def page_meta(html_path: Path) -> dict[str, str]:
    """Read a published report's metadata from its page head (an empty dict if it has none)."""
    reader = _MetaReader()
    try:
        # never wait on a pipe or a device planted in the reports folder
        descriptor = os.open(html_path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW)
    except OSError:
        return {}
    with open(descriptor, encoding="utf-8", errors="replace") as handle:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            return {}
        read = 0  # the metadata is in the head: a page that keeps it further is not ours
        while not reader.done and read < META_BYTES and (chunk := handle.read(65536)):
            reader.feed(chunk)
            read += len(chunk)
    return reader.meta
