"""Load a unit folder into one validated :class:`Dataset`."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import pandas as pd

from htxlib.data.codebook import TABLES, Table
from htxlib.data.column_parsing import parse_column
from htxlib.data.problems import DataError, Problem, ScopeError
from htxlib.data.read.locate import locate
from htxlib.data.read.source import Source
from htxlib.data.read.table import read_table
from htxlib.data.read.text import fold
from htxlib.data.years import year_outside
from htxlib.messages import N_, _, readable

T = TypeVar("T")


def _dmy(day: pd.Timestamp) -> str:
    return day.strftime("%d/%m/%Y")


@dataclass(frozen=True)
class Period:
    """The span a year's figures cover.

    Parameters
    ----------
    year : int
        Assessed year.
    start : Timestamp
        First day counted for flows (new HTX, new members, support in the period).
    cutoff : Timestamp
        Date the stocks (counts, members, capital) are taken at.
    """

    year: int
    start: pd.Timestamp
    cutoff: pd.Timestamp

    @property
    def full_year(self) -> bool:
        """Whether the period covers the whole calendar year."""
        return (
            self.start.month == 1
            and self.start.day == 1
            and self.cutoff.month == 12
            and (self.cutoff.day == 31)
        )


@dataclass
class Locator:
    """Turns (table, row, column) into a :class:`Problem` naming the file and header."""

    sources: dict[str, Source]
    headers: dict[str, dict[str, str]]

    def problem(
        self, table: str, row: int | None, column: str, value: object, rule: str
    ) -> Problem:
        """Return a problem located in the file the table came from."""
        source = self.sources.get(table)
        label = source.label if source else f"{table}.csv"
        header = self.headers.get(table, {}).get(column, column)
        shown = "" if value is None or (not isinstance(value, str) and pd.isna(value)) else value
        if isinstance(shown, pd.Timestamp):
            shown = shown.strftime("%d/%m/%Y")
        return Problem(label, row, header, str(shown), rule, source.sheet if source else "")


@dataclass
class Dataset:
    """A unit's validated tables.

    Attributes
    ----------
    folder : Path
        The unit folder.
    tables : dict of str to DataFrame
        Every codebook table (absent optional ones are empty), typed, indexed by
        the spreadsheet row each record came from.
    sources : dict of str to Source
        Where each table was read from.
    warnings : list of Problem
        Things ignored while loading (unknown columns, hidden sheets).
    stated_totals : dict of str to DataFrame
        Totals rows found under a table's data (as text cells), to check against the rows.
    children : list of Child
        For a parent unit, the children in its ``units/`` folder and how each loaded (see
        :mod:`htxlib.data.rollup`); empty otherwise.
    """

    folder: Path
    tables: dict[str, pd.DataFrame]
    sources: dict[str, Source]
    warnings: list[Problem] = field(default_factory=list)
    stated_totals: dict[str, pd.DataFrame] = field(default_factory=dict)
    children: list = field(default_factory=list)

    def gives(self, table: str) -> bool:
        """Whether the unit gives a table: in its own files, or in any child's it rolls up.

        A parent built from its communes knows what any of them knows: a commune's status
        events make the province's statuses given.
        """
        if table in self.sources:
            return True
        return any(child.data is not None and child.data.gives(table) for child in self.children)

    def __getattr__(self, name: str) -> pd.DataFrame:
        tables = self.__dict__.get("tables", {})
        if name in tables:
            return tables[name]
        raise AttributeError(name)

    @property
    def unit_info(self) -> dict:
        """The unit's metadata as a dict (the one row of ``unit``)."""
        return self.tables["unit"].iloc[0].to_dict()

    @property
    def unit_id(self) -> str:
        """The unit's identifier."""
        return str(self.unit_info["unit_id"])

    @property
    def years(self) -> list[int]:
        """Years with a reporting period, ascending."""
        return sorted(int(y) for y in self.tables["periods"]["year"])

    @property
    def fact_years(self) -> set[int]:
        """Years for which the annual table holds facts (of any entity)."""
        return self.once(
            ("fact_years",),
            lambda: {int(y) for y in self.tables["annual"]["year"].dropna().unique()},
        )

    def period(self, year: int, as_of: str | pd.Timestamp | None = None) -> Period:
        """Return the period of a year, optionally with another cutoff date.

        Parameters
        ----------
        year : int
            Assessed year.
        as_of : str or Timestamp, optional
            Cutoff date overriding the one in ``periods`` (``yyyy-mm-dd`` or ``dd/mm/yyyy``).
            Without a ``periods`` row, the default is 31/12 of the year.

        Raises
        ------
        ScopeError
            ``as_of`` is not a real date, or falls outside the period's year or before its start.
        """
        # asked for once per indicator and year
        return self.once(("period", int(year), as_of), lambda: self._period(year, as_of))

    def once(self, key: tuple, compute: Callable[[], T]) -> T:
        """Return ``compute()``, computed once per loaded dataset for ``key``.

        A loaded dataset does not change, so a value derived from it (a period, an
        indicator's value for a year) can be kept; several figures ask for the same ones.
        """
        cache = self.__dict__.setdefault("_computed", {})
        if key not in cache:
            cache[key] = compute()
        return cache[key]

    def _period(self, year: int, as_of) -> Period:
        from htxlib.data.parsing import CellError, parse_date
        from htxlib.messages import _

        outside = year_outside(int(year))
        if outside:
            raise ScopeError(outside)
        rows = self.tables["periods"]
        row = rows[rows["year"] == year]
        start = pd.Timestamp(year=year, month=1, day=1)
        cutoff = pd.Timestamp(year=year, month=12, day=31)
        if not row.empty:
            record = row.iloc[0]
            if pd.notna(record["period_start"]):
                start = record["period_start"]
            cutoff = record["cutoff_date"]
        if as_of is not None:
            try:
                cutoff = parse_date(as_of)
            except CellError as err:
                raise ScopeError(
                    _("cutoff date '{value}' cannot be used: {reason}").format(
                        value=as_of, reason=_(str(err))
                    )
                ) from None
        start, cutoff = pd.Timestamp(start), pd.Timestamp(cutoff)
        if cutoff.year != int(year) or cutoff < start:
            raise ScopeError(
                _(
                    "cutoff date {cutoff} is not within the assessed period "
                    "({start} to 31/12/{year})"
                ).format(cutoff=_dmy(cutoff), start=_dmy(start), year=year)
            )
        return Period(int(year), start, cutoff)

    def check_year(self, year: int, allow_missing_period: bool = False) -> None:
        """Refuse a year the unit has no ``periods`` row for, unless explicitly allowed.

        A year without a period row has no stated cutoff and usually no data: a report on it
        would be built confidently from nothing.

        Raises
        ------
        ScopeError
            With the years the unit does have.
        """
        from htxlib.messages import _

        self.period(year)  # the year itself must be plausible
        if int(year) in self.years or allow_missing_period:
            return
        have = ", ".join(str(y) for y in self.years) or "-"
        raise ScopeError(
            _(
                "{folder}: no row for {year} in 'periods' (years given: {have}); add the row, "
                "or pass --allow-missing-period to report on 01/01-31/12/{year}"
            ).format(folder=self.folder, year=year, have=have)
        )

    def plan_year(self, year: int) -> int:
        """Return the year a report on ``year`` plans for (the period's, else the next year)."""
        rows = self.tables["periods"]
        given = rows.loc[rows["year"] == year, "plan_year"]
        if len(given) and pd.notna(given.iloc[0]):
            return int(given.iloc[0])
        return int(year) + 1

    def resolve(self, name: str) -> str | None:
        """Return the entity_id whose canonical name or alias matches ``name``.

        Matching ignores case, stray spaces and Unicode normalisation form.
        """
        wanted = fold(name)
        entities = self.tables["entities"]
        for entity_id, canonical in zip(entities["entity_id"], entities["name"], strict=True):
            if fold(canonical) == wanted:
                return str(entity_id)
        aliases = self.tables["aliases"]
        for entity_id, alias in zip(aliases["entity_id"], aliases["alias"], strict=True):
            if fold(alias) == wanted:
                return str(entity_id)
        return None


