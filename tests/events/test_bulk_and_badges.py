"""The operator's bulk registration from the catalogue, and the name badges PDF."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from samverkan.accounts.models import Membership, User
from samverkan.catalog.models import Person
from samverkan.catalog.services import organisation_reindex
from samverkan.common.models import AuditLogEntry
from samverkan.events.badges import badges_document, check_in_code, participant_by_code
from samverkan.events.models import Participant
from samverkan.events.services import bulk
from tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def _contact_org(name, email, country="FI"):
    org = OrganisationFactory(name=name, country=country)
    person = Person.objects.create(organisation=org, name=f"Contact of {name}", email=email)
    organisation_reindex(organisation=org)  # the catalogue search reads the folded text
    return org, person


def test_bulk_registers_contacts_members_and_skips_registered(event, operator, make_participant):
    with_contact, person = _contact_org("Merenkurkku Solar Oy", "anna@solar.example.org")
    team = MembershipFactory(role="owner", organisation__name="Umeå Batteries AB")
    colleague = MembershipFactory(role="member", organisation=team.organisation)
    already = make_participant()
    selection = {
        with_contact.pk: [f"p{person.pk}"],
        team.organisation.pk: [f"u{team.user.pk}", f"u{colleague.user.pk}"],
        already.organisation.pk: [f"u{already.user.pk}"],
    }
    mail.outbox.clear()
    result = bulk.participants_register_bulk(actor=operator, event=event, selection=selection)
    anna = User.objects.get(email="anna@solar.example.org")
    assert sorted(p.user.email for p in result.registered) == sorted(
        [anna.email, team.user.email, colleague.user.email]
    )
    assert result.skipped == [f"{already.user} ({already.organisation})"]
    assert result.accounts_created == 1
    assert Membership.objects.filter(user=anna, organisation=with_contact).count() == 1
    assert Participant.objects.filter(event=event).count() == 4
    entry = AuditLogEntry.objects.get(action="events.participants_bulk_register")
    assert entry.data == {
        "organisations": 3, "registered": 3, "skipped": 1, "accounts_created": 1
    }  # fmt: skip


def test_bulk_is_all_or_nothing(event, operator):
    good, person = _contact_org("Good Oy", "good@example.org")
    stranger = MembershipFactory(role="owner")
    other = OrganisationFactory(name="Other AB")
    selection = {good.pk: [f"p{person.pk}"], other.pk: [f"u{stranger.user.pk}"]}
    with pytest.raises(ValidationError) as error:
        bulk.participants_register_bulk(actor=operator, event=event, selection=selection)
    assert error.value.messages == ["Other AB: not a member or contact of this organisation."]
    assert Participant.objects.filter(event=event).count() == 0
    assert not User.objects.filter(email="good@example.org").exists()


def test_bulk_is_for_operators_only(event):
    member = MembershipFactory(role="owner")
    with pytest.raises(ValidationError):
        bulk.participants_register_bulk(
            actor=member.user,
            event=event,
            selection={member.organisation.pk: [f"u{member.user.pk}"]},
        )


def test_bulk_pages_filter_review_and_confirm(
    client, event, operator, django_assert_max_num_queries
):
    orgs = [_contact_org(f"Kvarken Wind {i} Oy", f"wind{i}@example.org")[0] for i in range(3)]
    _contact_org("Tartu Robotics OÜ", "robot@example.org", country="EE")
    client.force_login(operator)
    url = reverse("events:participants-add", kwargs={"slug": event.slug})
    response = client.get(url, {"country": "FI", "q": "wind"})
    assert response.status_code == 200
    assert [o.name for o in response.context["page"]] == [o.name for o in orgs]
    review = client.post(url, {"country": "FI", "q": "wind", "all_matching": "1",
                               "who": "contact", "action": "review"})  # fmt: skip
    candidates = review.context["candidates"]
    assert [(c.organisation.name, c.default) for c in candidates] == [
        (o.name, [f"p{o.people.get().pk}"]) for o in orgs
    ]
    data = {"action": "confirm", "organisation": [o.pk for o in orgs]}
    for c in candidates[:2]:  # the operator unticks the third organisation's contact
        data[f"people-{c.organisation.pk}"] = c.default
    with django_assert_max_num_queries(120):
        response = client.post(url, data)
    assert response.status_code == 302
    assert sorted(event.participants.values_list("user__email", flat=True)) == [
        "wind0@example.org", "wind1@example.org"
    ]  # fmt: skip
    response = client.post(url, data, follow=True)  # again: everybody is skipped
    assert "Already registered, skipped" in response.content.decode()
    assert event.participants.count() == 2


def test_bulk_page_is_not_for_co_organisers(client, event):
    member = MembershipFactory(role="admin", organisation=event.organiser)
    client.force_login(member.user)
    url = reverse("events:participants-add", kwargs={"slug": event.slug})
    assert client.get(url).status_code in {302, 403}


def test_badges_pdf_has_a_page_per_eight_people(client, event, operator, make_participant):
    people = [make_participant() for _ in range(9)]
    document = badges_document(event)
    assert len(document.pages) == 2
    client.force_login(operator)
    response = client.get(reverse("events:badges", kwargs={"slug": event.slug}))
    body = response.content
    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
    assert body.startswith(b"%PDF-")
    assert len(re.findall(rb"/Type /Page\b", body)) == 2
    code = check_in_code(people[0])
    assert participant_by_code(event=event, code=code.lower()) == people[0]
    assert participant_by_code(event=event, code=f"{people[0].pk}-ZZZZ") is None
    desk = client.get(reverse("events:desk-participants", kwargs={"slug": event.slug}), {"q": code})
    assert list(desk.context["page"]) == [people[0]]


def test_badges_are_for_organisers_only(client, event, make_participant):
    participant = make_participant()
    client.force_login(participant.user)
    response = client.get(reverse("events:badges", kwargs={"slug": event.slug}))
    assert response.status_code in {302, 403}
