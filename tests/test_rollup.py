"""A province built from its communes equals the same data built as one folder; a child that
fails is named and left out."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from htxlib import figures
from htxlib.data import synthetic
from htxlib.data.dataset import load_unit
from htxlib.rules.compliance import counts_by_rule, findings

from .conftest import ROOT

#: The tests below read the messages in English.
pytestmark = pytest.mark.lang("en")

#: Which communes of the synthetic unit go to which child.
GROUPS = {
    "xa-mot": ("Xã An", "Xã Bình", "Xã Cường"),
    "xa-hai": ("Xã Đông", "Xã Hòa"),
    "xa-ba": ("Xã Lạc", "Xã Minh", "Xã Phú"),
}


def _write(folder, tables):
    folder.mkdir(parents=True, exist_ok=True)
    for name, frame in tables.items():
        out = frame.copy()
        for column in out.columns:
            if pd.api.types.is_datetime64_any_dtype(out[column]):
                out[column] = out[column].dt.strftime("%Y-%m-%d")
        out.to_csv(folder / f"{name}.csv", index=False)


@pytest.fixture(scope="module")
def province(tmp_path_factory):
    """The same synthetic province as one folder, and as a parent of three communes."""
    root = tmp_path_factory.mktemp("rollup")
    tables = synthetic.frames(120, years=4, seed=3)
    tables["entities"]["union_id"] = None  # a union's members may sit in other communes
    _write(root / "whole", tables)
    parent = root / "parent"
    own = {name: tables[name] for name in ("unit", "periods", "support")}
    _write(parent, own)
    for child, communes in GROUPS.items():
        entities = tables["entities"][tables["entities"]["commune"].isin(communes)]
        ids = set(entities["entity_id"])
        part = {
            name: frame[frame["entity_id"].isin(ids)]
            for name, frame in tables.items()
            if "entity_id" in frame and name != "entities"
        }
        unit = pd.DataFrame(
            [{"unit_id": child, "name": child, "level": "xa", "province": "Tổng hợp"}]
        )
        folder = parent / "units" / child
        _write(folder, {"unit": unit, "periods": tables["periods"], "entities": entities, **part})
    return load_unit(root / "whole"), load_unit(parent)


def test_children_are_listed_and_loaded(province):
    _, parent = province
    assert [c.path for c in parent.children] == ["units/xa-ba", "units/xa-hai", "units/xa-mot"]
    assert all(c.loaded for c in parent.children)
    assert parent.entities["entity_id"].str.contains(":").all()  # ids carry their child


def test_province_from_communes_equals_one_folder(province):
    whole, parent = province
    for year in (2023, 2024):
        one, many = figures.htx_overview(whole, year), figures.htx_overview(parent, year)
        assert many.total.value == one.total.value
        assert len(many.new) == len(one.new) and len(many.dissolved) == len(one.dissolved)
        assert list(many.by_sector["count"]) == list(one.by_sector["count"])
        assert list(many.by_sector["share"]) == list(one.by_sector["share"])
        for name in ("members", "new_members", "workers", "workers_members"):
            a = getattr(figures.members_workers(whole, year), name).value
            b = getattr(figures.members_workers(parent, year), name).value
            assert a == b, name
        assert list(figures.capital_by_sector(parent, year)["capital"]) == list(
            figures.capital_by_sector(whole, year)["capital"]
        )
        assert list(figures.rating_distribution(parent, year)["count"]) == list(
            figures.rating_distribution(whole, year)["count"]
        )
        assert (
            figures.tht_overview(parent, year).total.value
            == figures.tht_overview(whole, year).total.value
        )
        assert list(counts_by_rule(findings(parent, year))["count"]) == list(
            counts_by_rule(findings(whole, year))["count"]
        )


@pytest.mark.slow
def test_a_failing_child_is_named_and_left_out(province, tmp_path):
    _, parent = province
    copy = tmp_path / "parent"
    shutil.copytree(parent.folder, copy)
    annual = copy / "units" / "xa-hai" / "annual.csv"
    lines = annual.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace(",", ",x", 1)  # a year that is not a number
    annual.write_text("\n".join(lines) + "\n", encoding="utf-8")
    broken = load_unit(copy)
    failed = [c for c in broken.children if not c.loaded]
    assert [c.path for c in failed] == ["units/xa-hai"]
    assert all(p.file.startswith("units/xa-hai/") for p in failed[0].problems)
    assert not broken.entities["entity_id"].str.startswith("xa-hai:").any()
    assert broken.entities["entity_id"].str.startswith("xa-mot:").any()
    # the commands a province runs say so, with the child's problems, and fail
    from .conftest import run_htx

    for command in (["validate"], ["report", "--format", "html", "--out", "reports"]):
        run = run_htx(*command, "--data", "parent", "--year", "2024", cwd=tmp_path)
        assert run.returncode == 5, (command, run.stderr)
        said = run.stdout + run.stderr
        assert "units/xa-hai: CHƯA TỔNG HỢP" in said and "units/xa-hai/annual.csv" in said
        assert "1 đơn vị trong units/ chưa được tổng hợp" in run.stderr
    assert (tmp_path / "reports" / "tong-hop-120" / "2024" / "report.html").is_file()


def test_parent_report_covers_its_children(province, tmp_path):
    from htxlib.report.document import part_one
    from htxlib.report.document.narrative import annex_section, section

    _, parent = province
    a = part_one.build(parent, 2024, with_charts=False)
    text = str(section("i_1_a", a))
    assert "Số liệu tổng hợp từ 03 đơn vị cấp xã" in text
    rows = a.children["rows"]
    assert sum(r["htx"] for r in rows) == a.overview.total.value
    assert "units/xa-mot" in str(annex_section("sources", a))


def test_the_sample_province_adds_up_to_the_district_it_was_rebuilt_from():
    from htxlib.data.admin_map import commune
    from htxlib.figures.provenance import figure

    from .conftest import ROOT, VAN_QUAN

    sample, district = load_unit(ROOT / "data" / "lang-son-mau"), load_unit(VAN_QUAN)
    assert [c.name for c in sample.children] == ["thị trấn Văn Quan", "xã Điềm He", "xã Tri Lễ"]
    assert all(c.loaded for c in sample.children)
    for child in sample.children:
        code = int(load_unit(sample.folder / child.path).unit_info["code"])
        assert commune(code).province == 20  # communes of the current map, in Lạng Sơn
    for year in (2023, 2024):
        one, many = figures.htx_overview(district, year), figures.htx_overview(sample, year)
        assert many.total.value == one.total.value
        assert list(many.by_sector["count"]) == list(one.by_sector["count"])
        a, b = figures.members_workers(district, year), figures.members_workers(sample, year)
        assert (a.members.value, a.workers.value) == (b.members.value, b.workers.value)
        assert list(figures.rating_distribution(sample, year)["count"]) == list(
            figures.rating_distribution(district, year)["count"]
        )
    # where each HTX sits is the sample's own estimate, and its provenance says so
    ids = sample.entities["entity_id"]
    assert figure(sample, None, "entities", "commune", ids, total=True).status == "estimated"


def test_a_parent_knows_what_its_children_know(province):
    whole, parent = province
    # the parent folder has no status_events file of its own; its communes do
    assert "status_events" not in parent.sources
    assert figures.statuses_given(parent) and figures.statuses_given(whole)
    year = whole.years[-1]
    assert len(figures.htx_overview(parent, year).suspended) == len(
        figures.htx_overview(whole, year).suspended
    )


def test_a_childs_contradictions_roll_up_with_the_child_named(tmp_path):
    from htxlib.checks.contradictions import contradictions

    parent = tmp_path / "tinh"
    shutil.copytree(ROOT / "data" / "lang-son-mau", parent)
    child = parent / "units" / "xa-tri-le"
    (child / "reported_figures.csv").write_text(
        "indicator,year,value\ntotal_htx,2024,800\n", encoding="utf-8"
    )
    found = contradictions(load_unit(parent))
    mine = found[found["file"].str.startswith("units/xa-tri-le/")]
    assert list(mine["field"]) == ["total_htx"] and list(mine["stated"]) == [800]


@pytest.mark.parametrize(
    "case", ["copied folder", "same unit id", "parent's unit id", "same HTX, new unit id"]
)
def test_a_roll_up_never_counts_a_child_twice(province, tmp_path, case):
    """A commune folder copied twice, two children with one unit id, or a child with the
    parent's: the later child is left out, naming the other, and the HTX are counted once."""
    _, parent = province
    copy = tmp_path / "parent"
    shutil.copytree(parent.folder, copy)
    twin = copy / "units" / "xa-hai - Copy"
    shutil.copytree(copy / "units" / "xa-hai", twin)
    unit = twin / "unit.csv"
    text = unit.read_text(encoding="utf-8")
    if case == "same unit id":  # other HTX, but the unit id was not changed
        entities = twin / "entities.csv"
        entities.write_text(
            entities.read_text(encoding="utf-8").replace("HTX ", "HTX Mới "), "utf-8"
        )
    elif case == "parent's unit id":
        unit.write_text(text.replace("xa-hai", parent.unit_id), encoding="utf-8")
    elif case == "same HTX, new unit id":
        unit.write_text(text.replace("xa-hai", "xa-hai-2"), encoding="utf-8")
    rolled = load_unit(copy)
    left_out = [c for c in rolled.children if not c.loaded]
    assert [c.path for c in left_out] == ["units/xa-hai - Copy"], case
    rule = left_out[0].problems[0].rule
    if case == "parent's unit id":
        assert parent.unit_id in rule
    else:
        assert "units/xa-hai" in rule and "copied twice" in rule, rule
    assert len(rolled.entities) == len(parent.entities)  # nothing counted twice


