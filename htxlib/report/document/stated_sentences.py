"""The figures a unit's own document states, said in the sentence of their topic.

Part I prints what the registry computes. A stated figure (``reported_figures``) that the
body already prints with the same value is not repeated. Where the rows give another value,
the computed figure is said with the stated one beside it ("52 HTX đang hoạt động (đơn vị
báo cáo: 38 HTX …)"), and the annex lists the contradiction. Every other stated figure of the
year is said here, once, with its qualifier in words: a figure the registry cannot compute
(operating HTX without statuses, capital without per-HTX capital), a year-end estimate, a
plan and a percentage of plan achieved.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from htxlib import formatting
from htxlib.checks.stated_figures import ONE_FIGURE, decimals_of, within
from htxlib.checks.stated_meaning import JOIN, computed, computed_share, score_floor
from htxlib.data.codes import (
    AGRI_KINDS,
    RATINGS,
    SECTOR_GROUPS,
    SECTORS,
    SHARE_BASES,
    STATUSES,
    THT_PURPOSES,
)
from htxlib.data.stated import stated_figures
from htxlib.data.unit import unit_of

#: Names the body prints from the rows (counts, members, ratings, sectors, THT): a stated
#: figure of these is said only when the rows do not give it.
BODY_PREFIXES = (
    "total_htx",
    "new_htx",
    "dissolved_htx",
    "members",
    "new_members",
    "workers",
    "workers_members",
    "managers",
    "manager_level:",
    "union_count",
    "union_members",
    "tht_count",
    "tht_members",
    "tht_purpose_",
    "sector_count:",
    "sector_share:",
    "rating_count:",
    "rating_share:",
    "effective_htx",
    "paper_only_htx",
    "suspended_htx",
    "avg_htx_income",
    "member_income",
)

#: Topic of each name (where its sentence goes): the HTX, their operation, THT, ratings.
TOPIC_PREFIXES = {
    "tht": ("tht_",),
    "ratings": ("rating_", "effective_"),
    "operation": (
        "capital",
        "sector_capital:",
        "avg_htx_income",
        "member_income",
        "worker_income",
        "reports_",
        "land_area",
        "htx_with_capital",
        "operating_capital",
        "assets",
    ),
    "people": ("members", "new_members", "workers", "managers", "manager_level:"),
}

#: Suffix of a topic whose clauses give the registry's figure beside a different stated one.
COMPUTED = "/computed"

#: Words for a qualifier before a value.
QUALIFIER_WORDS = {"exact": "", "about": "khoảng ", "at_least": "ít nhất ", "at_most": "không quá "}


@dataclass(frozen=True)
class Phrase:
    """How a stated figure reads.

    Attributes
    ----------
    noun : str
        For a count, what follows its value ("HTX đang hoạt động": "184 HTX đang hoạt động");
        for an amount or a share, what precedes it ("tổng vốn điều lệ của các HTX").
    unit : str
        The unit after an amount ("triệu đồng"), "%" for a share, "" for a count.
    """

    noun: str
    unit: str = ""

    @property
    def is_count(self) -> bool:
        """Whether the figure is a count of HTX, THT, members or people."""
        return self.unit == ""


MEMBER_INCOME = "thu nhập bình quân của thành viên HTX"
WORKER_INCOME = "thu nhập bình quân của người lao động trong HTX"

#: How each plain stated figure reads.
PHRASES: dict[str, Phrase] = {
    "total_htx": Phrase("HTX"),
    "operating_htx": Phrase("HTX đang hoạt động"),
    "suspended_htx": Phrase("HTX tạm ngừng hoạt động"),
    "dissolved_htx": Phrase("HTX giải thể"),
    "new_htx": Phrase("HTX thành lập mới"),
    "paper_only_htx": Phrase("HTX chỉ tồn tại trên danh nghĩa"),
    "htx_to_dissolve": Phrase("HTX cần giải thể"),
    "effective_htx": Phrase("HTX hoạt động hiệu quả (xếp loại tốt, khá)"),
    "effective_share": Phrase("tỷ lệ HTX hoạt động hiệu quả", "%"),
    "members": Phrase("thành viên HTX"),
    "new_members": Phrase("thành viên HTX mới"),
    "workers": Phrase("lao động làm việc thường xuyên trong HTX"),
    "workers_members": Phrase("lao động là thành viên HTX"),
    "managers": Phrase("cán bộ quản lý HTX"),
    "managers_untrained": Phrase("cán bộ quản lý HTX chưa qua đào tạo"),
    "managers_trained_share": Phrase("tỷ lệ cán bộ quản lý HTX đã qua đào tạo", "%"),
    "reports_filed": Phrase("HTX đã nộp báo cáo năm"),
    "capital": Phrase("tổng vốn điều lệ của các HTX", "triệu đồng"),
    "avg_htx_income": Phrase("doanh thu bình quân một HTX", "triệu đồng/năm"),
    "member_income": Phrase(MEMBER_INCOME, "triệu đồng/người/năm"),
    "union_count": Phrase("LH HTX"),
    "union_members": Phrase("HTX thành viên của các LH HTX"),
    "operating_capital": Phrase("vốn hoạt động của các HTX", "triệu đồng"),
    "assets": Phrase("tổng tài sản của các HTX", "triệu đồng"),
    "tht_count": Phrase("THT"),
    "tht_members": Phrase("thành viên THT"),
    "members_all": Phrase("thành viên HTX và THT"),
    "worker_income": Phrase(WORKER_INCOME, "triệu đồng/người/năm"),
    "worker_income_month": Phrase(WORKER_INCOME, "triệu đồng/người/tháng"),
    "member_income_month": Phrase(MEMBER_INCOME, "triệu đồng/người/tháng"),
    "ocop_count": Phrase("sản phẩm OCOP được công nhận"),
    "land_area": Phrase("diện tích đất sản xuất của các HTX", "ha"),
    "tht_land_area": Phrase("diện tích đất sản xuất của các THT", "ha"),
    "htx_with_capital": Phrase("HTX có vốn hoạt động"),
    "alliance_members": Phrase("thành viên của Liên minh HTX"),
}


def _labels(codes: str, names: dict[str, str]) -> str | None:
    """Label one code, or several joined with "+", in words: "tốt, khá", "tạm ngừng … hoặc …"."""
    parts = [names.get(code) for code in codes.split(JOIN)]
    if not all(parts):
        return None
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + " hoặc " + parts[-1]


def _phrase(name: str) -> Phrase | None:
    """Return how a stated figure reads, or None for a name the toolkit does not know."""
    if name in PHRASES:
        return PHRASES[name]
    prefix, _, codes = name.partition(":")
    sectors = {c: label.lower() for c, label in SECTORS.items()}
    sectors |= {c: label.lower() for c, (label, _) in SECTOR_GROUPS.items()}
    sector = _labels(codes, sectors)
    rating = _labels(codes, {**RATINGS, "kha_tro_len": "khá trở lên"})
    status = _labels(codes, STATUSES)
    purposes = {c: label.replace("Tổ hợp tác", "THT") for c, label in THT_PURPOSES.items()}
    purpose = _labels(codes, purposes)
    known = {
        "sector_count": sector and Phrase(f"HTX lĩnh vực {sector}"),
        "sector_share": sector and Phrase(f"tỷ lệ HTX lĩnh vực {sector}", "%"),
        "sector_capital": sector and Phrase(f"vốn điều lệ các HTX lĩnh vực {sector}", "triệu đồng"),
        "new_sector_count": sector and Phrase(f"HTX lĩnh vực {sector} thành lập mới"),
        "agri_kind_count": _labels(codes, AGRI_KINDS)
        and Phrase(f"HTX nông nghiệp {_labels(codes, AGRI_KINDS)}"),
        "score_at_least": score_floor(name) is not None
        and Phrase(f"HTX đạt từ {formatting.number(score_floor(name), 0)} điểm trở lên"),
        "rating_count": rating and Phrase(f"HTX xếp loại {rating}"),
        "rating_share": rating and Phrase(f"tỷ lệ HTX xếp loại {rating}", "%"),
        "status_count": status and Phrase(f"HTX {status}"),
        "tht_purpose_count": purpose and Phrase(purpose),
        "tht_purpose_members": purpose and Phrase(f"thành viên {purpose}"),
    }
    return known.get(prefix) or None


def topic_of(name: str) -> str:
    """Return where a stated figure's sentence goes: ``htx``, ``people``, ``operation``, …."""
    for topic, prefixes in TOPIC_PREFIXES.items():
        if name.startswith(prefixes):
            return topic
    return "htx"


