"""The map before 01/07/2025 and its conversion to the 2025 map, from a kept crosswalk.

The former map (63 provinces, about 700 districts and 10.040 communes, with the General
Statistics Office's codes) and the conversion of each former commune to the new one it
became part of, or to every new one it was divided between, are read from the data files
of the ``vietnamadminunits`` package (MIT), pinned in ``pyproject.toml``. Its codes are the
ones ``vietnam-provinces`` gives the 2025 map (:mod:`htxlib.data.admin_map`), so the two
join by code. Only its data files are read (a SQLite file and a JSON file): its own modules
would load geocoders and shapes that the toolkit does not use.

The crosswalk says which new communes a divided former commune went to, and which of them
holds its seat, but not in what shares: a figure of a divided commune is never split here.
"""

from __future__ import annotations

import importlib.util
import json
import sqlite3
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from htxlib.data.parsing import bare

#: The package whose data files hold the crosswalk.
PACKAGE = "vietnamadminunits"


class CrosswalkMissing(RuntimeError):
    """The crosswalk's package is not installed; the message says how to install it."""


@dataclass(frozen=True)
class Successor:
    """A new commune a former one became (part of).

    Attributes
    ----------
    code : int
        Its code on the 2025 map.
    name : str
        Its name ("Xã Thượng Lâm").
    seat : bool
        For a divided former commune: whether this one holds the former commune's seat (the
        crosswalk's default for an address that names nothing finer).
    """

    code: int
    name: str
    seat: bool = True


@dataclass(frozen=True)
class FormerCommune:
    """A commune of the map before 01/07/2025.

    Attributes
    ----------
    code : str
        Its five-digit code.
    name, district, province : str
        Its full names ("Xã Thượng Lâm", "Huyện Lâm Bình", "Tỉnh Tuyên Quang").
    now : tuple of Successor
        The new communes it became: one, or each one it was divided between.
    """

    code: str
    name: str
    district: str
    province: str
    now: tuple[Successor, ...]

    @property
    def divided(self) -> bool:
        """Whether it was divided between several new communes."""
        return len(self.now) > 1


def _data_folder() -> Path:
    """Find the package's data folder without importing the package."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        from htxlib.messages import _

        raise CrosswalkMissing(
            _("the map before 01/07/2025 needs the package {package}: run make setup").format(
                package=PACKAGE
            )
        )
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _key(name: str) -> str:
    """Return the crosswalk's key of a name: "Xã Thượng Lâm" → "xathuonglam"."""
    return bare(name).replace(" ", "")


@cache
def former_communes() -> tuple[FormerCommune, ...]:
    """Every commune of the former map with the new communes it became, in code order."""
    folder = _data_folder()
    with sqlite3.connect(f"file:{folder / 'dataset.db'}?mode=ro", uri=True) as db:
        old = db.execute(
            "select province, district, ward, wardCode from admin_units_legacy order by wardCode"
        ).fetchall()
        new = db.execute("select provinceKey, wardKey, ward, wardCode from admin_units").fetchall()
    named = {(province, ward): (int(code), name) for province, ward, name, code in new}
    crosswalk = json.loads((folder / "converter_2025.json").read_text(encoding="utf-8"))
    whole = {
        old_key: (province, ward)
        for province, wards in crosswalk["DICT_PROVINCE_WARD_NO_DIVIDED"].items()
        for ward, olds in wards.items()
        for old_key in olds
    }
    divided = {
        old_key: (province, parts)
        for province, wards in crosswalk["DICT_PROVINCE_WARD_DIVIDED"].items()
        for old_key, parts in wards.items()
    }
    found = []
    for province, district, ward, code in old:
        key = f"{_key(province)}_{_key(district)}_{_key(ward)}"
        now: list[Successor] = []
        if key in whole:
            target = named.get(whole[key])
            now = [Successor(*target)] if target else []
        elif key in divided:
            new_province, parts = divided[key]
            for part in parts:
                target = named.get((new_province, part["newWardKey"]))
                if target:
                    now.append(Successor(*target, seat=bool(part.get("isDefaultNewWard"))))
        found.append(FormerCommune(str(code), ward, district, province, tuple(now)))
    return tuple(found)


