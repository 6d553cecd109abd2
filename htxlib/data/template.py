"""The input workbook a commune or province fills in: one sheet per codebook table.

Each sheet has a title row, one example row (above the header, so it is never read as data),
the Vietnamese header row, frozen, and drop-down lists, date and number checks on the rows
below. The first sheet explains how to fill it in; the ``unit`` sheet comes filled in from
the 2025 map. ``htx validate`` reads the filled workbook as it reads any unit folder.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path

from htxlib.data import admin_map
from htxlib.data.codebook import TABLES, Column, Table
from htxlib.data.codes import CODE_LISTS, LEVELS
from htxlib.data.read.locate import GUIDE_SHEET, KEPT_MARK
from htxlib.data.unit import PROSE_LEVELS, slug
from htxlib.formatting import count
from htxlib.messages import _

#: Rows of a sheet: title, example, header; data starts below.
TITLE_ROW, EXAMPLE_ROW, HEADER_ROW = 1, 2, 3
FIRST_DATA_ROW = HEADER_ROW + 1
#: Rows the checks and drop-down lists cover.
LAST_DATA_ROW = 20000
LISTS_SHEET = "danh_muc"
#: Example values by column name; other columns take one by type.
EXAMPLES = {
    "unit_id": "tan-lap",
    "name": "HTX Nông nghiệp Ví dụ",
    "entity_id": "HTX001",
    "alias": "HTX NN Ví dụ",
    "year": 2025,
    "plan_year": 2026,
    "indicator": "Tổng số HTX",
    "commune": "Xã Tân Lập",
    "product": "Mật ong Ví dụ",
    "owner": "HTX Nông nghiệp Ví dụ",
    "table": "so_lieu_nam",  # the sheet and the column as the workbook names them
    "record": "HTX001",
    "field": "Doanh thu",
    "recipient": "Sở Tài chính tỉnh (b/c);",
    # the trích yếu a plan's opening quotes after the document it carries out
    "title": "về việc xây dựng kế hoạch phát triển kinh tế tập thể, hợp tác xã năm 2026",
    # a target's name in the unit's words, without its value: the plan adds the value
    "label": "Tổng số HTX trên địa bàn",
}
#: Example dates by table and column: each a date that column would plausibly hold, so that
#: no example reads as another's (a founding day is not a suspension's end).
EXAMPLE_DATES = {
    ("unit", "ended_on"): "",  # a unit in force: blank
    ("periods", "period_start"): dt.date(2025, 1, 1),
    ("periods", "cutoff_date"): dt.date(2025, 6, 30),
    ("entities", "founded_on"): dt.date(2019, 3, 15),
    ("entities", "dissolved_on"): "",  # an HTX still registered: blank
    ("status_events", "start_date"): dt.date(2025, 2, 10),
    ("status_events", "end_date"): dt.date(2025, 8, 9),
    ("support", "period_start"): dt.date(2025, 1, 1),
    ("support", "period_end"): dt.date(2025, 6, 30),
    ("reported_figures", "as_of"): dt.date(2025, 9, 30),
    ("document", "issued_on"): dt.date(2025, 7, 15),
    ("document_references", "issued_on"): dt.date(2025, 6, 20),
}
#: A unit's example row reads as a unit, not as an HTX.
UNIT_EXAMPLE = {
    "unit_id": "tan-lap",
    "name": "Tân Lập",
    "level": "xã",
    "code": "01234",
    "province": "Lạng Sơn",
    "issuing_body": "Ủy ban nhân dân xã Tân Lập",
    "parent_body": "Ủy ban nhân dân tỉnh Lạng Sơn",
}
#: Past years the periods sheet is pre-filled with: Part II projects from them.
HISTORY_YEARS = 4

GUIDE = (
    "Hướng dẫn nhập số liệu",
    "",
    "Mỗi trang tính là một bảng số liệu; tên trang và dòng tiêu đề cột (dòng 3) giữ nguyên.",
    "Nhập số liệu từ dòng 4 trở xuống, mỗi dòng một bản ghi.",
    "Dòng 2 (chữ nghiêng) là dòng ví dụ: chương trình không đọc dòng này.",
    "Ô để trống là 'chưa có số liệu', không phải số 0; chỉ ghi 0 khi số liệu thực sự bằng 0.",
    "Ngày ghi theo dạng dd/mm/yyyy; số tiền tính bằng triệu đồng.",
    "Số ghi theo cách viết của Việt Nam: dấu chấm ngăn cách hàng nghìn (1.250 là một nghìn hai"
    " trăm năm mươi), dấu phẩy trước phần thập phân (2,5).",
    "Doanh thu, lợi nhuận và thu nhập bình quân thành viên (trang so_lieu_nam) là giá trị cả"
    " năm: khi kỳ báo cáo kết thúc trước 31/12, ghi số ước thực hiện cả năm, không ghi số lũy"
    " kế đến ngày báo cáo.",
    "Các cột có danh sách chọn: chọn giá trị trong danh sách (trang danh_muc liệt kê đầy đủ).",
    "Trang don_vi đã điền sẵn theo bản đồ hành chính năm 2025; kiểm tra lại tên cơ quan.",
    "Trang ky_bao_cao đã có sẵn một dòng cho năm đánh giá và một dòng cho mỗi năm trong"
    f" {HISTORY_YEARS} năm trước đó: Phần II của kế hoạch dự báo chỉ tiêu từ các năm này (cần ít"
    " nhất 2 năm). Giữ các dòng đó; số liệu hằng năm (trang so_lieu_nam) của các năm trước ghi"
    " thêm nếu có. Ngày 'Đến ngày' của năm đánh giá là ngày số liệu được tổng hợp, không muộn"
    " hơn ngày lập tệp.",
    "Trang chi_tieu: 'Mức thấp' mà để trống 'Mức cao' là chỉ tiêu 'từ … trở lên'; một con số"
    " thì ghi cùng số vào cả hai cột; 'không quá …' thì để trống 'Mức thấp' và ghi 'Mức cao'."
    " Cột 'Cách ghi trong văn bản' ghi tên chỉ tiêu như văn bản của đơn vị (ví dụ 'Thu nhập"
    " bình quân các HTX'), không kèm con số: kế hoạch in tên đó rồi đến mức chỉ tiêu.",
    "Trang can_cu: cột 'Trích yếu' ghi như văn bản được thực hiện ghi, bắt đầu bằng 'về việc …'."
    " Trang noi_nhan: mỗi dòng một nơi nhận, dòng cuối là 'Lưu: VT, …'; kế hoạch tự đặt dấu"
    " ';' cuối mỗi dòng và dấu '.' cuối dòng cuối, theo Nghị định số 30/2020/NĐ-CP.",
    "Kiểm tra tệp đã điền: htx validate --data <thư mục chứa tệp>.",
)


def _example(table: Table, column: Column):
    if table.name == "unit" and column.name in UNIT_EXAMPLE:
        return UNIT_EXAMPLE[column.name]
    if (table.name, column.name) in EXAMPLE_DATES:
        return EXAMPLE_DATES[table.name, column.name]
    if column.name in EXAMPLES:
        return EXAMPLES[column.name]
    if column.type == "code":
        return next(iter(CODE_LISTS[column.codes].values()))
    return {
        "int": 10,
        "amount": 1250.5,
        "date": dt.date(2025, 1, 15),
        "bool": "có",
    }.get(column.type, "(nội dung)")


def _unit_row(code: str) -> dict:
    """Return the unit's row, filled in from the map (a province or a commune by its code)."""
    text = str(code).strip()
    if len(text) >= 3:  # commune codes are written with five digits ("00070")
        division = admin_map.commune(text)
        parent = admin_map.provinces()[division.province]
        province = parent.name
    else:
        division = admin_map.province(text)
        province = division.name
    level = division.level
    name = admin_map.plain_name(division.name)
    prose = PROSE_LEVELS.get(level, LEVELS[level])
    return {
        "unit_id": slug(division.short) or str(division.code),
        "name": name,
        "level": LEVELS[level],  # the label its drop-down shows ("xã", not the code "xa")
        "code": str(division.code),
        "province": province,
        "issuing_body": f"Ủy ban nhân dân {prose} {name}",
    }


