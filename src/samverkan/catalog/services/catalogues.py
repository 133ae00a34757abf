"""Catalogues: curated, publishable collections of organisations in chosen languages."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.catalog.models import Catalogue, Organisation
from samverkan.catalog.services.organisations import LANGUAGE_CODES
from samverkan.common.services import audit_log_record


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
