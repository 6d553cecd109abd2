"""Messages to users, in Vietnamese by default and in English on request.

Messages are written in English in the code, wrapped in :func:`_`, and translated by the
gettext catalog ``locale/vi/LC_MESSAGES/htx.po``, read with Babel. The language is the
``HTX_LANG`` environment variable (``vi`` or ``en``), set by ``htx --lang``; Vietnamese is
the default because the toolkit's users are Vietnamese offices. A test keeps the catalog
complete: every message marked in the code has its translation.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

CATALOG = Path(__file__).resolve().parent / "locale" / "vi" / "LC_MESSAGES" / "htx.po"
LANGUAGES = ("vi", "en")


def language() -> str:
    """Return the language of messages: ``HTX_LANG`` when it names one, else ``vi``."""
    lang = os.environ.get("HTX_LANG", "vi").strip().lower()[:2]
    return lang if lang in LANGUAGES else "vi"


@cache
def _vietnamese() -> dict[str, str]:
    from babel.messages.pofile import read_po

    with CATALOG.open("rb") as handle:
        catalog = read_po(handle)
    return {m.id: m.string for m in catalog if m.id and m.string}


def _(message: str) -> str:
    """Return ``message`` in the user's language (the English text when untranslated)."""
    if language() == "en":
        return message
    return _vietnamese().get(message, message)


def N_(message: str) -> str:  # noqa: N802 (the gettext convention)
    """Mark a message for the catalog where it is defined; :func:`_` translates it when shown."""
    return message
