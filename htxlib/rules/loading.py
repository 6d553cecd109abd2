"""Legal rules kept as data: the YAML files in ``htxlib/rules`` (or any file a caller names).

A new regulation is an edit of a rule file (plus a test), not a code change. Loading
checks the structure and says which file and key is wrong.
"""

from __future__ import annotations

import datetime as dt
import pickle
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd
import yaml

from htxlib import formatting

RULES_DIR = Path(__file__).resolve().parent


class RuleFileError(ValueError):
    """A rule file is missing a key or holds an impossible value."""


def load_yaml(name_or_path: str | Path) -> dict:
    """Read a rule file: a name in ``htxlib/rules`` (``"rating"``) or a path to a YAML file.

    Each call returns its own copy, so a caller may change it. The file is parsed again only
    when it changes: figures ask for the same rules once per year and indicator.
    """
    path = Path(name_or_path)
    if path.suffix not in (".yaml", ".yml"):
        path = RULES_DIR / f"{name_or_path}.yaml"
    try:
        stat = path.stat()
    except OSError as err:
        raise RuleFileError(f"{path}: cannot be read: {err}") from err
    return pickle.loads(_parsed(path, stat.st_mtime_ns, stat.st_size))  # noqa: S301 - ours


@lru_cache(maxsize=64)
def _parsed(path: Path, mtime_ns: int, size: int) -> bytes:
    # kept pickled: unpickling is a deep copy several times faster than copy.deepcopy
    # the C parser when PyYAML has it: the same documents, several times faster
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506 - safe
    except (OSError, yaml.YAMLError) as err:
        raise RuleFileError(f"{path}: cannot be read: {err}") from err
    if not isinstance(data, dict):
        raise RuleFileError(f"{path}: expected a mapping at the top level")
    data["_path"] = str(path)
    return pickle.dumps(data)


def _need(data: dict, key: str, where: str):
    if key not in data:
        raise RuleFileError(f"{where}: missing key '{key}'")
    return data[key]


def in_force(rule: dict, when: pd.Timestamp) -> bool:
    """Whether a rule (with optional ``valid_from`` / ``valid_to``) applies on a date."""
    start, end = rule.get("valid_from"), rule.get("valid_to")
    if start is not None and pd.Timestamp(start) > when:
        return False
    return end is None or pd.Timestamp(end) >= when


def longer_than(start, end, months: int):
    """Whether the span from ``start`` to ``end``, both days included, exceeds ``months`` months.

    ``start`` and ``end`` are Timestamps (a bool is returned) or Series of them (a Series).
    """
    return end + pd.Timedelta(days=1) > start + pd.DateOffset(months=months)


def _date(value) -> str:
    if isinstance(value, dt.date):
        return formatting.date(value)
    return "" if value is None else str(value)


@dataclass(frozen=True)
class Criterion:
    """A rating criterion: number, group, name, maximum (None when unconfirmed)."""

    id: int
    group: str
    name: str
    max: float | None
    confirmed: bool


