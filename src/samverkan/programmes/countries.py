"""EU and EFTA membership as data, for the "outside EU/EFTA" indicator flag.

The catalogue's packaged country reference data (`catalog.reference.countries()`, ISO 3166
with EU/EFTA membership) is used; this app's own small file (data/eu_efta.json) is the
fallback should that module be unavailable.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from django.utils import translation

DATA_FILE = Path(__file__).parent / "data" / "eu_efta.json"


@lru_cache(maxsize=1)
def _own_data() -> dict:
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict]:
    """code -> {"names": {...}, "inside": bool}."""
    try:
        from samverkan.catalog.reference import countries
    except ImportError:  # pragma: no cover - catalogue without reference data
        data = _own_data()
        inside = set(data["eu"]) | set(data["efta"])
        return {
            code: {"names": {"en": name}, "inside": code in inside}
            for code, name in data["names"].items()
        }
    return {
        row["code"]: {"names": row["names"], "inside": row["is_eu"] or row["is_efta"]}
        for row in countries()
    }


def eu_efta_codes() -> set[str]:
    return {code for code, row in _countries().items() if row["inside"]}


def is_outside_eu_efta(country: str) -> bool:
    """True for a known country that is neither in the EU nor in EFTA; blank is not outside."""
    return bool(country) and country.upper() not in eu_efta_codes()


def country_name(code: str) -> str:
    row = _countries().get((code or "").upper())
    if row is None:
        return code or ""
    return row["names"].get(translation.get_language() or "en") or row["names"]["en"]


def country_choices() -> list[tuple[str, str]]:
    return sorted(((code, country_name(code)) for code in _countries()), key=lambda i: i[1])


def is_known_country(code: str) -> bool:
    return (code or "").upper() in _countries()
