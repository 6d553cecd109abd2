"""The README, run as written: every command a user copies, in a real copy of the working tree.

The copy is set up once by the README's own ``make setup`` (a fresh ``.venv`` from the package
index, the ``htx`` script pip writes, the kernel), or takes the one CI's clean clone made
with it (see :func:`set_up`); every command then runs in it as a user types it, from the
copy's top folder with relative paths, and the test checks what the user would look at: the
exit code, the first lines printed and their language, the files written.

A README command that is not run here is listed in ``NOT_RUN`` with the reason, and a test
fails when the README gains a command that is in neither list: adding one is a decision.
"""

from __future__ import annotations

import codecs
import csv
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import ROOT, free_port, served_tour, user_environment

#: It starts many reports, servers or other processes: `make test-fast` leaves it out.
pytestmark = pytest.mark.slow

README = ROOT / "README.md"

#: README commands not run here, and why.
NOT_RUN = {
    "make test": "the test suite itself: CI runs it on a clean clone (.ci/run)",
    "make test-fast": "a part of the test suite itself (the tests not marked slow)",
    "conda env create -f environment.yml": "no conda here, and only PyPI is reachable",
    ".venv/bin/python benchmarks/bench_report.py": (
        "times many full reports against floors (minutes); a benchmark, not a check"
    ),
    ".venv/bin/python benchmarks/bench_hostile.py --runs 1": (
        "builds 190 MB hostile files and runs each (minutes); test_benchmarks runs two cases"
    ),
    "make clean": "removes the .venv the other commands run in",
    "make lint": "rewrites the copy's files; `make test` runs the same ruff checks",
    "htx report --charts": "an option named in a sentence; the command lines are run",
    "htx batch --charts": "an option named in a sentence; the command lines are run",
    "htx batch --jobs 2": "what bench_batch.py runs on its generated units",
}

#: `make help` targets the README does not show as a command, run all the same.
HELP_ONLY = {"make codebook"}

#: The README's placeholders as a user fills them in.
FILLED = {
    '"ten xa"': '"thuong lam"',
    "<mã-xã>": "02269",
    "<tệp>.xlsx": "units/thuong-lam/thuong-lam.xlsx",
    "<tệp>.docx": "reports/van-quan/2024/report.docx",
    "<mã-đơn-vị>": "my-unit",
    "<unit-id>": "my-unit",
    "<year>": "2024",
    "--data DIR --year Y": "--data units --year 2025",
    "CODE --year Y --out FILE.xlsx": "02269 --year 2025 --out units/thuong-lam/thuong-lam.xlsx",
    "--lang en ...": "--lang en validate --data data/van-quan",
    "<old code>": "02251",
    "units/<former>/<former>.xlsx": "units/thuong-lam/units/xa-khuon-ha/xa-khuon-ha.xlsx",
}


def readme_commands() -> set[str]:
    """The commands a user copies: code-block lines, and inline commands with arguments."""
    text = README.read_text(encoding="utf-8")
    found = set()
    for block in re.findall(r"```(?:sh|bash|console)?\n(.*?)```", text, re.S):
        for line in block.splitlines():
            line = line.split("  #")[0].strip()
            if re.match(r"(make|htx|\.venv/bin/\S+)(?=\s|$)", line) and line != "htx ...":
                found.add(" ".join(line.split()))
    pattern = r"`((?:[A-Z_]+=\S+ )?(?:make|\.venv/bin/\S+|htx|conda)(?: [^`]+)?)`"
    for command in re.findall(pattern, text):
        command = " ".join(command.split())
        # a bare name ("htx batch" in a sentence) is a mention, not a command
        words = len(command.split())
        named = words == 1 or (words == 2 and command.startswith(("htx", ".venv/bin/htx")))
        if not named and "..." not in command and "…" not in command:
            found.add(command)
    return found


def concrete(command: str) -> str:
    """A README line as a user types it: placeholders filled, [optional parts] kept."""
    for placeholder, value in FILLED.items():
        command = command.replace(placeholder, value)
    return command.replace("[", "").replace("]", "")


