"""`htx map`: find a unit's official code on the 2025 map, or what a former name is now."""

from __future__ import annotations

import argparse

from htxlib.commands.common import (
    EXIT_USAGE,
    echo,
    say,
)
from htxlib.messages import _


def add(sub) -> None:
    """Add the ``map`` command to the ``htx`` parser's sub-commands."""
    mp = sub.add_parser(
        "map",
        help=_(
            "find a unit's official code on the 2025 map: the provinces, a province's "
            "communes, or the names that contain a word (with or without diacritics); a name "
            "of the map before 01/07/2025 (a former commune or district) says what it is now"
        ),
    )
    mp.add_argument("name", nargs="?", default="", help=_("part of a name, e.g. 'thuong lam'"))
    mp.add_argument("--province", help=_("a province's code or name: list its communes"))
    mp.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run ``htx map``; return its exit status."""
    from htxlib.data import admin_map

    try:
        province = admin_map.province(args.province) if args.province else None
    except admin_map.MapError as err:
        say(str(err))
        return EXIT_USAGE
    found = admin_map.search(args.name, province.code if province else None)
    # a name of the map before 01/07/2025: what it is now (not with --province, which lists
    # a province of the 2025 map)
    former, districts = [], {}
    if args.name and not province:
        from htxlib.data import former_map

        former = former_map.search(args.name)
        districts = former_map.district_communes(args.name)
    if not found and not former and not districts:
        closest = admin_map.closest_names(args.name)
        if closest:
            say(
                _(
                    "no unit of the 2025 map, nor of the map before 01/07/2025, has '{name}' in "
                    "its name; the closest: {closest}"
                ).format(name=args.name, closest=", ".join(closest))
            )
        else:
            say(_("no unit on the 2025 map has '{name}' in its name").format(name=args.name))
        return EXIT_USAGE
    provinces = admin_map.provinces()
    if found and (former or districts):
        echo(_("on the 2025 map:"))
    for division in found:
        where = f"  ({provinces[division.province].name})" if division.province else ""
        echo(f"{admin_map.shown_code(division)}  {division.name}{where}")
    if former or districts:
        echo(_("on the map before 01/07/2025:"))
    for commune in former:
        # its former code first, as the 2025 map's lines: a former unit's unit.csv gives it
        echo(f"{commune.code}  {former_map.describe(commune)}")
    for (district, former_province), communes in districts.items():
        echo("\n".join(former_map.describe_district(district, former_province, communes)))
    return 0
