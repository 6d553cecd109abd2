"""Consistency checks a report proves about itself: parts add to wholes, shares to 100%."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from htxlib.figures.shares import rounding_slack
from htxlib.formatting import is_missing, number, percent


@dataclass(frozen=True)
class Check:
    """One check and its outcome.

    Parameters
    ----------
    label : str
        What is checked, in Vietnamese.
    detail : str
        The numbers compared.
    passed : bool
        Whether it holds.
    """

    label: str
    detail: str
    passed: bool


def _equal(label: str, parts: float, whole: float, shown=number) -> Check | None:
    if is_missing(parts) or is_missing(whole):
        return None  # nothing to compare: a figure not given is not a mismatch
    ok = abs(float(parts) - float(whole)) < 1e-6
    return Check(
        label, f"{shown(parts)} = {shown(whole)}" if ok else f"{shown(parts)} ≠ {shown(whole)}", ok
    )


def _hundred(label: str, shares: pd.Series) -> Check | None:
    if shares.isna().all():
        return None
    shares = shares.dropna()  # a group without a share (unknown sector) is not a part
    total = round(float(shares.sum()), 6)
    # each share is rounded on its own: the sum may differ from 100 by half a unit per share
    ok = abs(total - 100) <= rounding_slack(int((shares > 0).sum())) or total == 0
    return Check(label, f"tổng {percent(total)}", ok)


def _sum_known(values: pd.Series) -> float | None:
    """Sum of parts, or None when a part is not given (the sum would be a guess)."""
    return None if values.isna().any() else float(values.sum())


def report_checks(a) -> list[Check]:
    """Run the checks on an assessment's figures.

    Parameters
    ----------
    a : Assessment
        The assessed figures (see :func:`htxlib.report.document.part_one.build`).

    Returns
    -------
    list of Check
    """
    total = a.overview.total.value
    checks = [
        _equal(
            "Số HTX theo lĩnh vực cộng lại bằng tổng số HTX",
            a.overview.by_sector["count"].sum(),
            total,
        ),
        _hundred("Tỷ lệ HTX theo lĩnh vực cộng lại bằng 100%", a.overview.by_sector["share"]),
        _equal("Số HTX theo xếp loại cộng lại bằng tổng số HTX", a.ratings["count"].sum(), total),
        _hundred("Tỷ lệ xếp loại cộng lại bằng 100%", a.ratings["share"]),
        _equal(
            "Cán bộ quản lý theo trình độ cộng lại bằng tổng số cán bộ quản lý",
            _sum_known(a.managers.levels["count"]),
            a.managers.total.value,
        ),
        _hundred(
            "Tỷ lệ cán bộ quản lý theo trình độ cộng lại bằng 100%", a.managers.levels["share"]
        ),
        _equal(
            # the HTX of unknown sector have no sector row in either table
            "Số HTX có vốn theo lĩnh vực bằng số HTX theo lĩnh vực",
            a.capital["count"].sum(),
            a.overview.by_sector.loc[a.overview.by_sector["sector"].notna(), "count"].sum(),
        ),
        _equal(
            "Số THT theo mục đích cộng lại bằng tổng số THT",
            a.groups.by_purpose["count"].sum(),
            a.groups.total.value,
        ),
        _equal(
            "Thành viên THT theo mục đích cộng lại bằng tổng số",
            _sum_known(a.groups.by_purpose["members"]),
            a.groups.members.value,
        ),
    ]
    reported = a.ds.reported_figures
    if len(reported):
        wrong = a.contradictions[a.contradictions["check"].str.startswith("reported_")]
        checks.append(
            Check(
                "Số liệu công bố khớp với số liệu tính từ dữ liệu và khớp với nhau",
                f"{len(reported) - wrong['row'].nunique()}/{len(reported)} số liệu không có "
                "mâu thuẫn",
                wrong.empty,
            )
        )
    for check, label in (
        ("stated_total", "Dòng tổng cộng trong tệp dữ liệu khớp với tổng các dòng"),
        ("unit_slip", "Không có số liệu chênh lệch khoảng 1.000 lần so với các năm khác"),
    ):
        wrong = a.contradictions[a.contradictions["check"] == check]
        checks.append(Check(label, f"{len(wrong)} trường hợp lệch", wrong.empty))
    mw = a.members
    for label, part, whole in (
        ("Thành viên mới không vượt tổng số thành viên", mw.new_members, mw.members),
        ("Lao động là thành viên không vượt tổng số lao động", mw.workers_members, mw.workers),
    ):
        if part.known and whole.known:
            checks.append(
                Check(
                    label,
                    f"{number(part.value)} ≤ {number(whole.value)}",
                    part.value <= whole.value,
                )
            )
    for _, row in a.support.iterrows():
        decided = sum(
            0 if pd.isna(row[c]) else row[c]
            for c in ("period_dossiers_eligible", "period_dossiers_not_eligible")
        )
        appraised = row["period_dossiers_appraised"]
        if not pd.isna(appraised):
            checks.append(
                Check(
                    f"{row['label']}: hồ sơ đủ và không đủ điều kiện không vượt số hồ sơ thẩm định",
                    f"{number(decided)} ≤ {number(appraised)}",
                    decided <= appraised,
                )
            )
    return [c for c in checks if c is not None]