@pytest.fixture(scope="module")
def copy(tmp_path_factory) -> Path:
    """The working tree, copied as a user has it, set up by the README's `make setup`."""
    top = tmp_path_factory.mktemp("readme") / "htx"
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "-z"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    for name in filter(None, listed):
        source = ROOT / name.decode()
        if source.is_file() and not name.startswith(b"reports/"):
            (top / name.decode()).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, top / name.decode())
    said = set_up(top)
    # set-up says what it does, a line per step, in the user's language, and no backend notes
    assert "htx cài đặt 1/4" in said and "htx cài đặt: xong" in said, said
    assert "BuildBackendWarning" not in said
    assert (top / ".venv" / "bin" / "htx").is_file()  # the script pip writes, not ours
    return top


def set_up(top: Path) -> str:
    """Set the copy up as a new user's first command does; return what the set-up printed.

    ``.ci/run`` starts on a clean clone with the README's own `make setup`, as a new user
    does, and names its output in ``HTX_SETUP_LOG``: that set-up is the one checked, and the
    copy runs in the ``.venv`` it made (the same set-up, not made twice). Without it, the
    copy runs `make setup` itself, from the package index.
    """
    log = os.environ.get("HTX_SETUP_LOG")
    if log and (ROOT / ".venv" / ".installed").is_file():
        (top / ".venv").symlink_to(ROOT / ".venv")
        return Path(log).read_text(encoding="utf-8")
    done = run("make setup", top, timeout=1200)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout + done.stderr


def run(command: str, cwd: Path, timeout: int = 900, env=None, stdin: str | None = None):
    """Run a command line in a shell, as typed in a terminal, in the user's language."""
    environment = user_environment()
    return subprocess.run(
        command,
        shell=True,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        input=stdin,
        env={**environment, **(env or {})},
    )


