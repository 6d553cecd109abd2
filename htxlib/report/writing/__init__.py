"""How a document is written out: the HTML page, the signing copy, Word, PDF, spreadsheets.

Imports what a document says (``htxlib.report.document``), never how a run is published.
"""