def clause(
    value: float,
    phrase: Phrase,
    qualifier: str = "exact",
    decimals: object = None,
    high: float | None = None,
    base: str = "all",
) -> str:
    """Write a stated figure as documents do.

    Examples
    --------
    >>> clause(184, PHRASES["operating_htx"])
    '184 HTX đang hoạt động'
    >>> clause(915000, PHRASES["capital"], "at_least")
    'tổng vốn điều lệ của các HTX ít nhất 915.000 triệu đồng'
    >>> clause(34.3, PHRASES["effective_share"], "about", 1)
    'tỷ lệ HTX hoạt động hiệu quả khoảng 34,3%'
    >>> clause(4, PHRASES["member_income"], high=5)
    'thu nhập bình quân của thành viên HTX từ 4 đến 5 triệu đồng/người/năm'
    >>> clause(36.3, PHRASES["effective_share"], base="operating")
    'tỷ lệ HTX hoạt động hiệu quả 36,3% số HTX đang hoạt động'
    """
    places = decimals_of(value, decimals)

    def shown(number: float) -> str:
        if phrase.is_count:
            return formatting.count(round(number))
        if phrase.unit == "%":
            return formatting.percent(number, places)
        return formatting.number(number, places)

    if high is not None and not pd.isna(high):
        amount = f"từ {shown(value)} đến {shown(high)}"
    else:
        amount = QUALIFIER_WORDS.get(qualifier, "") + shown(value)
    if phrase.is_count:
        return f"{amount} {phrase.noun}"
    if phrase.unit == "%":
        whole = f" {SHARE_BASES[base]}" if base != "all" else ""
        return f"{phrase.noun} {amount}%{whole}".replace("%%", "%")
    return f"{phrase.noun} {amount} {phrase.unit}"