@dataclass(frozen=True)
class RatingRules:
    """The rating rules of one regulation.

    Attributes
    ----------
    id, document, basis : str
        Identifier and citation.
    valid_from : str
        Date it applies from (as documents write it), empty when unknown.
    valid_to : str
        Last day it applies (dd/mm/yyyy), empty while in force.
    repealed_by : str
        The document that repealed it, empty while in force.
    rating_date : tuple of int
        (month, day) of the rating in the rated year.
    groups : dict
        Group id to its maximum points.
    criteria : tuple of Criterion
        The criteria.
    thresholds : tuple of (str, float)
        (rating, lowest total) from the best class down.
    not_rated : dict
        Not-rated rule id to its parameters (``text``, ``months``, ``sectors``).
    path : str
        File the rules came from.
    """

    id: str
    document: str
    basis: str
    valid_from: str
    valid_to: str
    rating_date: tuple[int, int]
    groups: dict[str, float]
    criteria: tuple[Criterion, ...]
    thresholds: tuple[tuple[str, float], ...]
    not_rated: dict[str, dict]
    path: str
    repealed_by: str = ""

    @property
    def unconfirmed(self) -> list[str]:
        """Names of the criteria whose maximum could not be confirmed."""
        return [c.name for c in self.criteria if not c.confirmed]

    def date_in(self, year: int) -> pd.Timestamp:
        """Return the rating date of a year."""
        month, day = self.rating_date
        return pd.Timestamp(year=year, month=month, day=day)

    @property
    def repealed_from(self) -> str:
        """The first day the rules no longer apply (dd/mm/yyyy), empty while in force."""
        if not self.valid_to:
            return ""
        last = pd.to_datetime(self.valid_to, dayfirst=True)
        return formatting.date(last + pd.Timedelta(days=1))

    def applies_on(self, when) -> bool:
        """Whether a rating made on ``when`` falls under these rules (inside their validity)."""
        span = {
            "valid_from": pd.to_datetime(self.valid_from, dayfirst=True)
            if self.valid_from
            else None,
            "valid_to": pd.to_datetime(self.valid_to, dayfirst=True) if self.valid_to else None,
        }
        return in_force(span, pd.Timestamp(when))

    def applies_to(self, year: int) -> bool:
        """Whether a year's rating (made on its rating date) falls under these rules."""
        return self.applies_on(self.date_in(year))

    def standing(self, year: int) -> str:
        """Where a year's rating stands against these rules: "before", "in force" or "after"."""
        if self.applies_to(year):
            return "in force"
        start = pd.to_datetime(self.valid_from, dayfirst=True) if self.valid_from else None
        return "before" if start is not None and self.date_in(year) < start else "after"


def rating_rules(source: str | Path = "rating") -> RatingRules:
    """Load and check rating rules.

    Parameters
    ----------
    source : str or Path
        A rule file name in ``htxlib/rules`` or a path.

    Raises
    ------
    RuleFileError
        Missing keys, thresholds not in descending order, criteria over their group's points.
    """
    data = load_yaml(source)
    where = data["_path"]
    groups = {str(g["id"]): float(g["max"]) for g in _need(data, "groups", where)}
    criteria = []
    for c in _need(data, "criteria", where):
        group = str(_need(c, "group", f"{where}: criterion {c.get('id')}"))
        if group not in groups:
            raise RuleFileError(f"{where}: criterion {c.get('id')} names unknown group '{group}'")
        maximum = c.get("max")
        criteria.append(
            Criterion(
                int(c["id"]),
                group,
                str(c.get("name", "")),
                None if maximum is None else float(maximum),
                bool(c.get("confirmed", True)),
            )
        )
    for group, top in groups.items():
        known = sum(c.max or 0 for c in criteria if c.group == group)
        if known > top:
            raise RuleFileError(f"{where}: criteria of group {group} exceed its {top:g} points")
    thresholds = tuple(
        (str(t["rating"]), float(t["min"])) for t in _need(data, "thresholds", where)
    )
    mins = [m for _, m in thresholds]
    if mins != sorted(mins, reverse=True):
        raise RuleFileError(f"{where}: thresholds must go from the best class down")
    date = _need(data, "rating_date", where)
    return RatingRules(
        id=str(_need(data, "id", where)),
        document=str(_need(data, "document", where)),
        basis=str(data.get("basis", "")),
        valid_from=_date(data.get("valid_from")),
        valid_to=_date(data.get("valid_to")),
        rating_date=(int(date["month"]), int(date["day"])),
        groups=groups,
        criteria=tuple(criteria),
        thresholds=thresholds,
        not_rated={str(r["id"]): r for r in _need(data, "not_rated", where)},
        path=where,
        repealed_by=str(data.get("repealed_by") or ""),
    )


