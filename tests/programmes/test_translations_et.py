"""The programmes app's Estonian catalogue is complete: no untranslated or fuzzy entries."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import samverkan.programmes

CATALOGUE = (
    Path(samverkan.programmes.__file__).parent / "locale" / "et" / "LC_MESSAGES" / "django.po"
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


def test_estonian_is_complete():
    assert _untranslated_or_fuzzy() == []


def test_the_compiled_catalogue_has_every_entry():
    with CATALOGUE.with_suffix(".mo").open("rb") as compiled:
        messages = gettext.GNUTranslations(compiled)._catalog
    compiled_ids = {key[0] if isinstance(key, tuple) else key for key in messages} - {""}
    text = CATALOGUE.read_text(encoding="utf-8")
    assert len(compiled_ids) == len(re.findall(r"^msgid ", text, re.M)) - 1  # less the header
