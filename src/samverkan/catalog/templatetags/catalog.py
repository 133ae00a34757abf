"""Template helpers for the catalogue's filter links and facet panels."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext_lazy as _

from samverkan.catalog import pickers

register = template.Library()

FACET_TITLES = [
    ("country", _("Country")),
    ("region", _("Region (NUTS 2)")),
    ("sector", _("Sector (NACE section)")),
    ("kind", _("Kind")),
    ("size", _("Size")),
    ("market", _("Target market")),
]


@register.filter
def get_item(mapping, key):
    return mapping.get(key)


@register.simple_tag
def query_with(params, key, value):
    """The current query string with `key` set to `value` and the page reset."""
    query = params.copy()
    query[key] = value
    query.pop("page", None)
    return query.urlencode()


@register.inclusion_tag("catalog/_facets.html")
def facet_panel(facets, params):
    return {"facets": facets, "params": params, "facet_titles": FACET_TITLES}


@register.inclusion_tag("catalog/_filter_picker.html")
def filter_picker(name, kind, value, label, max_level=9):
    """A grouped single `<select>` over reference data, plus the htmx type-ahead; a value
    deeper than `max_level` (chosen through the type-ahead) stays selected."""
    value = (value or "").upper()
    choices = pickers.grouped_choices(kind, max_level=max_level)
    known = {code for _group, options in choices for code, _label in options}
    extra = None
    if value and value not in known:
        extra = (value, dict(pickers.flat_choices(kind)).get(value, value))
    return {
        "name": name,
        "kind": kind,
        "value": value,
        "label": label,
        "choices": choices,
        "extra": extra,
    }
