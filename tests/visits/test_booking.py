"""The public booking form: storage, reference, e-mails, validation, spam protection."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from samverkan.common.models import AuditLogEntry
from samverkan.visits.models import Participant, SubmissionAttempt, VisitRequest, VisitStatus

pytestmark = pytest.mark.django_db


def book_url(page):
    return reverse("visits:book", kwargs={"slug": page.slug})


def test_form_shows_the_seed_questions_and_costs_notice(client, page):
    response = client.get(book_url(page))
    html = response.content.decode()
    assert response.status_code == 200
    for text in [
        "1. Choose one of your main goals for the visit",
        "2. Describe the purpose of the visit further",
        "3. Focus area(s) of the visit",
        "4. Explain your focus areas",
        "5. Are you interested in meeting companies?",
        "6. Special wishes",
        "7. Preferred dates",
        "8. Expected number of participants",
        "9. Participant list",
        "Participant #1",
        "Contact details of the organiser acting on your behalf",
        "Visitors pay all costs of the visit",
        "Business meetings",
        "Water and wastewater",
    ]:
        assert text in html, text


def test_form_in_swedish_uses_the_seed_wording(client, page):
    response = client.get(book_url(page), HTTP_ACCEPT_LANGUAGE="sv")
    html = response.content.decode()
    for text in [
        "1. Välj ett av dina huvudsakliga mål med besöket",
        "2. Beskriv syftet med besöket ytterligare",
        "3. Fokusområde/områden för besöket?",
        "4. Förklara dina fokusområden",
        "5. Är du intresserad av att träffa företag?",
        "6. Speciella önskemål",
        "7. Föredragna datum",
        "8. Förväntat antal deltagare",
        "9. Deltagarlista",
        "Deltagare #1",
        "Kontaktuppgifter för arrangören för din räkning",
        "Besökare står för alla kostnader i samband med besöket",
        "Affärsmöten",
        "Vatten och avlopp",
    ]:
        assert text in html, text


def test_valid_booking_is_stored_with_reference_consent_and_emails(
    client, page, booking_post, mailoutbox, owner, organisation
):
    page.organisation = organisation
    page.notification_email = "visits@example.org"
    page.save()
    response = client.post(book_url(page), booking_post())
    visit = VisitRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"].startswith("/visits/status/")
    assert visit.reference.startswith("VR-")
    assert visit.status == VisitStatus.RECEIVED
    assert visit.goal.code == "business-meetings"
    assert [a.code for a in visit.focus_areas.all()] == ["water"]
    assert visit.costs_acknowledged_at is not None
    assert visit.privacy_consent_at is not None
    assert visit.privacy_notice_version == "v1"
    assert visit.language == "en"
    assert [p.name for p in visit.participants.all()] == ["Ana Exemplo", "Bruno Teste"]
    assert visit.participant_countries == {"BR": 2}
    assert visit.date_ranges.count() == 1
    recipients = sorted(email.to[0] for email in mailoutbox)
    assert recipients == sorted(["ana@example.org", owner.email, "visits@example.org"])
    confirmation = next(m for m in mailoutbox if m.to == ["ana@example.org"])
    assert visit.reference in confirmation.subject
    assert response["Location"] in confirmation.body
    assert AuditLogEntry.objects.filter(action="visits.request.submit").count() == 1

    status = client.get(response["Location"])
    assert visit.reference in status.content.decode()
    assert "Received" in status.content.decode()


def test_confirmation_email_is_in_the_organisers_language(client, page, booking_post, mailoutbox):
    client.post(book_url(page), booking_post(), HTTP_ACCEPT_LANGUAGE="sv")
    visit = VisitRequest.objects.get()
    assert visit.language == "sv"
    confirmation = next(m for m in mailoutbox if m.to == ["ana@example.org"])
    assert "togs emot" in confirmation.subject
    assert "Hej Ana Exemplo" in confirmation.body


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"dates-0-start": "", "dates-0-end": ""}, "Enter at least one preferred date range."),
        (
            {"dates-0-start": "2020-01-01", "dates-0-end": "2020-01-02"},
            "Preferred dates must be in the future.",
        ),
        ({"expected_participants": "0"}, "At least one person must take part in the visit."),
        ({"organiser_email": "not-an-email"}, "Enter a valid e-mail address"),
        ({"costs_acknowledged": None}, "Confirm that you have read the notice about costs."),
        ({"privacy_consent": None}, "Agree to the privacy notice to send the request."),
        ({"goal": None}, "Choose the main goal of your visit."),
        ({"focus_areas": None}, "Choose at least one focus area."),
        ({"goal": "not-a-goal"}, "Select a valid choice."),
        ({"expected_participants": "3"}, "The participant list has 2 people but you expect 3."),
        ({"participants-1-email": "bad"}, "Enter a valid e-mail address"),
    ],
)
def test_invalid_booking_shows_errors_and_stores_nothing(
    client, page, booking_post, mailoutbox, overrides, message
):
    response = client.post(book_url(page), booking_post(**overrides))
    assert response.status_code == 422
    assert message in response.content.decode()
    assert VisitRequest.objects.count() == 0
    assert Participant.objects.count() == 0
    assert SubmissionAttempt.objects.count() == 0
    assert mailoutbox == []


def test_end_before_start_is_refused(client, page, booking_post, future):
    data = booking_post(**{"dates-0-end": (future - timedelta(days=1)).isoformat()})
    response = client.post(book_url(page), data)
    assert "The last date cannot be before the first date." in response.content.decode()
    assert VisitRequest.objects.count() == 0


def test_participant_count_mismatch_is_accepted_when_explained(client, page, booking_post):
    data = booking_post(expected_participants="5", participant_note="Three names follow later.")
    assert client.post(book_url(page), data).status_code == 302
    assert VisitRequest.objects.get().expected_participants == 5


def test_removed_participant_rows_are_not_stored(client, page, booking_post):
    data = booking_post(expected_participants="1", **{"participants-1-DELETE": "on"})
    assert client.post(book_url(page), data).status_code == 302
    assert list(Participant.objects.values_list("name", flat=True)) == ["Ana Exemplo"]


def test_add_row_button_adds_a_participant_row_and_stores_nothing(client, page, booking_post):
    data = booking_post(add_participant="1")
    response = client.post(book_url(page), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Participant #3" in html
    assert 'name="participants-2-name"' in html
    assert 'value="Bruno Teste"' in html
    assert "errorlist" not in html
    assert VisitRequest.objects.count() == 0


def test_add_date_button_adds_a_date_row(client, page, booking_post):
    response = client.post(book_url(page), booking_post(add_date="1"))
    assert 'name="dates-1-start"' in response.content.decode()


def test_honeypot_stores_nothing_but_looks_successful(client, page, booking_post, mailoutbox):
    response = client.post(book_url(page), booking_post(website="http://spam.example"))
    assert response.status_code == 200
    assert VisitRequest.objects.count() == 0
    assert mailoutbox == []
    assert SubmissionAttempt.objects.get().was_spam is True


def test_rate_limit_per_address(client, page, booking_post, settings):
    settings.SAMVERKAN_VISITS_RATE_LIMIT = 2
    assert client.post(book_url(page), booking_post()).status_code == 302
    assert client.post(book_url(page), booking_post()).status_code == 302
    response = client.post(book_url(page), booking_post())
    assert response.status_code == 429
    assert "Too many requests" in response.content.decode()
    assert VisitRequest.objects.count() == 2
    # Another address is not affected.
    other = client.post(book_url(page), booking_post(), REMOTE_ADDR="10.1.2.3")
    assert other.status_code == 302


def test_inactive_page_is_not_found(client, page):
    page.is_active = False
    page.save()
    assert client.get(book_url(page)).status_code == 404


def test_status_page_with_unknown_token_is_not_found(client):
    assert client.get(reverse("visits:status", kwargs={"token": "nope"})).status_code == 404


def test_references_are_unique(client, page, booking_post):
    for _ in range(3):
        client.post(book_url(page), booking_post(), REMOTE_ADDR=f"10.0.0.{_}")
    references = list(VisitRequest.objects.values_list("reference", flat=True))
    assert len(set(references)) == 3


def test_timestamps_are_aware(client, page, booking_post):
    client.post(book_url(page), booking_post())
    visit = VisitRequest.objects.get()
    assert timezone.is_aware(visit.privacy_consent_at)


def test_form_in_finnish(client, page):
    html = client.get(book_url(page), HTTP_ACCEPT_LANGUAGE="fi").content.decode()
    assert "Varaa vierailu" in html
    assert "1. Valitse vierailun päätavoite." in html
    assert "Vierailijat maksavat kaikki vierailun kulut" in html
