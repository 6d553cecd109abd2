"""The names Part I lists: in a sentence when short, in the appendix when long."""

from __future__ import annotations

from functools import cached_property

from htxlib import formatting
from htxlib.data.codes import RATINGS
from htxlib.data.rollup_index import place_key
from htxlib.figures.provenance import value_status
from htxlib.report.document.name_lists import NameList
from htxlib.report.document.name_lists import appendix as appendix_lists
from htxlib.report.document.name_lists import phrase as name_phrase
from htxlib.report.document.plain_records import records

#: Level words a place's name may start with, written in lower case mid-sentence.
LEVEL_WORDS = (
    "Xã ",
    "Phường ",
    "Thị trấn ",
    "Đặc khu ",
    "Thị xã ",
    "Huyện ",
    "Quận ",
    "Thành phố ",
)


def _mid_sentence(place: str) -> str:
    """Write a place mid-sentence: "Xã Bắc Hà" → "xã Bắc Hà"; "Tân Lập" stays."""
    return formatting.lower_first(place) if place.startswith(LEVEL_WORDS) else place


class Lists:
    """What the module docstring names, for the Assessment to inherit."""

    @cached_property  # every list sentence and the appendix read it
    def name_lists(self) -> dict[str, NameList]:
        """Every list of HTX the body names, by key, in document order (see :mod:`name_lists`)."""
        o, when = self.overview, self.period_in
        communes = dict(
            zip(self.ds.entities["entity_id"], self.ds.entities["commune"], strict=True)
        )

        own = place_key(self.unit.name)

        def placed(frame) -> list[str]:
            # each HTX with its commune, mid-sentence in lower case; a commune's own plan
            # names no commune (every HTX is in it)
            out = []
            for name, i in zip(frame["name"], frame["entity_id"], strict=True):
                commune = communes.get(i)
                if isinstance(commune, str) and place_key(commune) != own:
                    name = f"{name} ({_mid_sentence(commune)})"
                out.append(name)
            return out

        lists = {
            "new": NameList(
                f"HTX thành lập mới {when}", placed(o.new), status=self.new_count.status or ""
            ),
            "reorganised": NameList(f"HTX tổ chức lại {when}", list(o.reorganised["name"])),
            "dissolved": NameList(f"HTX giải thể {when}", list(o.dissolved["name"])),
            "dissolving": NameList("HTX đang làm thủ tục giải thể", list(o.dissolving["name"])),
            "suspended": NameList(
                "HTX đang tạm ngừng hoạt động",
                list(o.suspended["name"]),
                details=[
                    "từ ngày "
                    + formatting.date(r.start_date)
                    + (
                        ""
                        if formatting.is_missing(r.end_date)
                        else " đến ngày " + formatting.date(r.end_date)
                    )
                    for r in o.suspended.itertuples()
                ],
            ),
            "paper_only": NameList("HTX chỉ còn tồn tại trên danh nghĩa", placed(o.paper_only)),
            "changed": NameList(
                f"HTX thay đổi nội dung đăng ký {when}",
                list(o.registration_changes["name"].unique()),
            ),
        }
        for row in records(self.ratings):
            title = f"HTX {row['label']} năm {self.period.year}"
            if row["rating"] in RATINGS and row["rating"] != "khong_xep_loai":
                title = f"HTX xếp loại {row['label']} năm {self.period.year}"
            reasons = self._reasons(row["ids"]) if row["rating"] == "khong_xep_loai" else []
            lists[f"rating:{row['rating']}"] = NameList(
                title, list(row["names"]), notes=reasons if any(reasons) else []
            )
        for group in self.finding_groups():
            lists[f"finding:{group['rule']}"] = NameList(group["text"], group["names"])
        for group in self.historical_groups():
            title = f"{group['text']} (theo quy định tại ngày {formatting.date(group['date'])})"
            lists[f"historical:{group['rule']}"] = NameList(title, group["names"])
        if self.later_names:
            title = f"HTX cần xem xét theo quy định có hiệu lực năm {self.plan_year}"
            lists["later"] = NameList(title, self.later_names)
        return lists

    def _reasons(self, ids: list[str]) -> list[str]:
        """Return the reason the unit gave for not rating each HTX ("" where it gave none).

        A reason the data's maker inferred (provenance ``rebuilt``) is not the unit's word:
        those HTX are named ungrouped.
        """
        year = self.ds.annual[self.ds.annual["year"] == self.period.year]
        notes = dict(zip(year["entity_id"], year["rating_note"], strict=True))
        return [
            notes[i]
            if isinstance(notes.get(i), str)
            and value_status(self.ds, "annual", "rating_note", i, self.period.year)[0]
            == "published"
            else ""
            for i in ids
        ]

    def listed(self, key: str) -> str:
        """Return the names of a list as its sentence gives them: cut at the unit's limit."""
        return name_phrase(self.name_lists[key], self.unit.list_limit)

    @property
    def appendix(self) -> list[NameList]:
        """The lists the sentences cut, in full: the appendix issued with the plan.

        Lists resting on estimates come last: the signing copy leaves them out, and the
        lists it keeps are numbered 1, 2, ... without a gap.
        """
        lists = appendix_lists(self.name_lists, self.unit.list_limit)
        return sorted(lists, key=lambda names: names.status not in ("", "published"))
