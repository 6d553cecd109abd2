"""Read a CSV file: its encoding, its delimiter, and its columns in one pass."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from htxlib.data.limits import limits
from htxlib.data.read.bounds import cell_too_long, check_file, check_rows, check_width
from htxlib.data.read.text import decode


def csv_text(path: Path) -> tuple[str, bytes, str, str]:
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
    check_rows(text.count("\n"))  # before any row is parsed: a row costs memory per column
    # the sniffer is quadratic in its sample: a bounded sample of whole lines
    sample = "\n".join(text[: limits().HTX_SNIFF_CHARS].splitlines()[:50])
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    return text, data, encoding, delimiter


def csv_rows(text: str, delimiter: str) -> Iterator[list]:
    """Yield a CSV text's rows one by one, checking the limits as they come.

    A large file is never held as rows of text all at once.
    """
    bound = limits()
    csv.field_size_limit(bound.HTX_MAX_CELL_CHARS)
    try:
        for row in csv.reader(io.StringIO(text), delimiter=delimiter):
            check_width(len(row))
            yield row
    except csv.Error as err:
        if "field larger" in str(err):
            cell_too_long()
        raise


def csv_columns(data: bytes, delimiter: str, width: int):
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
                cell_too_long()
    return table


def release_arrow_memory() -> None:
    """Give back to the system what Arrow's allocator keeps for reuse after a large read."""
    import pyarrow as pa

    pa.default_memory_pool().release_unused()
