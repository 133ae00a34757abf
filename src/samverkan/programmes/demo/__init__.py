"""Demo data: the seeds' programmes and projects with their real figures, partners and funders.

Real: programme and project names, periods, partners, funders and every amount or result the
seed news items state (2.2 M EUR and 14.5 MSEK for ICT Meta Cluster; 14.1 MSEK = 4.3 + 9.7 MSEK
for SPIN; 60 % ERDF and seven co-funders, 200 companies and 97 % for Cleantech Kvarken;
opportunities in China, South Korea and Botswana for SME2GO). Invented and marked so: the
indicator targets, the activities with their meetings, outcomes and spending (`is_invented`),
and the exchange rates are approximate ECB annual averages entered as an operator would.
No people from the seeds are copied.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from samverkan.programmes.demo.activities import _invented_work, _real_results
from samverkan.programmes.demo.builders import (
    RATES,
    STANDARD_INDICATORS,
    _contributions,
    _fund,
    _indicators,
    _org,
    _programme,
    _project,
)
from samverkan.programmes.models import ExchangeRate, Fund, Priority, Project, Source
from samverkan.programmes.services import activities as activity_services
from samverkan.programmes.services import programmes as services


def load_demo_data(*, password: str, stdout) -> None:
    with transaction.atomic():
        _load(stdout)


def _load(stdout) -> None:
    for valid_from, rate in RATES:
        ExchangeRate.objects.update_or_create(
            source="EUR",
            target="SEK",
            valid_from=valid_from,
            defaults={"rate": rate, "note": "ECB annual average, rounded (demo)"},
        )
    tillvaxtverket = _org("tillvaxtverket")

    # --- Interreg Central Baltic 2014-2020: ICT Meta Cluster (seed 000), SME2GO (seed 001)
    central_baltic = _programme(
        "Interreg Central Baltic 2014-2020",
        "interreg-central-baltic-2014-2020",
        2014,
        2020,
        "EUR",
        "Cross-border cooperation between Finland, Estonia, Latvia and Sweden.",
    )
    cb_erdf = _fund(central_baltic, "European Regional Development Fund", Fund.Kind.ERDF)
    Priority.objects.update_or_create(
        programme=central_baltic,
        code="1",
        defaults={"name": "Competitive economy", "kind": Priority.Kind.PRIORITY},
    )
    ict = _project(
        central_baltic,
        "ict-meta-cluster",
        name="Central Baltic ICT Meta Cluster",
        acronym="ICT Meta Cluster",
        start_date=date(2015, 9, 1),
        end_date=date(2018, 8, 31),
        status=Project.Status.CLOSED,
        budget_amount="2200000",
        budget_currency="EUR",
        description=(
            "One of 23 projects selected out of nearly 200 applicants. Helps ICT SMEs in the "
            "Hudiksvall, Gävle and Sundsvall region with export services, technical questions, "
            "business development and cooperation, aiming at business contracts outside the "
            "EU and EFTA. 2.2 M EUR over three countries including support from Region "
            "Gävleborg; 14.5 MSEK of the budget goes to the Gävleborg region (the split "
            "between the Swedish partners is not published, so it is recorded on the lead "
            "partner). Dates: a three-year period from autumn 2015; exact days not published."
        ),
        target_groups="SMEs with an ICT component and a will to export outside EU and EFTA",
        target_markets=["BR", "CA", "US", "JP", "CN"],
    )
    services.partner_set(
        actor=None,
        project=ict,
        organisation=_org("fiber-optic-valley"),
        role="LP",
        budget_amount="14500000",
        budget_currency="SEK",
    )
    for slug in ("acreo-swedish-ict", "estonia-ict-cluster", "latvia-it-cluster"):
        services.partner_set(actor=None, project=ict, organisation=_org(slug), role="PP")
    _contributions(
        ict,
        [
            {"fund": cb_erdf, "currency": "EUR", "note": "amount not published"},
            {"funder": _org("region-gavleborg"), "currency": "SEK", "note": "amount not published"},
        ],
    )
    sme2go = _project(
        central_baltic,
        "sme2go",
        name="SME2GO",
        acronym="SME2GO",
        start_date=date(2015, 1, 1),
        end_date=date(2018, 6, 30),
        status=Project.Status.CLOSED,
        description=(
            "Helps companies and company groups with smart-city solutions reach new markets: "
            "matchmaking, expert advice and delegation visits. Results reported at the final "
            "conference in Tartu: new business opportunities in China, South Korea and "
            "Botswana. Run with three Baltic partners (not named in the source). Dates: "
            "2015-2018; exact days not published."
        ),
        target_groups="Nordic and Baltic SMEs with innovative smart-city solutions",
        target_markets=["CN", "KR", "BW"],
    )
    for slug in ("vasteras-science-park", "swedish-incubators-science-parks"):
        services.partner_set(actor=None, project=sme2go, organisation=_org(slug), role="PP")
    _contributions(sme2go, [{"fund": cb_erdf, "currency": "EUR", "note": "amount not published"}])
    _indicators(central_baltic, "EUR")

    # --- Structural funds Övre Norrland: SPIN (seed 003)
    ovre_norrland = _programme(
        "Regional fund programme Övre Norrland 2014-2020",
        "regional-fund-ovre-norrland-2014-2020",
        2014,
        2020,
        "SEK",
        "ERDF regional programme; the structural fund partnership granted 22 projects about "
        "142 MSEK in June 2018.",
        managing=tillvaxtverket,
    )
    _fund(ovre_norrland, "European Regional Development Fund (via Tillväxtverket)", Fund.Kind.ERDF)
    spin = _project(
        ovre_norrland,
        "spin",
        name="SamverkansPlattform för IT-innovation i Norr",
        acronym="SPIN",
        start_date=date(2016, 1, 1),
        end_date=date(2019, 12, 31),
        status=Project.Status.CLOSED,
        budget_amount="14100000",
        budget_currency="SEK",
        description=(
            "Strengthens the region's ability to use the digital transformation: the IT "
            "departments of Umeå universitet with the region's IT companies, Region "
            "Västerbotten and municipalities. Grant 14.1 MSEK: 4.3 MSEK from Region "
            "Västerbotten and 9.7 MSEK from Tillväxtverket (the two parts add up to 14.0 MSEK; "
            "the published total is 14.1). Period 2016-2019 as published."
        ),
        target_groups="Regional IT companies and SMEs interested in digitalisation",
    )
    for slug in ("umea-universitet", "region-vasterbotten"):
        services.partner_set(actor=None, project=spin, organisation=_org(slug), role="PP")
    _contributions(
        spin,
        [
            {"funder": _org("region-vasterbotten"), "amount": "4300000", "currency": "SEK"},
            {"funder": tillvaxtverket, "amount": "9700000", "currency": "SEK"},
        ],
    )
    _indicators(ovre_norrland, "SEK")

    # --- Interreg Botnia-Atlantica 2014-2020: Cleantech Kvarken (seed 004) and its follow-up
    botnia = _programme(
        "Interreg Botnia-Atlantica 2014-2020",
        "interreg-botnia-atlantica-2014-2020",
        2014,
        2020,
        "EUR",
        "Cross-border cooperation between Sweden, Finland and Norway.",
    )
    ba_erdf = _fund(botnia, "European Regional Development Fund", Fund.Kind.ERDF)
    kvarken = _project(
        botnia,
        "cleantech-kvarken",
        name="Cleantech Kvarken",
        acronym="Cleantech Kvarken",
        start_date=date(2015, 1, 1),
        end_date=date(2018, 12, 31),
        status=Project.Status.CLOSED,
        description=(
            "Meeting places and cooperation platforms for cleantech companies, energy and "
            "water companies, cities and municipalities in the Kvarken region (Umeå, Vaasa, "
            "Örnsköldsvik). 200 companies in a joint company catalogue, at fairs, matchmaking "
            "and business meetings; 97 % of the participating companies want to continue. "
            "60 % financed by the ERDF. Chosen as one of three showcase projects of the "
            "programme. Dates: 2015-2018; exact days not published."
        ),
        target_groups="Cleantech companies in the Kvarken region",
        target_markets=["SE", "FI"],
    )
    services.partner_set(
        actor=None, project=kvarken, organisation=_org("north-sweden-cleantech"), role="LP"
    )
    co_funders = [
        "region-vasterbotten",
        "umea-kommun",
        "umea-energi",
        "ornskoldsviks-kommun",
        "osterbottens-forbund",
        "vasaregionens-utveckling-ab-vasek",
        "vasa-stad",
    ]
    _contributions(
        kvarken,
        [
            {"fund": ba_erdf, "share": "60", "currency": "EUR"},
            *(
                {"funder": _org(slug), "currency": "EUR", "note": "amount not published"}
                for slug in co_funders
            ),
        ],
    )
    future = _project(
        botnia,
        "future-cleantech-solutions",
        name="Future Cleantech Solutions",
        acronym="Future Cleantech Solutions",
        start_date=date(2019, 1, 1),
        end_date=date(2021, 12, 31),
        status=Project.Status.RUNNING,
        follow_up_of=kvarken,
        description=(
            "Follow-up of Cleantech Kvarken with partners in Skellefteå and Karleby: SMEs use "
            "the business opportunities of new establishments and investments on both sides "
            "of Kvarken. Dates are placeholders: the source gives none."
        ),
    )
    for slug in ("north-sweden-cleantech", "skelleftea-kommun", "karleby-stad"):
        services.partner_set(actor=None, project=future, organisation=_org(slug), role="PP")
    _indicators(botnia, "EUR")

    # --- S3-piloten (seed 002): the national cluster programme; its clusters come via calls.
    s3 = _programme(
        "Tillväxtverket cluster programme (S3-piloten)",
        "tillvaxtverket-s3-piloten",
        2018,
        2020,
        "SEK",
        "22 clusters selected out of about 40 applications for the S3 pilot platform: "
        "training, network meetings, international contacts and financial support.",
        managing=tillvaxtverket,
    )

    _s3_platform(s3, tillvaxtverket)
    _real_results(central_baltic, botnia, sme2go, kvarken)
    _invented_work(botnia, kvarken)
    stdout.write("  4 programmes, 6 projects with the seeds' figures; invented activities marked")


def _s3_platform(s3, tillvaxtverket) -> None:
    """The calls app's S3-piloten cohort (selected clusters, offerings) counts for the
    programme's indicators through a project that supports the cohort."""
    from samverkan.calls.selectors import cohort_list

    platform = _project(
        s3,
        "s3-piloten-platform",
        name="S3 pilot platform for clusters",
        acronym="S3-piloten",
        start_date=date(2018, 1, 1),
        end_date=date(2020, 12, 31),
        status=Project.Status.CLOSED,
        description=(
            "Tillväxtverket's support to the clusters selected in the S3-piloten call: "
            "training, network meetings, international contacts and financial support."
        ),
        target_groups="Cluster organisations and their SMEs",
    )
    services.partner_set(actor=None, project=platform, organisation=tillvaxtverket, role="LP")
    platform.cohorts.set(cohort_list().filter(name="S3-piloten cohort"))
    _indicators(s3, "SEK")
    activity_services.indicator_define(
        actor=None,
        programme=s3,
        code="cohort-offerings",
        name="Offerings to the selected clusters",
        unit="offerings",
        source=Source.COHORT_OFFERINGS,
        target="4",
        order=len(STANDARD_INDICATORS) + 1,
    )