@pytest.mark.parametrize("place", ["another commune", "the same commune"])
def test_one_htx_listed_by_two_communes_is_an_error(province, tmp_path, place):
    """The same HTX under two ids, every figure the same: the province would count it twice."""
    from .conftest import run_htx

    _, parent = province
    copy = tmp_path / "parent"
    shutil.copytree(parent.folder, copy)
    one = copy / "units" / "xa-hai" / "entities.csv"
    first = one.read_text(encoding="utf-8").splitlines()
    header, row = first[0], first[1]
    moved = copy / "units" / "xa-ba"
    # xa-ba lists xa-hai's first HTX again under its own id, with its annual rows
    columns = header.split(",")
    values = row.split(",")
    entity = values[columns.index("entity_id")]
    values[columns.index("entity_id")] = "HTX-CHUYEN"
    if place == "another commune":
        values[columns.index("commune")] = "Xã Lạc"
    with (moved / "entities.csv").open("a", encoding="utf-8") as handle:
        handle.write(",".join(values) + "\n")
    annual = (copy / "units" / "xa-hai" / "annual.csv").read_text(encoding="utf-8").splitlines()
    with (moved / "annual.csv").open("a", encoding="utf-8") as handle:
        for line in annual[1:]:
            if line.startswith(entity + ","):
                handle.write("HTX-CHUYEN" + line[len(entity) :] + "\n")
    done = run_htx("validate", "--data", str(copy), lang="en")
    said = done.stdout + done.stderr
    assert done.returncode != 0 and "Traceback" not in said, said
    # children are added in order: xa-ba's row is held when xa-hai lists the HTX again
    assert done.returncode == 5
    assert "units/xa-hai/entities.csv, row 2 (HTX000007) is the same HTX as" in said, said
    assert "units/xa-ba/entities.csv, row 138 (HTX-CHUYEN)" in said and "moved_out" in said
    rolled = load_unit(copy)
    assert [c.path for c in rolled.children if not c.loaded] == ["units/xa-hai"]

    # marked as moved in the commune it left: one HTX, counted once, in its new commune
    with (copy / "units" / "xa-hai" / "status_events.csv").open("a", encoding="utf-8") as handle:
        header = (copy / "units" / "xa-hai" / "status_events.csv").read_text().splitlines()[0]
        cells = dict.fromkeys(header.split(","), "")
        cells.update(entity_id=entity, event="moved_out", start_date="2020-01-01")
        handle.write(",".join(cells.values()) + "\n")
    rolled = load_unit(copy)
    assert all(c.loaded for c in rolled.children)
    cutoff = pd.Timestamp("2024-12-31")
    ids = set(figures.frames.existing(rolled, "HTX", cutoff)["entity_id"])
    assert "xa-ba:HTX-CHUYEN" in ids and f"xa-hai:{entity}" not in ids