def _parse_table(
    frame: pd.DataFrame, table: Table, locator: Locator
) -> tuple[pd.DataFrame, list[Problem]]:
    """Type a table's text cells and check them against its schema.

    ``frame``'s columns are taken out as they are typed: a national registry's score sheets
    are millions of cells, held once as text or as values, never both whole.
    """
    problems: list[Problem] = []
    parsed = {}
    source = locator.sources.get(table.name)
    convention = source.convention if source else ""
    index, rows = frame.index, len(frame)
    absent = {c.name for c in table.columns if c.required and frame[c.name].isna().all()}
    for col in table.columns:
        parsed[col.name], errors = parse_column(frame.pop(col.name), col, convention)
        for row, value, message in errors:
            problems.append(locator.problem(table.name, row, col.name, value, message))
    typed = pd.DataFrame(parsed, index=index, copy=False)
    # pandera is imported when a folder is validated: a report's kernels read the snapshot
    # of data already validated, and need not import it (half a second each)
    from htxlib.data.validation import schema_failures

    # without a key column every row would repeat the key: the missing column is the error
    duplicate = _("duplicate key ({key})").format(key=", ".join(table.key))
    shown = locator.headers.get(table.name, {})
    # the key as the user's file names its columns ("Mã, Năm" in a workbook)
    said = _("another row has the same {key}").format(
        key=_(" and ").join(f"'{shown.get(name, name)}'" for name in table.key)
    )
    key_absent = bool(absent & set(table.key))
    for row, column, value, rule in schema_failures(typed, table):
        if rule.startswith("dtype("):
            continue  # cells that failed to parse are already reported
        if column in absent and row is not None and rows > 1:
            continue  # a column missing altogether is reported once, not on every row
        if key_absent and rule == duplicate:
            continue
        if rule.startswith(duplicate):  # also "… (and 12 more rows like these)"
            rule = said + rule[len(duplicate) :]
        problems.append(locator.problem(table.name, row, column, value, rule))
    return typed, problems


