"""The administrative map in force since 01/07/2025: 34 provinces and 3.321 communes.

The map comes from the ``vietnam-provinces`` package (codes and names as the General
Statistics Office lists them), so that a new edition of the map is a package update, not an
edit here. A unit names itself by its official code; a commune can be named by code or by
name, and a name that matches nothing is reported with the closest names of the map.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from htxlib.data.parsing import bare
from htxlib.data.read.text import fold

#: The map's division types, as the codebook's level codes.
LEVEL_OF_TYPE = {
    "tỉnh": "tinh",
    "thành phố trung ương": "thanh_pho_tw",
    "xã": "xa",
    "phường": "phuong",
    "đặc khu": "dac_khu",
}
#: Words a name may start with that say its level, not its name (longest first).
LEVEL_WORDS = ("thành phố", "tỉnh", "xã", "phường", "đặc khu")
#: The day the 2025 map took effect (Resolution 202/2025/QH15): older data uses the old map.
MERGER_DATE = date(2025, 7, 1)
#: Levels on the current map: a province, or a commune-level unit.
PROVINCE_LEVELS = ("tinh", "thanh_pho_tw")
COMMUNE_LEVELS = ("xa", "phuong", "dac_khu")


class MapError(ValueError):
    """A unit or commune that the map does not have; the message names the closest ones."""


@dataclass(frozen=True)
class Division:
    """A province or commune of the map.

    Attributes
    ----------
    code : int
        Official code.
    name : str
        Full name as the map writes it ("Xã Thượng Lâm", "Thành phố Hà Nội", "Lạng Sơn").
    level : str
        Level code (see :data:`LEVEL_OF_TYPE`).
    province : int or None
        Code of the province a commune belongs to.
    """

    code: int
    name: str
    level: str
    province: int | None = None

    @property
    def short(self) -> str:
        """The name without the word for its level: "Thượng Lâm", "Hà Nội"."""
        return bare_name(self.name)


def plain_name(name: str) -> str:
    """Return a name without a leading level word, as written: "Xã Thượng Lâm" → "Thượng Lâm"."""
    words = name.split()
    folded = fold(name)
    for word in LEVEL_WORDS:
        if folded.startswith(word + " "):
            return " ".join(words[len(word.split()) :])
    return " ".join(words)


def bare_name(name: str) -> str:
    """Return a name without a leading level word, folded for matching."""
    folded = fold(name)
    for word in LEVEL_WORDS:
        if folded.startswith(word + " "):
            return folded[len(word) + 1 :]
    return folded


@cache
def provinces() -> dict[int, Division]:
    """Every province and centrally governed city, by code."""
    from vietnam_provinces import Province

    return {
        int(p.code): Division(int(p.code), p.name, LEVEL_OF_TYPE[p.division_type.value])
        for p in Province.iter_all()
    }


@cache
def communes() -> dict[int, Division]:
    """Every commune, ward and special zone, by code."""
    from vietnam_provinces import Ward

    return {
        int(w.code): Division(
            int(w.code), w.name, LEVEL_OF_TYPE[w.division_type.value], int(w.province_code)
        )
        for w in Ward.iter_all()
    }


@cache
def _communes_named() -> dict[tuple[int, str], list[Division]]:
    named: dict[tuple[int, str], list[Division]] = {}
    for division in communes().values():
        named.setdefault((division.province, division.short), []).append(division)
    return named


def _closest(name: str, candidates: list[Division]) -> str:
    names = {c.short: c for c in candidates}
    close = difflib.get_close_matches(bare_name(name), list(names), n=3, cutoff=0.6)
    return ", ".join(f"{names[c].name} ({names[c].code})" for c in close)


def _miss(what: str, text: str, candidates: list[Division]) -> MapError:
    from htxlib.messages import _

    closest = _closest(text, candidates)
    if closest:
        return MapError(
            _("no {what} '{text}' on the 2025 map; closest: {closest}").format(
                what=what, text=text, closest=closest
            )
        )
    return MapError(_("no {what} '{text}' on the 2025 map").format(what=what, text=text))


def province(text: str | int) -> Division:
    """Return the province named or coded by ``text``.

    Raises
    ------
    MapError
        No province has that code or name; the message names the closest names.
    """
    from htxlib.messages import _

    text = str(text).strip()
    if re.fullmatch(r"\d{1,2}", text):
        found = provinces().get(int(text))
        if found is None:
            raise MapError(_("no province with code {code}").format(code=text))
        return found
    for division in provinces().values():
        if division.short == bare_name(text):
            return division
    loose = [d for d in provinces().values() if bare(d.short) == bare(bare_name(text))]
    if text.isascii() and len(loose) == 1:  # typed without diacritics ("tuyen quang")
        return loose[0]
    raise _miss(_("province"), text, list(provinces().values()))


def shown_code(division: Division) -> str:
    """Write a code as the map does: two digits for a province, five for a commune."""
    return f"{division.code:0{2 if division.province is None else 5}d}"


def search(text: str = "", province_code: int | None = None) -> list[Division]:
    """List the divisions whose name contains ``text``, with or without diacritics.

    Without ``province_code``, provinces and communes of the whole map; with it, that
    province's communes. An empty ``text`` lists them all (the provinces only, without a
    province).
    """
    wanted = bare(text)
    if province_code is None and not wanted:
        return sorted(provinces().values(), key=lambda d: d.code)
    pool = [c for c in communes().values() if province_code in (None, c.province)]
    if province_code is None:
        pool = [*provinces().values(), *pool]
    named = {code: bare(p.short) for code, p in provinces().items()}

    def matches(d: Division) -> bool:
        # "bao yen lao cai": a commune's name with its province's
        return wanted in bare(d.name) or (
            d.province is not None and wanted == f"{bare(d.short)} {named[d.province]}"
        )

    return sorted((d for d in pool if matches(d)), key=lambda d: (d.province or 0, d.code))


def closest_names(text: str, more: list[str] = ()) -> list[str]:
    """Return up to three names of the map (and of ``more``) closest to a misspelt ``text``."""
    names = {bare(d.short): d.name for d in [*provinces().values(), *communes().values()]}
    names.update({bare(name): name for name in more})
    close = difflib.get_close_matches(bare(text), list(names), n=3, cutoff=0.75)
    return [names[c] for c in close]


def commune(text: str | int, province_code: int | None = None) -> Division:
    """Return the commune coded or named by ``text`` (a name is looked up in the province).

    Raises
    ------
    MapError
        No commune has that code or name, or the name is not in the province; or the name
        belongs to several communes (the message lists them).
    """
    from htxlib.messages import _

    text = str(text).strip()
    if re.fullmatch(r"\d{1,5}", text):
        found = communes().get(int(text))
        if found is None:
            raise MapError(_("no commune with code {code}").format(code=text))
        if province_code is not None and found.province != province_code:
            raise MapError(
                _("commune {code} ({name}) is not in {province}").format(
                    code=text, name=found.name, province=provinces()[province_code].name
                )
            )
        return found
    key = bare_name(text)
    level = next((w for w in LEVEL_WORDS if fold(text).startswith(w + " ")), None)
    if province_code is not None:
        found = list(_communes_named().get((province_code, key), []))
        pool = [c for c in communes().values() if c.province == province_code]
    else:
        found = [c for c in communes().values() if c.short == key]
        pool = list(communes().values())
    if not found and key.isascii():  # typed without any diacritic ("thuong lam"); a name
        # with marks that match no commune is a misspelling, answered with the closest names
        plain = bare(key)
        found = [c for c in pool if bare(c.short) == plain]
    if level is not None:  # "Xã Tân Lập" says which of a xã and a phường of one name
        found = [c for c in found if fold(c.name).startswith(level)]
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        names = ", ".join(f"{c.name} ({c.code})" for c in found)
        raise MapError(
            _("'{text}' names several communes: {names}; write the code").format(
                text=text, names=names
            )
        )
    raise _miss(_("commune"), text, pool)
