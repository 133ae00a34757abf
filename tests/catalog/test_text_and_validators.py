import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from samverkan.catalog.text import fold, tokens
from samverkan.catalog.validators import (
    normalise_registration_number,
    normalise_vat_number,
    validate_logo,
)


@pytest.mark.parametrize(
    ("value", "folded"),
    [
        ("Västerås", "vasteras"),
        ("ÖRNSKÖLDSVIK", "ornskoldsvik"),
        ("Põhja-Eesti", "pohja eesti"),
        ("Rīga, Jūrmala Šķēde", "riga jurmala skede"),
        ("Straße Bjørk", "strasse bjork"),
        ("  Umeå   Energi ", "umea energi"),
    ],
)
def test_fold_removes_case_and_diacritics(value, folded):
    assert fold(value) == folded


def test_tokens_are_unique_and_folded():
    assert tokens("Västerås vasteras Vind") == ["vasteras", "vind"]


@pytest.mark.parametrize(
    ("country", "number", "expected"),
    [
        ("SE", "5560360793", "556036-0793"),
        ("SE", "16556036-0793", "556036-0793"),
        ("FI", "0112038-9", "0112038-9"),
        ("EE", "10137319", "10137319"),
        ("LV", "40003032949", "40003032949"),
        ("NO", "923 609 016", "923 609 016"),
        ("SE", "", ""),
    ],
)
def test_valid_registration_numbers(country, number, expected):
    assert normalise_registration_number(country=country, number=number) == expected


@pytest.mark.parametrize(
    ("country", "number"),
    [
        ("SE", "556036-0794"),  # wrong check digit
        ("SE", "55603"),
        ("FI", "0112038-8"),
        ("FI", "112038-9"),
        ("EE", "10137318"),
        ("EE", "2013731"),
        ("LV", "30003032949"),
    ],
)
def test_invalid_registration_numbers(country, number):
    with pytest.raises(ValidationError):
        normalise_registration_number(country=country, number=number)


def test_vat_numbers():
    assert normalise_vat_number(country="SE", number="se 556036079301") == "SE556036079301"
    assert normalise_vat_number(country="FI", number="FI01120389") == "FI01120389"
    with pytest.raises(ValidationError):
        normalise_vat_number(country="SE", number="SE5560360793")
    with pytest.raises(ValidationError):
        normalise_vat_number(country="DE", number="123")


def test_logo_accepts_png_and_refuses_svg_and_large_files():
    png = SimpleUploadedFile("logo.png", b"\x89PNG\r\n\x1a\n" + b"0" * 100)
    assert validate_logo(png) is None
    svg = SimpleUploadedFile("logo.svg", b"<svg onload='alert(1)'></svg>")
    with pytest.raises(ValidationError, match="PNG, JPEG or WebP"):
        validate_logo(svg)
    big = SimpleUploadedFile("logo.png", b"\x89PNG\r\n\x1a\n" + b"0" * (1024 * 1024 + 1))
    with pytest.raises(ValidationError, match="1 MB"):
        validate_logo(big)
