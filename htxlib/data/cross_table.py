"""Checks across rows and tables: ids that must exist, dates in order, parts within wholes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace

import pandas as pd

from htxlib.data.name_checks import names_confusable, names_unique
from htxlib.data.problems import Problem
from htxlib.data.target_bounds import target_bounds
from htxlib.formatting import number
from htxlib.messages import N_, _

MANAGER_PARTS = ("managers_university", "managers_vocational", "managers_untrained")


def _founded(ds, frame: pd.DataFrame) -> pd.Series:
    """Return the founding date of each row's entity (a join on entity_id; NaT when unknown)."""
    dates = ds.entities.drop_duplicates("entity_id").set_index("entity_id")["founded_on"]
    found = dates.reindex(frame["entity_id"].to_numpy()).to_numpy()
    return pd.Series(found, index=frame.index, dtype="datetime64[ns]")


#: Up to how many ids a registry may hold for an unknown id to get the closest one suggested
#: (a national registry's 35.000 ids would make each suggestion a long search).
SUGGEST_UP_TO = 5000


def _unknown_ids(ds, loc) -> Iterator[Problem]:
    ids = ds.entities["entity_id"]
    known = [str(i) for i in ids.dropna().unique()] if len(ids) <= SUGGEST_UP_TO else []
    for table in ("aliases", "status_events", "annual", "rating_scores", "ocop"):
        given = ds.tables[table]["entity_id"].dropna()
        for row, entity_id in given[~given.isin(ids)].items():
            yield loc.problem(table, row, "entity_id", entity_id, _unknown_id(entity_id, known))
    kinds = ds.entities.drop_duplicates("entity_id").set_index("entity_id")["kind"]
    unions = ds.entities["union_id"].dropna()
    for row, union_id in unions[unions.map(kinds) != "LHHTX"].items():
        yield loc.problem(
            "entities", row, "union_id", union_id, N_("not the entity_id of an LH HTX")
        )
    owners = ds.ocop["entity_id"].dropna()
    owner_kinds = owners.map(kinds)
    for row, owner in owners[owner_kinds.notna() & ~owner_kinds.isin(["HTX", "LHHTX"])].items():
        yield loc.problem("ocop", row, "entity_id", owner, N_("owner is not an HTX"))


def _required_by_kind(ds, loc) -> Iterator[Problem]:
    entities = ds.entities
    registered = entities["kind"].isin(["HTX", "LHHTX"])
    no_date = registered & entities["founded_on"].isna()
    joins = ~registered & entities["union_id"].notna()
    # a sector may be unknown: such HTX are a group of their own, never a sector
    for row in entities.index[no_date | joins]:  # row order, as a reader checks
        if no_date[row]:
            yield loc.problem(
                "entities", row, "founded_on", None, N_("required for HTX and LH HTX")
            )
        if joins[row]:
            yield loc.problem(
                "entities",
                row,
                "union_id",
                entities.at[row, "union_id"],
                N_("only an HTX joins an LH HTX"),
            )


def _dates_in_order(ds, loc) -> Iterator[Problem]:
    checks = (
        ("entities", "founded_on", "dissolved_on", N_("dissolution before founding")),
        ("status_events", "start_date", "end_date", N_("end before start")),
        ("periods", "period_start", "cutoff_date", N_("cutoff before period start")),
        ("support", "period_start", "period_end", N_("end before start")),
    )
    for table, first, last, rule in checks:
        frame = ds.tables[table]
        for row in frame.index[frame[last] < frame[first]]:
            yield loc.problem(table, row, last, frame.at[row, last], rule)
    events = ds.status_events
    early = events["start_date"] < _founded(ds, events)
    for row in events.index[early]:
        yield loc.problem(
            "status_events", row, "start_date", events.at[row, "start_date"], N_("before founding")
        )
    annual = ds.annual
    before = annual["year"] < _founded(ds, annual).dt.year
    for row in annual.index[before.fillna(False).astype(bool)]:
        yield loc.problem("annual", row, "year", annual.at[row, "year"], N_("year before founding"))
    periods = ds.periods
    for row in periods.index[periods["cutoff_date"].dt.year != periods["year"]]:
        yield loc.problem(
            "periods", row, "cutoff_date", periods.at[row, "cutoff_date"], N_("not in the year")
        )
    from htxlib.data.years import year_outside

    for column in ("year", "plan_year"):  # a report's years, said as every command says them
        for row, year in periods[column].dropna().items():
            if year_outside(int(year)):
                yield loc.problem("periods", row, column, year, year_outside(int(year)))


