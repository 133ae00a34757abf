"""Pickers over the reference data: grouped choices for `<select>` (works without JavaScript)
and a type-ahead search (by code, or by name in the user's language) for htmx.

The reference tables are static between `load-reference-data` runs, so their rows are read
once per process and language and kept in memory (a few thousand short tuples).
"""

from __future__ import annotations

from functools import lru_cache

from django.utils import translation
from django.utils.translation import gettext as _

from samverkan.catalog.models import Country, Region, Sector
from samverkan.catalog.text import fold

KINDS = ("countries", "regions", "sectors")
MAX_MATCHES = 20


@lru_cache(maxsize=16)
def _rows(kind: str, language: str) -> tuple[tuple[str, str, int, str, str], ...]:
    """(code, label, level, group, folded label) of every row, in display order."""
    if kind == "countries":
        found = []
        for country in Country.objects.all():
            name = country.names.get(language) or country.name
            group = "eu" if country.is_eu else "efta" if country.is_efta else "other"
            found.append((country.code, name, 0, group))
        found.sort(key=lambda row: (row[3] != "eu", row[3] != "efta", fold(row[1])))
    elif kind == "regions":
        found = [
            (code, f"{code} {name}", level, country)
            for code, name, level, country in Region.objects.order_by("code").values_list(
                "code", "name", "level", "country_code"
            )
        ]
    else:
        found = [
            (code, f"{code} {name}", level, section)
            for code, name, level, section in Sector.objects.values_list(
                "code", "name", "level", "section"
            )
        ]
        found.sort(key=lambda row: (row[3], row[2] != 1, row[0]))
    return tuple((*row, fold(row[1])) for row in found)


def rows(kind: str) -> tuple[tuple[str, str, int, str, str], ...]:
    language = translation.get_language() or "en"
    found = _rows(kind, language)
    if not found:  # reference data not loaded yet: do not remember the empty answer
        _rows.cache_clear()
    return found


def _group_labels(kind: str) -> dict[str, str]:
    if kind == "countries":
        return {"eu": _("EU"), "efta": _("EFTA"), "other": _("Outside the EU and EFTA")}
    if kind == "regions":
        return {row[0]: row[1] for row in rows("countries")}
    sections = {}
    for code, label, level, _group, _folded in rows("sectors"):
        if level == 1:
            sections[code] = label
    return sections


def grouped_choices(kind: str, *, max_level: int = 9, codes=None) -> list:
    """[(group label, [(code, label), ...]), ...] for a grouped `<select>`; deeper levels are
    indented. `codes` limits the groups (for regions: country codes)."""
    labels = _group_labels(kind)
    groups: dict[str, list] = {}
    for code, label, level, group, _folded in rows(kind):
        if level > max_level or (codes is not None and group not in codes):
            continue
        indent = "\u2003" * max(0, level - 1) if kind != "countries" else ""
        groups.setdefault(group, []).append((code, f"{indent}{label}"))
    return [(labels.get(group, group), options) for group, options in groups.items()]


def flat_choices(kind: str) -> list[tuple[str, str]]:
    return [(row[0], row[1]) for row in rows(kind)]


def search(kind: str, query: str, *, limit: int = MAX_MATCHES) -> list[tuple[str, str]]:
    """Rows whose code starts with the query, then rows whose folded name contains it."""
    if kind not in KINDS:
        return []
    needle = fold(query)
    if not needle:
        return []
    code_needle = query.strip().upper()
    by_code, by_name = [], []
    for code, label, _level, _group, folded in rows(kind):
        if code.upper().startswith(code_needle):
            by_code.append((code, label))
        elif needle in folded:
            by_name.append((code, label))
        if len(by_code) >= limit:
            break
    return (by_code + by_name)[:limit]
