"""Bad command lines get one line in the user's language and a documented exit code."""

from __future__ import annotations

import re
import subprocess

import pytest

from htxlib.cli import main
from htxlib.commands.common import EXIT_OUTPUT, EXIT_USAGE

from .conftest import HTX, VAN_QUAN, user_environment


def run(capsys, *args):
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.err.strip()


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (["--year", "2030"], "no row for 2030 in 'periods' (years given: 2021, 2022, 2023, 2024)"),
        (["--year", "2019"], "no row for 2019 in 'periods'"),
        (["--year", "24"], "between 1990 and 2100; 24 is not; write the year in full"),
        (["--year", "-1"], "between 1990 and 2100; -1 is not"),
        (["--year", "99999"], "between 1990 and 2100; 99999 is not"),
        (["--year", "2024", "--as-of", "31/02/2024"], "'31/02/2024' cannot be used: not a real"),
        (
            ["--year", "2024", "--as-of", "01/01/2023"],
            "cutoff date 01/01/2023 is not within the assessed period (01/01/2024 to 31/12/2024)",
        ),
    ],
)
@pytest.mark.parametrize("command", ["report", "export", "validate"])
def test_bad_year_or_cutoff(capsys, tmp_path, command, extra, expected):
    out = ["--out", str(tmp_path / "out")] if command != "validate" else []
    code, err = run(capsys, "--lang", "en", command, "--data", str(VAN_QUAN), *extra, *out)
    assert code == EXIT_USAGE
    assert expected in err
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_messages_are_vietnamese_by_default(capsys, monkeypatch):
    monkeypatch.delenv("HTX_LANG", raising=False)
    code, err = run(capsys, "validate", "--data", str(VAN_QUAN), "--year", "2030")
    assert code == EXIT_USAGE
    assert (
        "bảng Kỳ số liệu (trang 'ky_bao_cao' hoặc tệp periods.csv) không có dòng cho năm 2030"
        in err
    )
    code, err = run(
        capsys, "validate", "--data", str(VAN_QUAN), "--year", "2024", "--as-of", "30/02/2024"
    )
    assert err == "không dùng được ngày chốt số liệu '30/02/2024': không phải ngày có thật"


def test_missing_period_allowed_on_request(capsys):
    code, err = run(
        capsys, "validate", "--data", str(VAN_QUAN), "--year", "2025", "--allow-missing-period"
    )
    assert code == 0, err


def write_into(capsys, command: str, target) -> tuple[int, str]:
    args = ("--lang", "en", command, "--data", str(VAN_QUAN), "--year", "2024")
    return run(capsys, *args, "--out", str(target))


def test_out_that_is_a_file(capsys, tmp_path):
    target = tmp_path / "a-file"
    target.write_text("x", encoding="utf-8")
    code, err = write_into(capsys, "report", target)
    assert code == EXIT_OUTPUT
    assert err == f"cannot write {target}: it is a file, not a folder"
    code, err = write_into(capsys, "export", target)
    assert code == EXIT_OUTPUT and "it is a file, not a folder" in err


def test_unwritable_out(capsys, tmp_path):
    import os

    if os.geteuid() == 0:
        # root writes anywhere; a path under a file is unwritable for everyone
        target = tmp_path / "a-file" / "reports"
        (tmp_path / "a-file").write_text("x", encoding="utf-8")
    else:
        target = tmp_path / "locked"
        target.mkdir(mode=0o500)
    code, err = write_into(capsys, "report", target)
    assert code == EXIT_OUTPUT
    assert err.startswith("cannot write ") and len(err.splitlines()) == 1


def report_on_a_mount(options: str, unit, out):
    """Run the real `htx report` with ``out`` a tmpfs mounted with ``options``.

    The mount lives in a mount namespace of its own, so that no privilege is needed and
    nothing outlives the run.
    """
    out.mkdir()
    mounted = f'mount -t tmpfs -o {options} tmpfs "$1" || exit 99; shift; exec "$@"'
    done = subprocess.run(
        ["unshare", "--map-root-user", "--mount", "sh", "-c", mounted, "sh", str(out),
         str(HTX), "report", "--data", str(unit), "--year", "2025", "--out", str(out)],
        capture_output=True, text=True, timeout=300, env=user_environment(),
    )  # fmt: skip
    assert done.returncode != 99, f"the test could not mount a tmpfs with {options}"
    return done


@pytest.mark.slow
@pytest.mark.parametrize(
    ("options", "reason"),
    [("ro", "ổ đĩa chỉ cho phép đọc"), ("size=200k", "ổ đĩa đã đầy")],
    ids=["read-only", "full"],
)
def test_a_disk_that_cannot_take_the_report_is_one_line(small_unit, tmp_path, options, reason):
    out = tmp_path / "out"
    done = report_on_a_mount(options, small_unit, out)
    assert done.returncode == EXIT_OUTPUT, done.stderr
    said = done.stderr.strip()
    assert re.fullmatch(rf"không ghi được {out}(/\S+)?: {reason}", said), said
    assert done.stdout == ""


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "bogus_figure 2024: stated 5, computed - (unknown indicator)"),
        ("vi", "bogus_figure 2024: số công bố 5, số tính từ dữ liệu - (chỉ tiêu không xác định)"),
    ],
)
def test_unknown_stated_figure_is_a_finding_not_a_crash(vq_copy, capsys, lang, said):
    from .conftest import append_row

    append_row(
        vq_copy / "reported_figures.csv",
        {"indicator": "bogus_figure", "year": "2024", "value": "5"},
    )
    assert main(["validate", "--data", str(vq_copy), "--lang", lang]) == 0
    assert said in capsys.readouterr().out


def test_partly_blank_ratings_build_a_report(vq_copy, tmp_path):
    from htxlib.report.publishing.runner import build_report

    from .conftest import read_rows, write_rows

    rows = read_rows(vq_copy / "annual.csv")
    rating = rows[0].index("rating")
    for row in rows[1:40:3]:
        row[rating] = ""
    write_rows(vq_copy / "annual.csv", rows)
    report = build_report(vq_copy, 2024, out=tmp_path / "out")
    text = report.html.read_text(encoding="utf-8")
    assert "HTX chưa có thông tin xếp loại" in text
