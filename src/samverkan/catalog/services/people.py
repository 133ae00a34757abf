"""Contact people of an organisation: validation, listing consent, create, update, delete."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.catalog.models import Organisation, Person
from samverkan.catalog.services.cleaning import _codes, strip_nul
from samverkan.common.services import audit_log_record


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
