"""Report: the documents, from the figures to the published files, in three folders.

- ``document/``: what a document says. ``part_one`` and ``part_two`` gather everything Part
  I and Part II state, as plain values and rows for the templates (all selection and
  arithmetic happens there); ``narrative`` and ``templates/`` phrase them; ``letterhead``
  sets the Decree 30 head and signature; ``charts`` draws; ``display`` shows them in the
  notebooks; ``summary`` is ``htx validate``'s screen; ``codebook_page`` writes
  ``data/README.md``.
- ``writing/``: how it is written out. ``html_page`` turns the notebooks into the review
  copy's page, ``signing_copy`` makes the signing copy from it, ``word`` and ``pdf`` write
  the Word and PDF files, ``spreadsheets`` exports the figure tables.
- ``publishing/``: how a run is published. ``runner`` runs the notebooks with papermill,
  ``kernels`` keeps them warm for ``batch``, ``publish`` writes a report into the reports
  folder as one unit, ``index`` lists the reports.

Each folder imports only from those before it (a test checks); the whole depends on every
stage before it.
"""

import sys

# jsonschema, which nbformat and papermill load, builds an IRI grammar when it is imported if
# the optional rfc3987-syntax is installed (JupyterLab's jupyter-events brings it): 1,5 s of
# every report, more than pandas and matplotlib together. A notebook file has no IRI for it
# to check; jsonschema goes without that one format check, as it does where the package is
# not installed.
sys.modules.setdefault("rfc3987_syntax", None)
