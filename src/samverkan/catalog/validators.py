"""Format checks for registration numbers, VAT numbers and logos, with translated errors."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

LOGO_MAX_BYTES = 1024 * 1024
# Magic bytes of the image types we accept (no SVG: it can carry scripts).
LOGO_SIGNATURES = {
    b"\x89PNG\r\n\x1a\n": "png",
    b"\xff\xd8\xff": "jpeg",
    b"RIFF": "webp",
}


def _luhn_ok(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def _se(number: str) -> str:
    digits = re.sub(r"[\s-]", "", number)
    if len(digits) == 12 and digits.startswith(("16", "19", "20")):
        digits = digits[2:]
    if not re.fullmatch(r"\d{10}", digits) or not _luhn_ok(digits):
        raise ValidationError(
            _("A Swedish organisation number has 10 digits (NNNNNN-NNNN) and a valid check digit.")
        )
    return f"{digits[:6]}-{digits[6:]}"


def _fi(number: str) -> str:
    compact = number.replace(" ", "")
    if not re.fullmatch(r"\d{7}-\d", compact):
        raise ValidationError(_("A Finnish business ID (Y-tunnus) looks like 1234567-8."))
    weights = [7, 9, 10, 5, 8, 4, 2]
    remainder = sum(int(d) * w for d, w in zip(compact[:7], weights, strict=True)) % 11
    check = 0 if remainder == 0 else 11 - remainder
    if remainder == 1 or check != int(compact[-1]):
        raise ValidationError(_("The check digit of this Finnish business ID is wrong."))
    return compact


def _ee(number: str) -> str:
    digits = number.replace(" ", "")
    if not re.fullmatch(r"[1789]\d{7}", digits):
        raise ValidationError(
            _("An Estonian registry code has 8 digits and starts with 1, 7, 8 or 9.")
        )
    values = [int(d) for d in digits]
    for weights in ([1, 2, 3, 4, 5, 6, 7], [3, 4, 5, 6, 7, 8, 9]):
        check = sum(v * w for v, w in zip(values[:7], weights, strict=True)) % 11
        if check != 10:
            break
    else:
        check = 0
    if check != values[7]:
        raise ValidationError(_("The check digit of this Estonian registry code is wrong."))
    return digits


def _lv(number: str) -> str:
    digits = number.replace(" ", "")
    if not re.fullmatch(r"[45]\d{10}", digits):
        raise ValidationError(
            _("A Latvian registration number has 11 digits and starts with 4 or 5.")
        )
    return digits


REGISTRATION_VALIDATORS = {"SE": _se, "FI": _fi, "EE": _ee, "LV": _lv}

VAT_PATTERNS = {
    "SE": r"SE\d{10}01",
    "FI": r"FI\d{8}",
    "EE": r"EE\d{9}",
    "LV": r"LV\d{11}",
}


def normalise_registration_number(*, country: str, number: str) -> str:
    """The number in its canonical form, or ValidationError. Other countries: kept as typed."""
    number = (number or "").strip()
    if not number:
        return ""
    validator = REGISTRATION_VALIDATORS.get((country or "").upper())
    if validator is None:
        if len(number) > 32:
            raise ValidationError(_("A registration number has at most 32 characters."))
        return number
    return validator(number)


def normalise_vat_number(*, country: str, number: str) -> str:
    compact = re.sub(r"[\s.-]", "", number or "").upper()
    if not compact:
        return ""
    pattern = VAT_PATTERNS.get((country or "").upper())
    if pattern and not re.fullmatch(pattern, compact):
        raise ValidationError(
            _("This is not a valid VAT number for %(country)s.") % {"country": country.upper()}
        )
    if not re.fullmatch(r"[A-Z]{2}[0-9A-Z]{2,13}", compact):
        raise ValidationError(_("A VAT number starts with the two-letter country prefix."))
    return compact


def validate_logo(upload) -> None:
    if upload.size > LOGO_MAX_BYTES:
        raise ValidationError(_("The logo may be at most 1 MB."))
    upload.seek(0)
    head = upload.read(12)
    upload.seek(0)
    kind = next((k for sig, k in LOGO_SIGNATURES.items() if head.startswith(sig)), None)
    if kind == "webp" and head[8:12] != b"WEBP":
        kind = None
    if kind is None:
        raise ValidationError(_("The logo must be a PNG, JPEG or WebP image."))