def _part_within_whole(frame: pd.DataFrame, part: str, whole: str) -> pd.Index:
    both = frame[part].notna() & frame[whole].notna()
    return frame.index[both & (frame[part] > frame[whole])]


def _parts_within_wholes(ds, loc) -> Iterator[Problem]:
    pairs = (
        ("annual", "new_members", "members"),
        ("annual", "workers_members", "workers"),
        ("support", "dossiers_appraised", "dossiers_received"),
        ("support", "loans_outstanding", "loans_disbursed"),
    )
    for table, part, whole in pairs:
        frame = ds.tables[table]
        for row in _part_within_whole(frame, part, whole):
            rule = _("larger than {whole} ({value})").format(
                whole=whole, value=frame.at[row, whole]
            )
            yield loc.problem(table, row, part, frame.at[row, part], rule)
    annual = ds.annual
    given = annual[list(MANAGER_PARTS)].notna().any(axis=1) & annual["managers"].notna()
    total = annual[list(MANAGER_PARTS)].fillna(0).sum(axis=1)
    for row in annual.index[given & (total != annual["managers"])]:
        rule = _("managers by training level add up to {parts}, not {whole}").format(
            parts=total[row], whole=annual.at[row, "managers"]
        )
        yield loc.problem("annual", row, "managers", annual.at[row, "managers"], rule)
    support = ds.support
    decided = support["dossiers_eligible"].fillna(0) + support["dossiers_not_eligible"].fillna(0)
    has = support["dossiers_appraised"].notna()
    for row in support.index[has & (decided > support["dossiers_appraised"])]:
        rule = _("eligible + not eligible ({value}) exceed dossiers appraised").format(
            value=decided[row]
        )
        yield loc.problem(
            "support", row, "dossiers_eligible", support.at[row, "dossiers_eligible"], rule
        )


def _one_unit(ds, loc) -> Iterator[Problem]:
    from htxlib.data.unit import SLUG_LENGTH, is_slug, slug

    if len(ds.unit) != 1:
        yield loc.problem(
            "unit", None, "unit_id", len(ds.unit), N_("the unit table must have exactly one row")
        )
    for row, unit_id in ds.unit["unit_id"].dropna().items():
        if not is_slug(str(unit_id)):
            suggestion = slug(str(unit_id)) or "don-vi"
            rule = _(
                "a unit id names the report's folder: lowercase letters a-z, digits and hyphens, "
                "at most {length} characters; write for example '{suggestion}'"
            ).format(length=SLUG_LENGTH, suggestion=suggestion)
            yield loc.problem("unit", row, "unit_id", unit_id, rule)


def _unknown_id(entity_id, known: list[str]) -> str:
    """Say that an id is not in the registry, with the closest one when one is close."""
    from difflib import get_close_matches

    close = get_close_matches(str(entity_id), known, n=1, cutoff=0.75) if known else []
    if close:
        # quoted as the id itself is: a value of the user's, not a word of the message
        return _("unknown entity_id (not in entities); did you mean {close}?").format(
            close=f"'{close[0]}'"
        )
    return N_("unknown entity_id (not in entities)")


