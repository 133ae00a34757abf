"""The public booking form in Finnish, Estonian and Latvian (completeness of every catalogue:
tests/common/test_translation_catalogues.py)."""

from __future__ import annotations

import pytest
from django.urls import reverse


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
