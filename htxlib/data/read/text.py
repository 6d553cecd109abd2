"""Decode a file's bytes to text and normalise cells and labels (NFC, spaces, case)."""

from __future__ import annotations

import unicodedata

from htxlib.messages import _

_VIETNAMESE = set("ăâđêôơưĂÂĐÊÔƠƯ") | {chr(c) for c in (0x300, 0x301, 0x303, 0x309, 0x323)}


def fold(text: str) -> str:
    """Normalise a header or label for matching: NFC, trimmed, single spaces, case-folded."""
    return " ".join(unicodedata.normalize("NFC", str(text)).split()).casefold()


def clean_text(value: object) -> object:
    """NFC-normalise text and collapse stray white space; leave other values alone."""
    if isinstance(value, str):
        text = " ".join(unicodedata.normalize("NFC", value).split())
        return text if text else None
    return value


def clean_column(cells: list):
    """Apply :func:`clean_text` to a column, once per distinct cell (values repeat).

    Returns an object array.
    """
    import numpy as np
    import pandas as pd

    if len(cells) == 0:
        return np.empty(0, dtype=object)
    array = np.asarray(cells + [None], dtype=object)[:-1]  # 1-D even for lists of lists
    if pd.api.types.infer_dtype(array, skipna=True) not in ("string", "empty"):
        # 1, 1.0 and True are equal keys but not equal cells: clean them one by one
        return np.asarray([clean_text(cell) for cell in cells] + [None], dtype=object)[:-1]
    codes, distinct = pd.factorize(array, use_na_sentinel=True)
    # the last slot is None, which code -1 (an empty cell) takes
    cleaned = np.asarray([clean_text(cell) for cell in distinct] + [None], dtype=object)
    return cleaned[codes]


class ReadError(ValueError):
    """A file that cannot be read at all; the message says how to fix it."""


def _stray_byte(data: bytes, err: UnicodeDecodeError) -> None:
    """Refuse a UTF-8 file with a few bad bytes, rather than read it all as Windows-1258.

    Windows-1258 decodes almost any bytes, so a stray byte in a UTF-8 file would turn every
    letter into mojibake ("VÄƒn Quan"). A file whose other letters are well-formed UTF-8 is
    a UTF-8 file with an error, said with the byte's place.
    """
    read = data.decode("utf-8", errors="replace")
    good = sum(1 for c in read if ord(c) > 127 and c != "\ufffd")
    if good and good >= read.count("\ufffd"):
        line = data.count(b"\n", 0, err.start) + 1
        raise ReadError(
            _(
                "not valid UTF-8 at byte {position} (line {line}, byte 0x{byte:02X}), although "
                "the rest of the file is UTF-8; retype that character, or save the file again "
                "as CSV UTF-8"
            ).format(position=err.start, line=line, byte=data[err.start])
        )


def decode(data: bytes) -> tuple[str, str]:
    """Decode CSV bytes, returning (text, encoding name).

    UTF-8 (with or without BOM) and UTF-16/32 with a BOM are read as such. Other bytes
    are read as Windows-1258 when that shows Vietnamese letters, else as Windows-1252.

    Raises
    ------
    ReadError
        Empty file, or bytes that no supported encoding reads.
    """
    if not data.strip():
        raise ReadError(_("the file is empty"))
    for bom, name in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe\x00\x00", "utf-32"),
        (b"\x00\x00\xfe\xff", "utf-32"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as err:
                raise ReadError(
                    f"starts as {name} but is not valid {name} ({err.reason})"
                ) from None
    if b"\x00" in data[:4096]:
        raise ReadError(_("looks like UTF-16 without a byte-order mark; save it as CSV UTF-8"))
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as err:
        _stray_byte(data, err)
    try:
        text = data.decode("cp1258")
        if _VIETNAMESE & set(text):
            return text, "windows-1258"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "windows-1252"
    except UnicodeDecodeError:
        raise ReadError(
            _("not UTF-8, Windows-1258 or Windows-1252 text; save it as CSV UTF-8")
        ) from None
