"""Read one table from a CSV or Excel file into text cells, headers in English.

Reading is kept apart from parsing: every cell comes back as NFC-normalised text (or a
native date/number from Excel), indexed by the row number a spreadsheet shows, so that
later problems can name the exact row. Files are taken as analysts keep them:

- CSV in UTF-8 (with or without BOM), UTF-16 (with BOM) or a legacy Windows code page
  (1258 when the text shows Vietnamese letters, else 1252); comma, semicolon or tab;
- a title block above the header row, headers merged over two rows, merged data cells;
- a totals row at the bottom (kept aside, so that it can be checked against the rows);
- Excel formulas (their cached values), hidden sheets (skipped when choosing a sheet).
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain, islice
from operator import itemgetter
from pathlib import Path

from htxlib.data.codebook import TABLES, Table
from htxlib.data.limits import exceeded, limits
from htxlib.data.problems import Problem
from htxlib.messages import N_, _

SUFFIXES = (".csv", ".xlsx", ".xlsm")
#: Spreadsheet formats met in offices that the loader does not read (said, not skipped).
UNSUPPORTED = (".xls", ".ods", ".numbers")
_MANGLED = re.compile(r"^(.*)\.\d+$")
#: First cells that mark a totals row (folded).
TOTAL_WORDS = ("tổng cộng", "tổng số", "tổng", "cộng", "total")
#: How many rows above the header a title block may take.
HEADER_SEARCH_ROWS = 30
_VIETNAMESE = set("ăâđêôơưĂÂĐÊÔƠƯ") | {chr(c) for c in (0x300, 0x301, 0x303, 0x309, 0x323)}


#: The instructions sheet of a workbook made by ``htx template``, and the number convention
#: it declares (dot for thousands, comma for decimals).
GUIDE_SHEET = "huong_dan"
VI_NUMBERS = "comma-decimal"


@dataclass(frozen=True)
class Source:
    """Where a table was read from.

    Parameters
    ----------
    path : Path
        The file.
    sheet : str
        Sheet name for Excel files, empty for CSV.
    convention : str
        The number convention the file declares ("comma-decimal" for a workbook made by
        ``htx template``, whose instructions say so), or "" when it declares none.
    """

    path: Path
    sheet: str = ""
    convention: str = ""

    @property
    def label(self) -> str:
        """File name as problems print it."""
        return self.path.name

    @property
    def is_excel(self) -> bool:
        """Whether the file is an Excel workbook."""
        return self.path.suffix.lower() in (".xlsx", ".xlsm")


def _no_rows():
    import numpy as np

    return np.empty(0, dtype=np.int64)


@dataclass
class RawTable:
    """A table's cells as read, before typing.

    Attributes
    ----------
    offsets : ndarray of int64
        Spreadsheet row number of each data row.
    columns : list of array
        The data rows' cells column by column (one per header cell), cleaned by
        :func:`clean_text`: object arrays, or Categoricals where a plain CSV file was read
        by columns (see :func:`_cleaned`).
    header : list of str
        Header cells as written (empty string for a blank header cell).
    totals : list of (int, list)
        Rows recognised as totals rows, kept apart.
    encoding : str
        Text encoding of a CSV file ("" for Excel).
    problems : list of Problem
        What went wrong or was ignored while reading.
    """

    offsets: object = field(default_factory=_no_rows)  # ndarray of int64
    columns: list = field(default_factory=list)
    header: list[str] = field(default_factory=list)
    totals: list[tuple[int, list]] = field(default_factory=list)
    encoding: str = ""
    problems: list[Problem] = field(default_factory=list)


def fold(text: str) -> str:
    """Normalise a header or label for matching: NFC, trimmed, single spaces, case-folded."""
    return " ".join(unicodedata.normalize("NFC", str(text)).split()).casefold()


def clean_text(value: object) -> object:
    """NFC-normalise text and collapse stray white space; leave other values alone."""
    if isinstance(value, str):
        text = " ".join(unicodedata.normalize("NFC", value).split())
        return text if text else None
    return value


def clean_column(cells: list):
    """Apply :func:`clean_text` to a column, once per distinct cell (values repeat).

    Returns an object array.
    """
    import numpy as np
    import pandas as pd

    if len(cells) == 0:
        return np.empty(0, dtype=object)
    array = np.asarray(cells + [None], dtype=object)[:-1]  # 1-D even for lists of lists
    if pd.api.types.infer_dtype(array, skipna=True) not in ("string", "empty"):
        # 1, 1.0 and True are equal keys but not equal cells: clean them one by one
        return np.asarray([clean_text(cell) for cell in cells] + [None], dtype=object)[:-1]
    codes, distinct = pd.factorize(array, use_na_sentinel=True)
    # the last slot is None, which code -1 (an empty cell) takes
    cleaned = np.asarray([clean_text(cell) for cell in distinct] + [None], dtype=object)
    return cleaned[codes]


def header_map(table: Table) -> dict[str, str]:
    """Map every accepted header spelling (folded) to the English column name."""
    mapping: dict[str, str] = {}
    for col in table.columns:
        mapping[fold(col.name)] = col.name
        mapping[fold(col.vi)] = col.name
    return mapping


def _table_names(table: Table) -> set[str]:
    return {fold(table.name), fold(table.vi)}


#: The part of an .xlsx file that lists its sheets, and the namespace of its elements.
_WORKBOOK_PART = "xl/workbook.xml"
_MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
#: How many sheet names :func:`visible_sheets` lists at most.
MAX_LISTED_SHEETS = 1000


def visible_sheets(path: Path) -> tuple[list[str], list[str]]:
    """Return a workbook's visible and hidden sheet names, reading no cell and no string.

    Only the list of sheets at the head of ``xl/workbook.xml`` is read, as a stream that
    stops at its end: a workbook's shared strings, styles or defined names, however large,
    are never opened (finding the units of a folder opens every workbook in it).

    Raises
    ------
    ReadError
        The file is not a workbook.
    """
    import zipfile
    from xml.etree.ElementTree import ParseError, iterparse

    visible: list[str] = []
    hidden: list[str] = []
    try:
        with zipfile.ZipFile(path) as archive, archive.open(_WORKBOOK_PART) as part:
            for _event, element in iterparse(part, events=("end",)):
                if element.tag == f"{_MAIN_NS}sheet":
                    state = element.get("state", "visible")
                    (visible if state == "visible" else hidden).append(element.get("name", ""))
                elif element.tag == f"{_MAIN_NS}sheets":
                    break
                if len(visible) + len(hidden) > MAX_LISTED_SHEETS:
                    break  # a unit's workbook has a dozen; the reader refuses such a file
    except (zipfile.BadZipFile, KeyError, ParseError, OSError) as err:
        raise ReadError(f"not a readable Excel workbook ({err})") from None
    return visible, hidden


def _sheet_states(book) -> tuple[list[str], list[str]]:
    visible = [ws.title for ws in book.worksheets if ws.sheet_state == "visible"]
    hidden = [ws.title for ws in book.worksheets if ws.sheet_state != "visible"]
    return visible, hidden


def locate(folder: Path) -> tuple[dict[str, Source], list[Problem]]:
    """Find the file (and sheet) of each table in a unit folder.

    A table is ``<name>.csv`` or ``<name>.xlsx`` (English or Vietnamese stem; an Excel
    file's first visible sheet), or a visible sheet so named in any workbook of the folder.
    Hidden sheets are skipped with a warning.

    Parameters
    ----------
    folder : Path
        The unit folder.

    Returns
    -------
    dict, list of Problem
        Table name to source, and problems (a table found twice, unreadable workbooks).
    """
    found: dict[str, list[Source]] = {}
    problems: list[Problem] = []
    # a child of a parent unit may be one workbook instead of a folder
    entries = [folder] if folder.is_file() else sorted(folder.iterdir())
    for path in entries:
        if path.is_symlink() and path.suffix.lower() in (*SUFFIXES, *UNSUPPORTED):
            rule = _("is a link to another file; copy the file itself into the unit folder")
            problems.append(Problem(path.name, None, "", "", rule))
            continue
        if path.suffix.lower() in UNSUPPORTED and not path.name.startswith("~$"):
            rule = _(
                "{suffix} files are not read; save it as .xlsx (Excel Workbook) or CSV UTF-8"
            ).format(suffix=path.suffix)
            problems.append(Problem(path.name, None, "", "", rule))
    files = sorted(
        p for p in entries if p.suffix.lower() in SUFFIXES and p.is_file() and not p.is_symlink()
    )
    for path in files:
        if path.name.startswith("~$"):  # Excel's lock file of an open workbook
            continue
        stem = fold(path.stem)
        table = next((t for t in TABLES.values() if stem in _table_names(t)), None)
        if table is not None:
            found.setdefault(table.name, []).append(Source(path))
            continue
        if path.suffix.lower() == ".csv":
            continue
        try:
            check_file(path)
            # opened once: its sheets are read from this same opening
            visible, hidden = _sheet_states(_opened(path))
        except Exception as err:  # noqa: BLE001 - any unreadable workbook is reported, not raised
            problems.append(
                Problem(
                    path.name,
                    None,
                    "",
                    "",
                    _("not a readable Excel workbook ({error})").format(error=err),
                )
            )
            continue
        # a workbook made by htx template says how numbers are written: 1.250 is 1250
        convention = VI_NUMBERS if GUIDE_SHEET in (fold(s) for s in visible) else ""
        for sheet in visible:
            t = next((t for t in TABLES.values() if fold(sheet) in _table_names(t)), None)
            if t is not None:
                found.setdefault(t.name, []).append(Source(path, sheet, convention))
        for sheet in hidden:
            rule = _("hidden sheet, ignored (unhide it to use it)")
            problems.append(Problem(path.name, None, "", "", rule, sheet, warning=True))
    for name, sources in found.items():
        if len(sources) > 1:
            rule = _("table '{table}' is given more than once (also in {other}); keep one").format(
                table=name, other=sources[0].label
            )
            problems.append(Problem(sources[1].label, None, "", "", rule, sources[1].sheet))
    return {name: sources[0] for name, sources in found.items()}, problems


# --- decoding CSV -------------------------------------------------------------------------


class ReadError(ValueError):
    """A file that cannot be read at all; the message says how to fix it."""


def _stray_byte(data: bytes, err: UnicodeDecodeError) -> None:
    """Refuse a UTF-8 file with a few bad bytes, rather than read it all as Windows-1258.

    Windows-1258 decodes almost any bytes, so a stray byte in a UTF-8 file would turn every
    letter into mojibake ("VÄƒn Quan"). A file whose other letters are well-formed UTF-8 is
    a UTF-8 file with an error, said with the byte's place.
    """
    read = data.decode("utf-8", errors="replace")
    good = sum(1 for c in read if ord(c) > 127 and c != "\ufffd")
    if good and good >= read.count("\ufffd"):
        line = data.count(b"\n", 0, err.start) + 1
        raise ReadError(
            _(
                "not valid UTF-8 at byte {position} (line {line}, byte 0x{byte:02X}), although "
                "the rest of the file is UTF-8; retype that character, or save the file again "
                "as CSV UTF-8"
            ).format(position=err.start, line=line, byte=data[err.start])
        )


def decode(data: bytes) -> tuple[str, str]:
    """Decode CSV bytes, returning (text, encoding name).

    UTF-8 (with or without BOM) and UTF-16/32 with a BOM are read as such. Other bytes
    are read as Windows-1258 when that shows Vietnamese letters, else as Windows-1252.

    Raises
    ------
    ReadError
        Empty file, or bytes that no supported encoding reads.
    """
    if not data.strip():
        raise ReadError(_("the file is empty"))
    for bom, name in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe\x00\x00", "utf-32"),
        (b"\x00\x00\xfe\xff", "utf-32"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as err:
                raise ReadError(
                    f"starts as {name} but is not valid {name} ({err.reason})"
                ) from None
    if b"\x00" in data[:4096]:
        raise ReadError(_("looks like UTF-16 without a byte-order mark; save it as CSV UTF-8"))
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as err:
        _stray_byte(data, err)
    try:
        text = data.decode("cp1258")
        if _VIETNAMESE & set(text):
            return text, "windows-1258"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "windows-1252"
    except UnicodeDecodeError:
        raise ReadError(
            _("not UTF-8, Windows-1258 or Windows-1252 text; save it as CSV UTF-8")
        ) from None


def _csv_text(path: Path) -> tuple[str, bytes, str, str]:
    """Return a CSV file's text, the same as UTF-8 bytes, its encoding and its separator."""
    check_file(path)  # its size bounds everything else: rows, and the memory they take
    data = path.read_bytes()
    text, encoding = decode(data)
    ended = text.rstrip("\r\n")
    if len(ended) < len(text) - 2:  # empty lines after the data: they are no rows
        text = ended + "\n"
        data = text.encode("utf-8")
    elif encoding == "utf-8-sig":
        data = data[3:]
    elif encoding != "utf-8":
        data = text.encode("utf-8")
    _check_rows(text.count("\n"))  # before any row is parsed: a row costs memory per column
    # the sniffer is quadratic in its sample: a bounded sample of whole lines
    sample = "\n".join(text[: limits().HTX_SNIFF_CHARS].splitlines()[:50])
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    return text, data, encoding, delimiter


def _csv_rows(text: str, delimiter: str) -> Iterator[list]:
    """Yield a CSV text's rows one by one, checking the limits as they come.

    A large file is never held as rows of text all at once.
    """
    bound = limits()
    csv.field_size_limit(bound.HTX_MAX_CELL_CHARS)
    try:
        for row in csv.reader(io.StringIO(text), delimiter=delimiter):
            _check_width(len(row))
            yield row
    except csv.Error as err:
        if "field larger" in str(err):
            _cell_too_long()
        raise


def _check_rows(rows: int) -> None:
    bound = limits().HTX_MAX_ROWS
    if rows > bound:
        raise ReadError(exceeded(N_("the number of rows"), rows, "HTX_MAX_ROWS", bound))


def _check_width(columns: int) -> None:
    bound = limits().HTX_MAX_COLUMNS
    if columns > bound:
        raise ReadError(exceeded(N_("the number of columns"), columns, "HTX_MAX_COLUMNS", bound))


def _cell_too_long() -> None:
    bound = limits().HTX_MAX_CELL_CHARS
    raise ReadError(
        exceeded(N_("the length of a cell"), f"> {bound}", "HTX_MAX_CELL_CHARS", bound)
    ) from None


def _csv_columns(data: bytes, delimiter: str, width: int):
    """Read a CSV file whose every record has ``width`` fields, column by column.

    Apache Arrow's multi-threaded reader parses the whole file into text columns at about
    the speed of reading it. Returns None when a record has another number of fields, or a
    line ends in a lone carriage return: the row-by-row reader then reads the file, and says
    what it finds.
    """
    import pyarrow as pa
    import pyarrow.compute as pc
    from pyarrow import csv as arrow_csv

    if data.count(b"\r") != data.count(b"\r\n"):
        return None  # a lone carriage return: the two readers count such lines differently
    names = [f"c{i}" for i in range(width)]
    try:
        table = arrow_csv.read_csv(
            pa.py_buffer(data),
            read_options=arrow_csv.ReadOptions(column_names=names, block_size=1 << 22),
            parse_options=arrow_csv.ParseOptions(
                delimiter=delimiter, newlines_in_values=True, ignore_empty_lines=False
            ),
            convert_options=arrow_csv.ConvertOptions(
                # each column as its distinct texts and codes: cells repeat down a long table
                column_types=dict.fromkeys(names, pa.dictionary(pa.int32(), pa.string())),
                null_values=[],
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except pa.ArrowInvalid:
        return None
    bound = limits().HTX_MAX_CELL_CHARS
    for column in table.columns:
        for chunk in column.chunks:
            texts = chunk.dictionary
            longest = pc.max(pc.utf8_length(texts)).as_py() if len(texts) else 0
            if longest and longest > bound:
                _cell_too_long()
    return table


def _cleaned(column):
    """Clean a dictionary-encoded Arrow text column with :func:`clean_text`, once per text.

    Returns a pandas Categorical: the column's cells as codes into its distinct cleaned
    values (a cell cleaned to nothing is missing). A national registry's score sheets repeat
    a few thousand ids, scores and years over millions of rows, and every later step (blank
    rows, totals rows, parsing) reads the distinct values and the codes, never the cells.
    """
    import numpy as np
    import pandas as pd
    import pyarrow.compute as pc

    encoded = column.combine_chunks()  # one dictionary for the whole column
    cleaned = encoded.dictionary.to_numpy(zero_copy_only=False)
    # words of printable ASCII, one space apart, are clean already (ids, numbers, years)
    plain = pc.match_substring_regex(encoded.dictionary, "^[!-~]+( [!-~]+)*$")
    for i in np.flatnonzero(~plain.to_numpy(zero_copy_only=False)):
        cleaned[i] = clean_text(cleaned[i])
    codes, distinct = pd.factorize(cleaned, use_na_sentinel=True)  # " A" and "A" are one
    cells = codes.astype(np.int32)[encoded.indices.to_numpy(zero_copy_only=False)]
    return pd.Categorical.from_codes(
        cells, categories=pd.Index(distinct, dtype=object), validate=False
    )


def _taken(column, rows):
    """Take rows of a coded column, keeping as distinct values only those the rows hold.

    What only dropped rows held (the header, a totals row's sums) is no value of the data.
    In one pass over the codes, where pandas' own ``remove_unused_categories`` sorts them.
    """
    import numpy as np
    import pandas as pd

    codes = column.codes[rows]
    held = np.zeros(len(column.categories) + 1, dtype=bool)  # by code + 1: [0] is empty
    held[codes + 1] = True
    held[0] = False
    renumbered = (np.cumsum(held) - 1).astype(codes.dtype)  # held codes from 0, empty -1
    return pd.Categorical.from_codes(
        renumbered[codes + 1], categories=column.categories[held[1:]], validate=False
    )


def _is_coded(column) -> bool:
    """Whether a read column is a Categorical (see :func:`_cleaned`), not an array of cells."""
    return hasattr(column, "codes")


def _cell(column, i: int):
    """One cell of a read column, None when empty."""
    if _is_coded(column):
        code = column.codes[i]
        return column.categories[code] if code >= 0 else None
    return column[i]


def _has_data(column) -> bool:
    """Whether a read column holds any cell."""
    if _is_coded(column):
        return bool((column.codes >= 0).any())
    return any(cell is not None for cell in column)


# --- bounds, checked before a file is read --------------------------------------------------

_DIMENSION = re.compile(rb'<(?:\w+:)?dimension ref="([A-Z]+)?(\d+)?(?::([A-Z]+)(\d+))?"')
_MERGE_COUNT = re.compile(rb'<(?:\w+:)?mergeCells count="(\d+)"')


def check_file(path: Path) -> None:
    """Refuse a file over the size limit, and an .xlsx whose parts or sheets are too large.

    The workbook is inspected as the zip file it is, before openpyxl reads anything: the
    uncompressed size of its parts, their compression ratio (a zip bomb), each sheet's
    declared extent and its merged ranges.

    Raises
    ------
    ReadError
        Naming the limit and how to raise it.
    """
    bound = limits()
    size = path.stat().st_size
    if size > bound.HTX_MAX_FILE_MB * 2**20:
        raise ReadError(
            exceeded(
                N_("the file size (MB)"),
                round(size / 2**20, 1),
                "HTX_MAX_FILE_MB",
                bound.HTX_MAX_FILE_MB,
            )
        )
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return
    import zipfile

    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as err:
        raise ReadError(f"not a readable Excel workbook ({err})") from None
    with archive:
        parts = archive.infolist()
        total = sum(p.file_size for p in parts)
        if total > bound.HTX_MAX_UNZIPPED_MB * 2**20:
            raise ReadError(
                exceeded(
                    N_("the uncompressed size (MB)"),
                    round(total / 2**20, 1),
                    "HTX_MAX_UNZIPPED_MB",
                    bound.HTX_MAX_UNZIPPED_MB,
                )
            )
        for part in parts:
            ratio = part.file_size / max(part.compress_size, 1)
            if part.file_size > 2**20 and ratio > bound.HTX_MAX_ZIP_RATIO:
                raise ReadError(
                    exceeded(
                        N_("the compression ratio"),
                        f"{round(ratio)} ({part.filename})",
                        "HTX_MAX_ZIP_RATIO",
                        bound.HTX_MAX_ZIP_RATIO,
                    )
                )
            if part.filename.startswith("xl/worksheets/") and part.filename.endswith(".xml"):
                _check_sheet_part(archive, part.filename)
            elif part.filename == _STRINGS_PART:
                _check_strings_part(archive, part.filename)
            elif part.file_size > bound.HTX_MAX_PART_MB * 2**20:
                # styles, the list of sheets and its defined names: read whole by openpyxl
                raise ReadError(
                    exceeded(
                        N_("the uncompressed size of a part (MB)"),
                        f"{round(part.file_size / 2**20, 1)} ({part.filename})",
                        "HTX_MAX_PART_MB",
                        bound.HTX_MAX_PART_MB,
                    )
                )


_STRINGS_PART = "xl/sharedStrings.xml"


def _check_strings_part(archive, name: str) -> None:
    """Count a workbook's distinct texts as they stream: openpyxl keeps every one in memory."""
    bound = limits().HTX_MAX_STRINGS
    count = 0
    tail = b""
    with archive.open(name) as stream:
        while chunk := stream.read(1 << 20):
            # the last three bytes of the chunk before hold no whole "<si>" or "<si ", so a
            # tag cut in two is counted once, in the window that joins it
            window = tail + chunk
            count += window.count(b"<si>") + window.count(b"<si ")
            tail = window[-3:]
            if count > bound:
                found = f"> {bound}"
                raise ReadError(
                    exceeded(N_("the number of distinct texts"), found, "HTX_MAX_STRINGS", bound)
                )


def _check_sheet_part(archive, name: str) -> None:
    """Check a sheet's declared extent (at its start) and merged ranges (counted in a stream)."""
    merged = 0
    with archive.open(name) as stream:
        head = stream.read(4096)
        found = _DIMENSION.search(head)
        if found and found.group(4):
            rows = int(found.group(4))
            columns = _column_number(found.group(3).decode())
            _check_extent(rows, columns, 0)
        # a sheet has one <mergeCells count="..."> element, near its end: look at every chunk,
        # overlapping the last one so that a tag cut in two is still seen
        window = head
        while True:
            merged = max([merged, *(int(m.group(1)) for m in _MERGE_COUNT.finditer(window))])
            chunk = stream.read(1 << 20)
            if not chunk:
                break
            window = window[-64:] + chunk
    _check_extent(0, 0, merged)


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def _check_extent(rows: int, columns: int, merged: int) -> None:
    bound = limits()
    if rows > bound.HTX_MAX_ROWS:
        raise ReadError(
            exceeded(N_("the number of rows"), rows, "HTX_MAX_ROWS", bound.HTX_MAX_ROWS)
        )
    if columns > bound.HTX_MAX_COLUMNS:
        raise ReadError(
            exceeded(N_("the number of columns"), columns, "HTX_MAX_COLUMNS", bound.HTX_MAX_COLUMNS)
        )
    if merged > bound.HTX_MAX_MERGED:
        raise ReadError(
            exceeded(
                N_("the number of merged ranges"), merged, "HTX_MAX_MERGED", bound.HTX_MAX_MERGED
            )
        )


def _check_cells(values: list[list]) -> None:
    bound = limits().HTX_MAX_CELL_CHARS
    for row in values:
        for cell in row:
            if isinstance(cell, str) and len(cell) > bound:
                raise ReadError(
                    exceeded(N_("the length of a cell"), len(cell), "HTX_MAX_CELL_CHARS", bound)
                )


# --- reading Excel ------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _workbook(path: str, stamp: tuple[int, int]):
    """Open a workbook's values once for all its sheets.

    ``stamp`` (size and modification time) opens an edited file again. A unit in one
    workbook has fifteen sheets: opening the whole file again for each sheet was most of the
    time a commune's validation took. Streamed (read-only): the thousand styled empty rows an
    office suite saves below the data cost no cell objects.
    """
    from openpyxl import load_workbook

    return load_workbook(path, data_only=True, read_only=True)


def _opened(path: Path):
    status = path.stat()
    return _workbook(str(path), (status.st_size, status.st_mtime_ns))


def _filled(rows: list[list]) -> list[list]:
    """Drop the empty rows at the end of a sheet (an office suite saves a thousand styled ones)."""
    last = len(rows)
    while last and all(cell is None for cell in rows[last - 1]):
        last -= 1
    return rows[:last]


def _excel_rows(source: Source) -> tuple[list[list], str]:
    """Return a sheet's rows (merged ranges filled with their top-left value) and its name."""
    check_file(source.path)
    book = _opened(source.path)
    if source.sheet:
        sheet = book[source.sheet]
    else:
        visible = [ws for ws in book.worksheets if ws.sheet_state == "visible"]
        if not visible:
            raise ReadError("the workbook has no visible sheet")
        sheet = visible[0]
    merged_ranges, has_formulas = _sheet_markup(book, sheet)
    _check_extent(sheet.max_row or 0, sheet.max_column or 0, len(merged_ranges))
    values = _filled(_cell_rows(sheet))
    _check_cells(values)
    for min_col, min_row, max_col, max_row in merged_ranges:
        top = values[min_row - 1][min_col - 1] if len(values) >= min_row else None
        for r in range(min_row - 1, min(max_row, len(values))):
            for c in range(min_col - 1, min(max_col, len(values[r]))):
                values[r][c] = top
    name = sheet.title
    if has_formulas:  # most sheets hold no formula: nothing to stream through again
        _check_cached_formulas(source, name, values)
    return values, name


def _cell_rows(sheet) -> list[list]:
    """Return every row of a streamed sheet as values, padded to the widest row.

    A sheet's ``<dimension>`` is what its writer declared, and some writers declare ``A1``
    whatever follows: streamed within it, a sheet would lose its columns. The declared extent
    is checked before, the actual one while the rows stream.
    """
    sheet.reset_dimensions()
    bound = limits()
    rows, width = [], 0
    for row in sheet.iter_rows(values_only=True):
        rows.append(list(row))
        width = max(width, len(row))
        if len(rows) > bound.HTX_MAX_ROWS or width > bound.HTX_MAX_COLUMNS:
            _check_extent(len(rows), width, 0)
    for row in rows:
        row.extend([None] * (width - len(row)))
    return rows


_MERGE_REF = re.compile(rb'<(?:\w+:)?mergeCell\s[^>]*\bref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"')


def _sheet_markup(book, sheet) -> tuple[list[tuple[int, int, int, int]], bool]:
    """Return a streamed sheet's merged ranges and whether it holds a formula.

    A read-only sheet parses neither. Ranges are (min col, min row, max col, max row). The
    sheet's XML is scanned in chunks, never held whole.
    """
    from openpyxl.utils import range_boundaries

    refs: set[bytes] = set()
    formulas, tail = False, b""
    with book._archive.open(sheet._worksheet_path) as part:
        while chunk := part.read(1 << 20):
            text = tail + chunk
            formulas = formulas or b"<f" in text
            refs.update(_MERGE_REF.findall(text))
            tail = text[-200:]  # a tag cut between two chunks is whole in the next
    return [range_boundaries(ref.decode()) for ref in sorted(refs)], formulas


@lru_cache(maxsize=1)
def _formula_book(path: str, stamp: tuple[int, int]):
    """Open a workbook's formulas, streamed (read-only), once for all its sheets."""
    from openpyxl import load_workbook

    return load_workbook(path, data_only=False, read_only=True)


def _check_cached_formulas(source: Source, sheet: str, values: list[list]) -> None:
    """Raise when formulas have no cached value (a file written by a program, never opened)."""
    status = source.path.stat()
    book = _formula_book(str(source.path), (status.st_size, status.st_mtime_ns))
    formulas = book[sheet]
    formulas.reset_dimensions()  # as the values were read: every cell, whatever was declared
    rows = formulas.iter_rows(values_only=True)
    for r, row in zip(range(len(values)), rows, strict=False):
        for c, cell in enumerate(row):
            if isinstance(cell, str) and cell.startswith("=") and values[r][c] is None:
                raise ReadError(
                    _(
                        "row {row}: formula {formula} has no saved value; open the file in "
                        "Excel (or LibreOffice) and save it again"
                    ).format(row=r + 1, formula=cell)
                )


# --- header row and totals row --------------------------------------------------------------


def _header_score(row: list, mapping: dict[str, str]) -> int:
    return sum(1 for cell in row if cell is not None and fold(cell) in mapping)


def find_header(rows: list[list], table: Table) -> int | None:
    """Return the index of the header row: the row among the first ones naming most columns."""
    mapping = header_map(table)
    best, best_score = None, 0
    for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        score = _header_score(row, mapping)
        if score > best_score:
            best, best_score = i, score
    return best


#: First letters of :data:`TOTAL_WORDS`: a row whose first cell starts otherwise is data.
_TOTAL_INITIALS = frozenset(word[0] for word in TOTAL_WORDS)


def is_totals_row(row: list, table: Table, header: list[str]) -> bool:
    """Whether a row is a totals row: its first text says "tổng" or "cộng" and gives no key."""
    lead = row[0] if row else None
    if lead.__class__ is str and lead[:1].casefold() not in _TOTAL_INITIALS and lead[:1] > " ":
        return False  # the usual case, decided without folding the cell
    first = next((c for c in row if c is not None and str(c).strip() != ""), None)
    if not isinstance(first, str) or not fold(first).startswith(TOTAL_WORDS):
        return False
    mapping = header_map(table)
    for i, cell in enumerate(header):
        name = mapping.get(fold(cell)) if cell else None
        if name in table.key and i < len(row) and row[i] not in (None, "") and row[i] != first:
            return False
    return True


#: Rows read and turned into columns at a time: bounds the text held at once.
CHUNK_ROWS = 65536


def read_raw(source: Source, table: Table) -> RawTable:
    """Read a file's header, data rows and totals rows.

    Parameters
    ----------
    source : Source
        Where to read from.
    table : Table
        The codebook entry the file holds (to find its header row).

    Returns
    -------
    RawTable
    """
    raw = RawTable()
    label = source.label
    try:
        _read_into(raw, source, table)
    except MemoryError:
        raise  # a shortage of memory, not a fault of the file: said as such (htx's cli)
    except (ReadError, OSError, csv.Error, KeyError) as err:
        if "MemoryError" in type(err).__name__:  # pyarrow.ArrowMemoryError is an OSError
            raise MemoryError(str(err)) from err
        failed = RawTable(encoding=raw.encoding)
        failed.problems.append(
            Problem(
                label, None, "", "", _("cannot be read: {error}").format(error=err), source.sheet
            )
        )
        return failed
    except Exception as err:  # noqa: BLE001 - a corrupt workbook must not crash the run
        rule = _("cannot be read as {suffix} ({error})").format(
            suffix=source.path.suffix, error=f"{type(err).__name__}: {err}"
        )
        failed = RawTable(encoding=raw.encoding)
        failed.problems.append(Problem(label, None, "", "", rule, source.sheet))
        return failed
    return raw


def _read_into(raw: RawTable, source: Source, table: Table) -> None:
    import numpy as np

    if source.is_excel:
        rows, sheet = _excel_rows(source)
        source = Source(source.path, source.sheet or sheet)
        stream = iter(rows)
    else:
        text, data, raw.encoding, delimiter = _csv_text(source.path)
        stream = _csv_rows(text, delimiter)
    head = list(islice(stream, HEADER_SEARCH_ROWS))
    index = find_header(head, table)
    if index is None:
        expected = ", ".join(f"'{c.name}'/'{c.vi}'" for c in table.columns[:3])
        rule = _("no header row found in the first {rows} rows (expected {expected}, ...)").format(
            rows=HEADER_SEARCH_ROWS, expected=expected
        )
        raw.problems.append(Problem(source.label, None, "", "", rule, source.sheet))
        return
    header = ["" if c is None else str(c) for c in head[index]]
    # a header cell merged over two rows keeps its text in the upper row
    if index > 0:
        mapping = header_map(table)
        for i, cell in enumerate(header):
            above = head[index - 1][i] if i < len(head[index - 1]) else None
            if not cell and above is not None and fold(above) in mapping:
                header[i] = str(above)
    raw.header = header
    width = len(header)  # cells beyond the header have no column to go to
    if not source.is_excel and index == 0 and len(head) > 1:
        # a plain table (the header first, every record as wide): read it column by column,
        # from the bytes alone (the text and its reader's copy are let go: a national
        # registry's score sheets are a hundred MB)
        del text, stream
        columns = _csv_columns(data, delimiter, width)
        if columns is not None:
            del data
            cleaned = [_cleaned(column)[1:] for column in columns.columns]  # [0]: the header
            del columns
            _release_arrow_memory()
            kept = _add_rows(raw, cleaned, 2, table)
            raw.offsets = kept + 2
            raw.columns = [_taken(column, kept) for column in cleaned]
            return
        stream = islice(_csv_rows(data.decode("utf-8"), delimiter), len(head), None)
    body = chain(head[index + 1 :], stream)
    parts: list[list] = [[] for _ in range(width)]
    offsets = [raw.offsets]
    first = index + 2  # spreadsheet number of the first body row
    while chunk := list(islice(body, CHUNK_ROWS)):
        chunk = [_padded(r, width) if len(r) < width else r for r in chunk]
        # column by column: cleaning, blank rows and totals rows are column operations
        columns = [clean_column(list(map(itemgetter(i), chunk))) for i in range(width)]
        kept = _add_rows(raw, columns, first, table)
        offsets.append(kept + first)
        for i, column in enumerate(columns):
            parts[i].append(column[kept])
        first += len(chunk)
    raw.offsets = np.concatenate(offsets)
    raw.columns = [np.concatenate(p) if p else np.empty(0, dtype=object) for p in parts]


def _release_arrow_memory() -> None:
    """Give back to the system what Arrow's allocator keeps for reuse after a large read."""
    import pyarrow as pa

    pa.default_memory_pool().release_unused()


def _add_rows(raw: RawTable, columns: list, first: int, table: Table):
    """Note which of a run of rows are data and which are totals rows, blank rows dropped.

    ``columns`` are the run's cleaned columns (a cell of spaces is empty, in a key column
    too), and ``first`` the spreadsheet number of its first row. Returns the positions of
    the data rows, for the caller to take from each column and to number.
    """
    import numpy as np

    def row(i: int) -> list:
        return [_cell(column, i) for column in columns]

    length = len(columns[0]) if columns else 0
    blank = _all_none(columns, length)
    candidates = _totals_candidates(columns[0] if columns else [], blank)
    # column-wise: each candidate's first text, then the whole row of the few that say
    # "tổng" (a row is built cell by cell, and a registry's ids may all start with "T")
    leads = _first_cells(columns, candidates)
    totals = {
        i
        for i, lead in zip(candidates, leads, strict=True)
        if lead.__class__ is str
        and fold(lead).startswith(TOTAL_WORDS)
        and is_totals_row(row(i), table, raw.header)
    }
    keep = ~blank
    keep[list(totals)] = False
    kept = np.flatnonzero(keep)
    raw.totals += [(first + i, row(i)[: len(raw.header)]) for i in sorted(totals)]
    return kept


def _first_cells(columns: list, rows: list[int]) -> list:
    """Return the first non-empty cell of each of ``rows``, read a column at a time."""
    import numpy as np

    found: list = [None] * len(rows)
    pending = np.arange(len(rows))
    at = np.asarray(rows, dtype=np.intp)
    for column in columns:
        if not len(pending):
            break
        if _is_coded(column):
            codes = column.codes[at[pending]]
            given = codes >= 0
            for k, code in zip(pending[given], codes[given], strict=True):
                found[k] = column.categories[code]
        else:
            cells = np.asarray(column, dtype=object)[at[pending]]
            given = ~np.equal(cells, None)
            for k, cell in zip(pending[given], cells[given], strict=True):
                found[k] = cell
        pending = pending[~given]
    return found


def _padded(row: list, width: int) -> list:
    return list(row) + [None] * (width - len(row)) if len(row) < width else row


def _all_none(columns: list[list], length: int):
    """Mark the rows whose every (cleaned) cell is empty."""
    import numpy as np

    blank = np.ones(length, dtype=bool)
    for column in columns:
        if _is_coded(column):
            blank &= column.codes < 0
        else:
            blank &= np.equal(np.asarray(column, dtype=object), None)
    return blank


def _totals_candidates(first, blank) -> list[int]:
    """Rows that may be totals rows: the first cell is empty or starts like a totals word."""
    import numpy as np
    import pandas as pd

    # once per distinct first cell: ids and names repeat down a long table
    if _is_coded(first):
        codes, distinct, cells = first.codes, first.categories, None
    else:
        cells = np.asarray(first, dtype=object)
        codes, distinct = pd.factorize(cells, use_na_sentinel=True)
    maybe = [
        i
        for i, cell in enumerate(distinct)
        if cell.__class__ is str
        and cell[:1].casefold() in _TOTAL_INITIALS
        and fold(cell).startswith(TOTAL_WORDS)  # "THT00012" starts like "Tổng", is no total
    ]
    candidate = np.isin(codes, maybe)
    missing = np.flatnonzero(codes < 0)
    if cells is None:
        candidate[missing] = True  # a coded column's missing cells are empty ones
    else:
        candidate[missing] = np.equal(cells[missing], None)  # empty, not a workbook's NaN
    return np.flatnonzero(candidate & ~np.asarray(blank, dtype=bool)).tolist()


@dataclass
class ReadTable:
    """A table read and mapped to English column names, cells still text.

    Attributes
    ----------
    frame : DataFrame
        Every codebook column (absent ones empty), indexed by spreadsheet row.
    headers : dict
        English column name to the header as written, for messages.
    totals : DataFrame
        Totals rows found under the data, same columns and index convention.
    problems : list of Problem
        Unreadable file, duplicated or unknown columns, missing required columns.
    """

    frame: object
    headers: dict[str, str]
    totals: object
    problems: list[Problem]


def read_table(source: Source, table: Table) -> ReadTable:
    """Read a table's cells with headers mapped to English column names.

    Parameters
    ----------
    source : Source
        Where to read from.
    table : Table
        The codebook entry the file holds.

    Returns
    -------
    ReadTable
    """
    import pandas as pd

    raw = read_raw(source, table)
    label, sheet = source.label, source.sheet
    problems = list(raw.problems)
    mapping = header_map(table)
    headers: dict[str, str] = {}
    keep: dict[int, str] = {}
    for i, written in enumerate(raw.header):
        name = mapping.get(fold(written)) if written else None
        mangled = _MANGLED.match(written)
        if name is None and mangled:
            name = mapping.get(fold(mangled.group(1)))
        if name is None:
            has_data = i < len(raw.columns) and _has_data(raw.columns[i])
            if written or has_data:
                shown = written or _("column {number} (no header)").format(number=i + 1)
                rule = _("unknown column, ignored (see data/README.md)")
                problems.append(Problem(label, None, shown, "", rule, sheet, warning=True))
            continue
        if name in headers:
            rule = _("column given twice (also as '{other}'); keep one").format(other=headers[name])
            problems.append(Problem(label, None, written, "", rule, sheet))
            continue
        headers[name] = written
        keep[i] = name

    def frame_of(offsets, columns: list) -> pd.DataFrame:
        # the columns as they are: a table of millions of cells is not copied into one block,
        # and a coded column stays coded
        index = pd.Index(offsets)
        data = {
            name: pd.Series(
                columns[i], index=index, dtype=None if _is_coded(columns[i]) else object, copy=False
            )
            for i, name in keep.items()
        }
        frame = pd.DataFrame(data, index=index, copy=False)
        for col in table.columns:
            if col.name not in frame.columns:
                frame[col.name] = None
        return frame[table.names]

    if raw.header:
        for col in table.columns:
            if col.required and col.name not in headers:
                rule = _("required column missing (header '{name}' or '{vi}')").format(
                    name=col.name, vi=col.vi
                )
                problems.append(Problem(label, None, col.name, "", rule, sheet))
            elif source.convention and col.name not in headers:
                # a workbook made by htx template has every column: one deleted loses its facts
                rule = _(
                    "the template's column '{vi}' is missing: every value of it counts as not "
                    "given (the report says 'chưa có số liệu'); add the column back to give them"
                ).format(vi=col.vi)
                problems.append(Problem(label, None, col.name, "", rule, sheet, warning=True))
    for col in table.columns:
        headers.setdefault(col.name, col.name)
    totals_columns = [
        clean_column([r[i] if i < len(r) else None for _, r in raw.totals])
        for i in range(len(raw.header))
    ]
    totals = frame_of([n for n, _ in raw.totals], totals_columns)
    return ReadTable(frame_of(raw.offsets, raw.columns), headers, totals, problems)
