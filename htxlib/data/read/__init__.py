"""Read one table from a CSV or Excel file into text cells, headers in English.

Reading is kept apart from parsing: every cell comes back as NFC-normalised text (or a
native date/number from Excel), indexed by the row number a spreadsheet shows, so that
later problems can name the exact row. Files are taken as analysts keep them:

- CSV in UTF-8 (with or without BOM), UTF-16 (with BOM) or a legacy Windows code page
  (1258 when the text shows Vietnamese letters, else 1252); comma, semicolon or tab;
- a title block above the header row, headers merged over two rows, merged data cells;
- a totals row at the bottom (kept aside, so that it can be checked against the rows);
- Excel formulas (their cached values), hidden sheets (skipped when choosing a sheet).

Each step of reading has its module, named for it: ``locate`` (which file or sheet holds a
table), ``bounds`` (what is refused before a file is read), ``text`` (bytes to text, and
normalising cells), ``delimited`` (CSV), ``workbook`` (Excel), ``header`` (the header row),
``totals`` (totals rows), ``columns`` (the columns as read) and ``table`` (one table, start
to end).
"""
