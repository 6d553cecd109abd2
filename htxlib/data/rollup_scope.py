"""How much of its territory a parent's children cover: "03 trong số 65 đơn vị cấp xã".

A province built from some of its communes holds their HTX, not the province's: its report
says how many of how many units its figures come from, and never calls their sum the
province's total. The number of units comes from the map of the children's time: the map
in force since 01/07/2025, or, for children that are former units still in force at the
report's time, the map before it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Scope:
    """How many of the parent's units of one tier its figures come from.

    Attributes
    ----------
    covered : int
        Children that loaded.
    of : int
        Units of that tier the parent has on the map of the children's time.
    tier : str
        "đơn vị cấp xã" or "đơn vị cấp huyện".
    """

    covered: int
    of: int
    tier: str

    @property
    def partial(self) -> bool:
        """Whether the children are some of the parent's units, not all."""
        return self.covered < self.of

    @property
    def note(self) -> str:
        """The scope as a clause: "số liệu của 03 trong số 65 đơn vị cấp xã"."""
        from htxlib.formatting import count

        return f"số liệu của {count(self.covered)} trong số {count(self.of)} {self.tier}"


def _units_on_the_map(unit, tier: str, former: bool) -> int | None:
    """Count the units of ``tier`` in a province, on the former map or the 2025 one."""
    from htxlib.data import admin_map, former_map

    try:
        if not former:
            if tier != "xã" or not unit.code.isdigit():
                return None
            return sum(1 for c in admin_map.communes().values() if c.province == int(unit.code))
        communes = [
            c
            for c in former_map.former_communes()
            if former_map.short_name(c.province) == former_map.short_name(unit.name)
        ]
    except (admin_map.MapError, former_map.CrosswalkMissing):
        return None
    if not communes:
        return None
    return len(communes) if tier == "xã" else len({c.district for c in communes})


def children_scope(ds, unit, children: list, tier: str) -> Scope | None:
    """Return how much of a province its children cover, None when it cannot be told.

    Only a province (``unit``, its names) with no registry of its own, whose children
    (``children``, the loaded children's names, all of the ``tier`` named) are all current
    at once (all on the 2025 map, or all former units), is counted.
    """
    if unit.tier != "tỉnh" or not children:
        return None
    if "unit_of" in ds.entities and (ds.entities["unit_of"] == unit.unit_id).any():
        return None  # a registry of its own: the children are not all it holds
    former = {u.ended_on is not None for u in children}
    if len(former) != 1 or tier == "đơn vị":
        return None
    of = _units_on_the_map(unit, children[0].tier, former.pop())
    return Scope(len(children), of, tier) if of else None
