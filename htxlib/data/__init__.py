"""Loading: a unit folder in, one validated :class:`~htxlib.data.dataset.Dataset` out.

Takes the files of a unit folder (CSV or Excel, English or Vietnamese headers, analyst texts)
and gives typed tables, or every problem found with its file, row, column and value.

- ``codebook``: what the tables and columns are (names, types, units, code lists in
  ``codes``): the single source of the loader, the validation and ``data/README.md``;
- ``read/``: files to text cells (encodings, title blocks, merged cells, totals rows),
  bounded by ``limits``; ``parsing``: text cells to typed values;
- ``validation``: what makes a row valid (pandera schemas built from the codebook);
  ``cross_table``: rules across tables (unknown ids, dates in order, parts within wholes);
- ``dataset``: :func:`~htxlib.data.dataset.load_unit`, the one entry point;
- ``problems``: located problems; ``unit``: the unit's id (a slug) and name;
  ``texts``: the analyst's Markdown texts, read safely.

Depends on nothing else in the package (but the shared ``messages`` and ``formatting``).
"""
