"""Seeded synthetic catalogue + queries in the shared JSONL schema, for the scale benchmark.

    .venv/bin/python benchmarks/matching/synth.py --n 100000 --queries 200 --out /tmp/synth

Mixed Swedish, Finnish, Estonian, Latvian and English text, countries SE/FI/EE/LV, a
heavy-tailed number of past projects per organisation (about 40% without history).
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

WORDS = {
    "sv": [
        "hållbar",
        "energi",
        "skog",
        "innovation",
        "företag",
        "kommun",
        "region",
        "forskning",
        "digital",
        "turism",
        "vatten",
        "klimat",
        "transport",
        "logistik",
        "utbildning",
        "hälsa",
        "vård",
        "livsmedel",
        "cirkulär",
        "samverkan",
        "sensorer",
        "fiberoptiska",
        "småföretag",
        "landsbygd",
        "kultur",
    ],
    "fi": [
        "kestävä",
        "energia",
        "metsä",
        "innovaatio",
        "yritys",
        "kunta",
        "alue",
        "tutkimus",
        "digitaalinen",
        "matkailu",
        "vesi",
        "ilmasto",
        "liikenne",
        "logistiikka",
        "koulutus",
        "terveys",
        "ruoka",
        "kiertotalous",
        "yhteistyö",
        "anturit",
        "valokuitu",
        "pienyritys",
        "maaseutu",
        "kulttuuri",
    ],
    "et": [
        "säästev",
        "energia",
        "mets",
        "innovatsioon",
        "ettevõte",
        "omavalitsus",
        "piirkond",
        "teadus",
        "digitaalne",
        "turism",
        "vesi",
        "kliima",
        "transport",
        "logistika",
        "haridus",
        "tervis",
        "toit",
        "ringmajandus",
        "koostöö",
        "andurid",
        "kiudoptika",
        "väikeettevõte",
        "maapiirkond",
        "kultuur",
    ],
    "lv": [
        "ilgtspējīga",
        "enerģija",
        "mežs",
        "inovācija",
        "uzņēmums",
        "pašvaldība",
        "reģions",
        "pētniecība",
        "digitāls",
        "tūrisms",
        "ūdens",
        "klimats",
        "transports",
        "loģistika",
        "izglītība",
        "veselība",
        "pārtika",
        "aprites",
        "sadarbība",
        "sensori",
        "optiskā",
        "mazais",
        "lauki",
        "kultūra",
    ],
    "en": [
        "sustainable",
        "energy",
        "forest",
        "innovation",
        "company",
        "municipality",
        "region",
        "research",
        "digital",
        "tourism",
        "water",
        "climate",
        "transport",
        "logistics",
        "education",
        "health",
        "food",
        "circular",
        "cooperation",
        "sensors",
        "fibre-optic",
        "SME",
        "rural",
        "culture",
    ],
}
COUNTRY_LANG = {"SE": "sv", "FI": "fi", "EE": "et", "LV": "lv"}
KINDS = [
    "Local public authority",
    "Regional public authority",
    "National public authority",
    "Higher education and research institution",
    "Small or medium-sized enterprise (SME)",
    "Business support organisation",
    "NGO",
    "Large enterprise",
    "Other",
]
PROGRAMMES = ["Central Baltic", "Baltic Sea Region", "AURORA", "Interreg Europe", "North Sea"]
OFFERS = [
    "research and development",
    "pilot sites",
    "SME networks",
    "training",
    "fibre sensors",
    "data platforms",
    "policy implementation",
    "matchmaking",
]


def text(rng: random.Random, lang: str, n: int) -> str:
    return " ".join(rng.choice(WORDS[lang]) for _ in range(n))


def generate(n: int, n_queries: int, seed: int = 7) -> tuple[list[dict], list[dict]]:
    rng = random.Random(seed)
    n_projects = max(1, n // 3)
    proj = [
        {
            "id": f"p{i:06d}",
            "name": f"{text(rng, 'en', 2).title()} {i}",
            "programme": rng.choice(PROGRAMMES),
            "objective": f"RSO{rng.randint(1, 4)}.{rng.randint(1, 7)}",
        }
        for i in range(n_projects)
    ]
    orgs = []
    for i in range(n):
        country = rng.choice(list(COUNTRY_LANG))
        lang = COUNTRY_LANG[country]
        r3 = f"{country}{rng.randint(1, 3)}{rng.randint(1, 9)}{rng.randint(1, 5)}"
        k = 0 if rng.random() < 0.4 else min(30, int(rng.paretovariate(1.5)))
        pps = [
            dict(p, role=rng.choice(["LP", "PP", "AP"]), start="2024-01-01")
            for p in rng.sample(proj, k)
        ]
        orgs.append(
            {
                "id": f"o{i:06d}",
                "name": f"{text(rng, lang, 2).title()} {i}",
                "aliases": [],
                "kind": rng.choice(KINDS),
                "ownership": rng.choice(["Public", "Private"]),
                "country": country,
                "region": {
                    "nuts3": f"Region {r3}",
                    "nuts3_code": r3,
                    "nuts2": f"Area {r3[:4]}",
                    "nuts2_code": r3[:4],
                },
                "description": text(rng, lang, rng.randint(15, 45)) + ". " + text(rng, "en", 10),
                "sectors": [rng.choice(WORDS["en"])],
                "offers": rng.sample(OFFERS, 3),
                "needs": rng.sample(OFFERS, 2),
                "languages": [lang, "en"],
                "past_projects": pps,
            }
        )
    queries = []
    for j in range(n_queries):
        o = rng.choice(orgs)
        lang = rng.choice(list(WORDS))
        p = rng.choice(PROGRAMMES)
        queries.append(
            {
                "id": f"q{j:04d}",
                "org_id": o["id"],
                "need": text(rng, lang, 25),
                "title": text(rng, lang, 3),
                "programme": p,
                "objective": f"RSO{rng.randint(1, 4)}.{rng.randint(1, 7)}",
                "target_regions": [],
                "target_region_codes": [o["region"]["nuts2_code"]],
            }
        )
    return orgs, queries


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", default="/tmp/samverkan-synth")
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    orgs, queries = generate(args.n, args.queries, args.seed)
    for name, rows in (("catalog.jsonl", orgs), ("queries.jsonl", queries)):
        with open(out / name, "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"wrote {len(orgs)} profiles and {len(queries)} queries to {out}")


if __name__ == "__main__":
    main()