def provenance_names(frame: pd.DataFrame) -> pd.DataFrame:
    """Name the tables and columns of provenance rows as the code does.

    A user writes what the workbook shows: the sheet ("so_lieu_nam") and the column's header
    ("Doanh thu"); the internal names ("annual", "revenue") are read as well.

    Examples
    --------
    >>> frame = pd.DataFrame({"table": ["so_lieu_nam", "annual"],
    ...                       "field": ["Doanh thu", "members"]})
    >>> provenance_names(frame).values.tolist()
    [['annual', 'revenue'], ['annual', 'members']]
    """
    if frame.empty or "table" not in frame or "field" not in frame:
        return frame

    tables = {}
    for table in TABLES.values():
        for name in (table.name, table.vi, table.title):
            if name:
                tables[fold(name)] = table
    frame = frame.copy()
    for row, record in frame.iterrows():
        table = tables.get(fold(record["table"])) if isinstance(record["table"], str) else None
        if table is None:
            continue  # validate names an unknown table
        frame.at[row, "table"] = table.name
        field = record["field"]
        if isinstance(field, str):
            column = next(
                (c for c in table.columns if fold(field) in (fold(c.name), fold(c.vi))), None
            )
            if column is not None:
                frame.at[row, "field"] = column.name
    return frame


#: A CSV file of more bytes than this is read and typed in a thread beside the other tables,
#: when it holds the unit's largest table: Arrow's reader and numpy's typing let go of the
#: interpreter for most of a national registry's columns, so the two threads share two
#: cores (the generated national unit's tables: about 0,5 s of 2,8 s saved). A workbook's
#: sheets share one open file, and are read in order.
BESIDE_BYTES = 8 * 2**20


def _largest_csv(sources: dict[str, Source]) -> str | None:
    """Name the table :data:`BESIDE_BYTES` reads in a thread, if any."""
    sizes = {}
    for name, source in sources.items():
        if not source.is_excel and not source.sheet:
            try:
                sizes[name] = source.path.stat().st_size
            except OSError:  # the reader says what is wrong with it, in its turn
                continue
    largest = max(sizes, key=sizes.get, default=None)
    return largest if largest and sizes[largest] > BESIDE_BYTES else None


def _read_typed(table: Table, locator: Locator) -> tuple:
    """Read a table and type its cells; return what was read, the typed table, its problems."""
    read = read_table(locator.sources[table.name], table)
    locator.headers[table.name] = read.headers
    typed, problems = _parse_table(read.frame, table, locator)
    return read, typed, problems


def _empty(table: Table) -> pd.DataFrame:
    """Return an absent table: no rows, each column of the type a parsed one has."""
    from htxlib.data.column_parsing import DTYPES

    return pd.DataFrame({c.name: pd.Series(dtype=DTYPES[c.type]) for c in table.columns})


