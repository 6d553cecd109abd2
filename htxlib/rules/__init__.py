"""Rules: the legal rules as data (YAML files here) and what they find in a unit.

Takes a dataset and its figures; gives the recomputed ratings (``rating``, Circular
01/2020), size classes (``sizes``) and compliance findings (``compliance``), each rule
applied only to facts inside its validity period. ``loading`` reads and checks the files.

Depends on ``data`` and ``figures``.
"""
