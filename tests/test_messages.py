"""Every message marked for translation has its Vietnamese text in the catalog."""

from __future__ import annotations

from babel.messages.extract import extract_from_dir

from htxlib.messages import _, _vietnamese

from .conftest import ROOT


def marked_messages() -> set[str]:
    found = extract_from_dir(
        str(ROOT / "htxlib"), method_map=[("**.py", "python")], keywords={"_": None, "N_": None}
    )
    return {message for _file, _line, message, _comments, _context in found}


def test_catalog_translates_every_marked_message():
    marked = marked_messages()
    assert len(marked) > 15
    missing = sorted(marked - set(_vietnamese()))
    assert missing == []


def test_translations_keep_their_placeholders():
    import re

    for english, vietnamese in _vietnamese().items():
        wanted = sorted(re.findall(r"\{\w+\}", english))
        assert sorted(re.findall(r"\{\w+\}", vietnamese)) == wanted, english


def test_language_switch(monkeypatch):
    monkeypatch.setenv("HTX_LANG", "vi")
    assert _("the disk is full") == "ổ đĩa đã đầy"
    monkeypatch.setenv("HTX_LANG", "en")
    assert _("the disk is full") == "the disk is full"
    monkeypatch.setenv("HTX_LANG", "fr")  # unknown: the default, Vietnamese
    assert _("the disk is full") == "ổ đĩa đã đầy"


def test_a_schema_built_once_still_speaks_the_language_of_each_run(monkeypatch):
    """pandera's schemas are built once per table and language, with their messages."""
    import pandas as pd

    from htxlib.data.codebook import TABLES
    from htxlib.data.validation import schema_failures

    table = TABLES["entities"]
    column = next(c for c in table.columns if c.type == "code")
    frame = pd.DataFrame({c.name: pd.Series([None], dtype=object) for c in table.columns})
    frame[column.name] = "not-a-code"
    said = {}
    for lang in ("vi", "en", "vi"):
        monkeypatch.setenv("HTX_LANG", lang)
        rules = [
            rule for _row, col, _value, rule in schema_failures(frame, table) if col == column.name
        ]
        said.setdefault(lang, set()).add(rules[0].split(";")[0])
    assert said == {"vi": {"không có trong danh mục"}, "en": {"not in the list"}}
