"""Catalogue search benchmark: 100,000 generated organisations, filtered full-text search.

    .venv/bin/python benchmarks/catalog/bench_search.py --db sqlite
    .venv/bin/python benchmarks/catalog/bench_search.py --db postgres  # database catalog_bench
    .venv/bin/python benchmarks/catalog/bench_search.py --reuse --database-url postgres://...

Each backend gets its own private database (a file under /tmp, or PostgreSQL database
`catalog_bench` on 127.0.0.1:5432, dropped and created anew). The script migrates it, inserts
the organisations with their sectors and target markets in bulk, then times the queries the
catalogue list page runs (one page of 25 results plus the total count; and the facet counts)
for a mix of searches and filters, and prints p50/p95 in milliseconds. Numbers, not asserts.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

WORDS = [
    "vindkraft",
    "solenergi",
    "återvinning",
    "sensorer",
    "batterier",
    "värmepumpar",
    "vätgas",
    "biogas",
    "skog",
    "tuulivoima",
    "aurinkoenergia",
    "kierrätys",
    "anturit",
    "akku",
    "lämpöpumppu",
    "vety",
    "biokaasu",
    "metsä",
    "päikeseenergia",
    "taaskasutus",
    "andurid",
    "tuuleenergia",
    "vējš",
    "saules",
    "enerģija",
    "atkritumi",
    "smart",
    "grid",
    "software",
    "water",
    "treatment",
    "engineering",
    "hydrogen",
    "storage",
    "recycling",
    "Västerås",
    "Umeå",
    "Örnsköldsvik",
    "Vaasa",
    "Kokkola",
    "Tartu",
    "Rīga",
    "Skellefteå",
    "Luleå",
    "Seinäjoki",
]
REGIONS = {
    "SE": ["SE331", "SE321", "SE125", "SE110", "SE232"],
    "FI": ["FI19A", "FI1D5", "FI199"],
    "EE": ["EE001", "EE008"],
    "LV": ["LV00A"],
}
SECTORS = ["35.12", "38.21", "72.10", "27.90", "43.22", "62.10", "26.51", "36.00", "71.12"]
MARKETS = ["NO", "DE", "CN", "CA", "US", "JP", "BR", "EE", "DK"]
QUERIES = [
    {"q": "vasteras"},
    {"q": "vindkraft", "country": "SE"},
    {"q": "tuulivoima", "region": "FI19"},
    {"q": "sensor", "sector": "C"},
    {"q": "hydrogen storage", "market": "CN"},
    {"q": "umea", "sector": "35"},
    {"country": "FI", "size": "small"},
    {"region": "SE3", "sector": "62.10"},
    {"q": "paikeseenergia"},
    {"q": "riga", "kind": "company", "sort": "-name"},
    {"q": "vindkraft batterier", "country": "SE", "sort": "relevance"},
    {"q": "akku", "market": "NO", "size": "small", "sort": "relevance"},
]


def setup(db: str, reuse: bool, database_url: str = "") -> None:
    if database_url:
        # Any database, as given; it must exist (and be empty unless --reuse).
        os.environ["SAMVERKAN_DATABASE_URL"] = database_url
    elif db == "sqlite":
        path = Path("/tmp/catalog_bench.sqlite3")
        for suffix in ("", "-wal", "-shm"):
            if not reuse:
                Path(str(path) + suffix).unlink(missing_ok=True)
        os.environ["SAMVERKAN_DATABASE_URL"] = f"sqlite:///{path}"
    elif reuse:
        os.environ["SAMVERKAN_DATABASE_URL"] = "postgres://postgres@127.0.0.1:5432/catalog_bench"
    else:
        import psycopg

        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as c:
            c.execute("DROP DATABASE IF EXISTS catalog_bench")
            c.execute("CREATE DATABASE catalog_bench")
        os.environ["SAMVERKAN_DATABASE_URL"] = "postgres://postgres@127.0.0.1:5432/catalog_bench"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samverkan.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def generate(count: int) -> None:
    from django.db import transaction

    from samverkan.catalog.models import Organisation
    from samverkan.catalog.text import fold

    rng = random.Random(100_000)
    # A catalogue's vocabulary is large: 5,000 invented words plus the real ones above, so
    # that a real word occurs in roughly 8 % of profiles (as "wind power" would in cleantech).
    syllables = ["ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "är", "ö", "ja", "pe", "su"]
    vocabulary = ["".join(rng.choices(syllables, k=3)) for _ in range(5000)]
    Sectors = Organisation.sectors.through
    Markets = Organisation.target_markets.through
    started = time.perf_counter()
    batch = 5000
    for start in range(0, count, batch):
        with transaction.atomic():
            rows = []
            for number in range(start, min(start + batch, count)):
                country = rng.choice(["SE", "SE", "FI", "FI", "EE", "LV"])
                name = f"{rng.choice(WORDS).capitalize()} {rng.choice(WORDS)} {number} (generated)"
                text = " ".join(rng.choices(vocabulary, k=25) + rng.choices(WORDS, k=5))
                rows.append(
                    Organisation(
                        name=name,
                        slug=f"bench-{number}",
                        country=country,
                        kind=rng.choice(["company"] * 8 + ["cluster", "university"]),
                        size_class=rng.choice(["micro", "small", "medium", "large"]),
                        region_id=rng.choice(REGIONS[country]),
                        search_text=fold(f"{name} {text}"),
                        is_demo=True,
                    )
                )
            created = Organisation.objects.bulk_create(rows)
            links, markets = [], []
            for organisation in created:
                for code in rng.sample(SECTORS, 2):
                    links.append(Sectors(organisation_id=organisation.pk, sector_id=code))
                for code in rng.sample(MARKETS, 2):
                    markets.append(Markets(organisation_id=organisation.pk, country_id=code))
            Sectors.objects.bulk_create(links)
            Markets.objects.bulk_create(markets)
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # What services.organisation_reindex does per row, in bulk.
            cursor.execute(
                "UPDATE catalog_organisation SET search_vector = "
                "to_tsvector('simple'::regconfig, search_text)"
            )
            cursor.execute("VACUUM ANALYZE catalog_organisation")
        cursor.execute("ANALYZE")
    print(f"generated {count} organisations in {time.perf_counter() - started:.1f} s")


def _p(times: list[float], percent: int) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(percent / 100 * (len(ordered) - 1)))]


def measure(rounds: int) -> None:
    from django.db import connection

    from samverkan.catalog import selectors
    from samverkan.catalog.pagination import CatalogPaginator

    list(selectors.organisation_search(user=None, filters=selectors.OrganisationFilters())[:1])
    page_times, facet_times = [], []
    per_query: dict[str, tuple[list[float], list[float]]] = {}
    for round_number in range(rounds):
        for params in QUERIES:
            filters = selectors.OrganisationFilters.from_params(params)
            started = time.perf_counter()
            organisations = selectors.organisation_search(user=None, filters=filters)
            page = CatalogPaginator(organisations, 25).get_page(1 + round_number % 3)
            list(page.object_list)
            page.paginator.count  # noqa: B018 - the count query is part of the page
            page_times.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            unranked = dataclasses.replace(filters, sort="name")
            selectors.organisation_facets(
                organisations=selectors.organisation_search(user=None, filters=unranked)
            )
            facet_times.append((time.perf_counter() - started) * 1000)
            pages, facets = per_query.setdefault(str(params), ([], []))
            pages.append(page_times[-1])
            facets.append(facet_times[-1])
    load = os.getloadavg()
    print(f"database: {connection.vendor}  rounds: {rounds}  load average: {load}")
    print(f"  {'query':62s} {'page p50':>9s} {'p95':>7s} {'facets p50':>11s} {'p95':>7s}")
    for label, (pages, facets) in per_query.items():
        print(
            f"  {label:62s} {_p(pages, 50):9.1f} {_p(pages, 95):7.1f}"
            f" {_p(facets, 50):11.1f} {_p(facets, 95):7.1f}"
        )
    for label, times in (("search page (25 + count)", page_times), ("facet counts", facet_times)):
        print(
            f"{connection.vendor:10s} {label:26s} n={len(times):4d}  "
            f"p50={_p(times, 50):7.1f} ms  p95={_p(times, 95):7.1f} ms"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument(
        "--database-url", default="", help="Use this database instead of the private one."
    )
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument(
        "--reuse", action="store_true", help="Measure the database of the previous run again."
    )
    args = parser.parse_args()
    setup(args.db, args.reuse, args.database_url)
    if not args.reuse:
        generate(args.count)
    measure(args.rounds)


if __name__ == "__main__":
    main()
