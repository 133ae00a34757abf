"""Writes for calls, their translations, attachments, form questions and scoring rubric."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify
from django.utils.translation import gettext as _

from samverkan.calls.answers import answers_clean
from samverkan.calls.models import (
    ApplicationStatus,
    Call,
    CallAttachment,
    CallStatus,
    CallTranslation,
    Criterion,
    Question,
    QuestionKind,
    Stage,
)
from samverkan.catalog.models import OrganisationKind
from samverkan.common.services import audit_log_record

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


def require_operator(actor) -> None:
    if not (actor and actor.is_authenticated and (actor.is_operator or actor.is_superuser)):
        raise PermissionDenied(_("Only programme operators may do this."))


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


def _form_is_frozen(call: Call) -> bool:
    return call.applications.exclude(status=ApplicationStatus.DRAFT).exists()


QUESTION_FIELDS = {
    "stage",
    "label",
    "help_text",
    "kind",
    "required",
    "choices",
    "max_length",
    "min_value",
    "max_value",
    "allowed_extensions",
    "max_file_size_mb",
}
# Once applications are submitted, only the wording may still be clarified.
WORDING_FIELDS = {"label", "help_text"}


def _question_clean(question: Question) -> None:
    """Type-specific settings of a question: options, file types, number range."""
    kind = question.kind
    if kind in (QuestionKind.CHOICE, QuestionKind.MULTIPLE_CHOICE):
        question.choices = [str(c).strip() for c in question.choices if str(c).strip()]
        if len(question.choices) < 2:
            raise ValidationError({"choices": _("A choice question needs at least two options.")})
        if len(set(question.choices)) != len(question.choices):
            raise ValidationError({"choices": _("Each option may appear only once.")})
    else:
        question.choices = []
    if kind == QuestionKind.FILE:
        question.allowed_extensions = [
            ext.strip().lower().lstrip(".") for ext in question.allowed_extensions if ext.strip()
        ]
        if not question.allowed_extensions:
            raise ValidationError(
                {"allowed_extensions": _("List the file types accepted, e.g. pdf, docx.")}
            )
    else:
        question.allowed_extensions = []
    if (
        question.min_value is not None
        and question.max_value is not None
        and question.min_value > question.max_value
    ):
        raise ValidationError({"max_value": _("The maximum must not be below the minimum.")})
    question.full_clean()


@transaction.atomic
def question_create(*, actor, call: Call, **fields: Any) -> Question:
    require_operator(actor)
    if _form_is_frozen(call):
        raise ValidationError(
            _("Applications have been submitted; the form can no longer be changed.")
        )
    unknown = set(fields) - QUESTION_FIELDS
    if unknown:
        raise TypeError(f"Unknown question fields: {sorted(unknown)}")
    question = Question(call=call, **fields)
    last = call.questions.filter(stage=question.stage).aggregate(m=Max("position"))["m"]
    question.position = (last or 0) + 1
    _question_clean(question)
    question.save()
    audit_log_record(
        actor=actor,
        action="calls.question.create",
        target=call,
        data={"question": question.label, "kind": question.kind},
    )
    return question


@transaction.atomic
def question_update(*, actor, question: Question, **fields: Any) -> Question:
    """Edit a question. Rules, so no stored answer silently changes meaning or validity:

    - before any application is submitted, everything may change except that the type of a
      question that drafts have already answered stays; each draft answer must still be valid
      under the new settings (e.g. a removed option someone chose is refused, with the count);
    - once applications are submitted, only the wording (question and help text) may be
      clarified; existing answers are kept as they are and the old wording is in the audit log.
    """
    require_operator(actor)
    unknown = set(fields) - QUESTION_FIELDS
    if unknown:
        raise TypeError(f"Unknown question fields: {sorted(unknown)}")
    question = Question.objects.select_for_update().get(pk=question.pk)
    before = {name: getattr(question, name) for name in QUESTION_FIELDS}
    changed = {name for name, value in fields.items() if before[name] != value}
    if not changed:
        return question
    if _form_is_frozen(question.call) and changed - WORDING_FIELDS:
        raise ValidationError(
            _(
                "Applications have been submitted, so only the wording of a question (the "
                "question and its help text) can still be clarified. Its type, options and "
                "limits stay as the applicants answered them; existing answers are kept "
                "unchanged."
            )
        )
    answered = [
        a
        for a in question.call.applications.only("pk", "answers")
        if question.key in a.answers and a.answers[question.key] not in (None, "", [], {})
    ]
    if answered and ("kind" in changed or "stage" in changed):
        raise ValidationError(
            {
                "kind": _(
                    "%(count)s draft application(s) have answered this question, so its type "
                    "and stage cannot change. Add a new question instead; the drafts keep "
                    "their answers."
                )
                % {"count": len(answered)}
            }
        )
    for name, value in fields.items():
        setattr(question, name, value)
    if "stage" in changed:
        last = question.call.questions.filter(stage=question.stage).aggregate(m=Max("position"))[
            "m"
        ]
        question.position = (last or 0) + 1
    _question_clean(question)
    invalid = 0
    for application in answered:
        if question.kind == QuestionKind.FILE:
            continue  # stored files were checked when uploaded; new limits apply to new uploads
        try:
            answers_clean(
                questions=[question],
                answers={question.key: application.answers[question.key]},
                complete=False,
            )
        except ValidationError:
            invalid += 1
    if invalid:
        raise ValidationError(
            _(
                "%(count)s draft application(s) have answers that these settings would make "
                "invalid (e.g. a removed option or a tighter limit). Keep the settings, or ask "
                "the applicants to change their answers first; nothing was changed."
            )
            % {"count": invalid}
        )
    question.save()
    audit_log_record(
        actor=actor,
        action="calls.question.update",
        target=question.call,
        data={
            "question": question.key,
            "before": {name: str(before[name]) for name in sorted(changed)},
            "after": {name: str(getattr(question, name)) for name in sorted(changed)},
        },
    )
    return question


@transaction.atomic
def question_delete(*, actor, question: Question) -> None:
    require_operator(actor)
    if _form_is_frozen(question.call):
        raise ValidationError(
            _("Applications have been submitted; the form can no longer be changed.")
        )
    audit_log_record(
        actor=actor,
        action="calls.question.delete",
        target=question.call,
        data={"question": question.label},
    )
    question.delete()


@transaction.atomic
def question_move(*, actor, question: Question, up: bool) -> None:
    require_operator(actor)
    siblings = list(question.call.questions.filter(stage=question.stage))
    index = siblings.index(question)
    other = index - 1 if up else index + 1
    if 0 <= other < len(siblings):
        siblings[index], siblings[other] = siblings[other], siblings[index]
    for position, item in enumerate(siblings, start=1):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])
    audit_log_record(
        actor=actor,
        action="calls.question.move",
        target=question.call,
        data={"question": question.label, "up": up},
    )


@transaction.atomic
def criterion_create(
    *,
    actor,
    call: Call,
    name: str,
    description: str = "",
    weight: Decimal = Decimal("1"),
    scale_min: int = 1,
    scale_max: int = 5,
) -> Criterion:
    require_operator(actor)
    if scale_max <= scale_min:
        raise ValidationError({"scale_max": _("The highest score must be above the lowest.")})
    if call.criteria.filter(scores__review__submitted_at__isnull=False).exists():
        raise ValidationError(_("Reviews have been submitted; the rubric can no longer change."))
    last = call.criteria.aggregate(m=Max("position"))["m"]
    criterion = Criterion(
        call=call,
        name=name,
        description=description,
        weight=Decimal(weight),
        scale_min=scale_min,
        scale_max=scale_max,
        position=(last or 0) + 1,
    )
    criterion.full_clean()
    criterion.save()
    audit_log_record(
        actor=actor,
        action="calls.criterion.create",
        target=call,
        data={"criterion": name, "weight": weight, "scale": [scale_min, scale_max]},
    )
    return criterion


@transaction.atomic
def criterion_delete(*, actor, criterion: Criterion) -> None:
    require_operator(actor)
    if criterion.scores.exists():
        raise ValidationError(_("This criterion has scores and cannot be removed."))
    audit_log_record(
        actor=actor,
        action="calls.criterion.delete",
        target=criterion.call,
        data={"criterion": criterion.name},
    )
    criterion.delete()