class TemplateExists(FileExistsError):
    """The workbook to write is already there: a file a user may have filled in."""


def backup_path(path: Path, when: dt.datetime | None = None) -> Path:
    """Return where a file is kept before it is replaced: beside it, dated, same extension.

    Examples
    --------
    >>> backup_path(Path("thuong-lam.xlsx"), dt.datetime(2026, 12, 6, 10, 30, 5)).name
    'thuong-lam (bản cũ 2026-12-06 10-30-05).xlsx'
    """
    stamp = (when or dt.datetime.now()).strftime("%Y-%m-%d %H-%M-%S")
    return path.with_name(f"{path.stem}{KEPT_MARK}{stamp}){path.suffix}")


def _cutoff(year: int) -> dt.date:
    """Propose a year's cutoff: its end, or today while the year runs (never a later day)."""
    today = dt.date.today()
    return today if dt.date(year, 1, 1) <= today < dt.date(year, 12, 31) else dt.date(year, 12, 31)


def write_template(code: str, year: int, target: str | Path, force: bool = False) -> Path:
    """Write the input workbook of a unit of the 2025 map for a year.

    Parameters
    ----------
    code : str
        The unit's official code: 1-2 digits for a province, five for a commune.
    year : int
        The assessed year (pre-filled in ``periods``).
    target : str or Path
        The .xlsx file to write.
    force : bool
        Replace a file already there, after keeping it as a dated copy (:func:`backup_path`).

    Returns
    -------
    Path
        The workbook written.

    Raises
    ------
    MapError
        The code is not on the map.
    TemplateExists
        ``target`` exists and ``force`` is not set: a filled workbook is never replaced.
    """
    target = Path(target)
    if target.exists() and not force:
        raise TemplateExists(target)
    unit = _unit_row(code)
    filled = {
        "unit": [unit],
        # the assessed year, to the day the workbook is made at the latest, and the past
        # years Part II projects from, whole years
        "periods": [
            {
                "year": y,
                "period_start": dt.date(y, 1, 1),
                "cutoff_date": _cutoff(y),
                "plan_year": y + 1,
            }
            for y in range(year - HISTORY_YEARS, year + 1)
        ],
    }
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        target.replace(backup_path(target))
    _workbook(target, filled, (*GUIDE, *predecessor_lines(code, target)))
    return target


