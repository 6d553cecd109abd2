"""How a reporting unit is named in prose."""

from __future__ import annotations

from dataclasses import dataclass

from htxlib.codes import LEVELS


@dataclass(frozen=True)
class Unit:
    """How a unit is named in prose.

    Attributes
    ----------
    unit_id, name, level, province, issuing_body : str
        From the ``unit`` table.
    """

    unit_id: str
    name: str
    level: str
    province: str
    issuing_body: str

    @property
    def full_name(self) -> str:
        """Level and name, e.g. "huyện Văn Quan", "xã Tân Lập"."""
        return f"{LEVELS[self.level]} {self.name}"


def unit_of(ds) -> Unit:
    """Return the unit's names as prose uses them."""
    info = ds.unit_info
    return Unit(
        unit_id=str(info["unit_id"]),
        name=str(info["name"]),
        level=str(info["level"]),
        province=str(info.get("province") or ""),
        issuing_body=str(info.get("issuing_body") or ""),
    )
