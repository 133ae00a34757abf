"""After publication: late changes are absorbed with minimal moves and the affected
participants (and only they) are notified; manual fixes and locks are kept."""

from __future__ import annotations

import pytest
from django.core import mail

from samverkan.events.models import Meeting, ScheduleRun
from samverkan.events.services import meetings, registration, scheduling

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(event, operator, make_participant, django_capture_on_commit_callbacks):
    people = [make_participant() for _ in range(5)]
    pairs = [(0, 1), (0, 2), (1, 2), (3, 4), (2, 3)]
    for i, j in pairs:
        meetings.meeting_create(
            actor=operator, event=event, participant_a=people[i], participant_b=people[j]
        )
    with django_capture_on_commit_callbacks(execute=True):
        scheduling.schedule_run_start(actor=operator, event=event)
    with django_capture_on_commit_callbacks(execute=True):
        scheduling.event_publish(actor=operator, event=event)
    mail.outbox.clear()
    return people


def _placements(event):
    return {m.pk: (m.slot_id, m.table_id) for m in Meeting.objects.filter(event=event)}


def test_publish_mails_every_participant_with_meetings(
    event, operator, make_participant, django_capture_on_commit_callbacks
):
    a, b = make_participant(), make_participant()
    make_participant()  # registered, without meetings: gets no agenda mail
    meetings.meeting_create(actor=operator, event=event, participant_a=a, participant_b=b)
    with django_capture_on_commit_callbacks(execute=True):
        scheduling.schedule_run_start(actor=operator, event=event)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        scheduling.event_publish(actor=operator, event=event)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([a.user.email, b.user.email])
    assert "/agenda/" in mail.outbox[0].body


def test_cancellation_reschedules_without_moving_others_and_notifies_only_affected(
    event, operator, published, django_capture_on_commit_callbacks
):
    before = _placements(event)
    cancelled = Meeting.objects.filter(event=event).first()
    with django_capture_on_commit_callbacks(execute=True):
        meetings.meeting_cancel(actor=operator, meeting=cancelled, reason="test")
    run = ScheduleRun.objects.filter(is_reschedule=True).get()
    assert (run.status, run.moved_count) == ("done", 0)
    after = _placements(event)
    assert {k: v for k, v in after.items() if k != cancelled.pk} == {
        k: v for k, v in before.items() if k != cancelled.pk
    }
    recipients = sorted(m.to[0] for m in mail.outbox)
    parties = sorted([cancelled.participant_a.user.email, cancelled.participant_b.user.email])
    assert recipients == parties  # the cancellation notice; nobody else's agenda changed


def test_new_meeting_after_publication_fits_in_and_notifies_its_parties(
    event, operator, published, django_capture_on_commit_callbacks
):
    before = _placements(event)
    with django_capture_on_commit_callbacks(execute=True):
        new = meetings.meeting_create(
            actor=operator, event=event, participant_a=published[1], participant_b=published[4]
        )
    new.refresh_from_db()
    assert new.slot_id is not None
    run = ScheduleRun.objects.filter(is_reschedule=True).get()
    moved = [pk for pk, place in before.items() if _placements(event)[pk] != place]
    assert run.moved_count == len(moved)
    changed_people = {published[1].user.email, published[4].user.email}
    for pk in moved:
        m = Meeting.objects.get(pk=pk)
        changed_people |= {m.participant_a.user.email, m.participant_b.user.email}
    agenda_mails = [m for m in mail.outbox if "agenda" in m.subject.lower()]
    assert {m.to[0] for m in agenda_mails} == changed_people


def test_no_show_cancels_their_meetings(
    event, operator, published, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        registration.participant_mark_no_show(actor=operator, participant=published[0])
    assert not Meeting.objects.filter(participant_a=published[0], status="confirmed").exists()
    assert ScheduleRun.objects.filter(is_reschedule=True, reason="no-show").exists()


def test_manual_fix_locks_and_scheduler_keeps_it(
    event, operator, make_participant, django_capture_on_commit_callbacks
):
    a, b = make_participant(), make_participant()
    meeting = meetings.meeting_create(actor=operator, event=event, participant_a=a, participant_b=b)
    slot = event.slots.order_by("-starts_at").first()
    table = event.tables.last()
    scheduling.meeting_fix(actor=operator, meeting=meeting, slot=slot, table=table)
    with django_capture_on_commit_callbacks(execute=True):
        scheduling.schedule_run_start(actor=operator, event=event)
    meeting.refresh_from_db()
    assert (meeting.slot, meeting.table, meeting.is_locked) == (slot, table, True)


def test_unschedulable_meeting_is_explained(
    event, operator, make_participant, django_capture_on_commit_callbacks
):
    a, b = make_participant(), make_participant()
    slots = list(event.slots.all())
    registration.participant_update_profile(
        actor=a.user,
        participant=a,
        offer="",
        need="",
        unavailable_slot_ids=[s.pk for s in slots[:3]],
    )
    registration.participant_update_profile(
        actor=b.user,
        participant=b,
        offer="",
        need="",
        unavailable_slot_ids=[s.pk for s in slots[3:]],
    )
    meeting = meetings.meeting_create(actor=operator, event=event, participant_a=a, participant_b=b)
    with django_capture_on_commit_callbacks(execute=True):
        scheduling.schedule_run_start(actor=operator, event=event)
    meeting.refresh_from_db()
    assert meeting.slot is None
    assert meeting.unscheduled_reason == (
        "The two participants have no time slot in which both are available."
    )


def test_progress_page_polls_while_running_and_shows_result(client, event, operator):
    run = ScheduleRun.objects.create(event=event, status="running", best_breaks=4, lower_bound=2)
    client.force_login(operator)
    url = f"/events/{event.slug}/desk/schedule/runs/{run.pk}/"
    page = client.get(url).content.decode()
    assert 'hx-trigger="every 1s"' in page and '<meta http-equiv="refresh"' in page
    fragment = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in fragment and "Proven lower bound on breaks" in fragment