def _on_the_map(ds, loc) -> Iterator[Problem]:
    """Check the unit against the 2025 map, and resolve its entities' communes.

    A unit with a code must match the map in name, level and province. A unit without one
    is looked up by name; if the map does not have it, a warning says so (a former district
    is a historical unit and is not looked up). In a province on the map, every entity's
    commune must name (or code) one of its communes.
    """
    from htxlib.data import admin_map
    from htxlib.data.codes import LEVELS

    if len(ds.unit) != 1:
        return
    row = ds.unit.index[0]
    info = ds.unit.iloc[0]
    level, code = info["level"], info["code"]
    ended = info.get("ended_on")
    if ended is not None and pd.notna(ended) and ended < pd.Timestamp(admin_map.MERGER_DATE):
        yield from _on_the_former_map(info, loc.problem, row)
        return
    if level not in (*admin_map.PROVINCE_LEVELS, *admin_map.COMMUNE_LEVELS):
        return  # a former district: its own map, not the current one
    given = isinstance(code, str) and code.strip() != ""
    try:
        if level in admin_map.PROVINCE_LEVELS:
            found = admin_map.province(code if given else info["name"])
            parent = found
        else:
            parent = admin_map.province(info["province"]) if pd.notna(info["province"]) else None
            found = admin_map.commune(
                code if given else info["name"], parent.code if parent else None
            )
    except admin_map.MapError as err:
        column, value = ("code", code) if given else ("name", info["name"])
        problem = loc.problem("unit", row, column, value, str(err))
        if given:
            yield problem
        else:
            yield replace(problem, warning=True)  # usable all the same
        return
    if given:
        if admin_map.bare_name(info["name"]) != found.short:
            rule = _("the map names unit {code} '{name}'").format(code=code, name=found.name)
            yield loc.problem("unit", row, "name", info["name"], rule)
        if level != found.level:
            rule = _("unit {code} is a {level} on the map").format(
                code=code, level=LEVELS[found.level]
            )
            yield loc.problem("unit", row, "level", level, rule)
    if level not in admin_map.PROVINCE_LEVELS:
        return
    # Data whose every period ends before the 2025 merger names communes as they were then:
    # the package holds only the new map, so such a name is kept as written, with a warning.
    old_map = _before_the_merger(ds)
    became: dict[str, str] = {}  # many HTX name one former commune: looked up once
    for entity_row, name in ds.entities["commune"].dropna().items():
        try:
            admin_map.commune(name, parent.code)
        except admin_map.MapError as err:
            problem = loc.problem("entities", entity_row, "commune", name, str(err))
            if old_map:
                rule = _(
                    "not a commune of the 2025 map; the data is dated before {date}, so the name "
                    "is kept as written (a commune before the merger)"
                ).format(date=admin_map.MERGER_DATE.strftime("%d/%m/%Y"))
                if name not in became:
                    became[name] = _former_commune_became(name, parent.code)
                said = f"{rule}: {became[name]}" if became[name] else rule
                problem = replace(problem, rule=said, warning=True)
            yield problem


def _on_the_former_map(info, problem, row) -> Iterator[Problem]:
    """Check a former commune against the map before 01/07/2025: its code and name.

    A code must be a former commune of that name. Without one, a name that the former map
    does not hold in the province is a warning (units merged in earlier rounds are not on it).
    A former province or district is a historical unit and is not looked up.
    """
    from htxlib.data import former_map

    if info["level"] not in ("xa", "phuong", "thi_tran"):
        return
    code, name, province = info["code"], str(info["name"]), info.get("province")
    try:
        if isinstance(code, str) and code.strip():
            found = former_map.former_commune(code) if code.strip().isdigit() else None
            if found is None:
                rule = _("no commune with code {code} on the map before 01/07/2025").format(
                    code=code
                )
                yield problem("unit", row, "code", code, rule)
            elif former_map.short_name(found.name) != former_map.short_name(name):
                rule = _("the map before 01/07/2025 names commune {code} '{name}'").format(
                    code=code, name=found.name
                )
                yield problem("unit", row, "name", name, rule)
            return
        where = f"{name} {province}" if isinstance(province, str) and province else name
        if not former_map.search(where):
            rule = _("not a commune of the map before 01/07/2025 (kept as written)")
            yield replace(problem("unit", row, "name", name, rule), warning=True)
    except former_map.CrosswalkMissing as err:
        yield replace(problem("unit", row, "name", name, str(err)), warning=True)


def _former_commune_became(name: str, province_code: int) -> str:
    """Say what the former commune ``name`` of a province became ("" when none is found).

    Only communes that became part of the province's communes are candidates; a divided
    one names each new commune, for the user to write the one the HTX is in.
    """
    from htxlib.data import admin_map, former_map

    try:
        found = former_map.search(name)
    except former_map.CrosswalkMissing:
        return ""
    communes = admin_map.communes()
    mine = [
        c
        for c in found
        if any(s.code in communes and communes[s.code].province == province_code for s in c.now)
    ]
    return "; ".join(former_map.describe(c) for c in mine[:5])


def _before_the_merger(ds) -> bool:
    """Return True when every period of the data ends before the 2025 map took effect."""
    from htxlib.data import admin_map

    cutoffs = pd.to_datetime(ds.periods["cutoff_date"], errors="coerce").dropna()
    return not cutoffs.empty and bool((cutoffs < pd.Timestamp(admin_map.MERGER_DATE)).all())


