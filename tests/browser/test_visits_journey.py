"""Journeys of issue 8: a delegation books a visit in English and in Swedish, invalid input is
refused with clear errors, and the operator takes the request to a confirmed itinerary that
the organiser downloads from the status page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import resolve
from django.utils import timezone
from playwright.sync_api import expect

from samverkan.catalog.reference import reference_data_load
from samverkan.visits.models import HostStatus, Participant, VisitRequest, VisitStatus
from samverkan.visits.selectors import visit_statistics
from tests.factories import OrganisationFactory
from tests.visits.factories import BookingPageFactory, window

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _warm_urlconf():
    """Import the URLconf before the browser's first request: importing every app's views
    (the scheduler pulls in OR-Tools) can take longer than the browser's page timeout."""
    resolve("/visits/requests/")


def _fill_booking(page, *, goal: str, focus: str, yes: str, future) -> None:
    page.get_by_label(goal).check()
    page.locator("#id_purpose").fill("Meet water utilities and their suppliers.")
    page.get_by_label(focus).check()
    page.locator("#id_wants_company_meetings_0").check() if yes == "first" else None
    page.locator("#id_company_wishes").fill("Membrane filtration")
    page.locator("#id_dates-0-start").fill(future.isoformat())
    page.locator("#id_dates-0-end").fill((future + timedelta(days=2)).isoformat())
    page.locator("#id_expected_participants").fill("2")
    page.locator("#id_participants-0-name").fill("Ana Exemplo")
    page.locator("#id_participants-0-organisation").fill("Exemplo S.A.")
    page.locator("#id_participants-0-country").select_option("BR")


def test_delegation_books_in_english_with_errors_first(page):
    booking_page = BookingPageFactory()
    future = timezone.localdate() + timedelta(days=40)
    page.goto(f"/visits/book/{booking_page.slug}/")
    assert page.get_by_role("heading", level=1).inner_text() == "Book a visit"
    assert page.get_by_text("Visitors pay all costs of the visit").is_visible()

    # Invalid: nothing chosen, 0 participants, bad e-mail, no acknowledgement.
    page.locator("#id_expected_participants").fill("0")
    page.locator("#id_organiser_email").fill("not-an-email")
    page.get_by_role("button", name="Send the request").click()
    summary = page.locator("#error-summary")
    for message in [
        "Choose the main goal of your visit.",
        "Enter at least one preferred date range.",
        "At least one person must take part in the visit.",
        "Enter a valid e-mail address, like name@example.org.",
        "Confirm that you have read the notice about costs.",
        "Agree to the privacy notice to send the request.",
    ]:
        assert summary.get_by_text(message).is_visible(), message
    assert VisitRequest.objects.count() == 0

    _fill_booking(
        page, goal="Business meetings", focus="Water and wastewater", yes="first", future=future
    )
    # A second participant row, added by the button (JavaScript enhancement, same button works
    # without JavaScript by re-rendering the form on the server).
    page.get_by_role("button", name="Add a participant").click()
    page.locator("#id_participants-1-name").fill("Bruno Teste")
    page.locator("#id_participants-1-email").fill("bruno@example.org")
    page.locator("#id_organiser_name").fill("Ana Exemplo")
    page.locator("#id_organiser_email").fill("ana@example.org")
    page.get_by_label("I understand that the visitors pay all their own costs.").check()
    page.get_by_label("I agree that the data in this form is stored").check()
    page.get_by_role("button", name="Send the request").click()

    page.wait_for_url("**/visits/status/**")
    visit = VisitRequest.objects.get()
    assert visit.reference in page.get_by_role("heading", level=1).inner_text()
    assert page.locator("#visit-status").inner_text() == "Received"
    assert [p.name for p in visit.participants.all()] == ["Ana Exemplo", "Bruno Teste"]
    assert visit.language == "en"
    assert any(m.to == ["ana@example.org"] for m in mail.outbox)


