"""Journey (issue 7): the Cleantech Kvarken matchmaking event end to end in the browser.

The demo catalogue is loaded (its invented Cleantech Kvarken companies with one catalogue
contact each). The operator sets up a two-day event and adds 150 companies from the catalogue
with the bulk "Add from the catalogue" page (all Swedish companies of the catalogue, then the
first page of Finnish ones). Companies, logged in as their users, send requests from the
marketplace and others accept or decline them; the rest of ~100 agreed meetings is made
through the same services the request pages call. The operator schedules from the browser,
waits on the progress view, publishes; a participant cancels a meeting on their agenda and the
schedule is repaired with few moves (the people affected get e-mail); feedback is given; the
iCal file validates and has the right times; the statistics page shows the numbers.
"""

from __future__ import annotations

import io
import random
import zoneinfo

import pytest
from django.core import mail
from django.test import override_settings
from icalendar import Calendar

from samverkan.accounts import demo as accounts_demo
from samverkan.accounts.models import User
from samverkan.catalog import demo as catalog_demo
from samverkan.catalog.models import Organisation
from samverkan.events import selectors
from samverkan.events.models import Event, Meeting, MeetingRequest, Participant, ScheduleRun
from samverkan.events.services import meetings
from samverkan.events.services.mail import notifications_suppressed

pytestmark = pytest.mark.django_db(transaction=True)

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
FAST = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _immediate_tasks():
    with override_settings(TASKS=IMMEDIATE, PASSWORD_HASHERS=FAST):
        yield


def _switch(page, login, user):
    page.context.clear_cookies()
    login(user)


def _user_of(event, organisation_name, password):
    participant = Participant.objects.select_related("user").get(
        event=event, organisation__name=organisation_name
    )
    participant.user.set_password(password)  # catalogue contacts get an account, no password
    participant.user.save(update_fields=["password"])
    return participant.user


def _send(page, event, recipient, message):
    page.goto(f"/events/{event.slug}/marketplace/?q={recipient.split()[0]}")
    page.get_by_role("link", name=f"Request a meeting with {recipient}").click()
    page.get_by_label("Message").fill(message)
    page.get_by_role("button", name="Send request").click()
    assert page.get_by_text("Request sent").is_visible()


def _agree_the_rest(event, target):
    """The bulk of the ~100 agreed meetings: random pairs send and accept through the
    services the request pages use (clicking 100 requests would only slow the journey)."""
    people = list(Participant.objects.filter(event=event).select_related("user"))
    rng = random.Random(7)
    with notifications_suppressed():
        while Meeting.objects.filter(event=event).count() < target:
            a, b = rng.sample(people, 2)
            try:
                request = meetings.meeting_request_send(actor=a.user, sender=a, recipient=b)
            except Exception:  # the pair already has a request: pick another
                continue
            meetings.meeting_request_accept(actor=b.user, meeting_request=request)


