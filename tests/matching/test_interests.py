"""Expressions of interest: send, accept (→ contact) or decline, e-mails in each language."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from samverkan.matching import selectors, services
from samverkan.matching.models import Contact, ExpressionOfInterest, InterestStatus
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def interest(sme, fibre, distributor, distributor_owner, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return services.interest_create(
            actor=sme,
            from_organisation=fibre,
            to_organisation=distributor,
            subject="offer",
            message="We would like to discuss distribution in Estonia.",
        )


def test_create_notifies_recipient_in_their_language(interest, mailoutbox, distributor_owner, sme):
    to_owner = [m for m in mailoutbox if m.to == [distributor_owner.email]]
    to_sender = [m for m in mailoutbox if m.to == [sme.email]]
    assert len(to_owner) == 1
    assert to_owner[0].subject == "Fibre Sense AB är intresserade av att samarbeta med er"
    assert f"/matching/interests/{interest.pk}/" in to_owner[0].body
    assert len(to_sender) == 1


def test_accept_creates_contact_and_notifies_both(
    interest, distributor_owner, sme, mailoutbox, django_capture_on_commit_callbacks
):
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        contact = services.interest_accept(
            actor=distributor_owner, interest=interest, response="Gladly"
        )
    interest.refresh_from_db()
    assert interest.status == InterestStatus.ACCEPTED
    assert interest.decided_by == distributor_owner
    assert {contact.organisation_a, contact.organisation_b} == {
        interest.from_organisation,
        interest.to_organisation,
    }
    assert sorted(m.to[0] for m in mailoutbox) == sorted([sme.email, distributor_owner.email])
    assert list(selectors.contact_list(user=sme)) == [contact]


def test_answered_interest_cannot_be_answered_again(interest, distributor_owner):
    services.interest_decline(actor=distributor_owner, interest=interest)
    with pytest.raises(ValidationError):
        services.interest_accept(actor=distributor_owner, interest=interest)
    assert Contact.objects.count() == 0


def test_duplicate_pending_interest_rejected(interest, sme, fibre, distributor):
    with pytest.raises(ValidationError) as exc:
        services.interest_create(
            actor=sme,
            from_organisation=fibre,
            to_organisation=distributor,
            subject="need",
            message="Again",
        )
    assert "pending" in str(exc.value)
    assert ExpressionOfInterest.objects.count() == 1


def test_validation_and_membership(sme, fibre, distributor):
    with pytest.raises(ValidationError) as exc:
        services.interest_create(
            actor=sme,
            from_organisation=fibre,
            to_organisation=distributor,
            subject="x",
            message=" ",
        )
    assert set(exc.value.message_dict) == {"subject", "message"}
    with pytest.raises(PermissionDenied):
        services.interest_create(
            actor=UserFactory(),
            from_organisation=fibre,
            to_organisation=distributor,
            subject="offer",
            message="Hello",
        )
    assert ExpressionOfInterest.objects.count() == 0


def test_web_journey_send_and_accept(client, sme, fibre, distributor, distributor_owner):
    client.force_login(sme)
    url = reverse("matching:interest-create", args=[distributor.slug])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"from_organisation": fibre.pk, "subject": "offer", "message": "Hi"}
    )
    interest = ExpressionOfInterest.objects.get()
    assert response.status_code == 302
    # The sender cannot accept their own interest.
    assert client.post(reverse("matching:interest-accept", args=[interest.pk])).status_code == 403
    client.force_login(distributor_owner)
    page = client.get(reverse("matching:interest-detail", args=[interest.pk])).content.decode()
    assert reverse("matching:interest-accept", args=[interest.pk]) in page
    client.post(reverse("matching:interest-accept", args=[interest.pk]), {"response": "Yes"})
    interest.refresh_from_db()
    assert interest.status == "accepted"
    contacts = client.get(reverse("matching:contact-list")).content.decode()
    assert fibre.name in contacts


def test_empty_message_form_changes_nothing(client, sme, fibre, distributor):
    client.force_login(sme)
    url = reverse("matching:interest-create", args=[distributor.slug])
    response = client.post(url, {"from_organisation": fibre.pk, "subject": "offer", "message": ""})
    assert response.status_code == 200
    assert ExpressionOfInterest.objects.count() == 0


def test_interest_list_filters_and_queries(
    client, interest, distributor_owner, django_assert_max_num_queries
):
    client.force_login(distributor_owner)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("matching:interest-list"), {"direction": "received"})
    assert interest.from_organisation.name in response.content.decode()
    response = client.get(reverse("matching:interest-list"), {"direction": "sent"})
    assert interest.from_organisation.name not in response.content.decode()


def test_outsider_cannot_view_interest(client, interest):
    client.force_login(UserFactory())
    response = client.get(reverse("matching:interest-detail", args=[interest.pk]))
    assert response.status_code == 302  # to login: not theirs


def test_contact_list_queries_do_not_grow(client, sme, fibre, django_assert_max_num_queries):
    from samverkan.matching.models import Contact
    from tests.factories import OrganisationFactory

    for _ in range(4):
        other = OrganisationFactory()
        a, b = sorted([fibre, other], key=lambda o: o.pk)
        Contact.objects.create(organisation_a=a, organisation_b=b)
    client.force_login(sme)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("matching:contact-list"))
    assert response.status_code == 200
    assert len(response.context["rows"]) == 4
