"""The exported figure tables as an analyst reads them: headers, numbers and words.

The figure tables keep the program's column names and full-precision numbers. What
``htx export`` writes is for people: numbers are rounded to what a table prints (at most
three decimals; a whole number without ".0"), and in Vietnamese (the default) the headers
are the words of the report, yes/no is "có"/"không" and a provenance code is its name.
In English (``--lang en``) the headers stay the column names the codebook documents.
"""

from __future__ import annotations

import pandas as pd

from htxlib.data.codebook import TABLES
from htxlib.data.codes import PROVENANCE
from htxlib.messages import language

#: Decimals kept in an exported number: an amount in millions of đồng has three.
DECIMALS = 3

#: Vietnamese header of each exported column; a support field is named by the codebook.
HEADERS: dict[str, str] = {
    "actual": "Thực hiện",
    "actual_status": "Nguồn gốc số thực hiện",
    "adopted": "Đơn vị đã thông qua",
    "agrees": "Khớp với xếp loại ghi nhận",
    "basis": "Căn cứ",
    "capital": "Vốn điều lệ (triệu đồng)",
    "capital_given": "Số HTX có số liệu vốn",
    "capital_high": "Vốn điều lệ lớn nhất của một HTX (triệu đồng)",
    "capital_low": "Vốn điều lệ nhỏ nhất của một HTX (triệu đồng)",
    "check": "Phép kiểm tra",
    "chosen": "Người chọn chỉ tiêu",
    "chosen_high": "Mức cao đã chọn",
    "chosen_low": "Mức thấp đã chọn",
    "computed": "Số tính từ dữ liệu",
    "confirmed": "Đã đối chiếu văn bản",
    "count": "Số lượng",
    "cumulative_since": "Lũy kế từ ngày",
    "current": "Hiện trạng",
    "current_status": "Nguồn gốc số hiện trạng",
    "date": "Ngày",
    "decimals": "Số chữ số thập phân",
    "derived_from": "Suy ra từ chỉ tiêu",
    "direction": "Chiều mong muốn",
    "entity_id": "Mã",
    "estimate": "Ước thực hiện cả năm",
    "estimate_method": "Cách ước tính",
    "evidence": "Căn cứ dữ liệu",
    "field": "Trường",
    "file": "Tệp",
    "high": "Mức cao",
    "historical": "Theo quy định đã hết hiệu lực",
    "indicator": "Chỉ tiêu",
    "judged": "Số dùng để đánh giá",
    "kept": "Giữ nguyên",
    "kind": "Loại hình",
    "label": "Tên",
    "label_has_value": "Tên đã ghi số",
    "legal_basis": "Căn cứ",
    "level": "Trình độ",
    "low": "Mức thấp",
    "measure": "Số đo",
    "message": "Nội dung",
    "message_en": "Nội dung (tiếng Anh)",
    "method": "Phương pháp dự báo",
    "name": "Tên",
    "names": "Danh sách",
    "percent": "Tỷ lệ so với kế hoạch (%)",
    "percent_word": "Cách ghi tỷ lệ",
    "point": "Dự báo",
    "programme": "Chính sách",
    "range_status": "Nguồn gốc số vốn của từng HTX",
    "rating": "Xếp loại",
    "reason": "Lý do",
    "recorded": "Xếp loại ghi nhận",
    "reported": "Số công bố",
    "row": "Dòng",
    "rule": "Quy định",
    "sector": "Lĩnh vực",
    "self_total": "Điểm tự chấm",
    "share": "Tỷ lệ (%)",
    "since_document": "Lũy kế theo văn bản",
    "source": "Nguồn",
    "stated": "Số ghi trong văn bản",
    "status": "Nguồn gốc số liệu",
    "target_high": "Chỉ tiêu mức cao",
    "target_low": "Chỉ tiêu mức thấp",
    "target_status": "Nguồn gốc chỉ tiêu",
    "text": "Nội dung",
    "to_date_percent": "Tỷ lệ đến ngày báo cáo so với kế hoạch năm (%)",
    "total": "Tổng điểm",
    "unit": "Đơn vị tính",
    "verdict": "Đánh giá",
    "verdict_said": "Cách ghi đánh giá",
    "year": "Năm",
}

#: Codes written as the report's words in Vietnamese.
WORDS: dict[str, dict[str, str]] = {
    **dict.fromkeys(
        ("status", "actual_status", "current_status", "target_status", "range_status"), PROVENANCE
    ),
    "direction": {"up": "tăng", "down": "giảm"},
}

#: Prefixes of the support table's columns: the figures of the year and since the policy began.
SUPPORT_PREFIXES = {"period_": "Trong năm", "cumulative_": "Lũy kế"}


def header(column: str) -> str:
    """Return the Vietnamese header of an exported column (the name itself when unknown).

    Examples
    --------
    >>> header("count"), header("period_dossiers_received"), header("cumulative_note")
    ('Số lượng', 'Trong năm: Hồ sơ tiếp nhận', 'Lũy kế: Ghi chú')
    """
    if column in HEADERS:
        return HEADERS[column]
    for prefix, words in SUPPORT_PREFIXES.items():
        field = column.removeprefix(prefix)
        if field != column and field in TABLES["support"].names:
            return f"{words}: {TABLES['support'].column(field).vi}"
    return column


def _number(column: pd.Series) -> pd.Series:
    """Round each number; a whole number is written without ".0"."""

    def one(value: object) -> object:
        if pd.isna(value):
            return None
        rounded = round(float(value), DECIMALS)
        return int(rounded) if rounded.is_integer() else rounded

    # built as objects: a mapped column of ints and blanks would come back as floats
    return pd.Series([one(v) for v in pd.to_numeric(column)], index=column.index, dtype=object)


def _yes_no(value: object) -> object:
    return value if pd.isna(value) else "có" if value else "không"


def readable(frame: pd.DataFrame) -> pd.DataFrame:
    """Return ``frame`` as the export writes it, in the user's language.

    Examples
    --------
    >>> import os
    >>> os.environ["HTX_LANG"] = "vi"
    >>> frame = pd.DataFrame({"count": [33.0], "share": [91.666666], "status": ["published"],
    ...                       "adopted": [True]})
    >>> list(readable(frame).iloc[0].items())  # doctest: +NORMALIZE_WHITESPACE
    [('Số lượng', 33), ('Tỷ lệ (%)', 91.667), ('Nguồn gốc số liệu', 'số liệu công bố'),
     ('Đơn vị đã thông qua', 'có')]
    >>> del os.environ["HTX_LANG"]
    """
    out = frame.copy()
    vietnamese = language() == "vi"
    for name in out.columns:
        column = out[name]
        given = column.dropna()
        if pd.api.types.is_bool_dtype(column) or (
            len(given) and given.map(lambda v: isinstance(v, bool)).all()
        ):
            out[name] = column.map(_yes_no) if vietnamese else column
        elif pd.api.types.is_numeric_dtype(column) or (
            len(given) and given.map(lambda v: isinstance(v, int | float)).all()
        ):
            out[name] = _number(column)
        elif vietnamese and name in WORDS:
            out[name] = column.map(lambda v, words=WORDS[name]: words.get(v, v))
    if vietnamese:
        out.columns = [header(str(c)) for c in out.columns]
    return out
