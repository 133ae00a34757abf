"""The Latvian (lv) programmes catalogue is complete: no untranslated or fuzzy entries."""

from __future__ import annotations

import re
from pathlib import Path

import samverkan.programmes

CATALOGUE = (
    Path(samverkan.programmes.__file__).parent / "locale" / "lv" / "LC_MESSAGES" / "django.po"
)


def _untranslated_or_fuzzy() -> list[str]:
    text = CATALOGUE.read_text(encoding="utf-8")
    problems = []
    for block in text.split("\n\n")[1:]:  # the first block is the header
        if block.lstrip().startswith("#~"):
            continue
        if "#, fuzzy" in block or re.search(r'^msgstr(\[\d\])? ""\n(?!")', block + "\n", re.M):
            problems.append(block.split("msgid ", 1)[-1].split("\n", 1)[0])
    return problems


def test_latvian_catalogue_is_complete():
    assert _untranslated_or_fuzzy() == []


def test_latvian_catalogue_has_three_plural_forms():
    text = CATALOGUE.read_text(encoding="utf-8")
    assert "nplurals=3;" in text
    for block in text.split("\n\n")[1:]:
        if "msgid_plural" in block and not block.lstrip().startswith("#~"):
            assert all(f"msgstr[{i}]" in block for i in range(3)), block
