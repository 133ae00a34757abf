"""The visits catalogue: Swedish and Finnish complete, Estonian and Latvian for the public form."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse

import samverkan.visits

LOCALE = Path(samverkan.visits.__file__).parent / "locale"
ENTRY = re.compile(r'^msgid "(.*)"\n(?:".*"\n)*', re.MULTILINE)


def _untranslated_or_fuzzy(language: str) -> list[str]:
    text = (LOCALE / language / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    problems = []
    for block in text.split("\n\n")[1:]:  # the first block is the header
        if block.lstrip().startswith("#~"):
            continue
        if "#, fuzzy" in block or re.search(r'^msgstr(\[\d\])? ""\n(?!")', block + "\n", re.M):
            problems.append(block.split("msgid ", 1)[-1].split("\n", 1)[0])
    return problems


@pytest.mark.parametrize("language", ["sv", "fi"])
def test_swedish_and_finnish_are_complete(language):
    assert _untranslated_or_fuzzy(language) == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fi", ["Varaa vierailu", "7. Toivotut päivämäärät", "Lisää osallistuja", "Lähetä pyyntö"]),
        ("et", ["Broneeri külastus", "7. Eelistatud kuupäevad", "Lisa osaleja", "Saada päring"]),
        (
            "lv",
            [
                "Pieteikt vizīti",
                "7. Vēlamie datumi",
                "Pievienot dalībnieku",
                "Nosūtīt pieprasījumu",
            ],
        ),
    ],
)
def test_the_public_form_is_translated(client, page, language, expected):
    html = client.get(
        reverse("visits:book", args=[page.slug]), HTTP_ACCEPT_LANGUAGE=language
    ).content.decode()
    assert [phrase for phrase in expected if phrase not in html] == []
    assert "Send the request" not in html
