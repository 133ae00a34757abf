"""The programmes catalogue: Finnish is complete (no untranslated or fuzzy entries)."""

from __future__ import annotations

import re
from pathlib import Path

import samverkan.programmes

LOCALE = Path(samverkan.programmes.__file__).parent / "locale"


def _untranslated_or_fuzzy(language: str) -> list[str]:
    text = (LOCALE / language / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    problems = []
    for block in text.split("\n\n")[1:]:  # the first block is the header
        if block.lstrip().startswith("#~"):
            continue
        if "#, fuzzy" in block or re.search(r'^msgstr(\[\d\])? ""\n(?!")', block + "\n", re.M):
            problems.append(block.split("msgid ", 1)[-1].split("\n", 1)[0])
    return problems


def test_finnish_is_complete():
    assert _untranslated_or_fuzzy("fi") == []
