"""Writes for the catalogue. Every change is validated, atomic and written to the audit log."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.contrib.postgres.search import SearchVector
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import connection, transaction
from django.db.models import Value
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from samverkan.accounts.models import MembershipRole
from samverkan.accounts.services import invitation_create
from samverkan.catalog.models import (
    Catalogue,
    Country,
    Organisation,
    OrganisationKind,
    OrganisationText,
    Person,
    Region,
    Sector,
    SizeClass,
    Visibility,
)
from samverkan.catalog.text import fold
from samverkan.catalog.validators import (
    normalise_registration_number,
    normalise_vat_number,
    validate_logo,
)
from samverkan.common.services import audit_log_record

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
SIMPLE_FIELDS = [
    "name",
    "legal_name",
    "registration_number",
    "vat_number",
    "kind",
    "size_class",
    "founded_year",
    "website",
    "street_address",
    "postal_code",
    "city",
    "country",
    "keywords",
    "languages",
    "visibility",
]
TEXT_FIELDS = ["description", "offers", "needs"]
# Paths of the catalogue pages that an organisation slug must not shadow.
RESERVED_SLUGS = {"new", "import", "catalogues", "public"}


def _unique_slug(name: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(name)[:240] or "organisation"
    slug, number = base, 2
    if slug in RESERVED_SLUGS:
        slug = f"{base}-{number}"
    while Organisation.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug = f"{base}-{number}"
        number += 1
    return slug


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


def organisation_search_text(*, organisation: Organisation) -> str:
    parts = [
        organisation.name,
        organisation.legal_name,
        organisation.city,
        organisation.keywords,
        organisation.registration_number,
    ]
    for text in organisation.texts.all():
        parts += [text.description, text.offers, text.needs]
    if organisation.region_id:
        parts.append(organisation.region.name)
    return fold(" ".join(part for part in parts if part))


def organisation_reindex(*, organisation: Organisation) -> None:
    organisation.search_text = organisation_search_text(organisation=organisation)
    changes: dict[str, Any] = {"search_text": organisation.search_text}
    if connection.vendor == "postgresql":
        changes["search_vector"] = SearchVector(Value(organisation.search_text), config="simple")
    Organisation.objects.filter(pk=organisation.pk).update(**changes)


def _snapshot(organisation: Organisation) -> dict[str, Any]:
    data = {field: getattr(organisation, field) for field in SIMPLE_FIELDS}
    data["region"] = organisation.region_id
    if organisation.pk:
        data["sectors"] = sorted(organisation.sectors.values_list("code", flat=True))
        data["target_markets"] = sorted(organisation.target_markets.values_list("code", flat=True))
    return data


def _apply(organisation: Organisation, cleaned: dict[str, Any]) -> None:
    for field in SIMPLE_FIELDS:
        if field in cleaned:
            setattr(organisation, field, cleaned[field])
    if "region" in cleaned:
        organisation.region = cleaned["region"]


def _save_relations(organisation: Organisation, cleaned: dict[str, Any]) -> None:
    if "sectors" in cleaned:
        organisation.sectors.set(cleaned["sectors"])
    if "target_markets" in cleaned:
        organisation.target_markets.set(cleaned["target_markets"])


@transaction.atomic
def organisation_create(
    *, actor, data: dict[str, Any], texts: dict | None = None, is_demo: bool = False
) -> Organisation:
    cleaned = organisation_clean(data=data)
    organisation = Organisation(is_demo=is_demo, slug=_unique_slug(cleaned["name"]))
    _apply(organisation, cleaned)
    organisation.save()
    _save_relations(organisation, cleaned)
    if texts:
        _texts_write(organisation, texts)
    organisation_reindex(organisation=organisation)
    audit_log_record(
        actor=actor,
        action="catalog.organisation.create",
        target=organisation,
        data=_snapshot(organisation),
    )
    return organisation


@transaction.atomic
def organisation_update(
    *, actor, organisation: Organisation, data: dict[str, Any], texts: dict | None = None
) -> Organisation:
    """Change profile fields (only the keys given) and texts; logs which fields changed."""
    cleaned = organisation_clean(data=data, instance=organisation)
    before = _snapshot(organisation)
    before_texts = _texts_snapshot(organisation)
    _apply(organisation, cleaned)
    organisation.save()
    _save_relations(organisation, cleaned)
    if texts:
        _texts_write(organisation, texts)
    organisation_reindex(organisation=organisation)
    after = _snapshot(organisation)
    changed = {field: after[field] for field in after if before.get(field) != after[field]}
    after_texts = _texts_snapshot(organisation)
    changed_texts = sorted(
        f"{language}:{field}"
        for language, values in after_texts.items()
        for field, value in values.items()
        if before_texts.get(language, {}).get(field, "") != value
    )
    if changed or changed_texts:
        audit_log_record(
            actor=actor,
            action="catalog.organisation.update",
            target=organisation,
            data={"changed": changed, "texts": changed_texts},
        )
    return organisation


def _texts_snapshot(organisation: Organisation) -> dict[str, dict[str, str]]:
    return {
        text.language: {field: getattr(text, field) for field in TEXT_FIELDS}
        for text in OrganisationText.objects.filter(organisation=organisation)
    }


def _texts_write(organisation: Organisation, texts: dict[str, dict[str, str]]) -> None:
    texts = strip_nul(texts)
    errors = {}
    for language, values in texts.items():
        if language not in LANGUAGE_CODES:
            errors["texts"] = _("Unsupported text language “%(code)s”.") % {"code": language}
            continue
        values = {field: str(values.get(field) or "").strip() for field in TEXT_FIELDS}
        if any(len(value) > 5000 for value in values.values()):
            errors[f"texts_{language}"] = _("A text may have at most 5000 characters.")
            continue
        if any(values.values()):
            OrganisationText.objects.update_or_create(
                organisation=organisation, language=language, defaults=values
            )
        else:
            OrganisationText.objects.filter(organisation=organisation, language=language).delete()
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def organisation_logo_set(*, actor, organisation: Organisation, upload) -> Organisation:
    if upload is None:
        organisation.logo.delete(save=False)
        organisation.logo = ""
    else:
        validate_logo(upload)
        organisation.logo.save(upload.name, upload, save=False)
    organisation.save(update_fields=["logo", "updated_at"])
    audit_log_record(
        actor=actor,
        action="catalog.organisation.logo",
        target=organisation,
        data={"logo": organisation.logo.name},
    )
    return organisation


def organisation_claim_invite(*, actor, organisation: Organisation, email: str):
    """Invite a company's representative to claim (own and edit) its profile."""
    invitation, token = invitation_create(
        actor=actor, organisation=organisation, email=email, role=MembershipRole.OWNER
    )
    audit_log_record(
        actor=actor,
        action="catalog.organisation.claim_invite",
        target=organisation,
        data={"email": email},
    )
    return invitation, token


