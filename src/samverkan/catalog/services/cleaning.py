"""Validation and normalisation of organisation profile input."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.catalog.models import (
    Country,
    Organisation,
    OrganisationKind,
    Region,
    Sector,
    SizeClass,
    Visibility,
)
from samverkan.catalog.validators import normalise_registration_number, normalise_vat_number


def _codes(value: Any) -> list[str]:
    if isinstance(value, str):
        value = value.replace(";", ",").split(",")
    return [str(item).strip() for item in value or [] if str(item).strip()]


def strip_nul(value: Any) -> Any:
    """Remove NUL characters (PostgreSQL refuses them in text) from nested input."""
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, dict):
        return {key: strip_nul(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [strip_nul(item) for item in value]
    return value


def organisation_clean(
    *, data: dict[str, Any], instance: Organisation | None = None
) -> dict[str, Any]:
    """Validate and normalise profile data; raises ValidationError with messages per field.

    Returns the cleaned data with `region` as a Region, `sectors` and `target_markets` as lists
    of model instances. Keys absent from `data` are left out (partial updates).
    """
    data = strip_nul(data)
    errors: dict[str, str] = {}
    cleaned: dict[str, Any] = {}
    current = (lambda f: getattr(instance, f)) if instance else (lambda f: "")

    def text(field: str, max_length: int) -> None:
        if field in data:
            value = str(data[field] or "").strip()
            if len(value) > max_length:
                errors[field] = _("At most %(n)d characters.") % {"n": max_length}
            cleaned[field] = value

    for field, max_length in [
        ("name", 255),
        ("legal_name", 255),
        ("street_address", 255),
        ("postal_code", 16),
        ("city", 100),
        ("keywords", 1000),
    ]:
        text(field, max_length)
    if "name" in cleaned and not cleaned["name"]:
        errors["name"] = _("The name is required.")
    if instance is None and "name" not in cleaned:
        errors["name"] = _("The name is required.")

    country = str(data.get("country", current("country")) or "").strip().upper()
    if "country" in data or instance is None:
        if not Country.objects.filter(code=country).exists():
            errors["country"] = _("Unknown country code “%(code)s”: use ISO 3166 (SE, FI …).") % {
                "code": country
            }
        cleaned["country"] = country
    for field, choices in [
        ("kind", OrganisationKind.values),
        ("size_class", ["", *SizeClass.values]),
        ("visibility", Visibility.values),
    ]:
        if field in data:
            value = str(data[field] or "").strip()
            if value not in choices:
                errors[field] = _("“%(value)s” is not a valid choice.") % {"value": value}
            cleaned[field] = value
    if "founded_year" in data:
        value = data["founded_year"]
        if value in ("", None):
            cleaned["founded_year"] = None
        else:
            try:
                year = int(value)
            except (TypeError, ValueError):
                year = -1
            if not 1000 <= year <= timezone.now().year:
                errors["founded_year"] = _("Enter a year between 1000 and this year.")
            cleaned["founded_year"] = year
    if "website" in data:
        website = str(data["website"] or "").strip()
        if website and "://" not in website:
            website = "https://" + website
        if website:
            try:
                URLValidator(schemes=["http", "https"])(website)
            except ValidationError:
                errors["website"] = _("Enter a valid web address.")
        cleaned["website"] = website
    for field, normalise in [
        ("registration_number", normalise_registration_number),
        ("vat_number", normalise_vat_number),
    ]:
        if field in data or ("country" in data and current(field)):
            try:
                cleaned[field] = normalise(
                    country=country, number=str(data.get(field, current(field)) or "")
                )
            except ValidationError as error:
                errors[field] = error.messages[0]
    number = cleaned.get("registration_number")
    if number and "registration_number" not in errors:
        duplicate = Organisation.objects.filter(country=country, registration_number=number)
        if instance is not None:
            duplicate = duplicate.exclude(pk=instance.pk)
        if duplicate.exists():
            errors["registration_number"] = _(
                "Another organisation already has registration number %(number)s."
            ) % {"number": number}
    if "region" in data:
        code = str(data["region"] or "").strip().upper()
        region = Region.objects.filter(code=code).first() if code else None
        if code and region is None:
            errors["region"] = _("Unknown NUTS 2024 region “%(code)s”.") % {"code": code}
        elif region is not None and region.country_code != country:
            errors["region"] = _("Region %(code)s is not in country %(country)s.") % {
                "code": code,
                "country": country,
            }
        cleaned["region"] = region
    if "sectors" in data:
        codes = _codes(data["sectors"])
        sectors = list(Sector.objects.filter(code__in=codes))
        unknown = sorted(set(codes) - {sector.code for sector in sectors})
        if unknown:
            errors["sectors"] = _("Unknown NACE Rev. 2.1 code: %(codes)s.") % {
                "codes": ", ".join(unknown)
            }
        cleaned["sectors"] = sectors
    if "target_markets" in data:
        codes = [code.upper() for code in _codes(data["target_markets"])]
        markets = list(Country.objects.filter(code__in=codes))
        unknown = sorted(set(codes) - {market.code for market in markets})
        if unknown:
            errors["target_markets"] = _("Unknown country code: %(codes)s.") % {
                "codes": ", ".join(unknown)
            }
        cleaned["target_markets"] = markets
    if "languages" in data:
        languages = [code.lower() for code in _codes(data["languages"])]
        if any(len(code) not in (2, 3) or not code.isalpha() for code in languages):
            errors["languages"] = _("Use two-letter language codes such as sv, fi, en.")
        cleaned["languages"] = languages
    if errors:
        raise ValidationError(errors)
    return cleaned
