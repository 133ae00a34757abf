"""Writes for calls, their translations and attachments.

The form questions live in `questions.py`, the scoring rubric in `rubric.py` and the operator
check in `access.py`; they are re-exported here so existing imports keep working.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from samverkan.calls.models import Call, CallAttachment, CallStatus, CallTranslation, Stage
from samverkan.calls.services.access import require_operator
from samverkan.calls.services.questions import (
    QUESTION_FIELDS,
    WORDING_FIELDS,
    question_create,
    question_delete,
    question_move,
    question_update,
)
from samverkan.calls.services.rubric import criterion_create, criterion_delete
from samverkan.catalog.models import OrganisationKind
from samverkan.common.services import audit_log_record

__all__ = [
    "CALL_FIELDS",
    "QUESTION_FIELDS",
    "RESERVED_SLUGS",
    "WORDING_FIELDS",
    "call_attachment_add",
    "call_close",
    "call_create",
    "call_publish",
    "call_translation_set",
    "call_update",
    "criterion_create",
    "criterion_delete",
    "question_create",
    "question_delete",
    "question_move",
    "question_update",
    "require_operator",
]

CALL_FIELDS = {
    "title",
    "organiser",
    "description",
    "eligibility",
    "time_zone",
    "opens_at",
    "closes_at",
    "is_two_stage",
    "concept_closes_at",
    "budget",
    "currency",
    "eligible_kinds",
    "eligible_countries",
    "restricted_to_cohort",
    "reviewers_per_application",
    "is_demo",
}


# Paths under /calls/ that a call's slug must not shadow.
RESERVED_SLUGS = {"new", "applications", "reviews", "cohorts"}


def _validate_call(call: Call) -> None:
    errors: dict[str, str] = {}
    if call.opens_at and call.closes_at and call.closes_at <= call.opens_at:
        errors["closes_at"] = _("The call must close after it opens.")
    if call.is_two_stage:
        if not call.concept_closes_at:
            errors["concept_closes_at"] = _("A two-stage call needs a concept note deadline.")
        elif call.closes_at and call.concept_closes_at >= call.closes_at:
            errors["concept_closes_at"] = _(
                "The concept note deadline must come before the full application deadline."
            )
    unknown = set(call.eligible_kinds) - set(OrganisationKind.values)
    if unknown:
        errors["eligible_kinds"] = _("Unknown organisation kinds: %(kinds)s.") % {
            "kinds": ", ".join(sorted(unknown))
        }
    if any(len(code) != 2 or not code.isalpha() for code in call.eligible_countries):
        errors["eligible_countries"] = _("Use two-letter ISO 3166 country codes.")
    if call.budget is not None and call.budget < 0:
        errors["budget"] = _("The budget cannot be negative.")
    if errors:
        raise ValidationError(errors)
    call.full_clean(exclude=["slug"])


def _unique_slug(title: str) -> str:
    base = slugify(title)[:240] or "call"
    slug, n = base, 2
    while slug in RESERVED_SLUGS or Call.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def call_create(*, actor, **fields: Any) -> Call:
    require_operator(actor)
    unknown = set(fields) - CALL_FIELDS
    if unknown:
        raise TypeError(f"Unknown call fields: {sorted(unknown)}")
    fields["eligible_countries"] = [c.upper() for c in fields.get("eligible_countries") or []]
    call = Call(**fields)
    call.slug = _unique_slug(call.title)
    _validate_call(call)
    call.save()
    audit_log_record(actor=actor, action="calls.call.create", target=call)
    return call


@transaction.atomic
def call_update(*, actor, call: Call, **fields: Any) -> Call:
    require_operator(actor)
    for name, value in fields.items():
        if name not in CALL_FIELDS:
            raise TypeError(f"Unknown call field: {name}")
        setattr(call, name, value)
    call.eligible_countries = [c.upper() for c in call.eligible_countries]
    _validate_call(call)
    call.save()
    audit_log_record(
        actor=actor, action="calls.call.update", target=call, data={"fields": sorted(fields)}
    )
    return call


@transaction.atomic
def call_publish(*, actor, call: Call) -> Call:
    require_operator(actor)
    if call.status != CallStatus.DRAFT:
        raise ValidationError(_("Only a draft call can be published."))
    stages = [Stage.CONCEPT, Stage.FULL] if call.is_two_stage else [Stage.FULL]
    for stage in stages:
        if not call.questions.filter(stage=stage).exists():
            raise ValidationError(
                _("Add at least one question for the %(stage)s before publishing.")
                % {"stage": Stage(stage).label.lower()}
            )
    call.status = CallStatus.PUBLISHED
    call.save(update_fields=["status", "updated_at"])
    audit_log_record(actor=actor, action="calls.call.publish", target=call)
    return call


@transaction.atomic
def call_close(*, actor, call: Call) -> Call:
    require_operator(actor)
    if call.status != CallStatus.PUBLISHED:
        raise ValidationError(_("Only a published call can be closed."))
    call.status = CallStatus.CLOSED
    call.save(update_fields=["status", "updated_at"])
    audit_log_record(actor=actor, action="calls.call.close", target=call)
    return call


def call_translation_set(
    *, actor, call: Call, language: str, title: str, description: str = "", eligibility: str = ""
) -> CallTranslation:
    require_operator(actor)
    translation, _created = CallTranslation.objects.update_or_create(
        call=call,
        language=language,
        defaults={"title": title, "description": description, "eligibility": eligibility},
    )
    translation.full_clean()
    audit_log_record(
        actor=actor, action="calls.call.translate", target=call, data={"language": language}
    )
    return translation


def call_attachment_add(*, actor, call: Call, title: str, file) -> CallAttachment:
    require_operator(actor)
    attachment = CallAttachment.objects.create(call=call, title=title, file=file)
    audit_log_record(actor=actor, action="calls.call.attach", target=call, data={"title": title})
    return attachment
