"""What a plan's own figures say about each other: the checks of ``htx check``.

- parts against their whole: a list of classes of one kind ("38 đang hoạt động, 02 tạm ngừng,
  01 giải thể") after the count they divide, or the parts a "gồm" introduces;
- shares against counts, at the printed precision: of the whole the parts divide, of the
  total "trong tổng số N" names, else of the document's stated total;
- percentages of plan: against the plan stated beside them, else the plan they imply must
  be a whole number;
- the same total stated twice with two values;
- named lists against their counts ("04 HTX, gồm: A, B, C" names three);
- targets below the value already reached, for a count that plans raise;
- rules applied outside their validity ("xếp loại năm 2025 theo Thông tư 01/2020");
- a table's "Tổng số" row against its rows, and its percentages against its counts.

A figure stated roughly ("khoảng", "hơn") is compared as such (see
:func:`htxlib.checks.stated_figures.agrees`); nothing is flagged that a correct rounding
explains.
"""

from __future__ import annotations

from htxlib.checks.text.findings import Finding
from htxlib.checks.text.named_lists import list_findings
from htxlib.checks.text.parts import part_findings, partitions
from htxlib.checks.text.recognise import Figure, Recognised
from htxlib.checks.text.shares import plan_findings, share_findings, stated_plans
from htxlib.checks.text.tables import table_findings
from htxlib.checks.text.whole_document import target_findings, twice_findings, validity_findings


def inconsistencies(recognised: Recognised) -> list[Finding]:
    """Return every inconsistency the document's own figures show, in reading order."""
    by_sentence: dict[int, list[Figure]] = {}
    for figure in recognised.figures:
        by_sentence.setdefault(id(figure.sentence), []).append(figure)
    found: list[Finding] = []
    plans = stated_plans(recognised)
    previous: list[Figure] = []
    paragraph: list[Figure] = []  # the figures of the paragraph's earlier sentences
    previous_block = None
    for sentence in recognised.sentences:
        figures = by_sentence.get(id(sentence), [])
        if sentence.block != previous_block:
            previous, paragraph, previous_block = [], [], sentence.block
        if not figures or sentence.table:
            continue
        # a whole stated in the sentence before, in the same paragraph, may be divided here
        context = [f for f in previous if f.role == "count" and f.total and f.depth == 0]
        parts_of: dict[int, Figure] = {}
        for partition in partitions(context[-1:] + figures, sentence):
            found.extend(part_findings(partition, sentence))
            parts_of.update({id(p): partition.whole for p in partition.parts})
        found.extend(share_findings(figures, parts_of, recognised, paragraph))
        found.extend(plan_findings(figures, plans))
        found.extend(list_findings(figures, sentence))
        previous = figures
        paragraph = paragraph + figures
    found.extend(table_findings(recognised))
    found.extend(twice_findings(recognised))
    found.extend(target_findings(recognised))
    found.extend(validity_findings(recognised))
    return found
