"""``htx check``: the figures of a plan someone else wrote, read from its text and checked.

``sentences`` splits the text, ``numbers`` finds its numbers, ``vocabulary`` holds the words
figures are stated in, ``recognise`` reads each figure, ``indicators`` names what it states;
``parts``, ``shares``, ``named_lists``, ``tables`` and ``whole_document`` are the checks,
``arithmetic`` runs them, ``against_data`` sets the figures against a unit's data and
``document_check`` does all of it for one file.
"""
