"""What a document says: its sections' figures, phrasing and letterhead.

Everything Part I and Part II state is gathered here as plain values for the templates
(``part_one``, ``part_two``), phrased by ``narrative`` and ``templates/``, drawn by
``charts``, and shown in the notebooks by ``display``. Imports nothing of how a document is
written out or published.
"""
