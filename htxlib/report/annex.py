"""What the analyst annex shows beyond Part I's figures: sources, provenance and checks.

Every code the data uses is shown by its Vietnamese name: tables by their codebook title,
columns by their Vietnamese header, statuses by their label. File names stay as they are,
since they are what an analyst opens to trace a figure.
"""

from __future__ import annotations

from htxlib.data import codes
from htxlib.data.codebook import TABLES
from htxlib.figures.provenance import summary
from htxlib.plan.indicators import INDICATORS

#: How the provenance table names its special records.
RECORD_LABELS = {"*": "tất cả", "sum": "tổng"}


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


def provenance_rows(ds) -> list[dict]:
    """Return the provenance table grouped for reading, every code by its Vietnamese name."""
    names = dict(zip(ds.entities["entity_id"], ds.entities["name"], strict=True))
    return [
        {
            "title": table_title(row["table"]),
            "field": field_label(row["table"], row["field"]),
            "year": row["year"] if row["year"] != "" else "mọi năm",
            "records": "; ".join(record_label(r, names) for r in row["records"]),
            "status": codes.PROVENANCE[row["status"]],
            "note": row["note"],
        }
        for row in summary(ds).to_dict("records")
    ]


def contradiction_rows(frame) -> list[dict]:
    """Contradictions as records, the field named in Vietnamese (see :func:`field_label`)."""
    from htxlib.report.narrative import records

    rows = records(frame)
    for row in rows:
        stem = str(row["file"]).rsplit("/", 1)[-1].split(".", 1)[0]
        row["field"] = field_label(stem, str(row["field"]))
    return rows