def _utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def load_unit(folder: str | Path, depth: int = 0) -> Dataset:
    """Load and validate a unit folder.

    Every problem is collected before anything is raised, so one run lists them all.

    Parameters
    ----------
    folder : str or Path
        Folder holding the unit's tables as CSV or Excel files.
    depth : int
        How many parents above this unit are being loaded with it (0 for the unit asked
        for); children are loaded down to :data:`~htxlib.data.unit_folders.MAX_NESTING` levels.

    Returns
    -------
    Dataset
        The validated data.

    Raises
    ------
    DataError
        With every problem found: file, row, column, value and rule.
    """
    from htxlib.data.cross_table import cross_table_problems
    from htxlib.data.rollup import MERGED, child_paths, roll_up

    root = Path(folder)
    if not _utf8(str(root.resolve())):
        # its name would go into the notebooks and the pages, which are UTF-8 files
        rule = N_("the folder's name is not UTF-8 text; rename it (or the folders above it)")
        raise DataError([Problem(readable(root), None, "", "", rule)])
    workbook = root.is_file() and root.suffix.lower() in (".xlsx", ".xlsm")  # a child workbook
    if not root.is_dir() and not workbook:
        raise DataError([Problem(str(root), None, "", "", N_("no such folder"))])
    parent = not workbook and bool(child_paths(root))
    sources, problems = locate(root)
    locator = Locator(sources, {})
    tables: dict[str, pd.DataFrame] = {}
    totals: dict[str, pd.DataFrame] = {}
    # the largest table, when it is a large CSV file, is read and typed in a thread while
    # this one reads the others in order (see BESIDE_BYTES)
    large = _largest_csv(sources)
    beside = ThreadPoolExecutor(max_workers=1, thread_name_prefix="htx-read") if large else None
    pending = {large: beside.submit(_read_typed, TABLES[large], locator)} if beside else {}
    try:
        for name, table in TABLES.items():
            if name not in sources:
                if table.required and not (parent and name in MERGED):  # children give these
                    stem = _("{name}.csv / {name}.xlsx, or the sheet '{sheet}' ({title})").format(
                        name=table.name, sheet=table.vi, title=table.title
                    )
                    problems.append(Problem(stem, None, "", "", N_("required table missing")))
                tables[name] = _empty(table)
                continue
            done = pending[name].result() if name in pending else _read_typed(table, locator)
            read, tables[name], parse_problems = done
            problems += read.problems + parse_problems
            if len(read.totals):
                totals[name] = read.totals
    finally:
        if beside is not None:  # an error or Ctrl-C waits for none
            beside.shutdown(wait=False, cancel_futures=True)
    tables["provenance"] = provenance_names(tables["provenance"])
    from htxlib.data.texts import text_problems

    problems += text_problems(root, tables["entities"]["name"].dropna())
    dataset = Dataset(root, tables, sources, stated_totals=totals)
    errors = [p for p in problems if not p.warning]
    # every problem in one round: the checks across tables run on the rows that parsed (a bad
    # cell is missing there), unless a whole table is missing or unreadable
    if not any(p.row is None and not p.warning for p in errors):
        try:
            across = cross_table_problems(dataset, locator)
        except Exception:
            if not errors:
                raise
            across = []  # data too broken to check across tables: its cells say why
        seen = {(p.file, p.sheet, p.row, p.column) for p in errors}
        problems += [p for p in across if (p.file, p.sheet, p.row, p.column) not in seen]
        errors = [p for p in problems if not p.warning]
    if errors:
        raise DataError(errors)
    dataset.warnings = [p for p in problems if p.warning]
    if parent:
        dataset.children = roll_up(dataset, load_unit, depth)
    _apply_scope(dataset)
    return dataset


def _apply_scope(ds: Dataset) -> None:
    """Keep only the HTX a report of limited scope covers (after validation of the whole)."""
    scope = ds.tables["unit"]["scope"].iloc[0] if len(ds.tables["unit"]) else None
    if scope is None or pd.isna(scope) or scope == "all":
        return
    entities = ds.tables["entities"]
    # a limited scope is named by the sector code it keeps (see codes.SCOPES)
    outside = (entities["kind"] == "HTX") & (entities["sector"] != scope)
    ds.tables["entities"] = entities[~outside]
