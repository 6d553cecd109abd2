"""Rules as data: the rating engine, not-rated rules, size classes and compliance findings."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest
import yaml

from htxlib.cli import main
from htxlib.data.dataset import load_unit
from htxlib.rules import compliance, rating, sizes
from htxlib.rules.loading import RULES_DIR, RuleFileError, compliance_rules, rating_rules

from .conftest import append_row, read_rows, set_cell, write_rows

RULES = rating_rules()
#: The same method without its repeal: the small unit's ratings are of 2025 (15/12/2025, after
#: Circular 01/2020 was repealed), and the tests of the engine's mechanics score them with it.
ENGINE = dataclasses.replace(RULES, valid_to="")


@pytest.mark.parametrize(
    ("total", "expected"),
    [
        (49.99, "yeu"),
        (50, "trung_binh"),
        (64.99, "trung_binh"),
        (65, "kha"),
        (79.99, "kha"),
        (80, "tot"),
        (100, "tot"),
        (0, "yeu"),
    ],
)
def test_rating_thresholds(total, expected):
    assert rating.classify(total, RULES) == expected


def test_van_quan_distribution_computed_by_engine(vq):
    computed = rating.computed_ratings(vq, 2024)
    counts = computed["computed"].value_counts().to_dict()
    assert counts == {"tot": 4, "kha": 6, "trung_binh": 3, "yeu": 14, "khong_xep_loai": 9}
    judged = computed[computed["agrees"].notna()]
    assert len(judged) == 31 and judged["agrees"].all()


def test_van_quan_not_rated_reasons(vq):
    computed = rating.computed_ratings(vq, 2024).set_index("entity_id")
    assert computed.loc["VQ28", "reason"] == "stopped_more_than_3_months"  # Liên Minh Phát
    for new in ("VQ34", "VQ35", "VQ36"):
        assert computed.loc[new, "reason"] == "operating_less_than_12_months"
    assert computed["reason"].value_counts()[rating.NO_SCORES] == 5


# --- a one-HTX unit to move each boundary ---------------------------------------------


@pytest.fixture
def scored(small_unit):
    """Tân Lập with HTX Alpha scored 72 in 2025 (khá)."""
    rows = [["entity_id", "year", "criterion", "self_score", "checked_score"]]
    maxima = [7, 6, 11, 6, 8, 6, 6, 6, 4] + [40 / 6] * 6
    for i, top in enumerate(maxima, 1):
        rows.append(["A", 2025, i, round(top * 0.72, 4), round(top * 0.72, 4)])
    write_rows(small_unit / "rating_scores.csv", rows)
    return small_unit


def alpha(folder, rules=None):
    return (
        rating.computed_ratings(load_unit(folder), 2025, rules=rules or ENGINE)
        .set_index("entity_id")
        .loc["A"]
    )


def test_scores_give_the_rating(scored):
    row = alpha(scored)
    assert row["total"] == pytest.approx(72)
    assert (row["computed"], row["recorded"], row["agrees"]) == ("kha", "tot", False)


def test_checked_score_wins_over_self_score(scored):
    set_cell(scored / "rating_scores.csv", 2, "self_score", "0")
    row = alpha(scored)
    assert row["total"] == pytest.approx(72) and row["self_total"] == pytest.approx(72 - 7 * 0.72)


def test_score_above_maximum_is_bounded(scored):
    set_cell(scored / "rating_scores.csv", 2, "checked_score", "30")  # criterion 1, max 7
    row = alpha(scored)
    assert row["total"] == pytest.approx(72 - 7 * 0.72 + 7)
    assert row["over"] == ["tiêu chí 1"]


def test_unconfirmed_criteria_bounded_by_their_group(scored):
    set_cell(scored / "rating_scores.csv", 11, "checked_score", "39")  # criterion 10, max unknown
    row = alpha(scored)
    assert row["total"] == pytest.approx(72 - 40 * 0.72 + 40)
    assert row["over"] == ["nhóm III"]


def test_edited_rule_file_changes_the_outcome(scored, tmp_path):
    data = yaml.safe_load((RULES_DIR / "rating.yaml").read_text(encoding="utf-8"))
    data["valid_to"] = None  # as ENGINE
    data["thresholds"] = [
        {"rating": "tot", "min": 70},
        {"rating": "kha", "min": 60},
        {"rating": "trung_binh", "min": 40},
        {"rating": "yeu", "min": 0},
    ]
    edited = tmp_path / "rating.yaml"
    edited.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert alpha(scored)["computed"] == "kha"
    assert alpha(scored, rating_rules(edited))["computed"] == "tot"


def test_bad_rule_file_is_rejected(tmp_path):
    data = yaml.safe_load((RULES_DIR / "rating.yaml").read_text(encoding="utf-8"))
    data["thresholds"] = list(reversed(data["thresholds"]))
    edited = tmp_path / "bad.yaml"
    edited.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(RuleFileError, match="from the best class down"):
        rating_rules(edited)


def test_unconfirmed_values_are_declared():
    marked = yaml.safe_load((RULES_DIR / "rating.yaml").read_text(encoding="utf-8"))["criteria"]
    assert RULES.unconfirmed == [c["name"] for c in marked if c.get("confirmed") is False]
    assert RULES.unconfirmed  # the split of group III is not confirmed


def test_findings_under_an_unconfirmed_rule_say_so(vq_copy, tmp_path, small_unit):
    # A plan issued on its cutoff, 30/6/2024, cites the 2012 Law, whose paper-only version
    # is marked unconfirmed.
    unconfirmed_basis = (
        "khoản 2 Điều 54 Luật Hợp tác xã số 23/2012/QH13 ngày 20/11/2012 của Quốc hội "
        "(giải thể bắt buộc)"
    )
    set_cell(vq_copy / "document.csv", 2, "issued_on", "2024-06-30")
    found = compliance.findings(load_unit(vq_copy), 2024, cited_on=pd.Timestamp("2024-06-30"))
    assert set(found["basis"]) == {unconfirmed_basis} and not found["confirmed"].any()
    reports = tmp_path / "reports"
    assert main(["report", "--data", str(vq_copy), "--year", "2024", "--out", str(reports)]) == 0
    out = reports / vq_copy.name / "2024"
    page = (out / "report.html").read_text(encoding="utf-8")
    # the review copy gives the basis with its doubt; the signing copy states the finding only
    said = f'<span class="review-only"> Căn cứ: {unconfirmed_basis} (chưa đối chiếu được'
    assert said in page
    from htxlib.report.writing.signing_copy import signing_copy

    assert unconfirmed_basis not in signing_copy(page)
    assert "thuộc diện xem xét giải thể: 04 trường hợp" in signing_copy(page)
    annex = (out / "annex.html").read_text(encoding="utf-8")
    assert annex.count(f"{unconfirmed_basis} (chưa đối chiếu được với văn bản gốc)") == len(found)
    # a finding under a confirmed version does not carry the mark


@pytest.mark.parametrize(
    ("founded", "rated"),
    [("2024-12-15", True), ("2024-12-16", False), ("2024-12-14", True)],
)
def test_twelve_months_at_the_rating_date(scored, founded, rated):
    # rating date 15/12/2025: exactly 12 months of operation is enough, one day less is not
    set_cell(scored / "entities.csv", 3, "founded_on", founded)
    reason = alpha(scored)["reason"]
    assert (reason is None or pd.isna(reason)) is rated
    if not rated:
        assert reason == "operating_less_than_12_months"


@pytest.mark.parametrize(
    ("start", "end", "rated"),
    [("2025-03-01", "2025-05-31", True), ("2025-03-01", "2025-06-01", False)],
)
def test_stopped_more_than_three_months(scored, start, end, rated):
    append_row(
        scored / "status_events.csv",
        {"entity_id": "A", "event": "suspension", "start_date": start, "end_date": end},
    )
    reason = alpha(scored)["reason"]
    assert (reason == "stopped_more_than_3_months") is (not rated)


def test_credit_fund_not_rated(scored):
    set_cell(scored / "entities.csv", 3, "sector", "tin_dung")
    assert alpha(scored)["reason"] == "credit_fund"


def test_no_scores_means_no_judgement(small_unit):
    row = alpha(small_unit)
    assert row["reason"] == rating.NO_SCORES and pd.isna(row["agrees"])


# --- size classes ----------------------------------------------------------------------


def test_size_classes_second_unit(small_unit):
    # at 17/9/2025, the last day of Circular 01/2020; at the year's end only the decree's
    ds = load_unit(small_unit)
    at_end = sizes.size_classes(ds, 2025)
    assert "members_circular_01_2020" not in at_end and "decree_113_2024" in at_end
    classes = sizes.size_classes(ds, 2025, as_of="17/9/2025").set_index("entity_id")
    assert classes.loc["A", "members_circular_01_2020"] == "nho"  # 60 members
    assert classes.loc["B", "members_circular_01_2020"] == "sieu_nho"  # 12 members
    assert classes.loc["A", "capital_circular_01_2020"] == "nho"  # 1.200 triệu
    assert classes.loc["B", "capital_circular_01_2020"] == "sieu_nho"  # 800,5 triệu
    assert classes.loc["A", "decree_113_2024"] == "nho"  # agriculture, 60 members, 1.200 triệu
    assert pd.isna(classes.loc["C", "decree_113_2024"])  # industry: only the large class known


@pytest.mark.parametrize(
    ("members", "size"), [(49, "sieu_nho"), (50, "nho"), (300, "nho"), (301, "vua")]
)
def test_member_size_boundaries(small_unit, members, size):
    set_cell(small_unit / "annual.csv", 2, "members", str(members))
    classes = sizes.size_classes(load_unit(small_unit), 2025, as_of="17/9/2025")
    classes = classes.set_index("entity_id")
    assert classes.loc["A", "members_circular_01_2020"] == size


# --- compliance ------------------------------------------------------------------------


def rules_hit(folder, year=2025, rules=None):
    return compliance.findings(load_unit(folder), year, rules=rules)


@pytest.mark.parametrize(("members", "finding"), [(4, True), (5, False)])
def test_htx_minimum_members(small_unit, members, finding):
    set_cell(small_unit / "annual.csv", 4, "members", str(members))  # HTX Gamma
    set_cell(small_unit / "annual.csv", 4, "workers_members", "0")
    set_cell(small_unit / "annual.csv", 4, "new_members", "0")
    found = rules_hit(small_unit)
    hit = found[(found["rule"] == "htx_min_members") & (found["entity_id"] == "C")]
    assert (len(hit) == 1) is finding
    if finding:
        assert (
            "04 thành viên" not in hit.iloc[0]["evidence"]
            and "4 thành viên" in hit.iloc[0]["evidence"]
        )
        assert "17/2023/QH15" in hit.iloc[0]["basis"]


def test_union_and_group_minimums(small_unit):
    set_cell(small_unit / "entities.csv", 4, "union_id", "")  # Beta leaves the union: 2 members
    set_cell(small_unit / "annual.csv", 6, "members", "1")  # THT T1 with one member
    found = rules_hit(small_unit).set_index("rule")
    assert found.loc["union_min_members", "entity_id"] == "L1"
    assert found.loc["tht_min_members", "entity_id"] == "T1"


@pytest.mark.parametrize(
    ("end", "finding"), [("2026-08-30", False), ("2026-08-31", False), ("2026-09-01", True)]
)
def test_suspension_notice_of_twelve_months(small_unit, end, finding):
    set_cell(small_unit / "status_events.csv", 2, "end_date", end)  # Beta from 01/9/2025
    found = rules_hit(small_unit)
    assert ("suspension_too_long" in set(found["rule"])) is finding


def test_suspension_overdue(small_unit):
    set_cell(small_unit / "status_events.csv", 2, "end_date", "2025-11-30")
    found = rules_hit(small_unit)
    assert list(found.loc[found["rule"] == "suspension_overdue", "entity_id"]) == ["B"]


def test_rules_apply_only_while_in_force(vq):
    found = compliance.findings(vq, 2024)  # cutoff 30/6/2024: the 2012 Law
    counts = compliance.counts_by_rule(found).set_index("rule")["count"]
    assert counts["no_annual_update"] == 0  # Circular 09/2024 applies from 01/7/2024
    assert counts["suspension_too_long"] == 0  # a 2023 Law rule
    assert counts["paper_only"] == 4  # the 4 the document names: the list Part I states
    paper = found[found["rule"] == "paper_only"]
    assert {"VQ14", "VQ17", "VQ20", "VQ21"} == set(paper["entity_id"])
    assert set(found["basis"]) == {
        "khoản 2 Điều 54 Luật Hợp tác xã số 23/2012/QH13 ngày 20/11/2012 của Quốc hội "
        "(giải thể bắt buộc)"
    }
    later = compliance.findings(vq, 2024, "31/12/2024")  # the 2023 Law and the circular
    later_counts = compliance.counts_by_rule(later).set_index("rule")["count"]
    # the annual update is a duty apart from the annual report Văn Quan records: not judged
    assert later_counts["no_annual_update"] == 0
    assert "no_annual_update" not in compliance.judged_rules(vq, 2024, "31/12/2024")
    assert set(later.loc[later["rule"] == "paper_only", "basis"]) == {
        "Luật Hợp tác xã số 17/2023/QH15 ngày 20/6/2023 của Quốc hội (giải thể bắt buộc)"
    }


@pytest.mark.parametrize(
    ("cutoff", "members", "finding", "law"),
    [
        ("2024-06-30", 6, True, "23/2012/QH13"),  # the 2012 Law: at least 07 members
        ("2024-06-30", 7, False, ""),
        ("2024-07-01", 6, False, ""),  # the 2023 Law from its first day: at least 05
        ("2024-07-01", 4, True, "17/2023/QH15"),
        ("2024-12-31", 6, False, ""),
        ("2024-12-31", 4, True, "17/2023/QH15"),
    ],
)
def test_minimum_members_by_the_law_of_the_day(small_unit, cutoff, members, finding, law):
    rows = read_rows(small_unit / "periods.csv")
    rows.append([2024, "2024-01-01", cutoff, 2025, "Kỳ thử"])
    write_rows(small_unit / "periods.csv", rows)
    rows = read_rows(small_unit / "annual.csv")
    rows.append(["C", 2024, members, 0, members, members, 3, 1, 0, 2, "yeu"])
    write_rows(small_unit / "annual.csv", rows)
    found = compliance.findings(load_unit(small_unit), 2024)
    hit = found[(found["rule"] == "htx_min_members") & (found["entity_id"] == "C")]
    assert (len(hit) == 1) is finding
    if finding:
        assert law in hit.iloc[0]["basis"]


# --- a plan cites the law in force on its date of issue ------------------------------------

LAW_2012_MEMBERS = "khoản 1 Điều 3 Luật Hợp tác xã số 23/2012/QH13 ngày 20/11/2012 của Quốc hội"
LAW_2023_MEMBERS = "khoản 7 Điều 4 Luật Hợp tác xã số 17/2023/QH15 ngày 20/6/2023 của Quốc hội"


def members_at_cutoff(folder, members: int, issued_on: str = "") -> None:
    """HTX C has ``members`` members at 30/6/2024; the 2024 plan is issued on ``issued_on``."""
    rows = read_rows(folder / "periods.csv")
    rows.append([2024, "2024-01-01", "2024-06-30", 2025, "Kỳ thử"])
    write_rows(folder / "periods.csv", rows)
    rows = read_rows(folder / "annual.csv")
    rows.append(["C", 2024, members, 0, members, members, 3, 1, 0, 2, "yeu"])
    write_rows(folder / "annual.csv", rows)
    write_rows(
        folder / "document.csv",
        [["year", "number", "symbol", "issued_on"], [2024, "12", "KH-UBND", issued_on]],
    )


@pytest.mark.parametrize(
    ("issued_on", "members", "historical", "basis"),
    [
        ("2024-06-30", 6, False, LAW_2012_MEMBERS),  # issued under the 2012 Law: 07 members
        ("2024-07-01", 6, True, LAW_2012_MEMBERS),  # the 2023 Law asks 05: true of 30/06 only
        ("", 6, True, LAW_2012_MEMBERS),  # no date of issue: the first day after the cutoff
        ("2024-07-01", 4, False, LAW_2023_MEMBERS),  # below both: cited by the law of the day
    ],
)
def test_a_finding_is_cited_by_the_law_of_the_date_of_issue(
    small_unit, issued_on, members, historical, basis
):
    members_at_cutoff(small_unit, members, issued_on)
    ds = load_unit(small_unit)
    day, _ = compliance.issue_day(ds, 2024, pd.Timestamp("2024-06-30"))
    found = compliance.findings(ds, 2024, cited_on=day)
    hit = found[(found["rule"] == "htx_min_members") & (found["entity_id"] == "C")].iloc[0]
    assert bool(hit["historical"]) is historical
    assert hit["basis"].startswith(basis)
    minimum = 5 if basis == LAW_2023_MEMBERS else 7
    assert hit["evidence"].endswith(f"(tối thiểu {minimum})")


def test_a_plan_dated_before_its_cutoff_is_a_warning(small_unit):
    members_at_cutoff(small_unit, 6, "2024-06-29")  # cutoff 30/6/2024
    warned = [p for p in load_unit(small_unit).warnings if p.column == "issued_on"]
    assert len(warned) == 1
    assert "29/06/2024" in warned[0].rule and "30/06/2024" in warned[0].rule
    set_cell(small_unit / "document.csv", 2, "issued_on", "2024-06-30")  # the same day
    assert not [p for p in load_unit(small_unit).warnings if p.column == "issued_on"]


def test_a_historical_finding_is_said_for_its_date_and_not_carried_into_part_two(
    small_unit, tmp_path
):
    from htxlib.report.writing.signing_copy import signing_copy

    members_at_cutoff(small_unit, 6, "2024-07-15")
    reports = tmp_path / "reports"
    assert main(["report", "--data", str(small_unit), "--year", "2024", "--out", str(reports)]) == 0
    page = (reports / small_unit.name / "2024" / "report.html").read_text(encoding="utf-8")
    for copy in (page, signing_copy(page)):
        text = " ".join(copy.split())
        assert (
            "Tại ngày 30/6/2024, có 01 trường hợp HTX có ít hơn số thành viên tối thiểu theo "
            + LAW_2012_MEMBERS
        ) in text
        assert "chính thức), trường hợp trên đáp ứng quy định mới" in text
        assert "không thuộc diện phải xử lý trong năm 2025" in text
        assert "HTX có ít hơn số thành viên chính thức tối thiểu: 01 trường hợp" not in text
    assert "HTX Gamma" not in page[page.index('id="part-ii"') :]


def test_a_rule_cannot_apply_outside_its_documents_validity(tmp_path):
    # the 2012 Law ended on 30/6/2024: a version of its rule open past that day is refused
    rules = yaml.safe_load((RULES_DIR / "compliance.yaml").read_text(encoding="utf-8"))
    first = rules["rules"][0]
    assert first["cites"]["document"] == "cooperatives_law_2012"
    del first["valid_to"]
    edited = tmp_path / "compliance.yaml"
    edited.write_text(yaml.safe_dump(rules, allow_unicode=True), encoding="utf-8")
    with pytest.raises(RuleFileError, match="applies after its document ended"):
        compliance_rules(edited)


def test_estimated_member_counts_judge_no_minimum(small_unit, tmp_path):
    # HTX C has 04 members: below the 2023 Law's 05, a case when its count is the HTX's own
    rows = read_rows(small_unit / "annual.csv")
    rows[3][2] = "4"
    write_rows(small_unit / "annual.csv", rows)
    assert "htx_min_members" in set(rules_hit(small_unit)["rule"])
    # the counts are a published total shared out: neither the case nor "no case" is known
    write_rows(
        small_unit / "provenance.csv",
        [
            ["table", "record", "field", "year", "status", "note"],
            ["annual", "*", "members", "", "estimated", "Phân bổ tổng số"],
        ],
    )
    ds = load_unit(small_unit)
    assert "htx_min_members" not in compliance.judged_rules(ds, 2025)
    assert "htx_min_members" not in set(compliance.findings(ds, 2025)["rule"])
    reports = tmp_path / "reports"
    assert main(["report", "--data", str(small_unit), "--year", "2025", "--out", str(reports)]) == 0
    page = (reports / small_unit.name / "2025" / "report.html").read_text(encoding="utf-8")
    from htxlib.report.writing.signing_copy import signing_copy

    for copy in (page, signing_copy(page)):
        text = " ".join(copy.split())
        unjudged = "Chưa đủ số liệu để rà soát: HTX có ít hơn số thành viên chính thức tối thiểu"
        assert unjudged in text
        assert "HTX có ít hơn số thành viên chính thức tối thiểu: 01 trường hợp" not in text


def test_edited_compliance_rule_changes_the_outcome(small_unit):
    rules = compliance_rules()
    assert "htx_min_members" not in set(rules_hit(small_unit, rules=rules)["rule"])
    rules = [{**r, "min_members": 10} if r["id"] == "htx_min_members" else r for r in rules]
    found = rules_hit(small_unit, rules=rules)
    assert set(found.loc[found["rule"] == "htx_min_members", "entity_id"]) == {"C", "E"}


def test_a_notice_to_correct_is_no_ground_to_dissolve(vq):
    # Liên Minh Phát's 14-month suspension notice breaks the 2023 Law, in force in 2025: a
    # notice to correct; the plan consolidates a lawfully suspended HTX, it does not dissolve it
    found = compliance.findings(vq, 2024, judged_on=pd.Timestamp("2025-01-01"))
    assert set(found.loc[found["rule"] == "suspension_too_long", "entity_id"]) == {"VQ28"}
    candidates = compliance.dissolution_candidates(vq, 2024)
    assert set(candidates["entity_id"]) == {"VQ14", "VQ17", "VQ20", "VQ21"}  # the paper-only


@pytest.mark.lang("en")
def test_validate_prints_findings_by_rule(capsys, vq):
    assert main(["validate", "--data", str(vq.folder)]) == 0
    out = capsys.readouterr().out
    assert "compliance findings: 4" in out
    # each rule by its text, as the document words it, not its identifier
    assert "    4  HTX chỉ tồn tại trên danh nghĩa, thuộc diện xem xét giải thể" in out
    # a rule the data cannot judge is said so, never "0"
    assert "    -  Không cập nhật thông tin hằng năm" in out and "paper_only" not in out
    assert "(not enough data to judge)" in out


@pytest.mark.lang("en")
def test_rating_scores_table_is_validated(vq_copy, capsys):
    rows = read_rows(vq_copy / "rating_scores.csv")
    rows[1][0] = "VQ99"
    write_rows(vq_copy / "rating_scores.csv", rows)
    assert main(["validate", "--data", str(vq_copy)]) == 1
    said = capsys.readouterr()
    assert "rating_scores.csv, row 2, column 'entity_id': value 'VQ99'" in said.out + said.err


# --- validity windows: each rule on both sides of its boundary -----------------------------


@pytest.mark.parametrize(
    ("day", "applies"), [("2025-09-17", True), ("2025-09-18", False), ("2020-03-31", False)]
)
def test_circular_01_2020_rates_only_inside_its_validity(day, applies):
    from htxlib.rules.loading import rating_rules

    rules = rating_rules()
    assert rules.applies_on(pd.Timestamp(day)) is applies
    assert rules.repealed_from == "18/9/2025"


@pytest.mark.parametrize(
    ("year", "standing"), [(2019, "before"), (2024, "in force"), (2025, "after")]
)
def test_a_year_s_ratings_stand_by_their_rating_date(year, standing):
    from htxlib.rules.loading import rating_rules

    assert rating_rules().standing(year) == standing


@pytest.mark.parametrize(
    ("day", "schemes"),
    [
        ("2025-09-17", {"members_circular_01_2020", "capital_circular_01_2020"}),
        ("2025-09-18", set()),
    ],
)
def test_size_classes_of_circular_01_2020_only_inside_its_validity(day, schemes):
    from htxlib.rules.loading import size_schemes

    found = {s["id"] for s in size_schemes(on=pd.Timestamp(day))}
    assert found & {"members_circular_01_2020", "capital_circular_01_2020"} == schemes


def test_every_rule_states_its_validity():
    """Each rule, rating method and size class says from when (and until when) it applies."""
    from htxlib.rules.loading import load_yaml

    rating = load_yaml("rating")
    assert "valid_from" in rating and "valid_to" in rating
    for scheme in load_yaml("size")["schemes"]:
        assert "valid_from" in scheme and "valid_to" in scheme, scheme["id"]
    for rule in load_yaml("compliance")["rules"]:
        assert "valid_from" in rule, rule["id"]


@pytest.mark.parametrize(
    ("cutoff", "expected"),
    [("14/12/2025", set()), ("15/12/2025", {"A", "C", "E"}), ("31/12/2025", {"A", "C", "E"})],
)
def test_the_annual_update_is_judged_after_its_deadline_on_those_it_binds(
    small_unit, cutoff, expected
):
    # every HTX says "no" in the field that records the duty; B is suspended on 15/12/2025,
    # D dissolved before it and G founded after it: the duty binds A, C and E only
    entities = read_rows(small_unit / "entities.csv")
    entities.append(["G", "HTX", "HTX Gia", "Tân Lập", "khac", "2025-12-20", "", 50, "", ""])
    write_rows(small_unit / "entities.csv", entities)
    rows = read_rows(small_unit / "annual.csv")
    rows[0].append("info_updated")
    for row in rows[1:]:
        row.append("false")
    rows.append(["D", 2025, 5, 0, 5, 5, 1, 0, 0, 1, "", "false"])
    rows.append(["G", 2025, 5, 0, 5, 5, 1, 0, 0, 1, "", "false"])
    write_rows(small_unit / "annual.csv", rows)
    ds = load_unit(small_unit)
    found = compliance.findings(ds, 2025, cutoff)
    assert set(found.loc[found["rule"] == "no_annual_update", "entity_id"]) == expected


def test_the_annual_update_is_not_judged_from_the_annual_report(small_unit):
    ds = load_unit(small_unit)  # report_filed only, no info_updated
    assert "no_annual_update" not in compliance.judged_rules(ds, 2025)
    assert not len(compliance.findings(ds, 2025).query("rule == 'no_annual_update'"))


def test_a_rule_about_a_kind_the_unit_lacks_is_not_said_to_find_nothing(small_unit):
    from htxlib.report.document import part_one

    entities = [r for r in read_rows(small_unit / "entities.csv") if r[1] != "LHHTX"]
    for row in entities[1:]:
        row[-1] = ""  # no union to belong to
    write_rows(small_unit / "entities.csv", entities)
    a = part_one.build(load_unit(small_unit), 2025)
    said = " ".join(a.clean_rules + a.unjudged_rules)
    assert "LH HTX" not in said
    assert "THT có ít hơn số thành viên tối thiểu" in said  # the THT are there


def test_an_htx_too_young_to_be_rated_is_no_shortcoming(small_unit):
    from htxlib.report.document import part_one

    # E, founded 08/8/2025, is recorded as not rated; C is rated weak
    a = part_one.build(load_unit(small_unit), 2025)
    assert a.too_young == {"E"} and a.young_not_rated == 1
    assert "01 HTX (25%) xếp loại yếu hoặc không được xếp loại" in a.weaknesses


@pytest.mark.parametrize("year_published", [True, False])
def test_an_htx_founded_in_the_year_is_too_young_when_only_its_day_is_estimated(
    small_unit, year_published
):
    from htxlib.report.document import part_one

    # the days are estimates; the unit published how many HTX were founded in 2025 (E)
    rows = [
        ["table", "record", "field", "year", "status", "note"],
        ["entities", "*", "founded_on", "", "estimated", "Ngày thành lập ước tính"],
    ]
    if year_published:
        rows.append(["entities", "sum", "founded_on", "2025", "published", "Số HTX thành lập mới"])
    write_rows(small_unit / "provenance.csv", rows)
    a = part_one.build(load_unit(small_unit), 2025)
    if year_published:  # any day of 2025 is less than 12 months before its end
        assert a.too_young == {"E"}
        assert "01 HTX (25%) xếp loại yếu hoặc không được xếp loại" in a.weaknesses
    else:  # an estimated day could make young an HTX that was rated
        assert a.too_young == set()
        assert "02 HTX (50%) xếp loại yếu hoặc không được xếp loại" in a.weaknesses
