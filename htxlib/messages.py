"""Messages to users, in Vietnamese by default and in English on request.

Messages are written in English in the code, wrapped in :func:`_`, and translated by the
gettext catalog ``locale/vi/LC_MESSAGES/htx.po``, read with Babel. The language is the
``HTX_LANG`` environment variable (``vi`` or ``en``), set by ``htx --lang``; Vietnamese is
the default because the toolkit's users are Vietnamese offices. A test keeps the catalog
complete: every message marked in the code has its translation.
"""

from __future__ import annotations

import os
import re
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


def in_both_languages(message: str, **values) -> dict[str, str]:
    """Format ``message`` (marked with :func:`N_`) in the document's language and in English.

    A contradiction is stated in Vietnamese in the document, whatever the terminal's language,
    and in the user's language in the terminal: ``message`` and ``message_en`` of a finding.
    """
    return {
        "message": _vietnamese().get(message, message).format(**values),
        "message_en": message.format(**values),
    }


def finding_message(finding) -> str:
    """Return the message of a finding (see :func:`in_both_languages`) in the user's language."""
    return finding.message_en if language() == "en" else finding.message


def N_(message: str) -> str:  # noqa: N802 (the gettext convention)
    """Mark a message for the catalog where it is defined; :func:`_` translates it when shown."""
    return message


#: What a terminal takes as a command, not as text: controls (C0 and C1, DEL), and the
#: characters that reorder or hide text; and what it cannot print at all. Printed as
#: escapes, never raw.
_UNPRINTABLE_CHARS = (
    "\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff"
    "\udc80-\udcff"  # the bytes of a file or folder name that is not UTF-8
)
_UNPRINTABLE = re.compile(f"[{_UNPRINTABLE_CHARS}]")
#: The same, less the layout characters a message itself uses.
_UNPRINTABLE_IN_TEXT = re.compile(f"(?![\t\n\r])[{_UNPRINTABLE_CHARS}]")


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def shown(value: object) -> str:
    r"""Write a value from a file (a cell, a header, a file or folder name) for the terminal.

    Controls are escaped, a line break included: a value can neither clear the screen nor
    forge a line of its own.

    Examples
    --------
    >>> print(shown("HTX \x1b[2Jxanh\nchild x: included"))
    HTX \x1b[2Jxanh\x0achild x: included
    """
    return _UNPRINTABLE.sub(_escape, str(value))


def readable(path) -> str:
    """Return a file or folder name as text a page can hold: bytes not UTF-8 become "�"."""
    return os.fsencode(path).decode("utf-8", "replace")


def terminal_safe(text: str) -> str:
    """Escape what :func:`shown` does in a whole message, keeping its line breaks and tabs."""
    return _UNPRINTABLE_IN_TEXT.sub(_escape, text)
