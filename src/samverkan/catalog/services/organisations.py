"""Organisation profiles: create, update, texts, logo, search index and claim invitations."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.postgres.search import SearchVector
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Value
from django.utils.text import slugify
from django.utils.translation import gettext as _

from samverkan.accounts.models import MembershipRole
from samverkan.accounts.services import invitation_create
from samverkan.catalog.models import Organisation, OrganisationText
from samverkan.catalog.services.cleaning import organisation_clean, strip_nul
from samverkan.catalog.text import fold
from samverkan.catalog.validators import validate_logo
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
