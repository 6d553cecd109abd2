"""Pandera schemas built from the codebook, and their failures as located problems."""

from __future__ import annotations

import sys
from functools import cache

import pandas as pd

from htxlib.data.codebook import Column, Table
from htxlib.data.codes import CODE_LISTS
from htxlib.data.column_parsing import DTYPES
from htxlib.messages import N_, _, language

# pandera's data-synthesis strategies import hypothesis when it is installed (a test tool of
# this project), at the first validation; the toolkit never calls them, and the import is a
# tenth of a second of each command. hypothesis is hidden while they are imported, here:
# they then know it as absent, and a process that imports it afterwards still gets it.
_hidden = "hypothesis" not in sys.modules
if _hidden:
    sys.modules["hypothesis"] = None  # type: ignore[assignment]
try:
    import pandera.pandas as pa
    import pandera.strategies.pandas_strategies  # noqa: F401 - see above
    from pandera.errors import SchemaErrors
finally:
    if _hidden:
        del sys.modules["hypothesis"]

NOT_NEGATIVE = N_("must not be negative")
MISSING = N_("required value missing")


def _checks(column: Column) -> list[pa.Check]:
    checks = []
    if column.type in ("int", "amount") and not column.signed:
        checks.append(pa.Check.ge(0, error=NOT_NEGATIVE))
    if column.type == "code":
        codes = CODE_LISTS[column.codes]
        # the user's words first (the drop-down's labels), each with its code
        choices = "; ".join(f"{label} ({code})" for code, label in codes.items())
        error = _("not in the list; write one of: {choices}").format(choices=choices)
        checks.append(pa.Check.isin(list(codes), error=error))
    return checks


def _dtype(column: Column) -> str | None:
    # Text may be held as object or as pandas' string dtype; both are fine.
    return None if column.type in ("text", "code") else DTYPES[column.type]


def table_schema(table: Table) -> pa.DataFrameSchema:
    """Return the pandera schema of a codebook table, built once per table and language.

    A batch validates the same tables for every unit; building a schema costs about as
    much as validating a commune's table with it.

    Parameters
    ----------
    table : Table
        Codebook entry.

    Returns
    -------
    DataFrameSchema
        Types, required values, non-negative numbers, code lists and unique keys.
    """
    return _schema(table, language())


@cache
def _schema(table: Table, lang: str) -> pa.DataFrameSchema:
    # ``lang`` is the key: the rules' messages are in the language of the run
    columns = {
        c.name: pa.Column(_dtype(c), _checks(c), nullable=not c.required, required=True)
        for c in table.columns
    }
    return pa.DataFrameSchema(
        columns,
        unique=list(table.key) or None,
        report_duplicates="all",
        name=table.name,
    )


def schema_failures(frame: pd.DataFrame, table: Table) -> list[tuple[int | None, str, str, str]]:
    """Validate a parsed table lazily and list every failure.

    Parameters
    ----------
    frame : DataFrame
        Parsed table, indexed by spreadsheet row.
    table : Table
        Codebook entry.

    Returns
    -------
    list of (row, column, value, rule)
        Empty when the table passes.
    """
    try:
        # in place: the schema coerces nothing, and a copy of millions of rows costs time
        table_schema(table).validate(frame, lazy=True, inplace=True)
    except SchemaErrors as err:
        return _bounded_failures(err.failure_cases, table)
    return []


#: Rows named for one rule in one column; the rest are counted in one line. A file of a
#: million copies of one row would otherwise make a million problems, each kept and printed.
ROWS_PER_RULE = 100


def _bounded_failures(cases: pd.DataFrame, table: Table) -> list[tuple[int | None, str, str, str]]:
    """Return the failures of each rule and column, the first :data:`ROWS_PER_RULE` by row."""
    groups = cases.groupby(["column", "check"], dropna=False, sort=False)
    failures = [_failure(case, table) for case in groups.head(ROWS_PER_RULE).to_dict("records")]
    for first, size in zip(groups.head(1).to_dict("records"), groups.size(), strict=True):
        if size > ROWS_PER_RULE:
            _row, column, _value, rule = _failure(first, table)
            more = _("{rule} (and {count} more rows like these)").format(
                rule=_(rule), count=size - ROWS_PER_RULE
            )
            failures.append((None, column, "", more))
    return failures


def _failure(case: dict, table: Table) -> tuple[int | None, str, str, str]:
    index = case.get("index")
    row = None if index is None or pd.isna(index) else int(index)
    check = str(case.get("check"))
    column = case.get("column")
    value = case.get("failure_case")
    value = "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)
    if check == "not_nullable":
        return row, str(column), "", MISSING
    if "uniqueness" in check or "unique" in check:
        key = ", ".join(table.key)
        return (
            row,
            str(column if column in table.names else table.key[0]),
            value,
            _("duplicate key ({key})").format(key=key),
        )
    return row, str(column), value, check