def vietnamese(text: str) -> bool:
    return bool(re.search(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", text))


def test_every_readme_command_is_run_or_has_a_reason():
    listed = set(RUNS) | set(NOT_RUN)
    unlisted = sorted(readme_commands() - listed)
    assert not unlisted, f"README commands neither run nor listed with a reason: {unlisted}"
    stale = sorted(set(RUNS) - readme_commands() - HELP_ONLY)
    assert not stale, f"commands run here that the README no longer shows: {stale}"


def test_make_help_lists_only_targets_that_are_run_or_have_a_reason(copy):
    done = run("make help", copy)
    assert done.returncode == 0 and "make report" in done.stdout, done.stderr
    targets = re.findall(r"^\s+make (\S+)", done.stdout, re.M)
    commands = {c.split()[1] for c in (*RUNS, *NOT_RUN) if c.startswith("make ")}
    commands |= {c.split()[2] for c in RUNS if c.startswith(("HTX_", "PYTHON")) and " make " in c}
    missing = sorted(set(targets) - commands - {"setup", "help", "format"})
    assert not missing, f"make targets no test runs: {missing}"


def check_make_report(done, copy):
    assert done.returncode == 0, done.stdout + done.stderr
    for unit in ("van-quan", "lang-son-mau"):
        assert f"reports/{unit}/2024/report.html" in done.stdout
        assert (copy / "reports" / unit / "2024" / "report.docx").is_file()
    assert (copy / "reports" / "index.html").is_file()
    # the sample province says it is one, in the list of reports
    assert "Tỉnh Lạng Sơn (mẫu)" in (copy / "reports" / "index.html").read_text(encoding="utf-8")


def _signing_copy(copy: Path) -> None:
    """The signing copy `make report` writes: what `htx check` reads in the README."""
    if not (copy / "reports" / "van-quan" / "2024" / "report.docx").is_file():
        check_make_report(run("make report", copy), copy)


def check_check(done, copy):
    """A plan checked from its text: the figures listed, nothing found in the toolkit's own."""
    assert done.returncode == 0, done.stdout + done.stderr
    first = done.stdout.splitlines()[0]
    assert first.startswith("reports/van-quan/2024/report.docx:"), first
    assert "nhận dạng được" in first and "0 chỗ không khớp" in first, first
    assert "Các số liệu nhận dạng được:" in done.stdout and "36 HTX [số HTX]" in done.stdout


def check_check_with_data(done, copy):
    check_check(done, copy)
    compared = re.search(r"đã đối chiếu (\d+) số liệu với dữ liệu của đơn vị", done.stdout)
    assert compared and int(compared.group(1)) >= 20, done.stdout


def check_check_many(done, copy):
    """Published excerpts of real plans: their own contradictions, one table for all."""
    assert done.returncode == 1, done.stdout + done.stderr
    assert "14 tệp: 6 tệp có chỗ không khớp, 8 tệp không có, 0 tệp không đọc được" in done.stdout
    with (copy / "kiem-tra" / "phat-hien.csv").open(encoding="utf-8-sig", newline="") as handle:
        findings = list(csv.DictReader(handle))
    assert any("38 + 2 + 1 = 41, văn bản ghi tổng số 54 HTX" in f["phát hiện"] for f in findings)
    assert (copy / "kiem-tra" / "tom-tat.csv").is_file()


def check_map(done, copy):
    assert done.returncode == 0 and "02269" in done.stdout and "Thượng Lâm" in done.stdout


def check_former_map(done, copy):
    """A name of the map before 01/07/2025 says what it is now."""
    assert done.returncode == 0, done.stderr
    assert "trước 01/07/2025" in done.stdout and "→ nay thuộc" in done.stdout, done.stdout


def check_former_code(done, copy):
    """A former commune's code, which a former unit's unit.csv gives, is printed."""
    check_former_map(done, copy)
    assert "thị trấn Văn Quan (huyện Văn Quan" in done.stdout and "06253" in done.stdout


def check_template(done, copy):
    target = copy / "units" / "thuong-lam" / "thuong-lam.xlsx"
    assert done.returncode == 0 and target.is_file(), done.stderr
    # a user's filled workbook is never replaced: a second run refuses, the file unchanged
    before = target.read_bytes()
    again = run(".venv/bin/htx template --unit 02269 --year 2025 --out " + str(target), copy)
    assert again.returncode != 0 and "--force" in again.stderr and vietnamese(again.stderr)
    assert target.read_bytes() == before


def check_former_template(done, copy):
    target = copy / "units" / "thuong-lam" / "units" / "xa-khuon-ha" / "xa-khuon-ha.xlsx"
    assert done.returncode == 0 and target.is_file(), done.stderr
    import openpyxl

    unit = [c.value for c in openpyxl.load_workbook(target)["don_vi"][4]]
    assert "Khuôn Hà" in unit and "02251" in unit, unit  # the former map's commune


def prepare_my_unit(copy: Path) -> None:
    """README "Adding a unit", step 1: Văn Quan's folder copied, with the unit's own id."""
    unit = copy / "units" / "my-unit"
    if not unit.exists():
        shutil.copytree(copy / "data" / "van-quan", unit)
        table = unit / "unit.csv"
        table.write_text(
            table.read_text(encoding="utf-8").replace("van-quan,", "my-unit,"), encoding="utf-8"
        )


def check_texts(done, copy):
    # Văn Quan's texts for 2024 are all written: nothing is replaced, and the user is told
    assert done.returncode == 0, done.stderr
    assert vietnamese(done.stdout + done.stderr)
    assert (copy / "units" / "my-unit" / "texts" / "2024" / "law.md").read_bytes() == (
        copy / "data" / "van-quan" / "texts" / "2024" / "law.md"
    ).read_bytes()


def check_valid(done, copy):
    assert done.returncode == 0, done.stdout + done.stderr
    assert "số liệu hợp lệ" in done.stdout + done.stderr


def check_valid_english(done, copy):
    assert done.returncode == 0 and "data OK" in done.stdout + done.stderr


def check_report_with_options(done, copy):
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0].endswith("reports/van-quan/2024/report.html")
    assert (copy / "reports" / "van-quan" / "2024" / "report.docx").is_file()


def check_setup(done, copy):
    assert done.returncode == 0, done.stderr  # set up already: nothing to do, no error


def check_help(done, copy):
    assert done.returncode == 0 and "make report" in done.stdout and vietnamese(done.stdout)


def check_help_english(done, copy):
    assert done.returncode == 0 and "Show this help" in done.stdout and not vietnamese(done.stdout)


def check_pytest(done, copy):
    assert done.returncode == 0 and " passed" in done.stdout, done.stdout[-2000:]


def check_my_unit_report(done, copy):
    assert done.returncode == 0, done.stdout + done.stderr
    assert "reports/my-unit/2024/report.html" in done.stdout
    assert "my-unit" in (copy / "reports" / "index.html").read_text(encoding="utf-8")


def check_batch(done, copy):
    # the README's layout: a commune's workbook in its folder, and a unit folder; both found
    said = done.stdout + done.stderr
    assert "Traceback" not in said and vietnamese(said), said
    assert "thuong-lam" in said and "my-unit" in said, said


#: The figure tables the README says `htx export` writes, as CSV and as sheets of one workbook.
EXPORTED = (
    "sectors", "capital", "ratings", "rating_check", "managers", "support", "findings",
    "plan_vs_actual", "targets", "contradictions",
)  # fmt: skip


def check_export(done, copy):
    import openpyxl

    assert done.returncode == 0, done.stderr
    written = [Path(line.strip()) for line in done.stdout.splitlines() if line.strip()]
    files = {p.stem: p if p.is_absolute() else copy / p for p in written}
    assert set(files) == {*EXPORTED, "figures"}, done.stdout
    assert all(files[name].read_bytes().startswith(codecs.BOM_UTF8) for name in EXPORTED)
    with files["capital"].open(encoding="utf-8-sig", newline="") as handle:
        capital = {row["Lĩnh vực"]: row for row in csv.DictReader(handle)}
    # the seed: 33 HTX in farming, forestry and fishing, 81.233 triệu đồng registered, as
    # people read it: Vietnamese headers, whole numbers without ".0", provenance in words
    farming = capital["nong_nghiep"]
    assert (farming["Số lượng"], farming["Vốn điều lệ (triệu đồng)"]) == ("33", "81233")
    assert farming["Nguồn gốc số liệu"] == "số liệu công bố"
    with files["plan_vs_actual"].open(encoding="utf-8-sig", newline="") as handle:
        numbers = [cell for row in csv.reader(handle) for cell in row[1:] if cell[:1].isdigit()]
    assert numbers and not [n for n in numbers if re.fullmatch(r"\d+\.(0|\d{4,})", n)], numbers
    book = openpyxl.load_workbook(files["figures"], read_only=True)
    assert book.sheetnames == list(EXPORTED)
    rows = list(book["capital"].iter_rows(values_only=True))
    assert rows[0][:4] == ("Lĩnh vực", "Tên", "Số lượng", "Vốn điều lệ (triệu đồng)")
    assert rows[1][:4] == ("nong_nghiep", "Nông - Lâm - Ngư nghiệp", 33, 81233)


def check_codebook(done, copy):
    assert done.returncode == 0, done.stderr
    for name in ("README.md", "README.vi.md"):  # as the repository keeps them, regenerated
        assert (copy / "data" / name).read_bytes() == (ROOT / "data" / name).read_bytes(), name
    vietnamese_page = (copy / "data" / "README.vi.md").read_text(encoding="utf-8")
    assert "trang `danh_sach` (tệp `entities.csv`)" in vietnamese_page


def check_version(done, copy):
    assert done.returncode == 0 and re.fullmatch(r"htx \d+\.\d+\.\d+\s*", done.stdout)


def check_shell(done, copy):
    assert done.returncode == 0 and "htx 0." in done.stdout, done.stdout + done.stderr


def check_lab(command: str, copy: Path) -> None:
    """Start JupyterLab as the README says, fetch the tour over HTTP, and stop it."""
    # a free port: the README's own (8899), or JupyterLab's default, may be taken here
    port = free_port()
    command = re.sub(r"--ServerApp\.port=\d+", f"--ServerApp.port={port}", command)
    env = {"HOME": str(copy), "JUPYTER_PORT": str(port), "BROWSER": "true"}
    log = copy / "lab.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            command,
            shell=True,
            cwd=copy,
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**user_environment(), **env},
            start_new_session=True,
        )

    def contents_url():
        pattern = r"(http://(?:127\.0\.0\.1|localhost):\d+)/lab\?token=(\w*)"
        found = re.search(pattern, log.read_text())
        return found and f"{found.group(1)}/api/contents/tour.ipynb?token={found.group(2)}"

    try:
        tour = served_tour(server, contents_url)
        assert server.poll() is None, log.read_text()
        assert tour is not None and tour["name"] == "tour.ipynb", log.read_text()
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=60)


