"""Delegation members registered as participants of a B2B event during the visit."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from samverkan.accounts.models import Membership, User
from samverkan.catalog.models import Organisation
from samverkan.common.models import AuditLogEntry
from samverkan.events.models import Participant as EventParticipant
from samverkan.events.models import ParticipantStatus
from samverkan.events.services import setup
from samverkan.visits import selectors
from samverkan.visits.event_models import DelegationOrganisation, DelegationRegistration
from samverkan.visits.models import Participant, PreferredDateRange, VisitStatus
from samverkan.visits.services.delegation import delegation_register_at_event
from samverkan.visits.services.retention import visit_request_anonymise
from tests.factories import MembershipFactory, OrganisationFactory
from tests.visits.factories import VisitRequestFactory

pytestmark = pytest.mark.django_db
DAY = dt.date(2030, 5, 14)


def make_event(operator, name, day, *, days=1, organiser=None, opened=True):
    event = setup.event_create(
        actor=operator,
        organiser=organiser or OrganisationFactory(name="Kvarken Cluster", kind="cluster"),
        name=name,
        venue="Umeå",
        time_zone="Europe/Stockholm",
        start_date=day,
        end_date=day + dt.timedelta(days=days - 1),
    )
    setup.session_create(
        actor=operator,
        event=event,
        date=day,
        start_time=dt.time(9, 0),
        end_time=dt.time(10, 0),
        meeting_minutes=15,
        break_minutes=5,
    )
    setup.tables_create(actor=operator, event=event, count=2)
    if opened:
        setup.event_open(actor=operator, event=event)
    return event


@pytest.fixture
def event(operator):
    return make_event(operator, "Cleantech Kvarken Matchmaking", DAY, days=2)


@pytest.fixture
def visit():
    visit = VisitRequestFactory(status=VisitStatus.PLANNING, reference="VR-DELEG1")
    PreferredDateRange.objects.create(request=visit, start=DAY, end=DAY + dt.timedelta(days=2))
    rows = [
        ("Ana Exemplo", "Exemplo S.A.", "BR", "ana@example.org"),
        ("Bruno Teste", "Exemplo S.A.", "", "bruno@example.org"),
        ("Carla Lima", "Instituto Água", "BR", "carla@example.org"),
        ("Dino Sem", "Exemplo S.A.", "BR", ""),
    ]
    for position, (name, organisation, country, email) in enumerate(rows, start=1):
        Participant.objects.create(
            request=visit,
            position=position,
            name=name,
            organisation=organisation,
            country=country,
            email=email,
        )
    return visit


def members(visit, *positions):
    return list(visit.participants.filter(position__in=positions).order_by("position"))


def test_registers_members_under_their_delegation_organisations(operator, visit, event):
    result = delegation_register_at_event(
        actor=operator, visit=visit, event=event, members=members(visit, 1, 2, 3)
    )

    assert result.skipped == []
    assert [r.member.name for r in result.registered] == [
        "Ana Exemplo",
        "Bruno Teste",
        "Carla Lima",
    ]
    registered = EventParticipant.objects.filter(event=event).order_by("user__email")
    assert [(p.user.email, p.organisation.name, p.status) for p in registered] == [
        ("ana@example.org", "Exemplo S.A.", ParticipantStatus.REGISTERED),
        ("bruno@example.org", "Exemplo S.A.", ParticipantStatus.REGISTERED),
        ("carla@example.org", "Instituto Água", ParticipantStatus.REGISTERED),
    ]
    exemplo = Organisation.objects.get(name="Exemplo S.A.")
    assert (exemplo.country, exemplo.visibility, exemplo.kind) == ("BR", "private", "other")
    assert "VR-DELEG1" in exemplo.text_in("en").description
    assert DelegationOrganisation.objects.get(organisation=exemplo).first_request == visit
    ana = User.objects.get(email="ana@example.org")
    assert (ana.full_name, ana.language, ana.is_active) == ("Ana Exemplo", "en", True)
    assert ana.has_usable_password()  # random and unknown, so "forgot password" works
    assert Membership.objects.filter(user=ana, organisation=exemplo, role="member").exists()
    assert registered[0].need.startswith("Water and wastewater")
    entry = AuditLogEntry.objects.get(action="visits.delegation.register")
    assert entry.data == {"event": event.slug, "registered": [1, 2, 3], "skipped": 0}
    assert selectors.delegation_registrations(visit=visit) == {
        m.pk: [event] for m in members(visit, 1, 2, 3)
    }


def test_already_registered_people_are_skipped_and_organisations_reused(operator, visit, event):
    delegation_register_at_event(
        actor=operator, visit=visit, event=event, members=members(visit, 1)
    )
    other = VisitRequestFactory(status=VisitStatus.ACCEPTED)
    Participant.objects.create(
        request=other,
        position=1,
        name="Eva",
        organisation="exemplo  s.a.",
        country="BR",
        email="eva@example.org",
    )

    result = delegation_register_at_event(
        actor=operator, visit=visit, event=event, members=members(visit, 1, 2)
    )
    delegation_register_at_event(
        actor=operator, visit=other, event=event, members=list(other.participants.all())
    )

    assert result.skipped == ["Ana Exemplo is already registered at Cleantech Kvarken Matchmaking."]
    assert [r.member.name for r in result.registered] == ["Bruno Teste"]
    assert Organisation.objects.filter(name__iexact="Exemplo S.A.").count() == 1
    assert EventParticipant.objects.filter(event=event).count() == 3


def test_existing_account_is_reused(operator, visit, event):
    company = OrganisationFactory()
    carla = MembershipFactory(organisation=company, user__email="carla@example.org").user

    delegation_register_at_event(
        actor=operator, visit=visit, event=event, members=members(visit, 3)
    )

    participant = EventParticipant.objects.get(event=event)
    assert participant.user == carla
    assert participant.organisation.name == "Instituto Água"
    assert set(carla.memberships.values_list("organisation__name", flat=True)) == {
        company.name,
        "Instituto Água",
    }


@pytest.mark.parametrize(
    ("positions", "status", "message"),
    [
        ((1, 4), VisitStatus.PLANNING, "An e-mail address is needed to register Dino Sem"),
        ((), VisitStatus.PLANNING, "Choose at least one member of the delegation."),
        ((1,), VisitStatus.RECEIVED, "once the visit is accepted"),
    ],
)
def test_refusals_change_nothing(operator, visit, event, positions, status, message):
    visit.status = status
    visit.save()
    before = (User.objects.count(), Organisation.objects.count(), AuditLogEntry.objects.count())

    with pytest.raises(ValidationError, match=message):
        delegation_register_at_event(
            actor=operator, visit=visit, event=event, members=members(visit, *positions)
        )

    assert EventParticipant.objects.count() == 0
    assert DelegationRegistration.objects.count() == 0
    after = (User.objects.count(), Organisation.objects.count(), AuditLogEntry.objects.count())
    assert after == before


def test_a_closed_event_is_refused(operator, visit, event):
    event.status = "closed"
    event.save()
    with pytest.raises(ValidationError, match="open and not over"):
        delegation_register_at_event(
            actor=operator, visit=visit, event=event, members=members(visit, 1)
        )
    assert User.objects.filter(email="ana@example.org").exists() is False


def test_a_duplicate_email_rolls_back_the_members_before_it(operator, visit, event):
    Participant.objects.filter(position=3).update(email="ANA@example.org")

    with pytest.raises(ValidationError, match="shares an e-mail address"):
        delegation_register_at_event(
            actor=operator, visit=visit, event=event, members=members(visit, 1, 2, 3)
        )

    assert User.objects.filter(email__in=["ana@example.org", "bruno@example.org"]).count() == 0
    assert not DelegationOrganisation.objects.exists()


def test_event_choices_put_the_events_on_the_visit_dates_first(operator, visit, event):
    make_event(
        operator, "Autumn matchmaking", DAY + dt.timedelta(days=100), organiser=event.organiser
    )
    make_event(operator, "Draft event", DAY, organiser=event.organiser, opened=False)

    choices = selectors.delegation_event_choices(visit=visit, today=dt.date(2030, 1, 1))

    assert [(e.name, e.coincides) for e in choices] == [
        ("Cleantech Kvarken Matchmaking", True),
        ("Autumn matchmaking", False),
    ]


def test_anonymisation_removes_the_links_but_not_the_event_participants(operator, visit, event):
    delegation_register_at_event(
        actor=operator, visit=visit, event=event, members=members(visit, 1)
    )
    visit.status = VisitStatus.COMPLETED
    visit.save()

    visit_request_anonymise(visit=visit)

    assert DelegationRegistration.objects.count() == 0
    assert EventParticipant.objects.filter(event=event).count() == 1


def test_operator_registers_members_from_the_request_page(client, operator, user, visit, event):
    url = reverse("visits:delegation-register", args=[visit.pk])
    data = {"event": event.pk, "members": [m.pk for m in members(visit, 1, 3)]}
    client.force_login(user)
    assert client.post(url, data).status_code == 403
    client.force_login(operator)

    page = client.get(reverse("visits:request-detail", args=[visit.pk]))
    assert [e.pk for e in page.context["delegation_events"]] == [event.pk]
    assert [m.position for m in page.context["delegation_form"].fields["members"].queryset] == [
        1,
        2,
        3,
    ]
    response = client.post(url, data, follow=True)

    assert response.redirect_chain[-1][0].endswith(f"/visits/requests/{visit.pk}/#delegation")
    assert "2 members of the delegation were registered at Cleantech Kvarken Matchmaking." in (
        response.content.decode()
    )
    rows = {m.position: events for m, events in response.context["delegation_members"]}
    assert rows == {1: [event], 2: [], 3: [event], 4: []}
    assert EventParticipant.objects.filter(event=event).count() == 2


def test_a_member_without_email_cannot_be_posted(client, operator, visit, event):
    client.force_login(operator)
    dino = members(visit, 4)[0]
    response = client.post(
        reverse("visits:delegation-register", args=[visit.pk]),
        {"event": event.pk, "members": [dino.pk]},
        follow=True,
    )
    assert "Select a valid choice" in response.content.decode()
    assert EventParticipant.objects.count() == 0


def test_api_lists_and_registers_the_delegation(client, operator, user, visit, event):
    from samverkan.accounts.services import api_token_create

    def auth(who):
        return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=who, name='t')[1]}"}

    url = f"/api/v1/visit-requests/{visit.pk}/delegation"
    payload = {"event_id": event.pk, "member_ids": [m.pk for m in members(visit, 1, 2)]}
    refused = client.post(
        f"{url}/registrations", payload, content_type="application/json", **auth(user)
    )
    assert refused.status_code == 403
    headers = auth(operator)
    bad = client.post(
        f"{url}/registrations",
        {"event_id": event.pk, "member_ids": [m.pk for m in members(visit, 1, 4)]},
        content_type="application/json",
        **headers,
    )
    assert bad.status_code == 422
    assert EventParticipant.objects.count() == 0

    created = client.post(
        f"{url}/registrations", payload, content_type="application/json", **headers
    )
    again = client.post(f"{url}/registrations", payload, content_type="application/json", **headers)
    listing = client.get(url, **headers).json()

    assert created.status_code == 201
    assert created.json() == {"registered": payload["member_ids"], "skipped": []}
    assert again.json()["registered"] == []
    assert len(again.json()["skipped"]) == 2
    assert [
        (m["position"], m["has_email"], [e["slug"] for e in m["events"]])
        for m in listing["members"]
    ] == [
        (1, True, [event.slug]),
        (2, True, [event.slug]),
        (3, True, []),
        (4, False, []),
    ]
    assert [(e["slug"], e["coincides"]) for e in listing["open_events"]] == [(event.slug, True)]
