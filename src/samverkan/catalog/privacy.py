"""Personal data in the catalogue: the person records that carry the user's e-mail address.

A catalogue person is not a user account; the link is the e-mail address (case-insensitive).
Export lists every such record with its organisation; erasure anonymises the records (the
organisation keeps a nameless contact row, so its history and counts stay intact), clears the
phone, languages and role, and withdraws the consent to be listed, in one transaction.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from samverkan.catalog.models import Person
from samverkan.common.models import AuditLogEntry
from samverkan.common.services import audit_log_record

ERASED_NAME = "(erased)"


def _people(user):
    if not user.email:
        return Person.objects.none()
    return Person.objects.filter(email__iexact=user.email).select_related("organisation")


def export_personal_data(*, user) -> dict[str, Any]:
    return {
        "catalogue_people": [
            {
                "organisation": person.organisation.name,
                "name": person.name,
                "role": person.role,
                "email": person.email,
                "phone": person.phone,
                "languages": person.languages,
                "listing_consent_at": person.listing_consent_at,
                "created": person.created_at,
                "updated": person.updated_at,
            }
            for person in _people(user).order_by("organisation__name", "pk")
        ]
    }


@transaction.atomic
def erase_personal_data(*, user) -> int:
    """Anonymise every catalogue person with the user's e-mail; returns the rows changed."""
    people = list(_people(user).select_for_update(of=("self",)))
    for person in people:
        person.name = ERASED_NAME
        person.role = ""
        person.email = ""
        person.phone = ""
        person.languages = []
        person.listing_consent_at = None
        person.save(
            update_fields=[
                "name", "role", "email", "phone", "languages", "listing_consent_at", "updated_at"
            ]
        )  # fmt: skip
        # The change history named the person; keep the entries, drop the name.
        for entry in AuditLogEntry.objects.filter(
            action__startswith="catalog.person.", data__person=person.pk
        ):
            if entry.data.get("name"):
                entry.data = {**entry.data, "name": ERASED_NAME}
                entry.save(update_fields=["data"])
        audit_log_record(
            actor=None,
            action="catalog.person.erase",
            target=person.organisation,
            data={"person": person.pk},
        )
    return len(people)