#: Each README command run here (placeholders filled), in the order a user meets them, with
#: what to check. ``None`` runs the command as a long-running server (see check_lab).
RUNS = {
    "make setup": check_setup,
    "make help": check_help,
    "HTX_LANG=en make help": check_help_english,
    "make report": check_make_report,
    "htx --version": check_version,
    "htx report --data data/van-quan --year 2024 [--as-of 30/06/2024] [--out reports]": (
        check_report_with_options
    ),
    "htx validate --data data/van-quan [--year 2024] [--as-of 30/06/2024]": check_valid,
    "htx --lang en ...": check_valid_english,
    'htx map "thuong lam" [--province "tuyen quang"]': check_map,
    '.venv/bin/htx map "ten xa"': check_map,
    'htx map "Thượng Lâm Lâm Bình"': check_former_map,
    'htx map "huyện Lâm Bình"': check_former_map,
    'htx map "TT Lim"': check_former_map,
    'htx map "thị trấn Văn Quan"': check_former_code,
    ".venv/bin/htx template --unit <mã-xã> --year 2025 --out <tệp>.xlsx": check_template,
    "htx template --unit CODE --year Y --out FILE.xlsx": check_template,
    "htx template --former --unit <old code> --year 2024 --out units/<former>/<former>.xlsx": (
        check_former_template
    ),
    "htx template --unit 02269 --year 2025 --out units/thuong-lam/thuong-lam.xlsx [--force]": (
        check_template
    ),
    "htx texts --data units/my-unit --year 2024": check_texts,
    ".venv/bin/htx texts --data units/<mã-đơn-vị> --year 2024": check_texts,
    "make texts UNIT=units/my-unit YEAR=2024": check_texts,
    "make validate UNIT=units/my-unit": check_valid,
    "make validate UNIT=units/my-unit YEAR=2024": check_valid,
    'make map NAME="thuong lam"': check_map,
    "make template CODE=02269 YEAR=2025 OUT=units/thuong-lam/thuong-lam.xlsx": check_template,
    "make export": check_export,
    "make validate UNIT=units/<mã-đơn-vị>": check_valid,
    "make validate UNIT=units/<unit-id>": check_valid,
    "htx validate --data units/my-unit --year 2024": check_valid,
    "make report UNIT=units/<unit-id> YEAR=<year>": check_my_unit_report,
    "htx batch --data DIR --year Y": check_batch,
    "htx batch --data units --year 2025 [--out reports] [--jobs 2] [--format html,docx]": (
        check_batch
    ),
    "make batch DATA=units YEAR=2025": check_batch,
    "make batch DATA=units": check_batch,
    "htx export --data data/van-quan --year 2024 [--out reports]": check_export,
    "htx codebook": check_codebook,
    "htx --lang en codebook --output data/README.md": check_codebook,
    "make codebook": check_codebook,
    "make shell": check_shell,
    ".venv/bin/pytest tests/test_shares.py": check_pytest,
    "htx check reports/van-quan/2024/report.docx": check_check,
    "htx check tests/data/check_excerpts/*.txt --out kiem-tra": check_check_many,
    "htx check reports/van-quan/2024/report.docx --data data/van-quan": check_check_with_data,
    ".venv/bin/htx check <tệp>.docx": check_check,
    "HTX_MAX_FILE_MB=400 make validate UNIT=data/van-quan": check_valid,
    "make lab": None,
    ".venv/bin/python -m htxlib.lab --no-browser --ServerApp.port=8899": None,
}


#: What each command printed, by the command line as typed (see the test below).
RAN: dict[str, subprocess.CompletedProcess] = {}


@pytest.mark.parametrize("command", list(RUNS))
def test_a_readme_command_does_what_the_readme_says(copy, command):
    typed = concrete(command)
    if typed.startswith("htx "):  # the README's `htx` is the script in .venv/bin
        typed = ".venv/bin/" + typed
    if RUNS[command] is None:
        check_lab(typed, copy)
        return
    if "my-unit" in typed:
        prepare_my_unit(copy)
    if " check reports/" in typed:
        _signing_copy(copy)
    # README lines that read the same once filled in ("make validate UNIT=units/<unit-id>",
    # "... UNIT=units/my-unit") are one command: it runs once, and each line's check reads it
    done = RAN.get(typed)
    if done is None:
        if " template " in typed:  # each as a first run; check_template runs it again
            for old in (copy / "units" / "thuong-lam").glob("thuong-lam*.xlsx"):
                old.unlink()
        stdin = "htx --version\nexit\n" if typed == "make shell" else None
        done = RAN[typed] = run(typed, copy, stdin=stdin)
    assert "Traceback" not in done.stderr, done.stderr
    RUNS[command](done, copy)
