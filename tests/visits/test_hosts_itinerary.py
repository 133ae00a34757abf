"""Host suggestions, invitations and answers; the itinerary, its conflicts, iCal and PDF."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from icalendar import Calendar

from samverkan.catalog.models import Sector
from samverkan.common.models import AuditLogEntry
from samverkan.visits.models import HostStatus, ItemKind, VisitStatus
from samverkan.visits.selectors import itinerary_conflicts
from samverkan.visits.services import hosts, itinerary
from samverkan.visits.services.documents import itinerary_ical, itinerary_pdf
from samverkan.visits.suggestions import (
    engine_host_suggestions,
    host_suggestions,
    simple_host_suggestions,
)
from tests.factories import MembershipFactory, OrganisationFactory
from tests.visits.factories import VisitRequestFactory, window

pytestmark = pytest.mark.django_db


def _org(name: str, **fields):
    from samverkan.catalog.text import fold

    organisation = OrganisationFactory(name=name, **fields)
    organisation.search_text = fold(f"{name} {fields.get('keywords', '')}")
    organisation.save()
    return organisation


@pytest.fixture
def planning_visit():
    return VisitRequestFactory(status=VisitStatus.PLANNING)


def test_suggestions_rank_by_sector_and_keywords_with_reasons():
    visit = VisitRequestFactory(status=VisitStatus.IN_REVIEW)
    water = visit.focus_areas.get()
    water.sectors.set(Sector.objects.filter(code="36"))
    by_sector = _org("Vatten AB", keywords="pumps")
    by_sector.sectors.set(Sector.objects.filter(code__startswith="36.0")[:1])
    by_keyword = _org("Wastewater Oy", keywords="wastewater, membranes", country="FI")
    _org("Unrelated Bakery AB", keywords="bread")

    suggestions = simple_host_suggestions(visit=visit)
    names = [s.organisation.name for s in suggestions]
    assert names == ["Vatten AB", "Wastewater Oy"]
    assert any("Works in 36" in reason for reason in suggestions[0].reasons)
    assert any("wastewater" in reason for reason in suggestions[1].reasons)
    assert by_keyword.pk not in {visit.page.organisation_id}


def test_suggestions_leave_out_invited_organisations():
    visit = VisitRequestFactory(status=VisitStatus.IN_REVIEW)
    organisation = _org("Wastewater Oy", keywords="wastewater")
    hosts.host_invite(actor=None, visit=visit, organisation=organisation)
    assert simple_host_suggestions(visit=visit) == []


@pytest.fixture
def fresh_match_index():
    from samverkan.matching.index import match_index_reset

    match_index_reset()
    yield
    match_index_reset()


def test_engine_suggests_hosts_with_reasons(fresh_match_index):
    visit = VisitRequestFactory(
        status=VisitStatus.IN_REVIEW,
        company_wishes="wastewater treatment and membrane filtration",
        purpose="Study wastewater treatment plants.",
    )
    water = _org("Wastewater Membranes AB", keywords="wastewater, membrane filtration")
    _org("Unrelated Bakery AB", keywords="bread, pastries")
    invited = _org("Invited Wastewater AB", keywords="wastewater")
    hosts.host_invite(actor=None, visit=visit, organisation=invited)

    suggestions = engine_host_suggestions(visit=visit)
    names = [s.organisation.name for s in suggestions]
    assert names[0] == water.name
    assert invited.name not in names
    assert visit.page.organisation.name not in names
    assert suggestions[0].source == "engine"
    assert suggestions[0].reasons
    assert host_suggestions(visit=visit)[0].organisation == water


def test_invite_emails_members_and_refuses_duplicates(planning_visit, mailoutbox, operator):
    member = MembershipFactory(user__language="sv").user
    host = hosts.host_invite(
        actor=operator, visit=planning_visit, organisation=member.memberships.get().organisation
    )
    assert host.status == HostStatus.INVITED
    assert mailoutbox[0].to == [member.email]
    assert "delegation" in mailoutbox[0].subject or "delegation" in mailoutbox[0].subject.lower()
    with pytest.raises(ValidationError):
        hosts.host_invite(actor=operator, visit=planning_visit, organisation=host.organisation)
    assert AuditLogEntry.objects.filter(action="visits.host.invite").count() == 1


def test_host_accepts_with_times_or_declines(planning_visit, operator):
    host = hosts.host_invite(actor=operator, visit=planning_visit, organisation=_org("Host AB"))
    with pytest.raises(ValidationError):
        hosts.host_respond(actor=operator, host=host, accept=True, windows=[])
    start, end = window()
    hosts.host_respond(actor=operator, host=host, accept=True, windows=[(start, end)])
    host.refresh_from_db()
    assert host.status == HostStatus.ACCEPTED
    assert [(w.start, w.end) for w in host.windows.all()] == [(start, end)]
    hosts.host_respond(actor=operator, host=host, accept=False, note="Busy")
    host.refresh_from_db()
    assert host.status == HostStatus.DECLINED
    assert host.windows.count() == 0


def test_conflicts_overlap_and_outside_availability(planning_visit, operator):
    host = hosts.host_invite(actor=operator, visit=planning_visit, organisation=_org("Host AB"))
    start, end = window(hour=9, hours=2)
    hosts.host_respond(actor=operator, host=host, accept=True, windows=[(start, end)])
    inside = itinerary.itinerary_item_add(
        actor=operator,
        visit=planning_visit,
        kind=ItemKind.SITE_VISIT,
        title="Site visit",
        start=start,
        end=start + timedelta(hours=1),
        host=host,
    )
    assert itinerary_conflicts(items=[inside]) == []
    lunch = itinerary.itinerary_item_add(
        actor=operator,
        visit=planning_visit,
        kind=ItemKind.MEAL,
        title="Lunch",
        start=start + timedelta(minutes=30),
        end=start + timedelta(hours=2),
    )
    late = itinerary.itinerary_item_add(
        actor=operator,
        visit=planning_visit,
        kind=ItemKind.MEETING,
        title="Late meeting",
        start=end + timedelta(hours=1),
        end=end + timedelta(hours=2),
        host=host,
    )
    conflicts = itinerary_conflicts(items=list(planning_visit.itinerary.all()))
    kinds = sorted((c.kind, c.first.title) for c in conflicts)
    assert kinds == [("outside_availability", "Late meeting"), ("overlap", "Site visit")]
    assert lunch.pk and late.pk


def test_item_must_end_after_start(planning_visit, operator):
    start, _end = window()
    with pytest.raises(ValidationError):
        itinerary.itinerary_item_add(
            actor=operator,
            visit=planning_visit,
            kind=ItemKind.MEAL,
            title="Lunch",
            start=start,
            end=start,
        )
    assert planning_visit.itinerary.count() == 0


def test_itinerary_cannot_change_before_acceptance(operator):
    visit = VisitRequestFactory(status=VisitStatus.RECEIVED)
    start, end = window()
    with pytest.raises(ValidationError):
        itinerary.itinerary_item_add(
            actor=operator, visit=visit, kind=ItemKind.MEAL, title="Lunch", start=start, end=end
        )


def test_draft_places_hosts_in_their_windows_without_conflicts(planning_visit, operator):
    first = hosts.host_invite(actor=operator, visit=planning_visit, organisation=_org("A AB"))
    second = hosts.host_invite(actor=operator, visit=planning_visit, organisation=_org("B AB"))
    declined = hosts.host_invite(actor=operator, visit=planning_visit, organisation=_org("C AB"))
    start, end = window(hour=9, hours=4)
    hosts.host_respond(actor=operator, host=first, accept=True, windows=[(start, end)])
    hosts.host_respond(actor=operator, host=second, accept=True, windows=[(start, end)])
    hosts.host_respond(actor=operator, host=declined, accept=False)

    created = itinerary.itinerary_draft_from_hosts(actor=operator, visit=planning_visit)
    items = list(planning_visit.itinerary.select_related("host").prefetch_related("host__windows"))
    assert [item.kind for item in created] == ["site_visit", "transfer", "site_visit"]
    assert {item.host_id for item in items if item.host_id} == {first.pk, second.pk}
    assert itinerary_conflicts(items=items) == []
    # Running it again adds nothing: both hosts are placed.
    assert itinerary.itinerary_draft_from_hosts(actor=operator, visit=planning_visit) == []


def test_ical_and_pdf_contain_the_items(planning_visit, operator):
    start, end = window()
    itinerary.itinerary_item_add(
        actor=operator,
        visit=planning_visit,
        kind=ItemKind.SITE_VISIT,
        title="Besök hos Örnsköldsvik Vatten \N{EN DASH} 水",
        start=start,
        end=end,
        location="Örnsköldsvik",
    )
    calendar = Calendar.from_ical(itinerary_ical(visit=planning_visit))
    events = [c for c in calendar.walk() if c.name == "VEVENT"]
    assert [str(e["summary"]) for e in events] == ["Besök hos Örnsköldsvik Vatten \N{EN DASH} 水"]
    assert events[0].decoded("dtstart") == start
    pdf = itinerary_pdf(visit=planning_visit)
    assert pdf.startswith(b"%PDF")
    assert len(pdf) > 1000
