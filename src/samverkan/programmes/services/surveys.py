"""Follow-up surveys: questionnaires, sending with unique links, answers, reminders."""

from __future__ import annotations

import secrets
from datetime import timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.accounts.models import Membership
from samverkan.common.services import audit_log_record
from samverkan.programmes import tasks
from samverkan.programmes.countries import is_known_country
from samverkan.programmes.models import (
    Activity,
    ActivityParticipation,
    Answer,
    Project,
    Question,
    QuestionKind,
    Questionnaire,
    SurveyInvitation,
    SurveyResponse,
)
from samverkan.programmes.money import CURRENCIES, to_decimal


def questionnaire_create(
    *, actor, programme, name: str, introduction: str = "", send_after_days: int = 180, questions=()
) -> Questionnaire:
    """`questions`: iterable of (text, kind, key, required)."""
    with transaction.atomic():
        questionnaire = Questionnaire.objects.create(
            programme=programme,
            name=name,
            introduction=introduction,
            send_after_days=send_after_days,
        )
        for order, (text, kind, key, required) in enumerate(questions, start=1):
            question_add(
                questionnaire=questionnaire,
                text=text,
                kind=kind,
                key=key,
                required=required,
                order=order,
            )
    audit_log_record(actor=actor, action="programmes.questionnaire.create", target=questionnaire)
    return questionnaire


def question_add(
    *,
    questionnaire: Questionnaire,
    text: str,
    kind: str,
    key: str = "",
    required: bool = False,
    order: int | None = None,
) -> Question:
    if kind not in QuestionKind.values:
        raise ValidationError({"kind": _("Unknown kind of answer.")})
    if order is None:
        order = questionnaire.questions.count() + 1
    return Question.objects.create(
        questionnaire=questionnaire, text=text, kind=kind, key=key, required=required, order=order
    )


def survey_recipients(*, project: Project, activity: Activity | None = None):
    """(organisation, e-mail, language) for each contact of each participating organisation.

    Participants are the activity's (or all the project's activities') organisations except
    advisers. Contacts are the catalogue's people of those organisations who consented to be
    listed and have an e-mail address, and the members with an account; each address once.
    Everyone answers through a personal link, without an account."""
    from samverkan.catalog.models import Person

    participations = ActivityParticipation.objects.exclude(role=ActivityParticipation.Role.ADVISER)
    if activity is not None:
        participations = participations.filter(activity=activity)
    else:
        participations = participations.filter(activity__project=project)
    organisation_ids = set(participations.values_list("organisation_id", flat=True))
    people = (
        Person.objects.filter(
            organisation_id__in=organisation_ids, listing_consent_at__isnull=False
        )
        .exclude(email="")
        .select_related("organisation")
        .order_by("organisation__name", "email")
    )
    memberships = (
        Membership.objects.filter(organisation_id__in=organisation_ids, user__is_active=True)
        .select_related("user", "organisation")
        .order_by("organisation__name", "user__email")
    )
    recipients, seen = [], set()
    contacts = [(p.organisation, p.email, _person_language(p)) for p in people] + [
        (m.organisation, m.user.email, m.user.language) for m in memberships
    ]
    for organisation, email, language in contacts:
        if email.lower() in seen:
            continue
        seen.add(email.lower())
        recipients.append((organisation, email, language))
    return recipients


def _person_language(person) -> str:
    from django.conf import settings

    supported = {code for code, _name in settings.LANGUAGES}
    return next((code for code in person.languages or () if code in supported), "en")


def survey_send(
    *, actor, questionnaire: Questionnaire, project: Project, activity: Activity | None = None
) -> list[SurveyInvitation]:
    """Invite every contact of every participating organisation once; mail after commit."""
    if project.programme_id != questionnaire.programme_id:
        raise ValidationError(_("The project is not in this questionnaire's programme."))
    if activity is not None and activity.project_id != project.pk:
        raise ValidationError(_("That activity belongs to another project."))
    if not questionnaire.questions.exists():
        raise ValidationError(_("Add questions before sending the questionnaire."))
    recipients = survey_recipients(project=project, activity=activity)
    if not recipients:
        raise ValidationError(
            _("No participating organisation has a contact person with an e-mail address yet.")
        )
    created = []
    with transaction.atomic():
        for organisation, email, language in recipients:
            invitation, was_created = SurveyInvitation.objects.get_or_create(
                questionnaire=questionnaire,
                project=project,
                activity=activity,
                email=email,
                defaults={
                    "organisation": organisation,
                    "language": language,
                    "token": secrets.token_urlsafe(32),
                },
            )
            if was_created:
                created.append(invitation)
                tasks.enqueue(tasks.survey_invitation_send, invitation.pk)
        audit_log_record(
            actor=actor,
            action="programmes.survey.send",
            target=questionnaire,
            data={"project": project.pk, "invitations": len(created)},
        )
    return created


def survey_invitation_by_token(*, token: str) -> SurveyInvitation | None:
    return (
        SurveyInvitation.objects.select_related("questionnaire", "project", "organisation")
        .filter(token=token)
        .first()
    )