def person_clean(*, data: dict[str, Any]) -> dict[str, Any]:
    data = strip_nul(data)
    errors: dict[str, str] = {}
    cleaned = {
        "name": str(data.get("name") or "").strip(),
        "role": str(data.get("role") or "").strip()[:200],
        "email": str(data.get("email") or "").strip().lower(),
        "phone": str(data.get("phone") or "").strip(),
        "languages": [code.lower() for code in _codes(data.get("languages"))],
    }
    if not cleaned["name"]:
        errors["name"] = _("The person's name is required.")
    if cleaned["email"]:
        try:
            validate_email(cleaned["email"])
        except ValidationError:
            errors["email"] = _("“%(email)s” is not a valid e-mail address.") % {
                "email": cleaned["email"]
            }
    if len(cleaned["phone"]) > 40:
        errors["phone"] = _("At most %(n)d characters.") % {"n": 40}
    if errors:
        raise ValidationError(errors)
    return cleaned


def _consent(person: Person, consent: bool | None) -> None:
    if consent is None:
        return
    if consent and person.listing_consent_at is None:
        person.listing_consent_at = timezone.now()
    elif not consent:
        person.listing_consent_at = None


@transaction.atomic
def person_create(
    *,
    actor,
    organisation: Organisation,
    data: dict[str, Any],
    consent: bool = False,
    consent_at: datetime.datetime | None = None,
    is_demo: bool = False,
) -> Person:
    person = Person(organisation=organisation, is_demo=is_demo, **person_clean(data=data))
    _consent(person, consent)
    if consent and consent_at is not None:
        person.listing_consent_at = consent_at
    person.save()
    audit_log_record(
        actor=actor,
        action="catalog.person.create",
        target=organisation,
        data={"person": person.pk, "name": person.name, "consent": consent},
    )
    return person


@transaction.atomic
def person_update(*, actor, person: Person, data: dict[str, Any], consent: bool | None) -> Person:
    merged = {
        field: data.get(field, getattr(person, field))
        for field in ["name", "role", "email", "phone", "languages"]
    }
    for field, value in person_clean(data=merged).items():
        setattr(person, field, value)
    _consent(person, consent)
    person.save()
    audit_log_record(
        actor=actor,
        action="catalog.person.update",
        target=person.organisation,
        data={"person": person.pk, "name": person.name, "consent": consent},
    )
    return person


@transaction.atomic
def person_delete(*, actor, person: Person) -> None:
    organisation, name = person.organisation, person.name
    person.delete()
    audit_log_record(
        actor=actor, action="catalog.person.delete", target=organisation, data={"name": name}
    )


@transaction.atomic
def catalogue_save(
    *,
    actor,
    slug: str,
    titles: dict[str, str],
    languages: list[str],
    intros: dict[str, str] | None = None,
    operator: Organisation | None = None,
) -> Catalogue:
    unknown = [code for code in languages if code not in LANGUAGE_CODES]
    if not languages or unknown:
        raise ValidationError({"languages": _("Choose at least one supported language.")})
    if not any(titles.get(code) for code in languages):
        raise ValidationError({"titles": _("Give the catalogue a title.")})
    catalogue, _created = Catalogue.objects.update_or_create(
        slug=slug,
        defaults={
            "titles": titles,
            "intros": intros or {},
            "languages": languages,
            "operator": operator,
        },
    )
    audit_log_record(
        actor=actor,
        action="catalog.catalogue.save",
        target=catalogue,
        data={"languages": languages},
    )
    return catalogue


@transaction.atomic
def catalogue_add_organisations(*, actor, catalogue: Catalogue, organisations) -> int:
    organisations = list(organisations)
    catalogue.organisations.add(*organisations)
    audit_log_record(
        actor=actor,
        action="catalog.catalogue.add",
        target=catalogue,
        data={"count": len(organisations)},
    )
    return len(organisations)


@transaction.atomic
def catalogue_publish(*, actor, catalogue: Catalogue, published: bool) -> Catalogue:
    catalogue.is_published = published
    catalogue.published_at = timezone.now() if published else None
    catalogue.save(update_fields=["is_published", "published_at", "updated_at"])
    audit_log_record(
        actor=actor,
        action="catalog.catalogue.publish" if published else "catalog.catalogue.unpublish",
        target=catalogue,
    )
    return catalogue
