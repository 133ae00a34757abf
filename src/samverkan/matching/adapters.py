"""Map catalogue models onto the matching core's dataclasses.

The core (`samverkan.core.matching`) knows nothing about Django. A profile's texts in every
language (sv, fi, et, lv, en) are concatenated: the core's character n-gram TF-IDF works
across those languages. Offers and needs are split into phrases (one per line or `;`) so
reasons can quote the phrase that matched.

Past projects: the `programmes` app holds project partnerships, but it is downstream of
matching and must not be imported here. `past_projects` stays empty until programmes
registers a provider with `register_past_projects_provider` (see docs/matching-product.md).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from django.db.models import Prefetch, QuerySet

from samverkan.catalog.models import Organisation, OrganisationText
from samverkan.core.matching.model import MatchQuery, PastProject
from samverkan.core.matching.model import Organisation as CoreOrganisation

_PHRASE_SPLIT = re.compile(r"[\n;•]+")

# A downstream app may provide past projects: fn(organisation_ids) -> {id: [PastProject]}.
_past_projects_provider: Callable[[list[int]], dict[int, list[PastProject]]] | None = None


def register_past_projects_provider(
    fn: Callable[[list[int]], dict[int, list[PastProject]]] | None,
) -> None:
    """Let a downstream app (programmes) feed project history without matching importing it."""
    global _past_projects_provider
    _past_projects_provider = fn


def organisation_queryset() -> QuerySet:
    """Organisations with everything the adapter reads, in a fixed number of queries."""
    return Organisation.objects.select_related("region", "region__parent").prefetch_related(
        Prefetch("texts", queryset=OrganisationText.objects.order_by("language")),
        "sectors",
        "target_markets",
    )


_STRIP = " -\u2013,."  # spaces, hyphens, en dashes and punctuation around a phrase


def _phrases(text: str) -> list[str]:
    return [p.strip(_STRIP) for p in _PHRASE_SPLIT.split(text or "") if p.strip(_STRIP)]


def organisation_to_core(
    organisation: Organisation, past_projects: Iterable[PastProject] = ()
) -> CoreOrganisation:
    """One catalogue profile as a core `Organisation` (id = the primary key as text)."""
    texts = list(organisation.texts.all())
    sectors = list(organisation.sectors.all())
    region = organisation.region
    nuts3 = nuts2 = ""
    names: list[str] = []
    if region is not None:
        if region.level >= 3:
            nuts3 = region.code
        if len(region.code) >= 4:
            nuts2 = region.code[:4]
        names.append(region.name)
        if region.parent is not None and region.level >= 3:
            names.append(region.parent.name)
    offers: list[str] = []
    needs: list[str] = []
    for text in texts:
        offers += _phrases(text.offers)
        needs += _phrases(text.needs)
    offers += organisation.keyword_list
    return CoreOrganisation(
        id=str(organisation.pk),
        name=organisation.name,
        aliases=tuple(a for a in [organisation.legal_name] if a and a != organisation.name),
        kind=organisation.kind,
        country=organisation.country,
        nuts2_code=nuts2,
        nuts3_code=nuts3,
        region_names=tuple(names),
        description=" . ".join(t.description for t in texts if t.description),
        sectors=tuple(s.name for s in sectors),
        nace_codes=tuple(s.code for s in sectors),
        offers=tuple(dict.fromkeys(offers)),
        needs=tuple(dict.fromkeys(needs)),
        languages=tuple(str(x).lower() for x in organisation.languages or ()),
        target_markets=tuple(c.code for c in organisation.target_markets.all()),
        past_projects=tuple(past_projects),
    )


def organisations_to_core(organisations: Iterable[Organisation]) -> list[CoreOrganisation]:
    organisations = list(organisations)
    history: dict[int, list[PastProject]] = {}
    if _past_projects_provider is not None and organisations:
        history = _past_projects_provider([o.pk for o in organisations])
    return [organisation_to_core(o, history.get(o.pk, ())) for o in organisations]


def saved_search_to_query(search, *, exclude_ids: Iterable[str] = ()) -> MatchQuery:
    """A saved search (or any object with need/country/region/sector/organisation_id)."""
    return MatchQuery(
        seeker_id=str(search.organisation_id) if search.organisation_id else "",
        need=search.need or "",
        target_countries=(search.country.upper(),) if search.country else (),
        target_region_codes=(search.region.upper(),) if search.region else (),
        nace_codes=(search.sector,) if search.sector else (),
        exclude_ids=tuple(exclude_ids),
    )
