"""Writes for the catalogue. Every change is validated, atomic and written to the audit log."""

from samverkan.catalog.services.catalogues import (
    catalogue_add_organisations,
    catalogue_publish,
    catalogue_save,
)
from samverkan.catalog.services.cleaning import organisation_clean, strip_nul
from samverkan.catalog.services.organisations import (
    LANGUAGE_CODES,
    RESERVED_SLUGS,
    SIMPLE_FIELDS,
    TEXT_FIELDS,
    organisation_claim_invite,
    organisation_create,
    organisation_logo_set,
    organisation_reindex,
    organisation_search_text,
    organisation_update,
)
from samverkan.catalog.services.people import (
    person_clean,
    person_create,
    person_delete,
    person_update,
)

__all__ = [
    "LANGUAGE_CODES",
    "RESERVED_SLUGS",
    "SIMPLE_FIELDS",
    "TEXT_FIELDS",
    "catalogue_add_organisations",
    "catalogue_publish",
    "catalogue_save",
    "organisation_claim_invite",
    "organisation_clean",
    "organisation_create",
    "organisation_logo_set",
    "organisation_reindex",
    "organisation_search_text",
    "organisation_update",
    "person_clean",
    "person_create",
    "person_delete",
    "person_update",
    "strip_nul",
]
