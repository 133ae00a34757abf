"""Journey (issue 7): the Cleantech Kvarken matchmaking event end to end in the browser.

An operator sets up a two-day event; 150 companies are registered (through the services, as
the catalogue's demo companies would be) and ~100 meetings agreed; two companies send and
answer a request in the browser; the operator schedules, publishes, cancels a meeting (the
schedule is repaired with few moves); a participant gives feedback and downloads the iCal
agenda (validated with `icalendar`, times in the venue's zone); the statistics page shows it.
"""

from __future__ import annotations

import random
import zoneinfo

import pytest
from django.test import override_settings
from icalendar import Calendar

from samverkan.accounts.models import Membership, User
from samverkan.catalog.models import Organisation
from samverkan.events.models import Event, Meeting, ScheduleRun
from samverkan.events.services import meetings, registration
from samverkan.events.services.mail import notifications_suppressed
from tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db(transaction=True)

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _immediate_tasks():
    with override_settings(TASKS=IMMEDIATE):
        yield


def _companies(event, operator, count=150):
    countries = ["SE", "FI"]
    orgs = Organisation.objects.bulk_create(
        Organisation(
            name=f"Kvarken Company {i:03d} (invented)",
            slug=f"kvarken-company-{i:03d}",
            country=countries[i % 2],
            is_demo=True,
        )
        for i in range(count)
    )
    users = [
        User.objects.create_user(f"c{i}@example.org", None, full_name=f"Contact {i}")
        for i in range(count)
    ]
    Membership.objects.bulk_create(
        Membership(user=u, organisation=o, role="owner") for u, o in zip(users, orgs, strict=True)
    )
    people = []
    with notifications_suppressed():
        for user, org in zip(users, orgs, strict=True):
            people += registration.participant_register(
                actor=operator, event=event, organisation=org, users=[user]
            )
        rng = random.Random(7)
        agreed = 0
        while agreed < 100:
            a, b = rng.sample(people, 2)
            try:
                request = meetings.meeting_request_send(actor=a.user, sender=a, recipient=b)
            except Exception:
                continue
            meetings.meeting_request_accept(actor=b.user, meeting_request=request)
            agreed += 1
    return people


def _switch(page, login, user):
    page.context.clear_cookies()
    login(user)


