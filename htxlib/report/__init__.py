"""Report: the documents, from the figures to the published files.

- ``part_one`` and ``part_two`` gather everything Part I and Part II state, as plain values
  and rows for the templates (all selection and arithmetic happens here);
- ``narrative`` and ``templates/`` phrase them; ``charts`` draws them; ``display`` shows them
  in the notebooks;
- ``runner`` runs the notebooks with papermill, ``html_page`` turns them into one page,
  ``publish`` writes it into the reports folder as one unit, ``index`` lists the reports;
- ``spreadsheets`` exports the figure tables; ``summary`` is ``htx validate``'s screen;
  ``codebook_page`` writes ``data/README.md``.

Depends on every stage before it.
"""