def _workbook(target: Path, filled: dict[str, list[dict]], guide_lines: tuple[str, ...]) -> None:
    """Write an input workbook: the instructions, the code lists, a sheet per table."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter, quote_sheetname

    book = Workbook()
    guide = book.active
    guide.title = GUIDE_SHEET
    for i, line in enumerate(guide_lines, start=1):
        guide.cell(i, 1, line).font = Font(bold=(i == 1))
    guide.column_dimensions["A"].width = 100
    lists = book.create_sheet(LISTS_SHEET)
    ranges = {}
    for col_index, (name, values) in enumerate(CODE_LISTS.items(), start=1):
        letter = get_column_letter(col_index)
        lists.cell(1, col_index, name).font = Font(bold=True)
        for row, label in enumerate(values.values(), start=2):
            lists.cell(row, col_index, label)
        ranges[name] = f"{quote_sheetname(LISTS_SHEET)}!${letter}$2:${letter}${len(values) + 1}"
    for table in TABLES.values():
        _table_sheet(book, table, ranges, filled.get(table.name, []))
    target.parent.mkdir(parents=True, exist_ok=True)
    book.save(target)


#: The last day of the former map: a former unit's ``ended_on``.
FORMER_MAP_ENDS = admin_map.MERGER_DATE - dt.timedelta(days=1)


def former_template(code: str, year: int, target: str | Path, force: bool = False) -> Path:
    """Write the input workbook of a commune of the map before 01/07/2025 (a former unit).

    The years before the merger that Part II projects from are the former communes' data
    (see :mod:`htxlib.data.predecessors`). The workbook goes in ``units/`` of the new
    commune's folder: its ``unit`` row is filled in from the former map, with ``ended_on``
    30/06/2025, and ``periods`` has a row for each year from ``year`` - 4 to 2024.

    Raises
    ------
    MapError
        The code is no commune of the former map.
    TemplateExists
        ``target`` exists and ``force`` is not set.
    """
    from htxlib.data import former_map

    target = Path(target)
    if target.exists() and not force:
        raise TemplateExists(target)
    text = str(code).strip()
    former = former_map.former_commune(text) if text.isdigit() else None
    if former is None:
        raise admin_map.MapError(
            _("{code}: no commune of the map before 01/07/2025 has this code").format(code=code)
        )
    level, name = _level_and_name(former.name)
    unit = {
        "unit_id": slug(former.name),
        "name": name,
        "level": LEVELS[level],
        "code": former.code,
        "province": admin_map.plain_name(former.province),
        "issuing_body": f"Ủy ban nhân dân {LEVELS[level]} {name}",
        "ended_on": FORMER_MAP_ENDS,
    }
    last = admin_map.MERGER_DATE.year - 1
    years = range(min(year, last) - HISTORY_YEARS, last + 1)
    periods = [
        {"year": y, "period_start": dt.date(y, 1, 1), "cutoff_date": dt.date(y, 12, 31),
         "plan_year": y + 1}
        for y in years
    ]  # fmt: skip
    if target.exists():
        target.replace(backup_path(target))
    _workbook(target, {"unit": [unit], "periods": periods}, FORMER_GUIDE)
    return target


def _level_and_name(name: str) -> tuple[str, str]:
    """Split a former commune's name into its level and its name ("Thị trấn Lim": thi_tran, Lim)."""
    for code, word in sorted(LEVELS.items(), key=lambda item: -len(item[1])):
        if name.lower().startswith(word + " "):
            return code, name[len(word) + 1 :].strip()
    return "xa", name