def test_a_name_met_again_in_the_same_commune_is_a_warning(province, tmp_path):
    _, parent = province
    copy = tmp_path / "parent"
    shutil.copytree(parent.folder, copy)
    one = copy / "units" / "xa-hai" / "entities.csv"
    lines = one.read_text(encoding="utf-8").splitlines()
    columns = lines[0].split(",")
    values = lines[1].split(",")
    values[columns.index("entity_id")] = "HTX-KHAC"
    values[columns.index("founded_on")] = "2001-01-01"  # another founding date: maybe another
    # the province's own registry names it again
    (copy / "entities.csv").write_text(lines[0] + "\n" + ",".join(values) + "\n", "utf-8")
    rolled = load_unit(copy)
    assert all(c.loaded for c in rolled.children)
    warned = [str(w) for w in rolled.warnings if "same name in the same place" in w.rule]
    assert len(warned) == 1, [str(w) for w in rolled.warnings]
    assert "units/xa-hai/entities.csv, row 2" in warned[0] and "entities.csv, row 2" in warned[0]


def test_a_province_of_some_communes_says_how_many_of_how_many(tmp_path):
    """The sample province holds 3 of Lạng Sơn's communes of 2024: no sentence calls their sum
    the province's, and the roll-up says how many of how many units it covers."""
    import re

    from htxlib.report.document import part_one

    a = part_one.build(load_unit(ROOT / "data" / "lang-son-mau"), 2024)
    assert a.children["of"] == 194 and len(a.children["covered"]) == 3
    assert a.unit.partial and a.unit.coverage_note == "số liệu của 03 trong số 194 đơn vị cấp xã"
    from htxlib.report.document.narrative import section

    names = ("i_1_a", "i_1_b", "i_1_c", "i_2", "i_3", "ii", "iii_iv")
    html = " ".join(str(section(name, a)) for name in names)
    page = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    assert "Số liệu tổng hợp từ 03 trong số 194 đơn vị cấp xã" in page
    assert not re.search(r"trên địa bàn tỉnh Lạng Sơn có \d+ (HTX|THT)", page)
    # a share of the HTX with detailed data is not a share of the province's HTX
    assert "(27,78% số HTX có dữ liệu chi tiết)" in page and "tổng số HTX" not in page