def test_cleantech_kvarken_matchmaking(page, login, password):
    out = io.StringIO()
    accounts_demo.load_demo_data(password=password, stdout=out)
    catalog_demo.load_demo_data(password=password, stdout=out)
    operator = User.objects.get(email="operator@example.org")
    sme = User.objects.get(email="sme@example.org")  # owner of the invented demo company
    norrsken = "Norrsken Sensorteknik AB (invented demo company)"
    kvarken = Organisation.objects.filter(catalogues__slug="cleantech-kvarken", kind="company")
    swedish = kvarken.filter(country="SE").count()
    page.set_default_timeout(60_000)
    page.set_default_navigation_timeout(90_000)

    # 1. The operator sets up the two-day event in the browser.
    login(operator)
    page.goto("/events/new/")
    page.get_by_label("Name").first.fill("Cleantech Kvarken Matchmaking")
    page.get_by_label("Venue").fill("Väven, Umeå")
    page.get_by_label("Time zone").select_option("Europe/Stockholm")
    page.get_by_label("First day").fill("2030-05-14")
    page.get_by_label("Last day").fill("2030-05-15")
    page.get_by_label("Organiser").select_option(label="North Sweden Cleantech")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/setup/")
    for day in ("2030-05-14", "2030-05-15"):
        for start, end in (("09:00", "12:00"), ("13:00", "16:00")):
            page.get_by_label("Date").fill(day)
            page.get_by_label("Starts").fill(start)
            page.get_by_label("Ends").fill(end)
            page.get_by_role("button", name="Add session").click()
            assert page.get_by_text("Session added").is_visible()
    page.get_by_label("Number of tables").fill("20")
    page.get_by_role("button", name="Add tables").click()
    page.get_by_role("button", name="Open registration").click()
    assert page.get_by_text("Registration is open.").is_visible()
    event = Event.objects.get(name="Cleantech Kvarken Matchmaking")
    assert (event.slots.count(), event.tables.count()) == (28, 20)

    # 2. 150 companies from the demo catalogue, added in bulk: all Swedish ones, then Finnish
    #    ones ticked on the first page until 150.
    page.goto(f"/events/{event.slug}/desk/participants/")
    page.get_by_role("link", name="Add from the catalogue").click()
    page.get_by_label("Programme catalogue").select_option("cleantech-kvarken")
    page.get_by_label("Kind").select_option("company")
    page.get_by_label("Country").fill("SE")
    page.get_by_role("button", name="Filter").click()
    assert page.locator("#match-count").inner_text() == f"{swedish} organisations match."
    page.get_by_label(f"Select all {swedish} matching organisations (all pages)").check()
    page.get_by_role("button", name="Review").click()
    page.get_by_role("button", name="Register the ticked people").click()
    first = Participant.objects.filter(event=event).count()  # companies with someone to register
    assert 90 < first <= swedish
    assert page.get_by_text(f"{first} people registered.").is_visible()
    page.get_by_role("link", name="Add from the catalogue").click()
    page.get_by_label("Programme catalogue").select_option("cleantech-kvarken")
    page.get_by_label("Kind").select_option("company")
    page.get_by_label("Country").fill("FI")
    page.get_by_role("button", name="Filter").click()
    boxes = page.get_by_role("checkbox", name="Choose ")
    for i in range(150 - first):
        boxes.nth(i).check()
    page.get_by_role("button", name="Review").click()
    page.get_by_role("button", name="Register the ticked people").click()
    assert page.get_by_text(f"{150 - first} people registered.").is_visible()
    assert Participant.objects.filter(event=event).count() == 150
    assert Participant.objects.get(event=event, user=sme).organisation.name == norrsken

    # 3. Companies send and answer requests in the browser (the journey reads English pages).
    User.objects.filter(event_participations__event=event).update(language="en")
    finns = list(
        Participant.objects.filter(event=event, organisation__country="FI")
        .order_by("organisation__name")
        .values_list("organisation__name", flat=True)[:3]
    )
    b_user, c_user, d_user = (_user_of(event, name, password) for name in finns)
    _switch(page, login, sme)
    _send(page, event, finns[0], "Snow load sensors for your plants?")
    _send(page, event, finns[1], "Could our sensors help you?")
    _switch(page, login, b_user)
    _send(page, event, finns[2], "Shall we meet about storage?")
    page.goto(f"/events/{event.slug}/requests/")
    page.get_by_role("button", name=f"Accept request from {norrsken}").click()
    assert page.get_by_text("Request accepted").is_visible()
    _switch(page, login, c_user)
    page.goto(f"/events/{event.slug}/requests/")
    page.get_by_role("button", name=f"Decline request from {norrsken}").click()
    _switch(page, login, d_user)
    page.goto(f"/events/{event.slug}/requests/")
    assert page.get_by_text("Shall we meet about storage?").is_visible()
    page.get_by_role("button", name=f"Accept request from {finns[0]}").click()
    assert page.get_by_text("Request accepted").is_visible()
    assert Meeting.objects.filter(event=event).count() == 2
    _agree_the_rest(event, target=100)

    # 4. The operator schedules from the browser, watches the run and publishes.
    _switch(page, login, operator)
    page.goto(f"/events/{event.slug}/desk/schedule/")
    page.get_by_label("Time limit (seconds)").fill("10")
    page.get_by_role("button", name="Run the scheduler").click()
    page.wait_for_url("**/runs/**")
    page.locator(".run-status-value").get_by_text("Done").wait_for(timeout=60_000)
    run = ScheduleRun.objects.get(event=event)
    assert (run.scheduled_count, run.unscheduled_count) == (100, 0)
    assert page.locator(".run-lower-bound").inner_text() == str(run.lower_bound)
    assert page.locator(".run-gap").inner_text() == str(run.best_breaks - run.lower_bound)
    page.get_by_role("link", name="See the schedule").click()
    page.get_by_role("button", name="Publish agendas").click()
    assert page.get_by_text("Agendas published").is_visible()

    # 5. The demo SME cancels its meeting on its agenda; the schedule is repaired with few moves
    #    and exactly the people affected get e-mail.
    cancelled = Meeting.objects.get(event=event, request__sender__user=sme)
    other = cancelled.participant_b
    before = {m.pk: (m.slot_id, m.table_id) for m in Meeting.objects.filter(event=event)}
    mail.outbox.clear()
    _switch(page, login, sme)
    page.goto(f"/events/{event.slug}/agenda/")
    page.get_by_role("button", name=f"Cancel the meeting with {other.organisation}").click()
    assert page.get_by_text("Meeting cancelled").is_visible()
    rerun = ScheduleRun.objects.get(event=event, is_reschedule=True)
    after = {m.pk: (m.slot_id, m.table_id) for m in Meeting.objects.filter(event=event)}
    moved = [pk for pk in before if pk != cancelled.pk and after[pk] != before[pk]]
    assert rerun.status == "done" and rerun.moved_count == len(moved) <= 3
    told = {address for message in mail.outbox for address in message.to}
    assert other.user.email in told
    for meeting in Meeting.objects.filter(pk__in=moved).select_related(
        "participant_a__user", "participant_b__user"
    ):
        assert {meeting.participant_a.user.email, meeting.participant_b.user.email} <= told

    # 6. Feedback in the browser, and the calendar file.
    _switch(page, login, d_user)
    page.goto(f"/events/{event.slug}/agenda/")
    page.get_by_role("link", name="Give feedback").first.click()
    page.get_by_label("Yes").first.check()
    page.get_by_label("How useful was it? (1–5)").select_option("5")  # noqa: RUF001
    page.get_by_label("Would you take part in such an event again?").select_option("yes")
    page.get_by_role("button", name="Send feedback").click()
    assert page.get_by_text("Thank you for your feedback.").is_visible()
    ical_href = page.get_by_role("link", name="Download (iCalendar)").get_attribute("href")
    cal = Calendar.from_ical(page.request.get(ical_href).body())
    d = Participant.objects.get(event=event, user=d_user)
    agenda = [m for m in selectors.agenda(participant=d) if m.slot_id]
    starts = sorted(vevent.decoded("DTSTART") for vevent in cal.walk("VEVENT"))
    assert starts == sorted(m.slot.starts_at for m in agenda)
    stockholm = zoneinfo.ZoneInfo("Europe/Stockholm")
    assert all(s.astimezone(stockholm).hour in {9, 10, 11, 13, 14, 15} for s in starts)
    assert cal.walk("VTIMEZONE")[0]["TZID"] == "Europe/Stockholm"

    # 7. The statistics page shows the numbers.
    _switch(page, login, operator)
    page.goto(f"/events/{event.slug}/desk/statistics/")
    requests = MeetingRequest.objects.filter(event=event)
    shown = {
        key: page.locator(f"#stat-{key}").inner_text()
        for key in ("participants", "requests", "accepted", "declined", "scheduled", "held")
    }
    assert shown == {
        "participants": "150",
        "requests": str(requests.count()),
        "accepted": str(requests.filter(status="accepted").count()),
        "declined": "1",
        "scheduled": "99",
        "held": "1",
    }
    assert requests.filter(status="accepted").count() == 100