def _parse(question: Question, raw: dict) -> dict | None:
    """Turn the submitted strings for one question into Answer fields (None: not answered)."""
    value = (raw.get("value") or "").strip()
    if not value:
        if question.required:
            raise ValidationError(_("This question needs an answer."))
        return None
    if question.kind == QuestionKind.YES_NO:
        if value not in {"yes", "no"}:
            raise ValidationError(_("Answer yes or no."))
        return {"boolean": value == "yes", "text": value}
    if question.kind == QuestionKind.COUNTRY:
        if not is_known_country(value):
            raise ValidationError(_("Choose a country from the list."))
        return {"text": value.upper()}
    if question.kind in {QuestionKind.NUMBER, QuestionKind.SCALE, QuestionKind.MONEY}:
        number = to_decimal(value)
        if number < 0:
            raise ValidationError(_("The number cannot be negative."))
        if question.kind == QuestionKind.SCALE and number not in {Decimal(n) for n in range(1, 6)}:
            raise ValidationError(_("Choose a value from 1 to 5."))
        fields = {"number": number, "text": value}
        if question.kind == QuestionKind.MONEY:
            currency = (raw.get("currency") or "").upper()
            if currency not in CURRENCIES:
                raise ValidationError(_("Choose the currency of the amount."))
            fields["currency"] = currency
        return fields
    return {"text": value[:5000]}


def survey_answer_submit(*, invitation: SurveyInvitation, data: dict[int, dict]) -> SurveyResponse:
    """Store one organisation contact's answers. `data` maps question id → {"value", "currency"}.
    Raises ValidationError with errors per question id; nothing is stored then."""
    if invitation.responded_at is not None:
        raise ValidationError(_("This survey has already been answered. Thank you!"))
    questions = list(invitation.questionnaire.questions.all())
    parsed, errors = {}, {}
    for question in questions:
        try:
            parsed[question] = _parse(question, data.get(question.pk, {}))
        except ValidationError as error:
            errors[str(question.pk)] = error.messages
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    with transaction.atomic():
        response = SurveyResponse.objects.create(invitation=invitation, submitted_at=now)
        Answer.objects.bulk_create(
            Answer(response=response, question=question, **fields)
            for question, fields in parsed.items()
            if fields is not None
        )
        invitation.responded_at = now
        invitation.save(update_fields=["responded_at", "updated_at"])
        audit_log_record(
            actor=None,
            action="programmes.survey.answer",
            target=invitation,
            data={"organisation": invitation.organisation_id},
        )
    return response


def survey_reminders_due(*, now=None):
    now = now or timezone.now()
    due = []
    invitations = SurveyInvitation.objects.filter(
        responded_at__isnull=True, sent_at__isnull=False
    ).select_related("questionnaire")
    for invitation in invitations:
        questionnaire = invitation.questionnaire
        if invitation.reminders_sent >= questionnaire.max_reminders:
            continue
        last = invitation.last_reminded_at or invitation.sent_at
        if last + timedelta(days=questionnaire.remind_after_days) <= now:
            due.append(invitation)
    return due


DUE_WINDOW_DAYS = 30


def surveys_send_due(*, today=None) -> int:
    """Send each questionnaire for every activity whose follow-up is due: `send_after_days`
    after the activity, within a 30-day window (older activities are not surveyed
    automatically). Activities already surveyed or without contacts are skipped."""
    today = today or timezone.localdate()
    sent = 0
    for questionnaire in Questionnaire.objects.filter(questions__isnull=False).distinct():
        latest = today - timedelta(days=questionnaire.send_after_days)
        earliest = latest - timedelta(days=DUE_WINDOW_DAYS)
        activities = (
            Activity.objects.filter(
                project__programme_id=questionnaire.programme_id,
                starts_on__gt=earliest,
                starts_on__lte=latest,
            )
            .exclude(pk__in=questionnaire.invitations.values("activity_id"))
            .select_related("project")
        )
        for activity in activities:
            if not survey_recipients(project=activity.project, activity=activity):
                continue
            sent += len(
                survey_send(
                    actor=None,
                    questionnaire=questionnaire,
                    project=activity.project,
                    activity=activity,
                )
            )
    return sent


QUESTIONNAIRE_FIELDS = {
    "name",
    "introduction",
    "send_after_days",
    "remind_after_days",
    "max_reminders",
}


def questionnaire_save(
    *, actor, programme, questionnaire: Questionnaire | None = None, fields: dict, questions
) -> Questionnaire:
    """Create or change a questionnaire and its questions at once. `questions`: RowChange-like
    objects (instance, data with text/kind/key/required/order, delete). A question that has
    answers keeps its kind and cannot be removed. All or nothing."""
    unknown = set(fields) - QUESTIONNAIRE_FIELDS
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    kept = [q for q in questions if not q.delete]
    with transaction.atomic():
        created = questionnaire is None
        questionnaire = questionnaire or Questionnaire(programme=programme)
        for name, value in fields.items():
            setattr(questionnaire, name, value)
        questionnaire.save()
        for row in questions:
            answered = row.instance is not None and row.instance.answers.exists()
            if row.delete:
                if answered:
                    raise ValidationError(
                        _("“%(question)s” has answers and cannot be removed.")
                        % {"question": row.instance.text}
                    )
                if row.instance is not None:
                    row.instance.delete()
                continue
            if row.data["kind"] not in QuestionKind.values:
                raise ValidationError(_("Unknown kind of answer."))
            if answered and row.data["kind"] != row.instance.kind:
                raise ValidationError(
                    _("“%(question)s” has answers; its kind of answer cannot change.")
                    % {"question": row.instance.text}
                )
            question = row.instance or Question(questionnaire=questionnaire)
            for name in ("text", "kind", "key", "required", "order"):
                setattr(
                    question,
                    name,
                    row.data.get(name) or Question._meta.get_field(name).get_default(),
                )
            question.save()
        if not questionnaire.questions.exists():
            raise ValidationError(_("A questionnaire needs at least one question."))
        keys = [k for k in questionnaire.questions.values_list("key", flat=True) if k]
        if len(keys) != len(set(keys)):
            raise ValidationError(_("Each indicator can be fed by one question only."))
        audit_log_record(
            actor=actor,
            action="programmes.questionnaire.create"
            if created
            else "programmes.questionnaire.update",
            target=questionnaire,
            data={"questions": len(kept)},
        )
    return questionnaire