def test_delegation_books_in_swedish(page):
    booking_page = BookingPageFactory()
    future = timezone.localdate() + timedelta(days=40)
    page.goto(f"/visits/book/{booking_page.slug}/")
    page.get_by_label("Language").select_option("sv")
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("heading", level=1).inner_text() == "Boka ett besök"
    assert page.get_by_text("Besökare står för alla kostnader i samband med besöket").is_visible()
    assert page.get_by_text("1. Välj ett av dina huvudsakliga mål med besöket.").is_visible()

    # Past dates are refused, in Swedish.
    page.locator("#id_dates-0-start").fill("2020-01-01")
    page.locator("#id_dates-0-end").fill("2020-01-02")
    page.get_by_role("button", name="Skicka förfrågan").click()
    assert (
        page.locator("#error-summary")
        .get_by_text("Önskade datum måste ligga i framtiden.")
        .is_visible()
    )
    assert VisitRequest.objects.count() == 0

    _fill_booking(page, goal="Affärsmöten", focus="Vatten och avlopp", yes="first", future=future)
    page.locator("#id_participant_note").fill("Den andra deltagaren är inte utsedd än.")
    page.locator("#id_organiser_name").fill("Sara Svensson")
    page.locator("#id_organiser_email").fill("sara@example.org")
    page.get_by_label("Jag förstår att besökarna står för alla sina kostnader.").check()
    page.get_by_label("Jag godkänner att uppgifterna i formuläret lagras").check()
    page.get_by_role("button", name="Skicka förfrågan").click()

    page.wait_for_url("**/visits/status/**")
    visit = VisitRequest.objects.get()
    assert visit.language == "sv"
    assert page.locator("#visit-status").inner_text() == "Mottagen"
    confirmation = next(m for m in mail.outbox if m.to == ["sara@example.org"])
    assert "togs emot" in confirmation.subject


