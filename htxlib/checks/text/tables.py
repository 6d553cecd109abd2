"""A table's "Tổng số" row against its rows, and its percentages against its counts."""

from __future__ import annotations

import re

from htxlib.checks.text.findings import (
    Finding,
    written_number,
    written_percent,
)
from htxlib.checks.text.recognise import Figure, Recognised
from htxlib.checks.text.shares import share_agrees
from htxlib.messages import _

#: A totals row's label, and nothing more: "Tổng số HTX" is an indicator's row, not a total.
_TOTAL_ROW = re.compile(
    r"(?i)^\s*(?:tổng số|tổng cộng|tổng|cộng|toàn (?:tỉnh|huyện|xã|thành phố)(?: \S+)?)\s*:?\s*$"
)


def table_findings(recognised: Recognised) -> list[Finding]:
    """Return the totals rows and percentages of the tables that disagree with their rows."""
    rows: dict[tuple[int, int], dict[int, Figure]] = {}
    labels: dict[tuple[int, int], str] = {}
    for figure in recognised.figures:
        s = figure.sentence
        if s.table and figure.role == "cell":
            rows.setdefault((s.table, s.block), {})[s.column] = figure
    for s in recognised.sentences:
        if s.table and s.column == 0:
            labels[(s.table, s.block)] = s.text
    found = []
    tables: dict[int, list[tuple[int, int]]] = {}
    for key in sorted(rows):
        tables.setdefault(key[0], []).append(key)
    for table, keys in tables.items():
        body: list[dict[int, Figure]] = []
        for key in keys:
            cells = rows[key]
            if not _TOTAL_ROW.match(labels.get(key, "")):
                body.append(cells)
                continue
            found.extend(_total_row(table, body, cells))
            body = []
    return found


def _total_row(
    table: int, body: list[dict[int, Figure]], total: dict[int, Figure]
) -> list[Finding]:
    found = []
    counts = [c for c, f in total.items() if f.unit == "cell"]
    for column, cell in total.items():
        values = [row[column] for row in body if column in row]
        if not values:
            continue
        if cell.unit == "cell":
            added = sum(v.value for v in values)
            # whole numbers add up exactly; rounded ones within half a unit each
            slack = 0.5 * 10.0**-cell.decimals * len(values) if cell.decimals else 1e-9
            if abs(added - cell.value) > slack:
                found.append(
                    Finding(
                        "table",
                        cell.page,
                        _(
                            "Page {page}, table {table}: the rows add up to {sum}, "
                            "the total row gives {total}"
                        ).format(
                            page=cell.page,
                            table=table,
                            sum=written_number(added),
                            total=written_number(cell.value),
                        ),
                        (" | ".join(written_number(v.value) for v in values),),
                    )
                )
        elif counts and total[counts[0]].value:
            # the shares of a table whose total row is wrong are of its rows' sum: one
            # wrong number is one finding
            whole = sum(row[counts[0]].value for row in body if counts[0] in row)
            for row in body:
                share, count = row.get(column), row.get(counts[0])
                if share is None or count is None or share.unit != "percent":
                    continue
                if not share_agrees(share, count.value, whole):
                    found.append(
                        Finding(
                            "table",
                            share.page,
                            _(
                                "Page {page}, table {table}: {count} of {whole} is {computed}, "
                                "the table gives {stated}"
                            ).format(
                                page=share.page,
                                table=table,
                                count=written_number(count.value),
                                whole=written_number(whole),
                                computed=written_percent(
                                    100.0 * count.value / whole, share.decimals
                                ),
                                stated=share.text,
                            ),
                            (share.sentence.text,),
                        )
                    )
    return found
