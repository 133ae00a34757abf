"""Writes for a call's application form: creating, editing, removing and ordering questions."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from samverkan.calls.answers import answers_clean
from samverkan.calls.models import ApplicationStatus, Call, Question, QuestionKind
from samverkan.calls.services.access import require_operator
from samverkan.common.services import audit_log_record


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
