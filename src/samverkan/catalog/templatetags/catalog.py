"""Template helpers for the catalogue's filter links and facet panels."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext_lazy as _

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
