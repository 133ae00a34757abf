"""The seeds' reported results and the invented, marked activities of the programmes demo."""

from __future__ import annotations

from datetime import date

from samverkan.catalog.models import Organisation
from samverkan.programmes.demo.builders import _companies, _entry, _org
from samverkan.programmes.models import Expenditure, Questionnaire
from samverkan.programmes.services import activities as activity_services
from samverkan.programmes.services import programmes as services
from samverkan.programmes.services import surveys as survey_services


def _real_results(central_baltic, botnia, sme2go, kvarken) -> None:
    """What the seeds report, as manual entries (the evidence is the news item)."""
    for country in ("CN", "KR", "BW"):
        note = f"SME2GO final conference news (June 2018): new business opportunities ({country})"
        for code in ("opportunities", "opportunities-outside"):
            _entry(
                central_baltic,
                code,
                sme2go,
                note=note,
                value=1,
                country=country,
                reported_on=date(2018, 6, 19),
            )
    note = (
        "Cleantech Kvarken showcase news: 200 companies in the joint catalogue, fairs, "
        "matchmaking and business meetings"
    )
    for code in ("smes", "organisations"):
        _entry(botnia, code, kvarken, value=200, reported_on=date(2018, 12, 31), note=note)
    _entry(
        botnia,
        "would-continue",
        kvarken,
        value=97,
        reported_on=date(2018, 12, 31),
        note="97 % of the participating companies want to continue the cooperation",
    )


def _invented_work(botnia, kvarken) -> None:
    """A matchmaking event and a delegation visit for Cleantech Kvarken (invented, marked)."""
    kvarken.activities.filter(is_invented=True).delete()
    kvarken.outcomes.filter(is_invented=True).delete()
    Expenditure.objects.filter(project=kvarken, is_invented=True).delete()
    swedish, finnish = _companies("SE", 6), _companies("FI", 6)
    demo_sme = Organisation.objects.filter(slug__startswith="norrsken-sensorteknik").first()
    if demo_sme:
        swedish = [demo_sme, *swedish[:5]]
    event = activity_services.activity_create(
        actor=None,
        project=kvarken,
        kind="matchmaking",
        title="Cleantech Kvarken matchmaking day, Vaasa (invented demo record)",
        starts_on=date(2017, 3, 15),
        location="Vaasa",
        country="FI",
        participants=[*swedish, *finnish, _org("north-sweden-cleantech")],
        is_invented=True,
    )
    for index, (a, b) in enumerate(zip(swedish, finnish, strict=False)):
        activity_services.meeting_record(
            actor=None, activity=event, organisation_a=a, organisation_b=b
        )
        if index % 2 == 0 and index + 1 < len(finnish):
            activity_services.meeting_record(
                actor=None, activity=event, organisation_a=a, organisation_b=finnish[index + 1]
            )
    visit = activity_services.activity_create(
        actor=None,
        project=kvarken,
        kind="visit",
        title="Delegation visit to Umeå energy companies (invented demo record)",
        starts_on=date(2017, 10, 4),
        location="Umeå",
        country="SE",
        participants=[*finnish[:3], _org("umea-energi")],
        is_invented=True,
    )
    if finnish:
        activity_services.outcome_record(
            actor=None,
            project=kvarken,
            organisation=finnish[0],
            kind="opportunity",
            happened_on=date(2017, 11, 20),
            country="SE",
            activity=visit,
            is_invented=True,
            description="Pilot installation discussed with a Swedish energy company",
        )
    if swedish:
        activity_services.outcome_record(
            actor=None,
            project=kvarken,
            organisation=swedish[0],
            kind="contract",
            happened_on=date(2018, 2, 1),
            country="NO",
            amount="450000",
            currency="SEK",
            activity=event,
            is_invented=True,
            description="Delivery contract (invented)",
        )
        activity_services.activity_create(
            actor=None,
            project=kvarken,
            kind="advice",
            title="Export advice (invented demo record)",
            topic="Export to Norway",
            hours="6",
            starts_on=date(2017, 5, 10),
            participants=[swedish[0]],
            is_invented=True,
        )
    _link_events_and_visits(kvarken)
    for day, amount in ((date(2016, 6, 30), "180000"), (date(2017, 6, 30), "240000")):
        services.expenditure_add(
            actor=None,
            project=kvarken,
            spent_on=day,
            amount=amount,
            currency="EUR",
            description="Reported costs (invented)",
            is_invented=True,
        )
    if not Questionnaire.objects.filter(programme=botnia, name="Six-month follow-up").exists():
        survey_services.questionnaire_create(
            actor=None,
            programme=botnia,
            name="Six-month follow-up",
            introduction="What came out of your participation?",
            questions=[
                (
                    "Have you signed a contract thanks to the project?",
                    "yes_no",
                    "contract_signed",
                    True,
                ),
                ("In which country is the customer?", "country", "contract_country", False),
                ("What is the contract worth?", "money", "contract_value", False),
                ("Did you find a new business opportunity?", "yes_no", "opportunity", False),
                ("In which country?", "country", "opportunity_country", False),
                ("How many jobs has this created?", "number", "jobs_created", False),
                ("Would you continue the cooperation?", "yes_no", "would_continue", True),
                ("How satisfied are you (1-5)?", "scale", "satisfaction", False),
            ],
        )


def _link_events_and_visits(kvarken) -> None:
    """Link the events app's Cleantech Kvarken matchmaking event and the visits app's completed
    demo visit to the project, so their meetings, feedback and results feed its indicators."""
    from samverkan.events.models import Event
    from samverkan.visits.models import VisitRequest

    event = Event.objects.filter(slug="cleantech-kvarken-matchmaking-2027").first()
    if event is not None:
        activity_services.activity_create(
            actor=None,
            project=kvarken,
            kind="matchmaking",
            title=f"{event.name} (events app; linked for the demo)",
            starts_on=event.start_date,
            ends_on=event.end_date,
            event=event,
            is_invented=True,
        )
    visit = VisitRequest.objects.filter(reference="VR-DEMO02").first()
    if visit is not None:
        activity_services.activity_create(
            actor=None,
            project=kvarken,
            kind="visit",
            title=f"Visit {visit.reference} (visits app; linked for the demo)",
            starts_on=visit.created_at.date(),
            visit=visit,
            is_invented=True,
        )
