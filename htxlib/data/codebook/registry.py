"""The registry: each HTX, LH HTX and THT, its other names and its status history."""

from __future__ import annotations

from htxlib.data.codebook.columns import C, Table

ENTITIES = Table(
    "entities",
    "danh_sach",
    "The registry: one row per HTX, LH HTX or THT ever registered in the unit.",
    (
        C("entity_id", "Mã", "text", "Stable identifier.", required=True),
        C("kind", "Loại hình", "code", "HTX, LH HTX or THT.", codes="kinds", required=True),
        C("name", "Tên", "text", "Canonical name.", required=True),
        C("commune", "Xã", "text", "Commune-level unit of the seat."),
        C(
            "sector",
            "Lĩnh vực",
            "code",
            "Main sector (HTX, LH HTX); empty when not known: the report counts such HTX as "
            "'chưa rõ lĩnh vực' and gives sector shares of the HTX whose sector is known.",
            codes="sectors",
        ),
        C("founded_on", "Ngày thành lập", "date", "Registration date (required for HTX, LH HTX)."),
        C("dissolved_on", "Ngày giải thể", "date", "Dissolution date; empty while operating."),
        C("charter_capital", "Vốn điều lệ", "amount", "Registered charter capital.", "triệu đồng"),
        C("purpose", "Mục đích THT", "code", "What a THT is for.", codes="tht_purposes"),
        C("union_id", "Thuộc LH HTX", "text", "entity_id of the LH HTX this HTX is a member of."),
    ),
    key=("entity_id",),
    required=True,
    title="Danh sách HTX, LH HTX, THT",
)

ALIASES = Table(
    "aliases",
    "ten_khac",
    "Other spellings of an entity's name, as documents write it.",
    (
        C("entity_id", "Mã", "text", "Entity the alias belongs to.", required=True),
        C("alias", "Tên khác", "text", "The variant spelling.", required=True),
    ),
    key=("alias",),
    title="Tên gọi khác",
)

STATUS_EVENTS = Table(
    "status_events",
    "bien_dong",
    "Status history: suspensions, registration changes, paper-only assessments.",
    (
        C("entity_id", "Mã", "text", "Entity concerned.", required=True),
        C("event", "Sự kiện", "code", "Kind of event.", codes="status_events", required=True),
        C("start_date", "Từ ngày", "date", "Start (or date of a one-day event).", required=True),
        C("end_date", "Đến ngày", "date", "End of a suspension as notified."),
        C("detail", "Nội dung", "text", "What changed, or the finding."),
        C("reason", "Lý do", "text", "Reason given."),
    ),
    title="Biến động tình trạng",
)
