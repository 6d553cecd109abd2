"""Parts against their whole: the classes a count is divided into, and what "gồm" lists."""

from __future__ import annotations

import re
from dataclasses import dataclass

from htxlib.checks.text.findings import (
    Finding,
    all_exact,
    as_written,
    written_number,
)
from htxlib.checks.text.recognise import Figure
from htxlib.checks.text.sentences import Sentence
from htxlib.messages import _

_INTRO = re.compile(r"^[^\d;]{0,12}?(?:,?\s*(?:gồm|bao gồm|chia ra)\s*:?|\s*=)\s*[^\d;]{0,30}$")
_SUBSET = re.compile(r"(?i)trong (?:số )?đó|trong số")
_REST = re.compile(r"(?i)^[^.;]{0,20}(?:còn lại|khác|\.\.\.|…|v\.v)")


@dataclass
class Partition:
    """Counts stated as the parts of a whole."""

    whole: Figure
    parts: list[Figure]
    complete: bool


def _between(first: Figure, second: Figure) -> str:
    """Return the text between two figures (from the sentence's start across sentences)."""
    if first.sentence is second.sentence:
        return second.sentence.text[first.end : second.start]
    return second.sentence.text[: second.start]


def _counts(figures: list[Figure]) -> list[Figure]:
    return [f for f in figures if f.role == "count" and f.unit not in ("percent", "cell")]


def _runs(counts: list[Figure]) -> list[list[Figure]]:
    """Consecutive counts of one unit and one kind of class, each of another class."""
    runs, i = [], 0
    while i < len(counts):
        first = counts[i]
        run = [first]
        for other in counts[i + 1 :]:
            same = (
                first.dimension is not None
                and other.unit == first.unit
                and other.dimension == first.dimension
                and other.depth == first.depth
                and other.code not in {f.code for f in run}
            )
            if not same:
                break
            run.append(other)
        if len(run) >= 2:
            runs.append(run)
            i += len(run)
        else:
            i += 1
    return runs


def _listed_runs(counts: list[Figure], text: str) -> list[tuple[Figure, list[Figure]]]:
    """Parts a whole introduces with "gồm", "=" or ":" whatever their classes."""
    found = []
    for i, whole in enumerate(counts):
        rest = [c for c in counts[i + 1 :]]
        if not rest or rest[0].unit != whole.unit:
            continue
        between = _between(whole, rest[0])
        if not _INTRO.match(between) or "(" in between and rest[0].depth == whole.depth:
            continue
        parts = []
        for other in rest:
            if other.unit != whole.unit or other.depth != rest[0].depth:
                break
            if parts and re.search(r"[:;]|gồm", _between(parts[-1], other)):
                break
            parts.append(other)
        if len(parts) >= 2:
            found.append((whole, parts))
    return found


def _whole_for(run: list[Figure], counts: list[Figure], taken: set[int]) -> Figure | None:
    first = run[0]
    for earlier in reversed(counts[: counts.index(first)]):
        if id(earlier) in taken or earlier.unit != first.unit or earlier.depth > first.depth:
            continue
        if earlier.role != "count" or earlier.qualifier == "range":
            continue
        if earlier.dimension == first.dimension or not (earlier.total or earlier.dimension):
            continue  # "và 27 HTX khác" divides nothing: a whole is a total or a class
        if earlier.dimension == "status" and earlier.code != "operating":
            continue
        return earlier
    return None


def partitions(figures: list[Figure], sentence: Sentence) -> list[Partition]:
    """Return the partitions a sentence states."""
    counts = _counts(figures)
    text = sentence.text
    out: list[Partition] = []
    taken: set[int] = set()
    for whole, parts in _listed_runs(counts, text):
        out.append(Partition(whole, parts, True))
        taken.update(id(p) for p in parts)
    for run in _runs(counts):
        if any(id(p) in taken for p in run):
            continue
        whole = _whole_for(run, counts, taken)
        if whole is None:
            continue
        taken.update(id(p) for p in run)
        subset = bool(_SUBSET.search(_between(whole, run[0])))
        codes = {p.code for p in run}
        # a list that names every kind is whole even after "trong đó": the operating HTX and
        # the rest, or the agricultural and the non-agricultural ones
        covers = (run[0].dimension == "status" and "operating" in codes) or (
            run[0].dimension == "sector" and {"nong_nghiep", "phi_nong_nghiep"} <= codes
        )
        rest = bool(_REST.match(text[run[-1].end :]))
        out.append(Partition(whole, run, (not subset or covers) and not rest))
    return out


def part_findings(partition: Partition, sentence: Sentence) -> list[Finding]:
    """Return the finding of a partition whose parts do not add up to its whole."""
    whole, parts = partition.whole, partition.parts
    if not all_exact(whole, *parts):
        return []
    total = sum(p.value for p in parts)
    slack = 0.5 * 10.0 ** -max(p.decimals for p in [whole, *parts]) * len(parts)
    slack = slack if any(p.decimals for p in [whole, *parts]) else 1e-9
    if total <= whole.value + slack and (total >= whole.value - slack or not partition.complete):
        return []
    decimals = max(p.decimals for p in parts)
    return [
        Finding(
            "parts",
            sentence.page,
            _("Page {page}: {parts} = {sum}, the text gives a total of {whole}").format(
                page=sentence.page,
                parts=" + ".join(written_number(p.value) for p in parts),
                sum=written_number(total, decimals),
                whole=as_written(whole),
            ),
            (sentence.text,),
        )
    ]
