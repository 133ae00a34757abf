"""Every app's catalogue is complete in every language and compiled: no untranslated or fuzzy
entry, a `.mo` that holds every entry, and as many forms per plural entry as the header says."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import pytest

import samverkan

APPS = sorted(p.parent.name for p in Path(samverkan.__file__).parent.glob("*/locale"))
LANGUAGES = ["sv", "fi", "et", "lv"]
CATALOGUES = [
    pytest.param(
        Path(samverkan.__file__).parent / app / "locale" / lang / "LC_MESSAGES" / "django.po",
        id=f"{app}-{lang}",
    )
    for app in APPS
    for lang in LANGUAGES
]


def _entries(text: str) -> list[str]:
    """The catalogue's entries, less the header and obsolete (#~) ones."""
    return [b for b in text.split("\n\n")[1:] if not b.lstrip().startswith("#~")]


def untranslated_or_fuzzy(catalogue: Path) -> list[str]:
    problems = []
    for block in _entries(catalogue.read_text(encoding="utf-8")):
        if "#, fuzzy" in block or re.search(r'^msgstr(\[\d\])? ""\n(?!")', block + "\n", re.M):
            problems.append(block.split("msgid ", 1)[-1].split("\n", 1)[0])
    return problems


@pytest.mark.parametrize("catalogue", CATALOGUES)
def test_catalogue_is_complete(catalogue):
    assert untranslated_or_fuzzy(catalogue) == []


@pytest.mark.parametrize("catalogue", CATALOGUES)
def test_the_compiled_catalogue_has_every_entry(catalogue):
    with catalogue.with_suffix(".mo").open("rb") as compiled:
        messages = gettext.GNUTranslations(compiled)._catalog
    compiled_ids = {key[0] if isinstance(key, tuple) else key for key in messages} - {""}
    text = catalogue.read_text(encoding="utf-8")
    assert len(compiled_ids) == len(re.findall(r"^msgid ", text, re.M)) - 1  # less the header


@pytest.mark.parametrize("catalogue", CATALOGUES)
def test_every_plural_entry_has_the_header_s_number_of_forms(catalogue):
    text = catalogue.read_text(encoding="utf-8")
    forms = int(re.search(r"nplurals=(\d+);", text).group(1))
    assert forms == (3 if catalogue.parts[-3] == "lv" else 2)
    for block in _entries(text):
        if "msgid_plural" in block:
            assert all(f"msgstr[{i}]" in block for i in range(forms)), block
