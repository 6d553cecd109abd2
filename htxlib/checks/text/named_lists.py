"""Named lists against their counts: "04 HTX, gồm: A, B, C" names three."""

from __future__ import annotations

import re

from htxlib.checks.text.findings import (
    Finding,
    as_written,
)
from htxlib.checks.text.recognise import Figure
from htxlib.checks.text.sentences import Sentence
from htxlib.checks.text.vocabulary import ORGANISATIONS
from htxlib.messages import _

_ENTITY = re.compile(r"^(?:HTX|Hợp tác xã|hợp tác xã|THT|Tổ hợp tác|LH HTX|Liên hiệp)\b")
_OPENER = re.compile(r"[^\d;.()]{0,80}?(?:\(|:\s|,?\s(?:gồm|bao gồm|là)\s*:?\s)")


#: A count inside a list, in figures or words ("05 HTX không nộp hồ sơ: …", "và 27 HTX khác",
#: "và ba HTX thành lập mới là: …").
_NESTED = re.compile(
    r"(?i)(?<![\w/])(?:\d[\d.]*|một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|các|những)"
    r"\s+(?:HTX|hợp tác xã|THT|tổ|LH HTX|sản phẩm)\b"
)


def _is_a_name(item: str) -> bool:
    """Whether a list item names one HTX, not a kind of them ("HTX nông nghiệp").

    A name has a capital or a number after "HTX": "HTX Đại Quân", "HTX chăn nuôi Lùng
    Khoang", "HTX Nông nghiệp số 013".
    """
    rest = _ENTITY.sub("", item, count=1)
    return any(ch.isupper() or ch.isdigit() for ch in rest)


def _list_text(text: str, start: int) -> str | None:
    """Return the list that starts at ``start``: to its closing bracket, or the end."""
    depth, out = 0, []
    for ch in text[start:]:
        if ch == "(":
            depth += 1
        elif ch == ")":
            if depth == 0:
                break
            depth -= 1
        out.append(ch)
    return "".join(out).rstrip(" .")


def _items(listing: str) -> list[str]:
    depth, flat = 0, []
    for ch in listing:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif depth == 0:
            flat.append(ch)
    body = "".join(flat)
    separator = r";" if ";" in body else r",|\svà\s"
    return [item.strip() for item in re.split(separator, body) if item.strip()]


def list_findings(figures: list[Figure], sentence: Sentence) -> list[Finding]:
    """Return the counts of a sentence whose list of names is not as long as they say."""
    found = []
    text = sentence.text
    for count in figures:
        if count.unit not in ORGANISATIONS or count.role != "count" or count.qualifier != "exact":
            continue
        if count.value != int(count.value) or count.value > 60:
            continue
        opener = _OPENER.match(text, count.end)
        if not opener:
            continue
        start = opener.end()
        # a bracket that holds no names ("(ngành nghề, địa điểm...)") is skipped for the next
        while True:
            listing = _list_text(text, start)
            if listing is None or _ENTITY.match(listing):
                break
            after = start + len(listing) + 1
            nxt = re.match(r"\s*\(", text[after:])
            if not nxt:
                listing = None
                break
            start = after + nxt.end()
        if not listing or _NESTED.search(re.sub(r"\([^)]*\)", "", listing)):
            continue  # no names, or counts inside: a nested list is checked by its own counts
        items = _items(listing)
        named = [i for i in items if _ENTITY.match(i)]
        if not all(_is_a_name(i) for i in named):
            continue  # "12 HTX là HTX nông nghiệp" says what they are, not which
        stated = int(count.value)
        if stated in (len(named), len(items)):
            continue
        if len(named) != len(items) and len(named) <= stated:
            continue  # names without "HTX" before them may be cut anywhere: not counted
        found.append(
            Finding(
                "list",
                sentence.page,
                _("Page {page}: {count}, the text names {named}: {names}").format(
                    page=sentence.page,
                    count=as_written(count),
                    named=len(named),
                    names="; ".join(named),
                ),
                (text,),
            )
        )
    return found
