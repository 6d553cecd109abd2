"""The plan document as issued: its fields, references, recipients and tasks."""

from __future__ import annotations

from htxlib.data.codebook.columns import C, Table

DOCUMENT = Table(
    "document",
    "van_ban",
    "The plan document of an assessed year as issued (Decree 30/2020/NĐ-CP layout). Every "
    "field is optional: one not given stays a visible blank in the document.",
    (
        C("year", "Năm", "int", "Assessed year (as in periods).", required=True),
        C("number", "Số", "text", "Number of the document, e.g. '125'."),
        C("symbol", "Ký hiệu", "text", "Symbol after the number, e.g. 'KH-UBND'."),
        C("place", "Địa danh", "text", "Place in the date line (default: the unit's name)."),
        C("issued_on", "Ngày ban hành", "date", "Date of issue."),
        C("signer_authority", "Thẩm quyền ký", "text", "e.g. 'TM. ỦY BAN NHÂN DÂN'."),
        C("signer_capacity", "Hình thức ký", "text", "e.g. 'KT. CHỦ TỊCH'; empty if none."),
        C("signer_title", "Chức vụ người ký", "text", "e.g. 'PHÓ CHỦ TỊCH'."),
        C("signer_name", "Họ tên người ký", "text", "Full name of the signer."),
    ),
    key=("year",),
    title="Thông tin văn bản",
)

DOCUMENT_REFERENCES = Table(
    "document_references",
    "can_cu",
    "Documents the plan implements, cited in its opening sentence in file order.",
    (
        C("year", "Năm", "int", "Assessed year (as in periods).", required=True),
        C(
            "doc_type",
            "Loại văn bản",
            "text",
            "e.g. 'Công văn', 'Kế hoạch', 'Nghị quyết'.",
            required=True,
        ),
        C("number", "Số, ký hiệu", "text", "e.g. '1811/SKHĐT-ĐKKD'."),
        C("issued_on", "Ngày ban hành", "date", "Date of issue."),
        C("issuer", "Cơ quan ban hành", "text", "Body that issued it."),
        C("title", "Trích yếu", "text", "What it is about, e.g. 'về việc xây dựng kế hoạch ...'."),
    ),
    title="Văn bản được thực hiện",
)

RECIPIENTS = Table(
    "recipients",
    "noi_nhan",
    "Recipients listed under 'Nơi nhận:', in file order (the archive line included).",
    (
        C("year", "Năm", "int", "Assessed year (as in periods).", required=True),
        C(
            "recipient",
            "Nơi nhận",
            "text",
            "One line, e.g. 'Sở Tài chính tỉnh (b/c)'.",
            required=True,
        ),
    ),
    title="Nơi nhận",
)

TASKS = Table(
    "tasks",
    "phan_cong",
    "Part II.III of the plan (Tổ chức thực hiện): the tasks given to each agency, one row per "
    "task, in file order. Agencies appear in the order of their first task. Without rows for "
    "the year, the document shows the analyst text texts/<year>/implementation.md instead.",
    (
        C("year", "Năm", "int", "Assessed year (as in periods).", required=True),
        C(
            "agency",
            "Cơ quan, đơn vị",
            "text",
            "The agency given the task, e.g. 'Phòng Kinh tế'.",
            required=True,
        ),
        C("task", "Nhiệm vụ", "text", "One task, as a sentence.", required=True),
    ),
    title="Phân công tổ chức thực hiện",
)