def test_the_annex_of_a_province_sums_the_rating_check_by_commune():
    """A unit built from child units: the annex says the rating check commune by commune,
    and the communes' rows add up to the province's."""
    import re

    from htxlib.report.document import part_one
    from htxlib.report.document.narrative import annex_section

    a = part_one.build(load_unit(ROOT / "data" / "lang-son-mau"), 2024, with_charts=False)
    rows = a.rating_by_child
    check = a.rating_agreement
    assert {r["name"] for r in rows} == {"Thị trấn Văn Quan", "Xã Điềm He", "Xã Tri Lễ"}
    assert sum(r["judged"] for r in rows) == check["judged"] > 0
    assert sum(r["agree"] for r in rows) == check["agree"]
    assert sum(r["differ"] for r in rows) == check["differing"]
    said = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", str(annex_section("rating", a))))
    assert "Kết quả chấm lại theo đơn vị: Đơn vị HTX chấm lại" in said
    assert f"Tổng số {check['judged']:02d} {check['agree']:02d}" in said


@pytest.mark.parametrize("both_publish", [True, False])
def test_a_total_every_child_publishes_is_the_parents(tmp_path, both_publish):
    """Two communes publish how many HTX were founded in 2025 while estimating each founding
    day: the province publishes the sum, and an HTX of 2025 is too young to be rated there as
    in its commune. One commune that does not publish its count leaves the sum estimated."""
    from .conftest import read_rows, write_rows, write_small_unit

    parent = tmp_path / "tinh-mau"
    (parent / "units").mkdir(parents=True)
    write_rows(parent / "unit.csv", [
        ["unit_id", "name", "level", "province", "issuing_body"],
        ["tinh-mau", "Mẫu", "tinh", "Tỉnh Mẫu", "Ủy ban nhân dân tỉnh Mẫu"],
    ])  # fmt: skip
    write_rows(parent / "periods.csv", [
        ["year", "period_start", "cutoff_date", "plan_year", "source"],
        [2025, "01/01/2025", "31/12/2025", 2026, "Báo cáo mẫu"],
    ])  # fmt: skip
    for number, name in enumerate(("xa-mot", "xa-hai")):
        folder = write_small_unit(parent / "units")
        folder = folder.rename(parent / "units" / name)
        rows = [["unit_id", "name", "level", "province", "issuing_body"],
                [name, name, "xa", "Tỉnh Mẫu", f"Ủy ban nhân dân xã {name}"]]  # fmt: skip
        write_rows(folder / "unit.csv", rows)
        entities = read_rows(folder / "entities.csv")  # two communes, two sets of HTX
        write_rows(folder / "entities.csv", [entities[0]] + [
            [*r[:2], f"{r[2]} {name}", *r[3:]] for r in entities[1:]])  # fmt: skip
        provenance = [
            ["table", "record", "field", "year", "status", "note"],
            ["entities", "*", "founded_on", "", "estimated", "Ngày thành lập ước tính"],
        ]
        if both_publish or number == 0:
            provenance.append(["entities", "sum", "founded_on", "2025", "published", "Số HTX mới"])
        write_rows(folder / "provenance.csv", provenance)
    province = load_unit(parent)
    assert all(c.loaded for c in province.children), [c.problems for c in province.children]
    young = figures.too_young(province, 2025)
    assert young == ({"xa-mot:E", "xa-hai:E"} if both_publish else set())