def test_cleantech_kvarken_matchmaking(page, login, password):
    operator = User.objects.create_user(
        "op@example.org", password, is_operator=True, full_name="Olga Operator"
    )
    cluster = OrganisationFactory(name="North Sweden Cleantech", kind="cluster")
    sme_a = MembershipFactory(
        role="owner", organisation__name="Snowload Sensors AB", user__password=password
    )
    sme_b = MembershipFactory(
        role="owner",
        organisation__name="Vaasa Wind Oy",
        organisation__country="FI",
        user__password=password,
    )

    # The scheduling requests run the solver inline (immediate task backend): allow time.
    page.set_default_timeout(60_000)
    page.set_default_navigation_timeout(90_000)

    # 1. The operator sets up the event in the browser.
    login(operator)
    page.goto("/events/new/")
    page.get_by_label("Name").first.fill("Cleantech Kvarken Matchmaking")
    page.get_by_label("Venue").fill("Väven, Umeå")
    page.get_by_label("Time zone").select_option("Europe/Stockholm")
    page.get_by_label("First day").fill("2030-05-14")
    page.get_by_label("Last day").fill("2030-05-15")
    page.get_by_label("Organiser").select_option(label=cluster.name)
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

    # 2. 150 companies register and agree on 100 meetings; two more in the browser.
    _companies(event, operator)
    _switch(page, login, sme_a.user)
    page.goto(f"/events/{event.slug}/register/")
    page.get_by_role("button", name="Register").click()
    assert page.get_by_text("Registered.").is_visible()
    _switch(page, login, sme_b.user)
    page.goto(f"/events/{event.slug}/register/")
    page.get_by_role("button", name="Register").click()
    page.goto(f"/events/{event.slug}/marketplace/?q=Snowload")
    page.get_by_role("link", name="Request a meeting with Snowload Sensors AB").click()
    page.get_by_label("Message").fill("Wind turbines need snow load sensors.")
    page.get_by_role("button", name="Send request").click()
    assert page.get_by_text("Request sent").is_visible()
    _switch(page, login, sme_a.user)
    page.goto(f"/events/{event.slug}/requests/")
    assert page.get_by_text("Wind turbines need snow load sensors.").is_visible()
    page.get_by_role("button", name="Accept request from Vaasa Wind Oy").click()
    assert page.get_by_text("Request accepted").is_visible()
    assert Meeting.objects.filter(event=event).count() == 101

    # 3. The operator schedules and publishes.
    _switch(page, login, operator)
    page.goto(f"/events/{event.slug}/desk/schedule/")
    page.get_by_label("Time limit (seconds)").fill("20")
    page.get_by_role("button", name="Run the scheduler").click()
    page.wait_for_url("**/runs/**")
    page.locator(".run-status-value").get_by_text("Done").wait_for(timeout=60_000)
    run = ScheduleRun.objects.get(event=event)
    assert (run.scheduled_count, run.unscheduled_count) == (101, 0)
    page.get_by_role("link", name="See the schedule").click()
    page.get_by_role("button", name="Publish agendas").click()
    assert page.get_by_text("Agendas published").is_visible()
    assert page.get_by_role("link", name="Vaasa Wind Oy – Snowload Sensors AB").is_visible()  # noqa: RUF001

    # 4. A cancellation is absorbed with few moves.
    cancelled = (
        Meeting.objects.filter(event=event)
        .exclude(participant_b__user=sme_a.user)
        .exclude(participant_a__user=sme_a.user)
        .first()
    )
    before = {m.pk: (m.slot_id, m.table_id) for m in Meeting.objects.filter(event=event)}
    page.goto(f"/events/{event.slug}/desk/meetings/{cancelled.pk}/place/")
    page.get_by_role("button", name="Cancel meeting").click()
    assert page.get_by_text("Meeting cancelled").is_visible()
    rerun = ScheduleRun.objects.get(event=event, is_reschedule=True)
    moved = [
        pk
        for pk, place in before.items()
        if pk != cancelled.pk
        and (Meeting.objects.get(pk=pk).slot_id, Meeting.objects.get(pk=pk).table_id) != place
    ]
    assert rerun.status == "done" and rerun.moved_count == len(moved) <= 3

    # 5. A participant sees the agenda, gives feedback and takes the iCal file.
    _switch(page, login, sme_a.user)
    page.goto(f"/events/{event.slug}/agenda/")
    assert page.get_by_text("Vaasa Wind Oy").first.is_visible()
    page.get_by_role("link", name="Give feedback").first.click()
    page.get_by_label("Yes").first.check()
    page.get_by_label("How useful was it? (1–5)").select_option("5")  # noqa: RUF001
    page.get_by_label("Would you take part in such an event again?").select_option("yes")
    page.get_by_role("button", name="Send feedback").click()
    assert page.get_by_text("Thank you for your feedback.").is_visible()
    ical_href = page.get_by_role("link", name="Download (iCalendar)").get_attribute("href")
    cal = Calendar.from_ical(page.request.get(ical_href).body())
    meeting = Meeting.objects.get(event=event, participant_b__user=sme_a.user)
    (vevent,) = cal.walk("VEVENT")
    start = vevent.decoded("DTSTART")
    assert start == meeting.slot.starts_at
    assert start.astimezone(zoneinfo.ZoneInfo("Europe/Stockholm")).hour in {9, 10, 11, 13, 14, 15}
    assert cal.walk("VTIMEZONE")[0]["TZID"] == "Europe/Stockholm"

    # 6. The statistics page shows the numbers.
    _switch(page, login, operator)
    page.goto(f"/events/{event.slug}/desk/statistics/")
    assert page.locator("#stat-participants").inner_text() == "152"
    assert page.locator("#stat-requests").inner_text() == "101"
    assert page.locator("#stat-scheduled").inner_text() == "100"
    assert page.locator("#stat-held").inner_text() == "1"