def predecessor_lines(code: str, target: str | Path) -> list[str]:
    """Return the instructions' lines on a new commune's former communes, with commands.

    Empty for a province, or a commune that is no merger of others.
    """
    from htxlib.data import former_map

    text = str(code).strip()
    formers = former_map.predecessors(int(text)) if len(text) >= 3 else []
    if len(formers) < 2 and not any(f.divided for f in formers):
        return []
    folder = Path(target).parent
    lines = [
        "",
        f"Đơn vị được hình thành từ {count(len(formers))} xã cũ (trước ngày 01/07/2025): "
        + "; ".join(f"{f.name} (mã {f.code}, {f.district})" for f in formers)
        + ". Số liệu các năm trước năm 2025 là tổng số liệu của các xã cũ: tạo sổ cho từng xã"
        " cũ bằng lệnh dưới đây (sổ nằm trong thư mục units/ của đơn vị), rồi nhập danh sách và"
        " số liệu hằng năm của xã cũ đó.",
    ]
    for former in formers:
        unit_id = slug(former.name)
        path = (folder / "units" / unit_id / f"{unit_id}.xlsx").as_posix()
        lines.append(f"htx template --former --unit {former.code} --year 2024 --out {path}")
    return lines


#: The instructions of a former commune's workbook.
FORMER_GUIDE = (
    "Hướng dẫn nhập số liệu của xã cũ (trước ngày 01/07/2025)",
    "",
    "Sổ này giữ số liệu các năm trước khi sắp xếp đơn vị hành chính của một xã cũ; xã mới tổng"
    " hợp số liệu các năm đó từ các xã cũ của mình (thư mục units/ bên cạnh sổ của xã mới).",
    "Trang don_vi đã ghi 'Tồn tại đến ngày' 30/06/2025; trang ky_bao_cao có một dòng cho mỗi năm"
    " trước năm 2025. Nhập danh sách HTX, THT và số liệu hằng năm của xã cũ như trong sổ của"
    " xã mới.",
    "Nếu xã cũ được chia cho nhiều xã mới, chỉ ghi phần đã thuộc về xã này.",
    *GUIDE[2:],
)


def _table_sheet(book, table: Table, ranges: dict, rows: list[dict]) -> None:
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(table.vi)
    sheet.cell(TITLE_ROW, 1, f"{table.title}: nhập từ dòng {FIRST_DATA_ROW}").font = Font(
        bold=True, size=12
    )
    header_fill = PatternFill("solid", fgColor="DDE6EE")
    for index, column in enumerate(table.columns, start=1):
        letter = get_column_letter(index)
        example = sheet.cell(EXAMPLE_ROW, index, _example(table, column))
        example.font = Font(italic=True, color="808080")
        head = sheet.cell(HEADER_ROW, index, column.vi)
        head.font = Font(bold=True)
        head.fill = header_fill
        sheet.column_dimensions[letter].width = max(14, len(column.vi) + 4)
        area = f"{letter}{FIRST_DATA_ROW}:{letter}{LAST_DATA_ROW}"
        check = _validation(column, ranges)
        if check is not None:
            sheet.add_data_validation(check)
            check.add(area)
        if column.type == "date":
            for row in range(FIRST_DATA_ROW, FIRST_DATA_ROW + max(len(rows), 1)):
                sheet.cell(row, index).number_format = "DD/MM/YYYY"
    sheet.cell(EXAMPLE_ROW, len(table.columns) + 1, "← dòng ví dụ, không được đọc").font = Font(
        italic=True, color="808080"
    )
    for offset, record in enumerate(rows):
        for index, column in enumerate(table.columns, start=1):
            if record.get(column.name) is not None:
                sheet.cell(FIRST_DATA_ROW + offset, index, record[column.name])
    sheet.freeze_panes = f"A{FIRST_DATA_ROW}"


def _validation(column: Column, ranges: dict):
    """Return a drop-down list for a code or yes/no column, a range check for numbers, dates."""
    from openpyxl.worksheet.datavalidation import DataValidation

    # every check lets a cell stay blank (not given) and names the column when it fails
    check = partial(
        DataValidation,
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=column.vi,
        promptTitle=column.vi,
    )
    if column.type == "code":
        return check(
            type="list", formula1=ranges[column.codes], error="Chọn một giá trị trong danh sách."
        )
    if column.type == "bool":
        return check(type="list", formula1='"có,không"', error="Chọn có hoặc không.")
    if column.type == "date":
        return check(
            type="date",
            operator="between",
            formula1="DATE(1900,1,1)",
            formula2="DATE(2200,12,31)",
            error="Ghi ngày dạng dd/mm/yyyy.",
        )
    if column.type in ("int", "amount"):
        kind = "whole" if column.type == "int" else "decimal"
        low = "-1000000000000" if column.signed else "0"
        return check(
            type=kind,
            operator="between",
            formula1=low,
            formula2="1000000000000",
            error="Ghi một số" + (" nguyên." if column.type == "int" else "."),
        )
    return None
