"""Numbers for the server-rendered SVG charts (templates draw them; no JavaScript, no CDN)."""

from __future__ import annotations

from collections import Counter
from datetime import date
from decimal import Decimal

from samverkan.programmes.countries import country_name, is_outside_eu_efta

WIDTH, HEIGHT, PAD = 320, 90, 4


def series_chart(result, points: list[date]) -> dict:
    """A cumulative line of the indicator's value at each quarter end, scaled with its target."""
    values = [result.value_until(day) for day in points]
    top = max([*values, result.target or Decimal(0), Decimal(1)])
    step = (WIDTH - 2 * PAD) / max(1, len(points) - 1)

    def y(value: Decimal) -> float:
        return round(HEIGHT - PAD - float(value / top) * (HEIGHT - 2 * PAD), 1)

    coordinates = " ".join(
        f"{round(PAD + index * step, 1)},{y(value)}" for index, value in enumerate(values)
    )
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "points": coordinates,
        "target_y": y(result.target) if result.target else None,
        "first": points[0] if points else None,
        "last": points[-1] if points else None,
        "values": list(zip(points, values, strict=True)),
    }


def country_table(results) -> dict:
    """Records per country for the indicators whose records carry a country."""
    columns, counts = [], {}
    for result in results:
        counter = Counter(record.country for record in result.records if record.country)
        if counter:
            columns.append(result)
            counts[result.indicator.pk] = counter
    countries = sorted({c for counter in counts.values() for c in counter}, key=country_name)
    rows = [
        {
            "code": code,
            "name": country_name(code),
            "outside": is_outside_eu_efta(code),
            "cells": [counts[column.indicator.pk].get(code, 0) for column in columns],
        }
        for code in countries
    ]
    return {"columns": columns, "rows": rows, "regions": region_table(results)}


def region_table(results) -> dict:
    """Records per NUTS 3 region (of the organisation) for the indicators that have regions."""
    from samverkan.catalog.models import Region

    columns, counts = [], {}
    for result in results:
        counter = Counter(record.region for record in result.records if record.region)
        if counter:
            columns.append(result)
            counts[result.indicator.pk] = counter
    codes = sorted({code for counter in counts.values() for code in counter})
    names = dict(Region.objects.filter(code__in=codes).values_list("code", "name"))
    rows = [
        {
            "code": code,
            "name": names.get(code, code),
            "cells": [counts[column.indicator.pk].get(code, 0) for column in columns],
        }
        for code in codes
    ]
    return {"columns": columns, "rows": rows}
