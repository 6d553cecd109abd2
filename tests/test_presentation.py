"""Vietnamese formats, chart glyphs and analyst texts."""

from __future__ import annotations

import doctest
import warnings

import numpy as np
import pandas as pd
import pytest
from babel.numbers import format_decimal
from hypothesis import given
from hypothesis import strategies as st

from htxlib import formatting
from htxlib.data.texts import load_text
from htxlib.report.document import charts, part_one


def test_formatting_doctests():
    assert doctest.testmod(formatting).failed == 0


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (81233, "81.233"),
        (3327.272, "3.327,272"),
        (82.89, "82,89"),
        (36530.0, "36.530"),
        (0.5, "0,5"),
    ],
)
def test_number(value, shown):
    assert formatting.number(value) == shown


NUMBERS = st.one_of(
    st.integers(-(10**12), 10**12),
    st.floats(-1e9, 1e9, allow_nan=False),
    st.decimals(-(10**9), 10**9, places=4, allow_nan=False, allow_infinity=False),
    st.sampled_from([0.0, -0.0, -0.0004, 0.0005, 2.675, np.float64(2.5), np.int64(7)]),
)


@given(NUMBERS, st.integers(0, 3))
def test_numbers_are_written_as_babel_writes_them(value, decimals):
    # the CLDR pattern, applied by Babel, is the reference the fast writing must match
    rounded = formatting.half_up(value, decimals) if isinstance(value, float) else value
    pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
    expected = format_decimal(rounded, format=pattern, locale=formatting.LOCALE)
    assert formatting.number(value, decimals) == expected


def test_money_and_percent():
    assert formatting.money(81233) == "81.233 triệu đồng"
    assert formatting.percent(38.89) == "38,89%"
    assert formatting.count(9) == "09" and formatting.count(10) == "10"
    assert formatting.date(pd.Timestamp("2019-12-10")) == "10/12/2019"


def test_charts_draw_every_vietnamese_glyph(vq):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # any matplotlib warning fails the test
        a = part_one.build(vq, 2024)
    assert set(a.charts) == {"sectors", "ratings", "managers", "support"}
    assert all(uri.startswith("data:image/png;base64,") for uri in a.charts.values())


def test_a_chart_written_fast_is_the_same_picture(vq):
    import base64
    import io

    import numpy as np
    from PIL import Image

    frame = part_one.build(vq, 2024, with_charts=False).overview.by_sector.dropna(subset=["sector"])
    fast = charts.to_data_uri(charts.sectors_chart(frame))
    default = io.BytesIO()
    charts.sectors_chart(frame).savefig(default, format="png", bbox_inches="tight", dpi=110)
    written = [base64.b64decode(fast.split(",", 1)[1]), default.getvalue()]
    assert written[0] != written[1]  # written another way …
    pictures = [np.asarray(Image.open(io.BytesIO(data)).convert("RGBA")) for data in written]
    assert pictures[0].shape == pictures[1].shape
    assert np.array_equal(*pictures)  # the same pixels; only zlib's effort differs


def test_missing_glyph_is_caught():
    frame = pd.DataFrame({"label": ["漢字 lĩnh vực"], "count": [1], "share": [100.0]})
    with pytest.raises(charts.MissingGlyph):
        charts.to_data_uri(charts.sectors_chart(frame))


def test_decomposed_labels_are_normalised():
    import unicodedata

    frame = pd.DataFrame(
        {
            "label": [unicodedata.normalize("NFD", "Nông - Lâm - Ngư nghiệp")],
            "count": [3],
            "share": [100.0],
        }
    )
    fig = charts.sectors_chart(frame)
    label = fig.axes[0].get_yticklabels()[0].get_text()
    assert label == unicodedata.normalize("NFC", label)
    charts.to_data_uri(fig)


def test_analyst_text_is_escaped(tmp_path):
    folder = tmp_path / "texts" / "2024"
    folder.mkdir(parents=True)
    (folder / "impact.md").write_text(
        "Tốt <script>alert(1)</script> <img src=x onerror=alert(1)> "
        "[x](javascript:alert(1)) $a$ **đậm**",
        encoding="utf-8",
    )
    html = load_text(tmp_path, 2024, "impact")
    assert "<script>" not in html and "<img" not in html and "javascript:" not in html
    assert "&lt;script&gt;" in html and "<strong>đậm</strong>" in html and "$a$" in html


def test_missing_analyst_text_is_none(tmp_path):
    assert load_text(tmp_path, 2024, "causes") is None
    with pytest.raises(KeyError):
        load_text(tmp_path, 2024, "no_such_slot")
