"""The ``htx`` sub-commands, one module each: ``add`` puts it on the parser, ``run`` runs it.

``common`` holds what they share: the exit statuses, printing safely, loading a unit folder
and the options several commands take.
"""

from importlib import import_module

#: The sub-commands' names (and modules), in the order ``htx --help`` lists them.
NAMES = ("validate", "report", "texts", "batch", "template", "map", "export", "check", "codebook")
COMMANDS = tuple(import_module(f"htxlib.commands.{name}") for name in NAMES)
