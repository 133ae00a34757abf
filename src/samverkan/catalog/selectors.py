"""Reads for the catalogue: visibility, search with filters and facet counts, history."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import (
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Substr

from samverkan.accounts.rules import is_operator
from samverkan.catalog.models import (
    Catalogue,
    Country,
    Organisation,
    OrganisationKind,
    OrganisationText,
    Person,
    Region,
    Sector,
    SizeClass,
    Visibility,
)
from samverkan.catalog.sqlite_fts import TABLE as FTS_TABLE
from samverkan.catalog.sqlite_fts import match_expression
from samverkan.catalog.text import tokens
from samverkan.common.models import AuditLogEntry

SORTS = {"name": ["name", "id"], "-name": ["-name", "-id"], "newest": ["-created_at", "-id"]}


@dataclass
class OrganisationFilters:
    """The same filters serve the web list, the public catalogue, export and the API."""

    q: str = ""
    country: str = ""
    region: str = ""  # a NUTS code at any level: SE3, SE33 or SE331
    sector: str = ""  # a NACE code at any level: K, 62, 62.1 or 62.10
    kind: str = ""
    size: str = ""
    market: str = ""  # a target market's country code
    catalogue: str = ""  # a catalogue's slug (the programme's catalogue)
    sort: str = "name"
    extra: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, str):
                setattr(self, f.name, value.replace("\x00", "").strip()[:200])

    @classmethod
    def from_params(cls, params) -> OrganisationFilters:
        names = [f.name for f in fields(cls) if f.name != "extra"]
        values = {name: str(params.get(name, "") or "").strip() for name in names}
        values["sort"] = values["sort"] or "name"
        return cls(**values)

    def as_dict(self) -> dict[str, str]:
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "extra"}


def organisation_visible_to(*, user) -> QuerySet:
    organisations = Organisation.objects.all()
    if user is not None and is_operator(user):
        return organisations
    if user is None or not user.is_authenticated:
        return organisations.filter(visibility=Visibility.PUBLIC)
    return organisations.filter(
        Q(visibility__in=[Visibility.PUBLIC, Visibility.MEMBERS]) | Q(memberships__user=user)
    ).distinct()


def _search(organisations: QuerySet, query: str, *, rank: bool = False) -> tuple[QuerySet, bool]:
    """Only the organisations matching every word (each a prefix); with `rank`, ordered-by-
    relevance support: PostgreSQL annotates `rank` (ts_rank), SQLite joins the FTS5 table and
    sorts by its bm25 `rank` column, which is only alias-safe at the top level of a query."""
    words = tokens(query)
    if not words:
        return organisations, False
    if connection.vendor == "postgresql":
        # The stored, GIN-indexed `search_vector` (organisation_reindex keeps it current).
        raw = " & ".join(f"{word}:*" for word in words)
        search = SearchQuery(raw, search_type="raw", config="simple")
        organisations = organisations.filter(search_vector=search)
        if rank:
            organisations = organisations.annotate(rank=SearchRank(F("search_vector"), search))
        return organisations, rank
    if connection.vendor == "sqlite":
        # FTS5 over the same folded text, every word a prefix (sqlite_fts.py).
        expression = match_expression(words)
        if rank:
            table = organisations.model._meta.db_table
            organisations = organisations.extra(
                tables=[FTS_TABLE],
                where=[f"{FTS_TABLE}.rowid = {table}.id", f"{FTS_TABLE} MATCH %s"],
                params=[expression],
                select={"rank": f"-{FTS_TABLE}.rank"},
            )
            return organisations, True
        matching = RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [expression])
        return organisations.filter(pk__in=matching), False
    # Any other backend: every word must start a word of the folded text.
    for word in words:
        organisations = organisations.filter(
            Q(search_text__startswith=word) | Q(search_text__contains=" " + word)
        )
    return organisations, False


def organisation_search(
    *, user, filters: OrganisationFilters, base: QuerySet | None = None
) -> QuerySet:
    """Visible organisations matching the filters, sorted, with what a list row shows."""
    organisations = base if base is not None else organisation_visible_to(user=user)
    organisations = organisations_filter(organisations, filters)
    relevance = filters.sort == "relevance"
    organisations, ranked = _search(organisations, filters.q, rank=relevance)
    order = SORTS.get(filters.sort, SORTS["name"])
    if relevance and ranked:
        order = ["-rank", "name", "id"]
    return organisations.select_related("region").prefetch_related("texts").order_by(*order)


def organisation_search_with_facets(
    *, user, filters: OrganisationFilters, base: QuerySet | None = None
) -> tuple[QuerySet, dict]:
    """The sorted results and the facet counts of the same set (counted without ranking)."""
    organisations = organisation_search(user=user, filters=filters, base=base)
    unranked = organisation_search(user=user, filters=replace(filters, sort="name"), base=base)
    return organisations, organisation_facets(organisations=unranked)


def organisations_filter(organisations: QuerySet, filters: OrganisationFilters) -> QuerySet:
    if filters.country:
        organisations = organisations.filter(country=filters.country.upper())
    if filters.region:
        # NUTS codes nest by prefix. PostgreSQL serves LIKE 'SE3%' from the varchar_pattern_ops
        # index; on SQLite (case-insensitive LIKE, no index) go through the small Region table.
        code = filters.region.upper()
        if connection.vendor == "postgresql":
            organisations = organisations.filter(region__code__startswith=code)
        else:
            regions = Region.objects.filter(code__startswith=code).values("code")
            organisations = organisations.filter(region_id__in=regions)
    if filters.kind:
        organisations = organisations.filter(kind=filters.kind)
    if filters.size:
        organisations = organisations.filter(size_class=filters.size)
    if filters.sector:
        # EXISTS on the (organisation, sector) index: probes only the rows the other filters
        # (or the full-text match) leave, instead of listing every link of a large section.
        code = filters.sector.upper()
        links = Organisation.sectors.through.objects.filter(organisation_id=OuterRef("pk"))
        if code.isalpha():
            links = links.filter(sector__section=code)
        else:
            links = links.filter(sector__code__startswith=code)
        organisations = organisations.filter(Exists(links))
    if filters.market:
        markets = Organisation.target_markets.through.objects.filter(
            organisation_id=OuterRef("pk"), country_id=filters.market.upper()
        )
        organisations = organisations.filter(Exists(markets))
    if filters.catalogue:
        members = Catalogue.organisations.through.objects.filter(
            organisation_id=OuterRef("pk"), catalogue__slug=filters.catalogue
        )
        organisations = organisations.filter(Exists(members))
    return organisations


def _counts(rows, key: str) -> dict[str, int]:
    return {row[key]: row["n"] for row in rows if row[key]}


FACET_LIMIT = 1000


def organisation_facets(
    *, organisations: QuerySet, limit: int = FACET_LIMIT
) -> dict[str, list[tuple[str, str, int]]]:
    """Result counts per filter value for the current result set: (value, label, count).

    At most `limit` results are counted (the first by id), so a broad search over a large
    catalogue costs no more than a narrow one; `"sampled"` says whether the cap was reached.
    """
    sample = list(organisations.order_by("pk").values_list("pk", flat=True)[: limit + 1])
    sampled = len(sample) > limit
    base = sample[:limit]
    plain = Organisation.objects.filter(pk__in=base).order_by()
    # One pass over the result set for the four profile columns, summed up here.
    by_country: dict[str, int] = {}
    by_kind: dict[str, int] = {}
    by_size: dict[str, int] = {}
    by_region: dict[str, int] = {}
    combinations = plain.values("country", "kind", "size_class", nuts2=Substr("region_id", 1, 4))
    for row in combinations.annotate(n=Count("id")):
        for counts, value in (
            (by_country, row["country"]),
            (by_kind, row["kind"]),
            (by_size, row["size_class"]),
            (by_region, row["nuts2"]),
        ):
            if value:
                counts[value] = counts.get(value, 0) + row["n"]
    through = Organisation.sectors.through.objects.filter(organisation_id__in=base)
    by_section = _counts(
        through.values("sector__section").annotate(n=Count("organisation_id", distinct=True)),
        "sector__section",
    )
    markets = Organisation.target_markets.through.objects.filter(organisation_id__in=base)
    by_market = _counts(
        markets.values("country_id").annotate(n=Count("organisation_id")), "country_id"
    )
    countries = {c.code: c for c in Country.objects.filter(code__in=[*by_country, *by_market])}
    regions = dict(Region.objects.filter(code__in=by_region).values_list("code", "name"))
    sections = dict(Sector.objects.filter(code__in=by_section).values_list("code", "name"))
    kinds, sizes = dict(OrganisationKind.choices), dict(SizeClass.choices)

    def rows(counts, label):
        return sorted(
            ((value, label(value), n) for value, n in counts.items()), key=lambda r: (-r[2], r[1])
        )

    return {
        "country": rows(by_country, lambda c: str(countries[c]) if c in countries else c),
        "region": rows(by_region, lambda c: f"{c} {regions.get(c, '')}".strip()),
        "sector": rows(by_section, lambda c: f"{c} {sections.get(c, '')}".strip()),
        "kind": rows(by_kind, lambda k: str(kinds.get(k, k))),
        "size": rows(by_size, lambda s: str(sizes.get(s, s))),
        "market": rows(by_market, lambda c: str(countries[c]) if c in countries else c)[:20],
        "sampled": sampled,
    }


def organisation_detail_queryset() -> QuerySet:
    return Organisation.objects.select_related("region", "region__parent").prefetch_related(
        "texts",
        "sectors",
        "target_markets",
        Prefetch("people", queryset=Person.objects.order_by("name")),
    )


def organisation_history(*, organisation: Organisation, limit: int = 50) -> QuerySet:
    return AuditLogEntry.objects.filter(
        target_type=organisation._meta.label_lower, target_id=str(organisation.pk)
    ).select_related("actor")[:limit]


def organisation_list_for_user(*, user) -> QuerySet:
    return Organisation.objects.filter(memberships__user=user).order_by("name")


def organisation_list(*, query: str = "", kind: str = "", country: str = "") -> QuerySet:
    """Kept for callers of the foundation's signature: all organisations, filtered."""
    filters = OrganisationFilters(q=query, kind=kind, country=country)
    organisations, _ranked = _search(
        organisations_filter(Organisation.objects.all(), filters), query
    )
    return organisations.order_by("name")


def people_public(*, organisation: Organisation) -> list[Person]:
    return [person for person in organisation.people.all() if person.listing_consent_at]


def catalogue_published(*, slug: str) -> Catalogue:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(Catalogue, slug=slug, is_published=True)


def text_for(organisation: Organisation, language: str) -> OrganisationText | None:
    return organisation.text_in(language)