def achievement_clause(percent: float, phrase: Phrase, decimals: object) -> str:
    """Write a percentage of plan achieved: "số HTX thành lập mới đạt 31,4% kế hoạch"."""
    shown = formatting.percent(percent, decimals_of(percent, decimals))
    subject = f"số {phrase.noun}" if phrase.is_count else phrase.noun
    return f"{subject} đạt {shown} kế hoạch"


def _body_prints(name: str, base: str) -> bool:
    """Whether the body prints this figure from the rows when the rows give it."""
    # a class stated over several codes, or a share of another whole, is not one it prints;
    # of the sector groups it prints only the national one, not one a document defines
    group = name.partition(":")[2]
    if group in SECTOR_GROUPS and group != "phi_nong_nghiep":
        return False
    return name.startswith(BODY_PREFIXES) and JOIN not in name and base == "all"


def stated_sentences(ds, year: int) -> dict[str, list[str]]:
    """Return, by topic, the clauses that say the year's stated figures the body does not.

    Parameters
    ----------
    ds : Dataset
        The unit's data.
    year : int
        Assessed year.

    Returns
    -------
    dict of str to list of str
        Part I's topics (``htx``, ``people``, ``operation``, ``tht``, ``ratings``) hold the
        figures reached; ``estimate``, ``plan`` and ``achievement`` hold the year-end
        estimates, the plans and the percentages of plan achieved, for Part II's results.
        A topic with the suffix :data:`COMPUTED` holds the figures the rows give where the
        unit states another, each with the stated one beside it.
    """
    given = stated_figures(ds)
    out: dict[str, list[str]] = {}
    # a registry of part of the HTX prints no whole: every stated figure is said as stated
    partial = unit_of(ds).partial
    year_rows = given[given["year"] == year]
    # one figure stated by several sources (as the check groups them): each is said with its own
    sources = year_rows.groupby(ONE_FIGURE, dropna=False)["source"].transform("size")
    for record, several in zip(year_rows.to_dict("records"), sources > 1, strict=True):
        name = record["indicator"]
        phrase = _phrase(name)
        if phrase is None:
            continue
        value, kind = float(record["value"]), record["kind"]
        apart = _apart(record, several)
        if apart is not None:
            # dated inside the year, another body's, or one of two sources: said as stated,
            # with what sets it apart, and compared with nothing of the whole year
            text = clause(value, phrase, record["qualifier"], record["decimals"],
                          record.get("value_high"), record["base"])  # fmt: skip
            out.setdefault(topic_of(name), []).append(apart.format(text=text))
            continue
        if kind == "achievement":
            text = achievement_clause(value, phrase, record["decimals"])
            out.setdefault("achievement", []).append(text)
            continue
        text = clause(
            value,
            phrase,
            record["qualifier"],
            record["decimals"],
            record.get("value_high"),
            record["base"],
        )
        if kind in ("estimate", "plan"):
            out.setdefault(kind, []).append(text)
            continue
        result = None
        if not partial:
            result = computed_share(ds, name, record["base"], year)
            result = computed(ds, name, year) if result is None else result
        known = result is not None and not math.isnan(result)
        places = decimals_of(value, record["decimals"])
        topic = topic_of(name)
        differs = known and not within(record, result, places)
        if known and not differs and _body_prints(name, record["base"]):
            continue  # the body prints the same figure
        if differs:
            # the rows give another figure: the document prints it beside the stated one,
            # and the annex lists the contradiction
            computed_text = clause(result, phrase, decimals=max(places, 2), base=record["base"])
            text = f"{computed_text} (đơn vị báo cáo: {text})"
            topic += COMPUTED
        out.setdefault(topic, []).append(text)
    return out


def _apart(record: dict, several: bool) -> str | None:
    """Return how a figure that is compared with nothing is introduced, else None.

    A figure dated inside the year says its date; another body's figure names the body; a
    figure two sources state says its source.
    """
    as_of, body, source = record.get("as_of"), record.get("body"), record.get("source")
    words = []
    if isinstance(body, str) and body.strip():
        words.append(f"theo số liệu của {body.strip()}")
    if several and isinstance(source, str) and source.strip():
        words.append(f"theo {source.strip()}")
    if as_of is not None and not pd.isna(as_of):
        words.append(f"đến ngày {formatting.date(as_of)}")
    if not words:
        return None
    return ", ".join(words) + ": {text}"
