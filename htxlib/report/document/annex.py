"""What the analyst annex shows beyond Part I's figures: sources, provenance and checks.

Every code the data uses is shown by its Vietnamese name: tables by their codebook title,
columns by their Vietnamese header, statuses by their label. File names stay as they are,
since they are what an analyst opens to trace a figure.
"""

from __future__ import annotations

from htxlib.data import codes
from htxlib.data.codebook import TABLES
from htxlib.figures.provenance import summary
from htxlib.formatting import count
from htxlib.plan.indicators import INDICATORS

#: How the provenance table names its special records.
RECORD_LABELS = {"*": "tất cả", "sum": "tổng"}
#: Records a provenance row names one per line; past this, they are summarised (by commune
#: in a roll-up), and the full list stays in the unit's provenance table.
RECORDS_SHOWN = 8


def field_label(table: str, field: str) -> str:
    """Return the Vietnamese name of a table's column, or of a stated indicator."""
    if table in TABLES and field in TABLES[table].names:
        return TABLES[table].column(field).vi
    if field in INDICATORS:
        return INDICATORS[field].label
    column = next((t.column(field) for t in TABLES.values() if field in t.names), None)
    return column.vi if column else field


def table_title(name: str) -> str:
    """Return the Vietnamese title of a codebook table."""
    return TABLES[name].title if name in TABLES else name


def source_rows(ds) -> list[dict]:
    """One row per table read: its title, the file (and sheet) and the number of rows."""
    rows = []
    for name, frame in ds.tables.items():
        if name not in ds.sources:
            continue
        source = ds.sources[name]
        file = f"{source.label} [{source.sheet}]" if source.sheet else source.label
        rows.append({"title": table_title(name), "file": file, "rows": len(frame)})
    return rows


def record_label(record: str, names: dict[str, str]) -> str:
    """Name a provenance record: an entity by its name (``names``), an indicator by its label."""
    if record in RECORD_LABELS:
        return RECORD_LABELS[record]
    if record in INDICATORS:
        return INDICATORS[record].label
    return names.get(record, record)


def _year(value) -> str:
    """Write a year as a year (2021, not 2021.0), or "mọi năm" for a row of every year."""
    if value in ("", None) or value != value:
        return "mọi năm"
    try:
        return str(int(float(value)))
    except (TypeError, ValueError):
        return str(value)


def record_lines(records: list[str], names: dict[str, str]) -> list[str]:
    """Name a provenance row's records one per line, summarised past :data:`RECORDS_SHOWN`.

    Examples
    --------
    >>> record_lines(["a:1", "a:2", "b:3"], {})
    ['a:1', 'a:2', 'b:3']
    >>> record_lines([f"xa-{i % 2}:{i}" for i in range(20)], {})
    ['xa-0: 10 bản ghi', 'xa-1: 10 bản ghi']
    >>> record_lines([str(i) for i in range(10)], {})[-1]
    '… và 03 bản ghi khác (danh sách đầy đủ trong bảng nguồn gốc số liệu)'
    """
    if len(records) <= RECORDS_SHOWN:
        return [record_label(r, names) for r in records]
    units: dict[str, int] = {}
    for record in records:
        unit, _, rest = record.partition(":")
        units[unit if rest else ""] = units.get(unit if rest else "", 0) + 1
    if "" not in units:  # a roll-up: records of each child, counted by child
        return [f"{unit}: {number} bản ghi" for unit, number in units.items()]
    shown = [record_label(r, names) for r in records[: RECORDS_SHOWN - 1]]
    rest = count(len(records) - len(shown))
    return [*shown, f"… và {rest} bản ghi khác (danh sách đầy đủ trong bảng nguồn gốc số liệu)"]


def provenance_rows(ds) -> list[dict]:
    """Return the provenance table grouped for reading, every code by its Vietnamese name."""
    names = dict(zip(ds.entities["entity_id"], ds.entities["name"], strict=True))
    return [
        {
            "title": table_title(row["table"]),
            "field": field_label(row["table"], row["field"]),
            "year": _year(row["year"]),
            "records": record_lines(list(row["records"]), names),
            "status": codes.PROVENANCE[row["status"]],
            "note": row["note"],
        }
        for row in summary(ds).to_dict("records")
    ]


def contradiction_rows(frame) -> list[dict]:
    """Contradictions as records, the field named in Vietnamese (see :func:`field_label`)."""
    from htxlib.report.document.plain_records import records

    rows = records(frame)
    for row in rows:
        stem = str(row["file"]).rsplit("/", 1)[-1].split(".", 1)[0]
        row["field"] = field_label(stem, str(row["field"]))
    return rows