@cache
def _by_code() -> dict[str, FormerCommune]:
    return {c.code: c for c in former_communes()}


def former_commune(code: str | int) -> FormerCommune | None:
    """Return the former commune with this code (five digits, or a number), or None."""
    return _by_code().get(f"{int(code):05d}")


def short_name(name: str) -> str:
    """Fold a name without its level words ("Huyện Lâm Bình", "TT Lim" → "lam binh", "lim")."""
    words = bare(name).split()
    levels = ("thanh pho", "thi xa", "thi tran", "tinh", "huyen", "quan", "xa", "phuong", "tt")
    for level in levels:
        parts = level.split()
        if words[: len(parts)] == parts:
            return " ".join(words[len(parts) :])
    return " ".join(words)


def search(text: str) -> list[FormerCommune]:
    """List the former communes named by ``text``: their name, with their district or province.

    ``text`` may name the commune alone ("thượng lâm"), or with its former district or
    province ("Thượng Lâm Lâm Bình"), with or without diacritics.
    """
    wanted = short_name(text)
    if not wanted:
        return []
    found = []
    for commune in former_communes():
        name, district, province = (short_name(commune.name), short_name(commune.district),
                                    short_name(commune.province))  # fmt: skip
        spoken = (name, f"{name} {district}", f"{name} {province}", f"{name} {district} {province}")
        if wanted in spoken or (len(wanted) > 3 and wanted in name):
            found.append(commune)
    return found


def district_communes(text: str) -> dict[tuple[str, str], list[FormerCommune]]:
    """Return the former districts named by ``text``, each with its communes.

    Keyed by (district, province) as the former map names them.
    """
    wanted = short_name(text)
    found: dict[tuple[str, str], list[FormerCommune]] = {}
    if not wanted:
        return found
    for commune in former_communes():
        district, province = short_name(commune.district), short_name(commune.province)
        if wanted in (district, f"{district} {province}"):
            found.setdefault((commune.district, commune.province), []).append(commune)
    return found


def predecessors(code: int) -> list[FormerCommune]:
    """Return the former communes that became (part of) the new commune ``code``."""
    return [c for c in former_communes() if any(s.code == int(code) for s in c.now)]


def lower_name(name: str) -> str:
    """Write a unit's name mid-sentence: its level word in lower case ("xã Thượng Lâm")."""
    from htxlib.formatting import lower_first

    return lower_first(name)


def describe(commune: FormerCommune) -> str:
    r"""Say what a former commune became, in one line.

    Examples
    --------
    >>> print(describe(former_commune("02269")).replace(", tỉnh", ",\n  tỉnh"))
    xã Thượng Lâm (huyện Lâm Bình,
      tỉnh Tuyên Quang, trước 01/07/2025) → nay thuộc xã Thượng Lâm (02269)
    """
    from htxlib.messages import _

    where = _("{name} ({district}, {province}, before 01/07/2025)").format(
        name=lower_name(commune.name),
        district=lower_name(commune.district),
        province=lower_name(commune.province),
    )
    if not commune.now:
        return _("{where} → not in the crosswalk to the 2025 map").format(where=where)
    parts = [f"{lower_name(s.name)} ({s.code:05d})" for s in commune.now]
    if not commune.divided:
        return _("{where} → now part of {new}").format(where=where, new=parts[0])
    seat = next((f"{lower_name(s.name)} ({s.code:05d})" for s in commune.now if s.seat), parts[0])
    return _("{where} → divided between {new} (its former seat: {seat})").format(
        where=where, new=", ".join(parts), seat=seat
    )


def describe_district(district: str, province: str, communes: list[FormerCommune]) -> list[str]:
    """Say what a former district's communes became: a heading line, then one line each."""
    from htxlib.messages import _

    head = _("{district} ({province}, before 01/07/2025): {count} communes").format(
        district=lower_name(district), province=lower_name(province), count=f"{len(communes):02d}"
    )
    return [head, *(f"  {describe(c)}" for c in communes)]