def _sign_in(page, live_server, user) -> None:
    """A session cookie for `user` (the login form itself is covered by the login journey)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )


def test_operator_confirms_itinerary_and_organiser_downloads_it(page, live_server, operator):
    # Earlier transactional tests flush the migrations' reference data (countries); the
    # delegation's catalogue organisation needs its country.
    reference_data_load()
    booking_page = BookingPageFactory()
    host_org = OrganisationFactory(name="Vattenteknik AB", keywords="water, membranes")
    from tests.visits.factories import VisitRequestFactory

    visit = VisitRequestFactory(page=booking_page)
    for position, name in [(1, "Ana Exemplo"), (2, "Bruno Teste")]:
        Participant.objects.create(
            request=visit,
            position=position,
            name=name,
            organisation="Exemplo S.A.",
            country="BR",
            email=f"{name.split()[0].lower()}@example.org",
        )
    _sign_in(page, live_server, operator)
    page.goto(f"/visits/requests/{visit.pk}/")
    for status, label in [
        ("in_review", "In review"),
        ("accepted", "Accepted"),
        ("planning", "Programme being planned"),
    ]:
        page.locator("#id_status").select_option(status)
        page.get_by_role("button", name="Change status").click()
        assert page.locator("#visit-status").inner_text() == label

    # The matched host: suggested from the focus area's keywords, invited with one click.
    suggested = page.locator("#hosts").get_by_role("button", name="Invite Vattenteknik AB")
    suggested.click()
    assert page.get_by_text("Vattenteknik AB was invited.").is_visible()

    # The host's answer, recorded by the operator on the host's behalf.
    host = visit.hosts.get()
    assert (host.organisation, host.reasons != []) == (host_org, True)
    page.goto(f"/visits/hosting/{host.pk}/")
    start, end = window(day_offset=41)
    page.get_by_label("Yes, we can host them").check()
    page.locator("#id_windows").fill(f"{start:%Y-%m-%d %H:%M}-{end:%H:%M}")
    page.get_by_role("button", name="Send answer").click()
    host.refresh_from_db()
    assert host.status == HostStatus.ACCEPTED

    page.goto(f"/visits/requests/{visit.pk}/")
    page.get_by_role("button", name="Draft visits from the accepted hosts' times").click()
    assert page.locator("#itinerary").get_by_text("Visit to Vattenteknik AB").is_visible()
    page.locator("#id_status").select_option("confirmed")
    page.get_by_role("button", name="Change status").click()
    assert page.locator("#visit-status").inner_text() == "Confirmed"

    visit.refresh_from_db()
    assert visit.status == VisitStatus.CONFIRMED
    # The newest e-mail carries the working private link.
    email = [m for m in mail.outbox if m.to == [visit.organiser_email]][-1]
    assert "Your itinerary is ready" in email.body
    link = next(line for line in email.body.splitlines() if "/visits/status/" in line).strip()
    page.goto(link)
    assert page.get_by_text("Visit to Vattenteknik AB").is_visible()
    pdf_link = page.get_by_role("link", name="Download PDF")
    pdf = page.request.get(pdf_link.get_attribute("href"))
    assert pdf.body().startswith(b"%PDF")
    assert f'filename="{visit.reference}.pdf"' in pdf.headers["content-disposition"]
    ical = page.request.get(link.rstrip("/") + "/itinerary.ics")
    assert "Visit to Vattenteknik AB" in ical.text()

    # The delegation joins the B2B meetings of an event held on the visit's day.
    event = _open_event(operator, day=start.date())
    page.goto(f"/visits/requests/{visit.pk}/")
    delegation = page.locator("#delegation")
    delegation.get_by_label("Event").select_option(str(event.pk))
    delegation.get_by_label("#1 Ana Exemplo, Exemplo S.A.").check()
    delegation.get_by_label("#2 Bruno Teste, Exemplo S.A.").check()
    delegation.get_by_role("button", name="Register at the event").click()
    expect(
        page.get_by_text(
            "2 members of the delegation were registered at Cleantech Kvarken Matchmaking."
        )
    ).to_be_visible(timeout=30_000)  # creates two accounts (password hashing) on a busy CPU
    rows = page.locator("#delegation-members tbody tr")
    assert rows.nth(0).inner_text().split("\t")[-1] == "Cleantech Kvarken Matchmaking"
    assert event.participants.count() == 2

    # Results for the programme's indicators, then the visit is completed.
    results = page.locator("#results")
    results.get_by_label("Meetings held").fill("3")
    results.get_by_label("Leads").fill("2")
    results.get_by_label("Business opportunities by country").fill("BR 2")
    results.get_by_role("button", name="Save results").click()
    expect(page.get_by_text("The results were saved.")).to_be_visible()
    page.locator("#id_status").select_option("completed")
    page.get_by_role("button", name="Change status").click()
    assert page.locator("#visit-status").inner_text() == "Completed"

    # The organiser's short feedback survey, from the newest e-mail's link.
    email = [m for m in mail.outbox if m.to == [visit.organiser_email]][-1]
    assert "how useful the visit was" in email.body
    link = next(line for line in email.body.splitlines() if "/visits/status/" in line).strip()
    page.goto(link)
    survey = page.get_by_role("region", name="How was your visit?")
    survey.get_by_label("4", exact=True).check()
    survey.get_by_label("Yes", exact=True).check()
    survey.get_by_role("button", name="Send feedback").click()
    expect(page.get_by_text("Thank you for your feedback.").first).to_be_visible()
    stats = visit_statistics()
    assert (stats["completed_visits"], stats["meetings_held"], stats["leads"]) == (1, 3, 2)
    visit.refresh_from_db()
    assert (visit.feedback.rating, visit.feedback.would_continue) == (4, True)


def _open_event(operator, *, day):
    import datetime as dt

    from samverkan.events.services import setup

    event = setup.event_create(
        actor=operator,
        organiser=OrganisationFactory(name="Kvarken Cluster", kind="cluster"),
        name="Cleantech Kvarken Matchmaking",
        venue="Vaasa",
        time_zone="Europe/Stockholm",
        start_date=day,
        end_date=day,
    )
    setup.session_create(
        actor=operator,
        event=event,
        date=day,
        start_time=dt.time(13, 0),
        end_time=dt.time(15, 0),
        meeting_minutes=20,
        break_minutes=5,
    )
    setup.tables_create(actor=operator, event=event, count=2)
    return setup.event_open(actor=operator, event=event)
