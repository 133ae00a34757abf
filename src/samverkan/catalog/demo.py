"""Real public organisations named in the seed news items, plus one invented demo company.

Only organisations: the seeds' people are not copied. `nuts3` is the NUTS 2024 region (Finnish and
Latvian codes updated from NUTS 2021).
Then the 200 INVENTED companies of demo_data/ are imported through the import service and the
public catalogue "Cleantech Kvarken companies" is published in Swedish and Finnish.
"""

from __future__ import annotations

import csv
from pathlib import Path

from django.utils.text import slugify

from samverkan.accounts.models import MembershipRole, User
from samverkan.accounts.services import membership_set
from samverkan.catalog import services
from samverkan.catalog.imports import import_check, import_commit, import_job_create
from samverkan.catalog.models import ImportJob, Organisation
from samverkan.catalog.reference import reference_data_load
from samverkan.catalog.services import organisation_reindex

DEMO_FILE = Path(__file__).parent / "demo_data" / "cleantech_kvarken_companies.csv"
KVARKEN_SLUGS = {"north-sweden-cleantech", "umea-energi"}

C, CL, SP, U, P = "company", "cluster", "science_park", "university", "public_authority"
OTHER = "other"

SEED_ORGANISATIONS: list[dict] = [
    # 000 Central Baltic ICT Meta Cluster
    {
        "name": "Fiber Optic Valley",
        "kind": CL,
        "country": "SE",
        "nuts3": "SE313",
        "website": "https://www.fiberopticvalley.com",
    },
    {"name": "Acreo Swedish ICT", "kind": U, "country": "SE", "nuts3": "SE110"},
    {"name": "Estonia ICT Cluster", "kind": CL, "country": "EE", "nuts3": "EE001"},
    {"name": "Latvia IT Cluster", "kind": CL, "country": "LV", "nuts3": "LV00A"},
    {"name": "Region Gävleborg", "kind": P, "country": "SE", "nuts3": "SE313"},
    # 001 SME2GO
    {"name": "Västerås Science Park", "kind": SP, "country": "SE", "nuts3": "SE125"},
    {
        "name": "Swedish Incubators & Science Parks",
        "kind": OTHER,
        "country": "SE",
        "nuts3": "SE110",
    },
    {"name": "Sigholm", "kind": C, "country": "SE", "nuts3": "SE125"},
    # 002 S3-piloten: Tillväxtverket and the 22 selected clusters with their regions
    {"name": "Tillväxtverket", "kind": P, "country": "SE", "nuts3": "SE110"},
    {"name": "Mobile Heights", "kind": CL, "country": "SE", "nuts3": "SE224"},
    {"name": "IUC Skåne", "kind": CL, "country": "SE", "nuts3": "SE224"},
    {"name": "TechTank", "kind": CL, "country": "SE", "nuts3": "SE221"},
    {"name": "Interior Cluster", "kind": CL, "country": "SE", "nuts3": "SE212"},
    {"name": "Automation Småland", "kind": CL, "country": "SE", "nuts3": "SE211"},
    {"name": "Smart Textiles", "kind": CL, "country": "SE", "nuts3": "SE232"},
    {"name": "Agro Väst", "kind": CL, "country": "SE", "nuts3": "SE232"},
    {"name": "Mjärdevi Science Park", "kind": SP, "country": "SE", "nuts3": "SE123"},
    {"name": "Aerospace Cluster", "kind": CL, "country": "SE", "nuts3": "SE123"},
    {"name": "Urban ICT Arena", "kind": CL, "country": "SE", "nuts3": "SE110"},
    {"name": "Tillverkningstekniskt centrum", "kind": CL, "country": "SE", "nuts3": "SE124"},
    {"name": "Compare", "kind": CL, "country": "SE", "nuts3": "SE311"},
    {"name": "Paper Province", "kind": CL, "country": "SE", "nuts3": "SE311"},
    {"name": "Automation Region", "kind": CL, "country": "SE", "nuts3": "SE125"},
    {"name": "Järnvägsklustret", "kind": CL, "country": "SE", "nuts3": "SE125"},
    {"name": "Triple Steelix", "kind": CL, "country": "SE", "nuts3": "SE312"},
    {"name": "Visit Dalarna", "kind": CL, "country": "SE", "nuts3": "SE312"},
    {"name": "Entreprenörsdrivet Företagsnav", "kind": CL, "country": "SE", "nuts3": "SE322"},
    {"name": "Bron Innovation", "kind": CL, "country": "SE", "nuts3": "SE321"},
    {"name": "Georange", "kind": CL, "country": "SE", "nuts3": "SE331"},
    {"name": "Datacenter", "kind": CL, "country": "SE", "nuts3": "SE332"},
    # 003 SPIN
    {
        "name": "Umeå universitet",
        "kind": U,
        "country": "SE",
        "nuts3": "SE331",
        "website": "https://www.umu.se",
    },
    {"name": "Region Västerbotten", "kind": P, "country": "SE", "nuts3": "SE331"},
    # 004 Cleantech Kvarken, its funders and Future Cleantech Solutions
    {"name": "North Sweden Cleantech", "kind": CL, "country": "SE", "nuts3": "SE331"},
    {"name": "Umeå kommun", "kind": P, "country": "SE", "nuts3": "SE331"},
    {"name": "Umeå Energi", "kind": C, "country": "SE", "nuts3": "SE331"},
    {"name": "Örnsköldsviks kommun", "kind": P, "country": "SE", "nuts3": "SE321"},
    {"name": "Österbottens förbund", "kind": P, "country": "FI", "nuts3": "FI19A"},
    {"name": "Vasaregionens Utveckling AB (VASEK)", "kind": P, "country": "FI", "nuts3": "FI19A"},
    {"name": "Vasa stad", "kind": P, "country": "FI", "nuts3": "FI19A"},
    {"name": "Skellefteå kommun", "kind": P, "country": "SE", "nuts3": "SE332"},
    {"name": "Karleby stad", "kind": P, "country": "FI", "nuts3": "FI1D5"},
]

