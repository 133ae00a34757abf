"""Generate the demo import file: 200 INVENTED cleantech companies around the Kvarken.

Every company, person, number and address here is invented: names end in "(invented)", the
`invented` column says yes, e-mail addresses use example.org. Registration numbers have valid
check digits so the file imports cleanly. Deterministic: the same file on every run.

    .venv/bin/python -m samverkan.catalog.demo_data.generate
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

OUT = Path(__file__).parent / "cleantech_kvarken_companies.csv"
COLUMNS = [
    "name", "registration_number", "country", "region", "city", "kind", "size_class",
    "founded_year", "website", "sectors", "keywords", "target_markets", "languages",
    "description_sv", "description_fi", "description_en", "offers_en", "needs_en",
    "contact_name", "contact_role", "contact_email", "contact_consent", "invented",
]  # fmt: skip
PLACES = {
    "SE": [
        ("SE331", "Umeå"),
        ("SE331", "Skellefteå"),
        ("SE321", "Örnsköldsvik"),
        ("SE321", "Härnösand"),
        ("SE332", "Luleå"),
        ("SE125", "Västerås"),
    ],
    "FI": [
        ("FI19A", "Vaasa"),
        ("FI19A", "Mustasaari"),
        ("FI1D5", "Kokkola"),
        ("FI199", "Seinäjoki"),
        ("FI19A", "Pietarsaari"),
    ],
    "EE": [("EE001", "Tallinn"), ("EE008", "Tartu")],
    "LV": [("LV00A", "Rīga")],
}
FIRST = [
    "Bjørk",
    "Kvarken",
    "Norr",
    "Botnia",
    "Älv",
    "Fjärd",
    "Skär",
    "Meri",
    "Tuuli",
    "Aurinko",
    "Vesi",
    "Polar",
    "Midnatt",
    "Lumi",
    "Hav",
    "Tall",
    "Kallio",
    "Saari",
    "Järvi",
    "Myr",
]
SECOND = [
    "Energi",
    "Vind",
    "Sol",
    "Vatten",
    "Återvinning",
    "Sensor",
    "Batteri",
    "Värme",
    "Biogas",
    "Cirkulär",
    "Data",
    "Automation",
    "Vätgas",
    "Skog",
    "Kraft",
]
SUFFIX = {"SE": "AB", "FI": "Oy", "EE": "OÜ", "LV": "SIA"}
TOPICS = [
    ("35.12", "wind power, offshore wind", "vindkraft", "tuulivoima", "wind power services"),
    ("35.12", "solar power, photovoltaics", "solenergi", "aurinkoenergia", "solar parks"),
    ("38.21", "recycling, circular economy", "återvinning av metaller", "kierrätys", "recycling"),
    ("72.10", "hydrogen, electrolysis", "vätgas och elektrolys", "vetyteknologia", "hydrogen R&D"),
    ("27.90", "batteries, energy storage", "batterilager", "akkuteknologia", "energy storage"),
    ("43.22", "heat pumps, district heating", "värmepumpar", "lämpöpumput", "heat pumps"),
    ("62.10", "energy software, smart grid", "mjukvara för smarta elnät", "älykkäät sähköverkot",
     "smart-grid software"),
    ("26.51", "sensors, environmental monitoring", "miljösensorer", "ympäristöanturit", "sensors"),
    ("36.00", "water treatment", "vattenrening", "vedenpuhdistus", "water treatment plants"),
    ("71.12", "engineering, energy efficiency", "energieffektivisering", "energiatehokkuus",
     "energy audits"),
    ("20.59", "biogas, biofuels", "biogas", "biokaasu", "biogas upgrading"),
    ("33.12", "maintenance, wind turbines", "service av vindkraftverk", "tuulivoimaloiden huolto",
     "turbine maintenance"),
]  # fmt: skip
MARKETS = ["NO", "DE", "DK", "EE", "CN", "CA", "US", "JP", "BR", "KR", "FR", "PL"]
PEOPLE = ["Alva", "Eero", "Sanna", "Jonas", "Liis", "Mikko", "Ebba", "Aino", "Oskar", "Ilze",
          "Karin", "Juha", "Maija", "Nils", "Tiina", "Janis"]  # fmt: skip
ROLES = ["CEO", "Export manager", "Sales director", "CTO", "Founder"]


def _luhn_check(digits: str) -> int:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char) * (2 if index % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return (10 - total % 10) % 10


def _se_number(rng: random.Random) -> str:
    body = "55" + "".join(str(rng.randrange(10)) for _ in range(7))
    return f"{body[:6]}-{body[6:]}{_luhn_check(body)}"


def _fi_number(rng: random.Random) -> str:
    while True:
        body = str(rng.randrange(2000000, 3400000))
        remainder = sum(int(d) * w for d, w in zip(body, [7, 9, 10, 5, 8, 4, 2], strict=True)) % 11
        if remainder != 1:
            return f"{body}-{0 if remainder == 0 else 11 - remainder}"


def _ee_number(rng: random.Random) -> str:
    while True:
        body = "1" + "".join(str(rng.randrange(10)) for _ in range(6))
        values = [int(d) for d in body]
        check = sum(v * w for v, w in zip(values, [1, 2, 3, 4, 5, 6, 7], strict=True)) % 11
        if check == 10:
            check = sum(v * w for v, w in zip(values, [3, 4, 5, 6, 7, 8, 9], strict=True)) % 11
        if check != 10:
            return body + str(check)


def _lv_number(rng: random.Random) -> str:
    return "4" + "".join(str(rng.randrange(10)) for _ in range(10))


NUMBERS = {"SE": _se_number, "FI": _fi_number, "EE": _ee_number, "LV": _lv_number}


def rows(count: int = 200) -> list[dict[str, str]]:
    rng = random.Random(4004)  # seed 004: Cleantech Kvarken
    countries = ["SE"] * 95 + ["FI"] * 85 + ["EE"] * 12 + ["LV"] * 8
    result, names, numbers = [], set(), set()
    for index in range(count):
        country = countries[index % len(countries)]
        region, city = rng.choice(PLACES[country])
        while True:
            base = f"{rng.choice(FIRST)}{rng.choice(SECOND).lower()}"
            name = f"{base} {SUFFIX[country]} (invented)"
            if name not in names:
                names.add(name)
                break
        while (number := NUMBERS[country](rng)) in numbers:
            pass
        numbers.add(number)
        topic = rng.choice(TOPICS)
        second = rng.choice(TOPICS)
        person = rng.choice(PEOPLE)
        domain = (
            base.lower().replace("ä", "a").replace("ö", "o").replace("ø", "o").replace("å", "a")
        )
        markets = rng.sample(MARKETS, rng.randrange(1, 4))
        result.append(
            {
                "name": name,
                "registration_number": number,
                "country": country,
                "region": region,
                "city": city,
                "kind": "company",
                "size_class": rng.choice(["micro", "micro", "small", "small", "medium"]),
                "founded_year": str(rng.randrange(1985, 2024)),
                "website": f"https://{domain}.example.org",
                "sectors": ", ".join(sorted({topic[0], second[0]})),
                "keywords": f"{topic[1]}, {second[1]}",
                "target_markets": ", ".join(markets),
                "languages": {"SE": "sv, en", "FI": "fi, sv, en", "EE": "et, en", "LV": "lv, en"}[
                    country
                ],
                "description_sv": f"Uppdiktat demoföretag i {city} inom {topic[2]}.",
                "description_fi": f"Keksitty esittelyyritys, {city}: {topic[3]}.",
                "description_en": f"Invented demo company in {city} working with {topic[1]}.",
                "offers_en": f"{topic[4].capitalize()} and {second[4]}.",
                "needs_en": f"Partners and customers in {', '.join(markets)}.",
                "contact_name": f"{person} Demo{index:03d}",
                "contact_role": rng.choice(ROLES),
                "contact_email": f"{person.lower()}.demo{index:03d}@example.org",
                "contact_consent": "yes" if rng.random() < 0.7 else "no",
                "invented": "yes",
            }
        )
    return result


def main() -> None:
    with OUT.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows())
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
