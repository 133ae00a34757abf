"""Agendas as iCalendar and PDF; feedback, follow-up, outcomes and statistics."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from icalendar import Calendar

from samverkan.events import selectors
from samverkan.events.models import FollowUp, Meeting
from samverkan.events.services import feedback, meetings, scheduling

pytestmark = pytest.mark.django_db


@pytest.fixture
def scheduled(event, operator, make_participant, django_capture_on_commit_callbacks):
    a, b = make_participant(), make_participant(country="FI")
    meeting = meetings.meeting_create(actor=operator, event=event, participant_a=a, participant_b=b)
    with django_capture_on_commit_callbacks(execute=True):
        scheduling.schedule_run_start(actor=operator, event=event)
    scheduling.event_publish(actor=operator, event=event)
    meeting.refresh_from_db()
    return meeting


def test_ical_feed_has_local_times_with_vtimezone(client, event, scheduled):
    participant = scheduled.participant_a
    response = client.get(f"/events/ical/{participant.ical_token}.ics")
    assert response["Content-Type"].startswith("text/calendar")
    cal = Calendar.from_ical(response.content)
    (vevent,) = cal.walk("VEVENT")
    (vtz,) = cal.walk("VTIMEZONE")
    assert str(vtz["TZID"]) == "Europe/Stockholm"
    start = vevent.decoded("DTSTART")
    assert start.tzinfo is not None
    assert start == scheduled.slot.starts_at
    local = start.astimezone(zoneinfo.ZoneInfo("Europe/Stockholm"))
    assert (local.hour, local.minute) in {(9, 0), (9, 20), (9, 40), (13, 0), (13, 20), (13, 40)}
    assert vevent["DTSTART"].params["TZID"] == "Europe/Stockholm"
    assert str(scheduled.participant_b.organisation) in str(vevent["SUMMARY"])


def test_ical_download_needs_permission_and_unknown_token_404(client, event, scheduled):
    url = f"/events/{event.slug}/agenda/{scheduled.participant_a.pk}/agenda.ics"
    assert client.get(url).status_code == 302  # login first
    client.force_login(scheduled.participant_a.user)
    assert client.get(url).status_code == 200
    assert client.get("/events/ical/not-a-token.ics").status_code == 404


def test_agenda_page_shows_local_time(client, event, scheduled):
    client.force_login(scheduled.participant_a.user)
    page = client.get(f"/events/{event.slug}/agenda/{scheduled.participant_a.pk}/")
    local = event.local(scheduled.slot.starts_at)
    assert local.strftime("%H:%M") in page.content.decode()


def test_pdfs_render(client, event, operator, scheduled):
    client.force_login(operator)
    agenda = client.get(f"/events/{event.slug}/agenda/{scheduled.participant_a.pk}/agenda.pdf")
    plan = client.get(f"/events/{event.slug}/desk/table-plan.pdf")
    assert agenda.content[:5] == b"%PDF-" and plan.content[:5] == b"%PDF-"


def test_feedback_validation_and_outcomes(event, scheduled):
    a, b = scheduled.participant_a, scheduled.participant_b
    with pytest.raises(ValidationError):
        feedback.feedback_submit(
            actor=a.user, meeting=scheduled, participant=a, held=True, opportunity=True,
            opportunity_value=Decimal("1000"), opportunity_currency="euro",
        )  # fmt: skip
    feedback.feedback_submit(
        actor=a.user,
        meeting=scheduled,
        participant=a,
        held=True,
        rating=5,
        would_continue=True,
        follow_up_interest=True,
        opportunity=True,
        opportunity_country="br",
        opportunity_value=Decimal("25000.00"),
        opportunity_currency="eur",
    )
    feedback.feedback_submit(actor=b.user, meeting=scheduled, participant=b, held=True, rating=3)
    outcomes = selectors.meeting_outcome_list(event_ids=[event.pk])
    mine = next(o for o in outcomes if o.participant_id == a.pk)
    assert (mine.opportunity_country, mine.opportunity_value, mine.opportunity_currency) == (
        "BR",
        Decimal("25000.00"),
        "EUR",
    )
    assert (mine.organisation_country, mine.other_organisation_country) == ("SE", "FI")
    assert mine.contract is None
    assert selectors.meeting_outcome_list(organisation_ids=[b.organisation_id])[0].rating == 3
    stats = selectors.event_statistics(event=event)
    assert (stats["meetings_held"], stats["average_rating"], stats["would_continue_share"]) == (
        1,
        Decimal("4.0"),
        100,
    )


def test_followup_sent_after_configured_months_and_answered(event, scheduled):
    a = scheduled.participant_a
    feedback.feedback_submit(actor=a.user, meeting=scheduled, participant=a, held=True)
    too_early = dt.datetime(2030, 9, 1, tzinfo=dt.UTC)
    assert feedback.followups_send(now=too_early) == 0
    later = dt.datetime(2030, 11, 20, tzinfo=dt.UTC)
    assert feedback.followups_send(now=later) == 2
    assert feedback.followups_send(now=later) == 0  # idempotent
    followup = FollowUp.objects.get(participant=a)
    feedback.followup_answer(
        actor=a.user,
        followup=followup,
        contract=True,
        contract_country="CA",
        contract_value=Decimal("120000"),
        contract_currency="SEK",
    )
    (outcome,) = selectors.meeting_outcome_list(event_ids=[event.pk])
    assert (outcome.contract, outcome.contract_country, outcome.contract_value) == (
        True,
        "CA",
        Decimal("120000"),
    )
    assert {m.to[0] for m in mail.outbox if "Follow-up" in m.subject} == {
        a.user.email,
        scheduled.participant_b.user.email,
    }


def test_feedback_page_and_reminder(client, event, operator, scheduled):
    a = scheduled.participant_a
    client.force_login(operator)
    client.post(f"/events/{event.slug}/desk/feedback-reminder/")
    assert len([m for m in mail.outbox if "How were your meetings" in m.subject]) == 2
    client.force_login(a.user)
    response = client.post(
        f"/events/{event.slug}/meetings/{scheduled.pk}/feedback/",
        {"held": "yes", "rating": "4", "would_continue": "yes", "opportunity_currency": "EUR"},
    )
    assert response.status_code == 302
    assert Meeting.objects.get().feedback.get().rating == 4


def test_statistics_csv(client, event, operator, scheduled):
    client.force_login(operator)
    response = client.get(f"/events/{event.slug}/desk/statistics.csv")
    rows = response.content.decode().splitlines()
    assert "total,meetings_scheduled,1" in rows
    assert "by_country,FI,1" in rows
