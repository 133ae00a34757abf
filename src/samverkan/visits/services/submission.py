"""Storing a booking: reference, status link, consent records, e-mails, rate limit."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from samverkan.common.services import audit_log_record
from samverkan.visits import conf
from samverkan.visits.forms import BookingData
from samverkan.visits.models import (
    BookingPage,
    Participant,
    PreferredDateRange,
    SubmissionAttempt,
    VisitRequest,
)
from samverkan.visits.services import emails
from samverkan.visits.services.tokens import client_hash, new_reference, new_token, sha256


def submission_is_rate_limited(*, client_address: str | None) -> bool:
    since = timezone.now() - timedelta(seconds=conf.rate_window_seconds())
    attempts = SubmissionAttempt.objects.filter(
        client_hash=client_hash(client_address), created_at__gte=since
    )
    return attempts.count() >= conf.rate_limit()


def submission_attempt_record(*, client_address: str | None, was_spam: bool = False) -> None:
    SubmissionAttempt.objects.create(client_hash=client_hash(client_address), was_spam=was_spam)


def _create(*, page: BookingPage, data: BookingData, language: str, token: str) -> VisitRequest:
    now = timezone.now()
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return VisitRequest.objects.create(
                    page=page,
                    reference=new_reference(),
                    status_token_hash=sha256(token),
                    language=language,
                    goal=data.goal,
                    purpose=data.purpose,
                    focus_explanation=data.focus_explanation,
                    wants_company_meetings=data.wants_company_meetings,
                    company_wishes=data.company_wishes,
                    special_wishes=data.special_wishes,
                    expected_participants=data.expected_participants,
                    participant_note=data.participant_note,
                    organiser_name=data.organiser_name,
                    organiser_email=data.organiser_email,
                    organiser_message=data.organiser_message,
                    costs_acknowledged_at=now,
                    privacy_consent_at=now,
                    privacy_notice_version=page.privacy_notice_version,
                )
        except IntegrityError:
            continue  # reference collision: draw another
    raise RuntimeError("Could not allocate a unique visit reference.")


def visit_request_submit(
    *,
    page: BookingPage,
    data: BookingData,
    language: str,
    client_address: str | None = None,
    is_demo: bool = False,
) -> tuple[VisitRequest, str]:
    """Store a validated booking and send the e-mails; returns the request and status token."""
    token = new_token()
    with transaction.atomic():
        visit = _create(page=page, data=data, language=language, token=token)
        visit.focus_areas.set(data.focus_areas)
        PreferredDateRange.objects.bulk_create(
            PreferredDateRange(request=visit, start=start, end=end) for start, end in data.dates
        )
        Participant.objects.bulk_create(
            Participant(request=visit, position=index, **row)
            for index, row in enumerate(data.participants, start=1)
        )
        visit.participant_countries = dict(
            Counter(row["country"] for row in data.participants if row.get("country"))
        )
        visit.is_demo = is_demo
        visit.save(update_fields=["participant_countries", "is_demo"])
        submission_attempt_record(client_address=client_address)
        audit_log_record(
            actor=None,
            action="visits.request.submit",
            target=visit,
            data={"page": page.slug, "privacy_notice_version": page.privacy_notice_version},
        )
    emails.send_confirmation(visit=visit, token=token)
    emails.notify_operators(visit=visit)
    return visit, token
