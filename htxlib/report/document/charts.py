"""Report charts: one style, Vietnamese labels, embedded as PNG data URIs.

Charts use the document's serif family: Times New Roman where the machine has it, else
Liberation Serif (its metric twin), else DejaVu Serif, which matplotlib ships; a face is
used only if it draws every Vietnamese letter. Labels are NFC-normalised. A chart has no
title: the caption under it in the document names it.
"""

from __future__ import annotations

import base64
import io
import textwrap
import warnings
from functools import cache

# No backend is forced: matplotlib takes the inline one in a Jupyter kernel (a figure left at
# the end of a cell shows in the notebook) and Agg where there is no display (the CLI, CI).
# The report's charts are written to PNG and closed, so they never show twice.
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from htxlib.formatting import count, nfc, number, percent

#: Serif faces in order of preference; the last one ships with matplotlib.
SERIF_FACES = ("Times New Roman", "Liberation Serif", "DejaVu Serif")
#: Letters a face must draw to label Vietnamese charts.
VIETNAMESE = "ẮẰẲẴẶẤẦẨẪẬĐÉẾỀỂỄỆỐỒỔỖỘỚỜỞỠỢỨỪỬỮỰỲỶỸỴắằẳẵặấầẩẫậđếềểễệốồổỗộớờởỡợứừửữựỳỷỹỵ"


@cache
def serif_face() -> str:
    """Return the first face of :data:`SERIF_FACES` installed that draws all of Vietnamese."""
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    for face in SERIF_FACES:
        try:
            path = font_manager.findfont(
                font_manager.FontProperties(family=face), fallback_to_default=False
            )
        except ValueError:  # not installed
            continue
        charmap = FT2Font(path).get_charmap()
        if all(ord(letter) in charmap for letter in VIETNAMESE):
            return face
    return SERIF_FACES[-1]


STYLE = {
    "font.family": "serif",
    "font.size": 10,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.grid.axis": "x",
    "grid.color": "#dddddd",
    "figure.dpi": 110,
    "savefig.dpi": 110,
    "savefig.bbox": "tight",
}
COLOR = "#1f5f8b"
LABEL_WIDTH = 24  # characters per line of a category label
RATING_COLORS = ["#2e7d32", "#7cb342", "#fbc02d", "#e64a19", "#9e9e9e"]
#: zlib's fastest level: the same pixels as the default level 6, written in 15% less of a
#: chart's time, in a file a few per cent larger (flat colours compress well at any level)
PNG_OPTIONS = {"compress_level": 1}


class MissingGlyph(RuntimeError):
    """Raised when a label has a character the chart font cannot draw."""


def _barh(labels: list[str], values: list[float], texts: list[str], colors=None) -> Figure:
    with plt.rc_context({**STYLE, "font.serif": [serif_face(), SERIF_FACES[-1]]}):
        fig, ax = plt.subplots(figsize=(7.5, 0.6 * len(labels) + 1.2))
        labels = [textwrap.fill(nfc(label), LABEL_WIDTH) for label in labels]
        positions = range(len(labels))[::-1]
        ax.barh(list(positions), values, color=colors or COLOR, height=0.6)
        ax.set_yticks(list(positions), labels)
        top = max(values, default=0) or 1
        ax.set_xlim(0, top * 1.25)
        for y, value, text in zip(positions, values, texts, strict=True):
            ax.text(value + top * 0.01, y, nfc(text), va="center")
        ax.tick_params(axis="y", length=0)
        ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: number(x)))
        # counts of HTX and people are whole: no tick at 0,5 HTX
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    # closed for pyplot, so that Jupyter shows the returned figure once, not twice
    plt.close(fig)
    return fig


def sectors_chart(by_sector: pd.DataFrame) -> Figure:
    """Draw HTX by sector (count and share)."""
    texts = [
        f"{count(c)} HTX ({percent(s)})"
        for c, s in zip(by_sector["count"], by_sector["share"], strict=True)
    ]
    return _barh(list(by_sector["label"]), list(by_sector["count"]), texts)


def ratings_chart(ratings: pd.DataFrame) -> Figure:
    """Draw the rating distribution (count and share)."""
    texts = [
        f"{count(c)} HTX ({percent(s)})"
        for c, s in zip(ratings["count"], ratings["share"], strict=True)
    ]
    labels = [label[:1].upper() + label[1:] for label in ratings["label"]]
    return _barh(labels, list(ratings["count"]), texts, RATING_COLORS)


def managers_chart(levels: pd.DataFrame) -> Figure:
    """Draw HTX managers by training level."""
    texts = [
        f"{count(c)} người ({percent(s)})"
        for c, s in zip(levels["count"], levels["share"], strict=True)
    ]
    labels = [label[:1].upper() + label[1:] for label in levels["label"]]
    return _barh(labels, list(levels["count"]), texts)


def support_chart(support: pd.DataFrame) -> Figure | None:
    """Draw cumulative support paid by programme (None when nothing was paid)."""
    paid = support[["label", "cumulative_amount_paid"]].dropna()
    paid = paid[paid["cumulative_amount_paid"] > 0]
    if paid.empty:
        return None
    values = [float(v) for v in paid["cumulative_amount_paid"]]
    texts = [f"{number(v)} triệu đồng" for v in values]
    return _barh(list(paid["label"]), values, texts)


def to_data_uri(fig: Figure) -> str:
    """Render a figure to a PNG data URI and close it.

    Raises
    ------
    MissingGlyph
        When matplotlib reports a glyph missing from the font.
    """
    buffer = io.BytesIO()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.savefig(
            buffer,
            format="png",
            bbox_inches="tight",
            dpi=STYLE["savefig.dpi"],
            pil_kwargs=PNG_OPTIONS,
        )
    plt.close(fig)
    missing = [str(w.message) for w in caught if "missing from" in str(w.message)]
    if missing:
        raise MissingGlyph("; ".join(missing))
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")
