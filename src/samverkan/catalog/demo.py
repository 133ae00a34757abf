"""Real public organisations named in the seed news items, plus one invented demo company.

Only organisations: the seeds' people are not copied. `nuts3` is the NUTS 2024 region.
"""

from __future__ import annotations

from django.utils.text import slugify

from samverkan.accounts.models import MembershipRole, User
from samverkan.accounts.services import membership_set
from samverkan.catalog.models import Organisation

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
    {"name": "Latvia IT Cluster", "kind": CL, "country": "LV", "nuts3": "LV006"},
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
    {"name": "Österbottens förbund", "kind": P, "country": "FI", "nuts3": "FI195"},
    {"name": "Vasaregionens Utveckling AB (VASEK)", "kind": P, "country": "FI", "nuts3": "FI195"},
    {"name": "Vasa stad", "kind": P, "country": "FI", "nuts3": "FI195"},
    {"name": "Skellefteå kommun", "kind": P, "country": "SE", "nuts3": "SE332"},
    {"name": "Karleby stad", "kind": P, "country": "FI", "nuts3": "FI194"},
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
            "is_demo": is_demo,
        },
    )
    return organisation


def load_demo_data(*, password: str, stdout) -> None:
    for spec in SEED_ORGANISATIONS:
        _upsert(spec, is_demo=False)
    company = _upsert(DEMO_SME, is_demo=True)
    sme = User.objects.get(email="sme@example.org")
    membership_set(actor=None, user=sme, organisation=company, role=MembershipRole.OWNER)
    operator = User.objects.get(email="operator@example.org")
    cluster = Organisation.objects.get(slug="north-sweden-cleantech")
    membership_set(actor=None, user=operator, organisation=cluster, role=MembershipRole.ADMIN)
    stdout.write(f"  {len(SEED_ORGANISATIONS) + 1} organisations")