DEMO_SME = {
    "name": "Norrsken Sensorteknik AB (invented demo company)",
    "kind": C,
    "country": "SE",
    "nuts3": "SE331",
}


def _upsert(spec: dict, *, is_demo: bool) -> Organisation:
    organisation, _created = Organisation.objects.update_or_create(
        slug=slugify(spec["name"])[:255],
        defaults={
            "name": spec["name"],
            "kind": spec["kind"],
            "country": spec["country"],
            "website": spec.get("website", ""),
            "region_id": spec.get("nuts3"),
            "is_demo": is_demo,
        },
    )
    organisation_reindex(organisation=organisation)
    return organisation


def _import_demo_file(stdout) -> list[Organisation]:
    """Import the invented companies through the same import service an operator uses."""
    job = import_job_create(actor=None, file_name=DEMO_FILE.name, content=DEMO_FILE.read_bytes())
    report = import_check(job=job)
    if report["errors"]:
        raise RuntimeError(f"The demo import file has bad rows: {report['errors'][:3]}")
    import_commit(actor=None, job=job)
    ImportJob.objects.filter(pk=job.pk).delete()  # keep no copy of the demo file per run
    numbers = [row["registration_number"] for row in rows_of_demo_file()]
    stdout.write(f"  {len(numbers)} invented companies imported from {DEMO_FILE.name}")
    return list(Organisation.objects.filter(registration_number__in=numbers))


def rows_of_demo_file() -> list[dict[str, str]]:
    with DEMO_FILE.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def load_demo_data(*, password: str, stdout) -> None:
    reference_data_load()
    seeds = [_upsert(spec, is_demo=False) for spec in SEED_ORGANISATIONS]
    company = _upsert(DEMO_SME, is_demo=True)
    services.organisation_update(
        actor=None,
        organisation=company,
        data={
            "size_class": "micro",
            "city": "Umeå",
            "sectors": ["26.51"],
            "keywords": "sensors, snow load monitoring, IoT",
            "target_markets": ["NO", "CA"],
            "languages": ["sv", "en"],
        },
        texts={
            "sv": {"description": "Uppdiktat demoföretag: sensorer som mäter snölast på tak."},
            "en": {
                "description": "Invented demo company: sensors that measure snow load on roofs."
            },
        },
    )
    sme = User.objects.get(email="sme@example.org")
    membership_set(actor=None, user=sme, organisation=company, role=MembershipRole.OWNER)
    operator = User.objects.get(email="operator@example.org")
    cluster = Organisation.objects.get(slug="north-sweden-cleantech")
    membership_set(actor=None, user=operator, organisation=cluster, role=MembershipRole.ADMIN)
    invented = _import_demo_file(stdout)
    catalogue = services.catalogue_save(
        actor=None,
        slug="cleantech-kvarken",
        titles={
            "sv": "Cleantech Kvarken-företag",
            "fi": "Cleantech Kvarken -yritykset",
            "en": "Cleantech Kvarken companies",
        },
        intros={
            "sv": "Företag inom ren teknik kring Kvarken (uppdiktade demoföretag).",
            "fi": "Puhtaan teknologian yrityksiä Merenkurkun alueella (keksittyjä esimerkkejä).",
        },
        languages=["sv", "fi"],
        operator=cluster,
    )
    kvarken = [o for o in seeds if o.slug in KVARKEN_SLUGS]
    services.catalogue_add_organisations(
        actor=None, catalogue=catalogue, organisations=[*kvarken, company, *invented]
    )
    if not catalogue.is_published:
        services.catalogue_publish(actor=None, catalogue=catalogue, published=True)
    stdout.write(f"  {len(SEED_ORGANISATIONS) + 1} seed organisations; catalogue {catalogue.slug}")
