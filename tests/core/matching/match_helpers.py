"""Small synthetic catalogues shared by the matching tests (plain functions, no fixtures)."""

from __future__ import annotations

from samverkan.core.matching.features import FEATURES
from samverkan.core.matching.model import Organisation, PastProject
from samverkan.core.matching.ranker import Ranker


def org(oid: str, **kw: object) -> Organisation:
    return Organisation(id=oid, **kw)  # type: ignore[arg-type]


def project(pid: str, programme: str = "Central Baltic", objective: str = "RSO1.1") -> PastProject:
    return PastProject(id=pid, name=f"Project {pid}", programme=programme, objective=objective)


def ranker(**weights: float) -> Ranker:
    """A ranker using only the named signals, so a test controls what drives the order."""
    # Every other signal is set to 0 explicitly, or the product priors would apply.
    return Ranker({**dict.fromkeys(FEATURES, 0.0), **weights}, 0.0, {"source": "test"})


def catalogue() -> list[Organisation]:
    p1, p2 = project("p1"), project("p2", "Baltic Sea Region", "RSO2.6")
    return [
        org(
            "seeker",
            name="Sensorik AB",
            kind="SME",
            country="SE",
            nuts2_code="SE11",
            nuts3_code="SE110",
            region_names=("Stockholms län", "Stockholm"),
            needs=("fibre optic sensors",),
            nace_codes=("26.51",),
            languages=("sv", "fi"),
            target_markets=("EE",),
            past_projects=(p1,),
        ),
        org(
            "fibre",
            name="Valokuitu Oy",
            kind="SME",
            country="FI",
            nuts3_code="FI1B1",
            offers=("fibre optic sensors", "photonics testing"),
            description="Valmistamme valokuituantureita teollisuudelle.",
            languages=("fi", "en"),
            nace_codes=("26.51",),
        ),
        org(
            "tallinn",
            name="Tallinna Tehnikaülikool",
            kind="University",
            country="EE",
            nuts3_code="EE001",
            offers=("research and development",),
            languages=("et", "en"),
            nace_codes=("72.19",),
        ),
        org(
            "partner",
            name="Uppsala kommun",
            kind="Municipality",
            country="SE",
            nuts2_code="SE12",
            nuts3_code="SE121",
            region_names=("Uppsala län",),
            past_projects=(p1, p2),
        ),
        org(
            "friend",
            name="Region Gävleborg",
            kind="Region",
            country="SE",
            nuts3_code="SE313",
            region_names=("Gävleborgs län",),
            past_projects=(p2,),
        ),
        org(
            "bakery",
            name="Riga Bakery SIA",
            kind="SME",
            country="LV",
            nuts3_code="LV006",
            offers=("bread", "catering"),
            languages=("lv",),
        ),
    ]