def _provenance_targets(ds, loc) -> Iterator[Problem]:
    from htxlib.data.codebook import TABLES

    for row, record in ds.provenance.iterrows():
        table = TABLES.get(record["table"])
        if table is None:
            yield loc.problem("provenance", row, "table", record["table"], N_("unknown table"))
        elif record["field"] not in table.names:
            yield loc.problem(
                "provenance",
                row,
                "field",
                record["field"],
                _("no such column in {table}").format(table=table.name),
            )


#: Annual columns that hold full-year values, even at a mid-year cutoff.
FULL_YEAR = ("revenue", "profit", "member_income")
#: A mid-year full-year value below this share of the year before looks like an amount to date.
FULL_YEAR_FLOOR = 0.6


def typed_to_date(ds, year: int, column: str) -> tuple[int, float, float] | None:
    """Whether a year's full-year values of ``column`` look typed to date, on the same HTX.

    Revenue, profit and member income are values of the whole year. The HTX that give the
    value in both years are compared, each with itself: averages over different HTX (a new
    small one, a large one that stopped reporting) say nothing of how the values were typed.

    Returns
    -------
    tuple or None
        (HTX compared, their average this year, their average the year before) when the
        average is below :data:`FULL_YEAR_FLOOR` of the year before's; else None.
    """
    annual = ds.annual
    now = annual.loc[annual["year"] == year, ["entity_id", column]].dropna()
    before = annual.loc[annual["year"] == year - 1, ["entity_id", column]].dropna()
    pairs = now.merge(before, on="entity_id", suffixes=("_now", "_before"))
    if pairs.empty:
        return None
    current, previous = pairs[f"{column}_now"].mean(), pairs[f"{column}_before"].mean()
    if previous <= 0 or current >= FULL_YEAR_FLOOR * previous:
        return None
    return len(pairs), float(current), float(previous)


def _full_year_values(ds, loc) -> Iterator[Problem]:
    """Warn where a mid-year year's full-year values look like amounts to date."""
    for year, cutoff in zip(ds.periods["year"], ds.periods["cutoff_date"], strict=True):
        year, cutoff = int(year), pd.Timestamp(cutoff)
        if (cutoff.month, cutoff.day) == (12, 31):
            continue
        for column in FULL_YEAR:
            found = typed_to_date(ds, year, column)
            if found is None:
                continue
            count, now, before = found
            rule = _(
                "the {year} values to {cutoff} of the {count} HTX that give both years "
                "average {now}, against {before} in {last}: this column holds the value of "
                "the whole year (the year's expected value at a mid-year cutoff), not the "
                "amount to date"
            ).format(
                year=year,
                cutoff=cutoff.strftime("%d/%m/%Y"),
                count=count,
                now=number(now, 1),
                before=number(before, 1),
                last=year - 1,
            )
            yield replace(loc.problem("annual", None, column, "", rule), warning=True)


def _issued_after_cutoff(ds, loc) -> Iterator[Problem]:
    """Warn where a plan is dated before its data's cutoff: it would state later figures."""
    document = ds.tables["document"]
    if document.empty or "issued_on" not in document:
        return
    cutoffs = dict(zip(ds.periods["year"], ds.periods["cutoff_date"], strict=True))
    for row, record in document.iterrows():
        issued, cutoff = record["issued_on"], cutoffs.get(record["year"])
        if pd.isna(issued) or cutoff is None or pd.isna(cutoff) or issued >= cutoff:
            continue
        rule = _(
            "the plan is dated {issued}, before the cutoff of its data, {cutoff}: a plan cannot "
            "state figures dated after its issue; check the date of issue or the cutoff"
        ).format(issued=issued.strftime("%d/%m/%Y"), cutoff=cutoff.strftime("%d/%m/%Y"))
        yield replace(loc.problem("document", row, "issued_on", issued, rule), warning=True)


CHECKS: tuple[Callable, ...] = (
    _one_unit,
    _unknown_ids,
    names_unique,
    names_confusable,
    _required_by_kind,
    _dates_in_order,
    _parts_within_wholes,
    _provenance_targets,
    target_bounds,
    _on_the_map,
    _full_year_values,
    _issued_after_cutoff,
)


def cross_table_problems(ds, loc) -> list[Problem]:
    """Run every cross-table check.

    Parameters
    ----------
    ds : Dataset
        Tables that passed the per-table schema checks.
    loc : Locator
        Maps (table, row, column) to the file and header.

    Returns
    -------
    list of Problem
        Empty when the data is consistent; warnings (``Problem.warning``) do not stop a run.
    """
    return [problem for check in CHECKS for problem in check(ds, loc)]
