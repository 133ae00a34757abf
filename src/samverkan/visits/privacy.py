"""Personal data in visits, found through the user's e-mail address and their actions.

* Visit requests the user organised (organiser e-mail, case-insensitive): the answers, the
  participant list, the dates, the status and the feedback.
* Rows of other delegations' participant lists that carry the user's e-mail address.
* Host answers the user gave for their organisation (found in the audit log: the note and
  the available times).
* Internal comments the user wrote as programme staff.

Erasure anonymises the organised requests with the retention anonymiser (reference, status,
dates, goal, focus areas, counts by country, results and the feedback rating stay, so the
programme's indicators do not change), blanks the user's rows in other participant lists and
the notes of their host answers, and detaches their comments, in one transaction.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Q

from samverkan.common.models import AuditLogEntry
from samverkan.visits.models import HostInvitation, Participant, VisitComment, VisitRequest
from samverkan.visits.services.retention import ANONYMISED_NAME, visit_request_anonymise

HOST_ANSWERS = ("visits.host.accept", "visits.host.decline")


def _organised(user):
    if not user.email:
        return VisitRequest.objects.none()
    return VisitRequest.objects.filter(organiser_email__iexact=user.email)


def _listed(user):
    if not user.email:
        return Participant.objects.none()
    return Participant.objects.filter(email__iexact=user.email).exclude(
        request__organiser_email__iexact=user.email
    )


def _answered(user):
    """Host invitations the user answered (the audit log records who answered)."""
    pairs = AuditLogEntry.objects.filter(
        actor=user, action__in=HOST_ANSWERS, target_type="visits.visitrequest"
    ).values_list("target_id", "data")
    match = Q(pk__in=[])
    for target_id, data in pairs:
        if str(target_id).isdigit() and isinstance(data, dict) and data.get("organisation"):
            match |= Q(request_id=int(target_id), organisation__slug=data["organisation"])
    return HostInvitation.objects.filter(match)


def _request(visit: VisitRequest) -> dict[str, Any]:
    feedback = getattr(visit, "feedback", None)
    return {
        "reference": visit.reference,
        "booking_page": visit.page.slug,
        "status": visit.status,
        "language": visit.language,
        "received": visit.created_at,
        "goal": visit.goal.code,
        "purpose": visit.purpose,
        "focus_areas": [area.code for area in visit.focus_areas.all()],
        "focus_explanation": visit.focus_explanation,
        "wants_company_meetings": visit.wants_company_meetings,
        "company_wishes": visit.company_wishes,
        "special_wishes": visit.special_wishes,
        "preferred_dates": [{"start": r.start, "end": r.end} for r in visit.date_ranges.all()],
        "expected_participants": visit.expected_participants,
        "participant_note": visit.participant_note,
        "participants": [_participant(p) for p in visit.participants.all()],
        "organiser_name": visit.organiser_name,
        "organiser_email": visit.organiser_email,
        "organiser_message": visit.organiser_message,
        "costs_acknowledged_at": visit.costs_acknowledged_at,
        "privacy_consent_at": visit.privacy_consent_at,
        "privacy_notice_version": visit.privacy_notice_version,
        "decision_reason": visit.decision_reason,
        "feedback": (
            {
                "rating": feedback.rating,
                "would_continue": feedback.would_continue,
                "comments": feedback.comments,
            }
            if feedback
            else None
        ),
    }


def _participant(participant: Participant) -> dict[str, Any]:
    return {
        "number": participant.position,
        "name": participant.name,
        "organisation": participant.organisation,
        "title": participant.title,
        "country": participant.country,
        "email": participant.email,
    }


def export_personal_data(*, user) -> dict[str, Any]:
    organised = (
        _organised(user)
        .select_related("page", "goal", "feedback")
        .prefetch_related("focus_areas", "date_ranges", "participants")
        .order_by("created_at", "pk")
    )
    listed = _listed(user).select_related("request").order_by("request__created_at", "pk")
    answered = (
        _answered(user)
        .select_related("request", "organisation")
        .prefetch_related("windows")
        .order_by("request__created_at", "pk")
    )
    comments = VisitComment.objects.filter(author=user).select_related("request")
    return {
        "visit_requests_organised": [_request(visit) for visit in organised],
        "delegation_memberships": [
            {"visit": p.request.reference, **_participant(p)} for p in listed
        ],
        "host_answers": [
            {
                "visit": host.request.reference,
                "organisation": host.organisation.name,
                "status": host.status,
                "note": host.response_note,
                "responded": host.responded_at,
                "available_times": [{"start": w.start, "end": w.end} for w in host.windows.all()],
            }
            for host in answered
        ],
        "visit_comments": [
            {"visit": c.request.reference, "time": c.created_at, "comment": c.body}
            for c in comments.order_by("created_at", "pk")
        ],
    }


@transaction.atomic
def erase_personal_data(*, user) -> int:
    """Anonymise what `export_personal_data` lists; returns the rows changed."""
    rows = 0
    for visit in _organised(user).filter(anonymised_at__isnull=True):
        visit_request_anonymise(visit=visit)
        rows += 1
    rows += _listed(user).update(name=ANONYMISED_NAME, title="", email="")
    rows += _answered(user).exclude(response_note="").update(response_note="")
    rows += VisitComment.objects.filter(author=user).update(author=None)
    return rows
