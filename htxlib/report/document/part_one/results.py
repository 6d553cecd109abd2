"""What Part I says of the plan's results, the support policies and OCOP."""

from __future__ import annotations

from htxlib.data.texts import shown_slots
from htxlib.report.document.plain_records import records


class Results:
    """What the module docstring names, for the Assessment to inherit."""

    @property
    def adopted_results(self) -> list[dict]:
        """Plan versus actual for the targets the unit adopted (the document judges these)."""
        return [r for r in records(self.plan_results) if r["adopted"]]

    def stated_verdict(self, indicator: str) -> str | None:
        """Return the unit's own verdict of the year's figure against its plan, if it gave one.

        Said as the unit's document states it ("vượt kế hoạch đề ra"), even with no plan
        figure behind it; a target the unit adopted gives the verdict instead.
        """
        from htxlib.data.codes import VERDICTS
        from htxlib.data.stated import stated_verdict

        if self.plan_result(indicator) is not None:
            return None
        code = stated_verdict(self.ds, indicator, self.period.year)
        return None if code is None else VERDICTS[code]

    @property
    def recommendation_levels(self) -> list[tuple[str, str]]:
        """The levels recommendations go to, as (text slot, heading).

        A province has no local government above it.
        """
        levels = [
            ("recommendations_local", "Với chính quyền địa phương cấp trên"),
            ("recommendations_central", "Với Chính phủ và các Bộ, ngành"),
        ]
        return [(slot, heading) for slot, heading in levels if slot in shown_slots(self.unit.level)]

    def plan_result(self, indicator: str) -> dict | None:
        """Return the plan-versus-actual record of an indicator, if the unit adopted a target.

        An illustrative or estimated target is no plan to judge against: the annex shows it.
        """
        rows = self.plan_results
        if rows.empty:
            return None
        rows = rows[rows["adopted"]]
        if indicator not in set(rows["indicator"]):
            return None
        return records(rows[rows["indicator"] == indicator])[0]

    @property
    def ocop_rows(self) -> list[dict]:
        """OCOP products by year as plain records (missing values as None).

        A year's ``items`` are those a sentence names, at most the unit's list limit;
        ``more`` counts the others (a province awards hundreds a year).
        """
        rows = records(self.ocop)
        limit = self.unit.list_limit
        for row in rows:
            row["more"] = max(0, len(row["items"]) - limit)
            row["items"] = row["items"][:limit]
        return rows

    @property
    def support_rows(self) -> list[dict]:
        """Support results as plain records, missing values as None (for templates)."""
        return records(self.support)
