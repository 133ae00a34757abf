"""Demo data: the Cleantech Kvarken "Book a visit" page (from seed 004) and two INVENTED
visit requests. The delegations, people and e-mail addresses are invented (example.org) and
flagged `is_demo`; the organisations named as hosts are the seeds' real ones.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone

from samverkan.catalog.models import Organisation, Sector
from samverkan.visits.models import (
    BookingGoal,
    BookingPage,
    BusinessOpportunity,
    FocusArea,
    HostAvailability,
    HostInvitation,
    HostStatus,
    ItemKind,
    ItineraryItem,
    Participant,
    PreferredDateRange,
    VisitOutcome,
    VisitRequest,
    VisitStatus,
)

GOALS = [
    (
        "business-meetings",
        {"en": "Business meetings", "sv": "Affärsmöten", "fi": "Liiketapaamiset"},
    ),
    ("study-visit", {"en": "Study visit", "sv": "Studiebesök", "fi": "Opintomatka"}),
    ("investment", {"en": "Investment", "sv": "Investeringar", "fi": "Investoinnit"}),
    (
        "research",
        {"en": "Research collaboration", "sv": "Forskningssamarbete", "fi": "Tutkimusyhteistyö"},
    ),
    ("other", {"en": "Other", "sv": "Annat", "fi": "Muu"}),
]
FOCUS_AREAS = [
    (
        "energy",
        {"en": "Renewable energy", "sv": "Förnybar energi", "fi": "Uusiutuva energia"},
        "energy, wind, solar, bioenergy, district heating",
        ["35.1", "35.3"],
    ),
    (
        "water",
        {"en": "Water and wastewater", "sv": "Vatten och avlopp", "fi": "Vesi ja jätevesi"},
        "water, wastewater, sewage",
        ["36", "37"],
    ),
    (
        "circular",
        {
            "en": "Waste and circular economy",
            "sv": "Avfall och cirkulär ekonomi",
            "fi": "Jätehuolto ja kiertotalous",
        },
        "recycling, waste, circular",
        ["38"],
    ),
    (
        "smart-city",
        {
            "en": "Smart and sustainable cities",
            "sv": "Smarta och hållbara städer",
            "fi": "Älykkäät ja kestävät kaupungit",
        },
        "smart city, buildings, mobility",
        ["71"],
    ),
    (
        "research",
        {
            "en": "Research and innovation",
            "sv": "Forskning och innovation",
            "fi": "Tutkimus ja innovaatiot",
        },
        "research, innovation, university",
        ["72"],
    ),
]


def _page() -> BookingPage:
    owner = Organisation.objects.get(slug="north-sweden-cleantech")
    page, _created = BookingPage.objects.update_or_create(
        slug="cleantech-kvarken",
        defaults={
            "organisation": owner,
            "titles": {
                "en": "Cleantech Kvarken — North Sweden Cleantech",
                "sv": "Cleantech Kvarken — North Sweden Cleantech",
                "fi": "Cleantech Kvarken — North Sweden Cleantech",
            },
            "intros": {
                "en": "Visit cleantech companies, energy and water utilities, cities and "
                "universities around Umeå, Vaasa and Örnsköldsvik.",
                "sv": "Besök cleantechföretag, energi- och VA-bolag, städer och universitet "
                "kring Umeå, Vasa och Örnsköldsvik.",
            },
            "privacy_notice_version": "2026-1",
            "languages": ["en", "sv", "fi"],
            "time_zone": "Europe/Stockholm",
            "is_active": True,
        },
    )
    for position, (code, labels) in enumerate(GOALS):
        BookingGoal.objects.update_or_create(
            page=page, code=code, defaults={"labels": labels, "position": position}
        )
    for position, (code, labels, keywords, sectors) in enumerate(FOCUS_AREAS):
        area, _created = FocusArea.objects.update_or_create(
            page=page,
            code=code,
            defaults={"labels": labels, "keywords": keywords, "position": position},
        )
        area.sectors.set(Sector.objects.filter(code__in=sectors))
    return page


def _brazil(page: BookingPage) -> None:
    """An invented delegation from Brazil, waiting for review."""
    if VisitRequest.objects.filter(reference="VR-DEMO01").exists():
        return
    now = timezone.now()
    visit = VisitRequest.objects.create(
        page=page,
        reference="VR-DEMO01",
        status=VisitStatus.IN_REVIEW,
        language="en",
        goal=page.goals.get(code="business-meetings"),
        purpose="INVENTED DEMO: a delegation of energy companies from Santa Catarina, Brazil, "
        "wants to learn how Nordic utilities integrate wind power and district heating.",
        focus_explanation="Wind power integration, district heating, biomass.",
        wants_company_meetings=True,
        company_wishes="Companies supplying wind power, bioenergy and district heating technology.",
        expected_participants=3,
        organiser_name="Ana Exemplo (invented)",
        organiser_email="ana.exemplo@example.org",
        organiser_message="Invented demo request.",
        costs_acknowledged_at=now,
        privacy_consent_at=now,
        privacy_notice_version=page.privacy_notice_version,
        participant_countries={"BR": 3},
        is_demo=True,
    )
    visit.focus_areas.set(page.focus_areas.filter(code__in=["energy", "research"]))
    start = timezone.localdate() + timedelta(days=60)
    PreferredDateRange.objects.create(request=visit, start=start, end=start + timedelta(days=3))
    for position, (name, title) in enumerate(
        [
            ("Ana Exemplo (invented)", "Director"),
            ("Bruno Fictício (invented)", "Engineer"),
            ("Carla Inventada (invented)", "Analyst"),
        ],
        start=1,
    ):
        Participant.objects.create(
            request=visit,
            position=position,
            name=name,
            organisation="Invented Energia S.A.",
            title=title,
            country="BR",
        )


def _korea(page: BookingPage) -> None:
    """An invented, completed study visit from South Korea with its results."""
    if VisitRequest.objects.filter(reference="VR-DEMO02").exists():
        return
    now = timezone.now()
    visit = VisitRequest.objects.create(
        page=page,
        reference="VR-DEMO02",
        status=VisitStatus.COMPLETED,
        language="en",
        goal=page.goals.get(code="study-visit"),
        purpose="INVENTED DEMO: a study visit on water treatment by a regional agency.",
        wants_company_meetings=True,
        company_wishes="Water treatment technology suppliers.",
        expected_participants=2,
        organiser_name="Min-jun Sample (invented)",
        organiser_email="minjun.sample@example.org",
        costs_acknowledged_at=now - timedelta(days=90),
        privacy_consent_at=now - timedelta(days=90),
        privacy_notice_version=page.privacy_notice_version,
        participant_countries={"KR": 2},
        closed_at=now - timedelta(days=10),
        is_demo=True,
    )
    visit.focus_areas.set(page.focus_areas.filter(code="water"))
    day = timezone.localdate() - timedelta(days=20)
    PreferredDateRange.objects.create(request=visit, start=day, end=day)
    host_org = Organisation.objects.filter(slug="umea-energi").first()
    host = None
    tz = timezone.get_default_timezone()
    if host_org is not None:
        host = HostInvitation.objects.create(
            request=visit, organisation=host_org, status=HostStatus.ACCEPTED, responded_at=now
        )
        HostAvailability.objects.create(
            host=host,
            start=datetime.combine(day, time(9), tz),
            end=datetime.combine(day, time(12), tz),
        )
    ItineraryItem.objects.create(
        request=visit,
        kind=ItemKind.SITE_VISIT,
        title="Site visit (invented demo)",
        start=datetime.combine(day, time(9, 30), tz),
        end=datetime.combine(day, time(11), tz),
        host=host,
    )
    ItineraryItem.objects.create(
        request=visit,
        kind=ItemKind.MEAL,
        title="Lunch",
        start=datetime.combine(day, time(11, 30), tz),
        end=datetime.combine(day, time(12, 30), tz),
    )
    VisitOutcome.objects.create(request=visit, meetings_held=3, leads=2, notes="Invented.")
    BusinessOpportunity.objects.create(request=visit, country="KR", count=1)


def load_demo_data(*, password: str, stdout) -> None:
    page = _page()
    _brazil(page)
    _korea(page)
    stdout.write("  1 booking page (/visits/book/cleantech-kvarken/), 2 invented visit requests")
