"""Report charts: one style, Vietnamese labels, embedded as PNG data URIs.

Labels are NFC-normalised and drawn in DejaVu Sans, which has every Vietnamese glyph
(DejaVu Sans Mono does not).
"""

from __future__ import annotations

import base64
import io
import textwrap
import warnings

import matplotlib

matplotlib.use("Agg")  # reports are drawn off-screen, in a kernel or not

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

from htxlib.formatting import count, nfc, number, percent  # noqa: E402

STYLE = {
    "font.family": "DejaVu Sans",
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


class MissingGlyph(RuntimeError):
    """Raised when a label has a character the chart font cannot draw."""


def _barh(
    title: str, labels: list[str], values: list[float], texts: list[str], colors=None
) -> Figure:
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(7.5, 0.6 * len(labels) + 1.2))
        labels = [textwrap.fill(nfc(label), LABEL_WIDTH) for label in labels]
        positions = range(len(labels))[::-1]
        ax.barh(list(positions), values, color=colors or COLOR, height=0.6)
        ax.set_yticks(list(positions), labels)
        ax.set_title(nfc(title), loc="left")
        top = max(values, default=0) or 1
        ax.set_xlim(0, top * 1.25)
        for y, value, text in zip(positions, values, texts, strict=True):
            ax.text(value + top * 0.01, y, nfc(text), va="center")
        ax.tick_params(axis="y", length=0)
        ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: number(x)))
    return fig


def sectors_chart(by_sector: pd.DataFrame) -> Figure:
    """Draw HTX by sector (count and share)."""
    texts = [
        f"{count(c)} HTX ({percent(s)})"
        for c, s in zip(by_sector["count"], by_sector["share"], strict=True)
    ]
    return _barh("Số HTX theo lĩnh vực", list(by_sector["label"]), list(by_sector["count"]), texts)


def ratings_chart(ratings: pd.DataFrame) -> Figure:
    """Draw the rating distribution (count and share)."""
    texts = [
        f"{count(c)} HTX ({percent(s)})"
        for c, s in zip(ratings["count"], ratings["share"], strict=True)
    ]
    labels = [label[:1].upper() + label[1:] for label in ratings["label"]]
    return _barh("Kết quả xếp loại HTX", labels, list(ratings["count"]), texts, RATING_COLORS)


def managers_chart(levels: pd.DataFrame) -> Figure:
    """Draw HTX managers by training level."""
    texts = [
        f"{count(c)} người ({percent(s)})"
        for c, s in zip(levels["count"], levels["share"], strict=True)
    ]
    labels = [label[:1].upper() + label[1:] for label in levels["label"]]
    return _barh("Cán bộ quản lý HTX theo trình độ", labels, list(levels["count"]), texts)


def support_chart(support: pd.DataFrame) -> Figure | None:
    """Draw cumulative support paid by programme (None when nothing was paid)."""
    paid = support[["label", "cumulative_amount_paid"]].dropna()
    paid = paid[paid["cumulative_amount_paid"] > 0]
    if paid.empty:
        return None
    values = [float(v) for v in paid["cumulative_amount_paid"]]
    texts = [f"{number(v)} triệu đồng" for v in values]
    return _barh("Kinh phí hỗ trợ lũy kế theo chính sách", list(paid["label"]), values, texts)


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
        fig.savefig(buffer, format="png", bbox_inches="tight", dpi=STYLE["savefig.dpi"])
    plt.close(fig)
    missing = [str(w.message) for w in caught if "missing from" in str(w.message)]
    if missing:
        raise MissingGlyph("; ".join(missing))
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")
