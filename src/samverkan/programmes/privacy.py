"""Personal data in programmes: follow-up survey invitations and answers sent to the user's
e-mail address, and manual indicator entries the user reported.

Export lists them. Erasure keeps what feeds the indicators (yes/no, numbers, countries,
amounts, the entries' values and evidence) and anonymises the rest: the invitation's e-mail
address and link are replaced, free-text answers are emptied, and entries no longer name
their author. One transaction.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.db import transaction

from samverkan.programmes.models import Answer, IndicatorEntry, QuestionKind, SurveyInvitation


def _iso(value):
    return value.isoformat() if value is not None else None


def _invitations(user):
    if not user.email:
        return SurveyInvitation.objects.none()
    return SurveyInvitation.objects.filter(email__iexact=user.email)


def _answer_value(answer: Answer):
    if answer.boolean is not None:
        return answer.boolean
    if answer.number is not None:
        value = str(answer.number)
        return f"{value} {answer.currency}".strip()
    return answer.text


def export_personal_data(*, user) -> dict[str, Any]:
    invitations = (
        _invitations(user)
        .select_related("questionnaire", "project", "organisation", "response")
        .order_by("created_at", "pk")
    )
    answers: dict[int, list[Answer]] = {}
    for answer in Answer.objects.filter(response__invitation__in=invitations).select_related(
        "question"
    ):
        answers.setdefault(answer.response.invitation_id, []).append(answer)
    entries = (
        IndicatorEntry.objects.filter(created_by=user)
        .select_related("indicator__programme", "project")
        .order_by("reported_on", "pk")
    )
    return {
        "programme_surveys": [
            {
                "questionnaire": invitation.questionnaire.name,
                "project": str(invitation.project),
                "organisation": invitation.organisation.name,
                "email": invitation.email,
                "language": invitation.language,
                "sent_at": _iso(invitation.sent_at),
                "reminders_sent": invitation.reminders_sent,
                "answered_at": _iso(invitation.responded_at),
                "answers": [
                    {"question": a.question.text, "answer": _answer_value(a)}
                    for a in answers.get(invitation.pk, [])
                ],
            }
            for invitation in invitations
        ],
        "programme_indicator_entries": [
            {
                "programme": entry.indicator.programme.name,
                "indicator": entry.indicator.name,
                "project": str(entry.project),
                "date": _iso(entry.reported_on),
                "value": str(entry.value),
                "country": entry.country,
                "explanation": entry.note,
                "evidence": entry.evidence.name or "",
            }
            for entry in entries
        ],
    }


@transaction.atomic
def erase_personal_data(*, user) -> int:
    changed = 0
    for invitation in _invitations(user).select_for_update():
        invitation.email = f"erased-{invitation.pk}@invalid.example"
        invitation.token = secrets.token_urlsafe(32)
        invitation.save(update_fields=["email", "token", "updated_at"])
        changed += 1
        changed += Answer.objects.filter(
            response__invitation=invitation, question__kind=QuestionKind.TEXT
        ).update(text="")
    changed += IndicatorEntry.objects.filter(created_by=user).update(created_by=None)
    return changed