def size_schemes(source: str | Path = "size", on=None) -> list[dict]:
    """Load the size-class schemes (each with its citation, classes and validity).

    With ``on`` (a date), only the schemes in force on that day: a scheme is applied and
    cited only inside its validity.
    """
    data = load_yaml(source)
    schemes = _need(data, "schemes", data["_path"])
    for scheme in schemes:
        for key in ("id", "document", "measure"):
            _need(scheme, key, f"{data['_path']}: scheme {scheme.get('id')}")
    if on is not None:
        schemes = [s for s in schemes if in_force(s, pd.Timestamp(on))]
    return schemes


def legal_documents(source: str | Path = "legal_documents") -> dict[str, dict]:
    """Load the legal documents the rules cite, by id (title, number, date, issuer, validity)."""
    data = load_yaml(source)
    documents = _need(data, "documents", data["_path"])
    for key, document in documents.items():
        for field in ("title", "number", "issued_on", "issuer"):
            _need(document, field, f"{data['_path']}: document {key}")
    return documents


def cited(cites: dict, documents: dict[str, dict], where: str) -> str:
    """Write a citation in full, as plans write it.

    Parameters
    ----------
    cites : dict
        ``document`` (an id of :func:`legal_documents`), optional ``article`` and ``clause``.
    documents : dict
        The legal documents by id.
    where : str
        The rule file and rule, for the error message.

    Examples
    --------
    >>> law = {"title": "Luật Hợp tác xã", "number": "17/2023/QH15",
    ...        "issued_on": dt.date(2023, 6, 20), "issuer": "Quốc hội"}
    >>> cited({"document": "law", "article": 4, "clause": 7}, {"law": law}, "")
    'khoản 7 Điều 4 Luật Hợp tác xã số 17/2023/QH15 ngày 20/06/2023 của Quốc hội'
    """
    key = _need(cites, "document", where)
    if key not in documents:
        raise RuleFileError(f"{where}: cites unknown document '{key}'")
    doc = documents[key]
    parts = []
    if cites.get("clause") is not None:
        parts.append(f"khoản {cites['clause']}")
    if cites.get("article") is not None:
        parts.append(f"Điều {cites['article']}")
    parts.append(
        f"{doc['title']} số {doc['number']} ngày {_date(doc['issued_on'])} của {doc['issuer']}"
    )
    return " ".join(parts)


def _within(rule: dict, document: dict, where: str) -> None:
    # a rule cannot apply on a day its document was not in force
    start, end = document.get("valid_from"), document.get("valid_to")
    if start is not None and (
        rule.get("valid_from") is None or pd.Timestamp(rule["valid_from"]) < pd.Timestamp(start)
    ):
        raise RuleFileError(f"{where}: applies before its document is in force ({_date(start)})")
    if end is not None and (
        rule.get("valid_to") is None or pd.Timestamp(rule["valid_to"]) > pd.Timestamp(end)
    ):
        raise RuleFileError(f"{where}: applies after its document ended ({_date(end)})")


def compliance_rules(source: str | Path = "compliance") -> list[dict]:
    """Load the compliance rules: one entry per version of a rule, in file order.

    A rule id may have several versions, each with its own ``basis`` and validity
    (``valid_from`` / ``valid_to``): the law in force for a fact decides which applies. A
    version citing a document of :func:`legal_documents` (``cites``) gets its ``basis`` written
    in full, followed by what the text says (``says``); it must lie inside the document's
    validity.
    """
    data = load_yaml(source)
    documents = None
    rules = []
    for rule in _need(data, "rules", data["_path"]):
        where = f"{data['_path']}: rule {rule.get('id')}"
        for key in ("id", "text"):
            _need(rule, key, where)
        if "cites" in rule:
            documents = documents if documents is not None else legal_documents()
            basis = cited(rule["cites"], documents, where)
            _within(rule, documents[rule["cites"]["document"]], where)
            if rule.get("says"):
                basis += f" ({rule['says']})"
            rule = {**rule, "basis": basis}
        _need(rule, "basis", where)
        rules.append({**rule, "id": str(rule["id"])})
    return rules


def rule_ids(rules: list[dict]) -> list[str]:
    """Return the distinct rule ids in file order."""
    return list(dict.fromkeys(rule["id"] for rule in rules))
