"""Reads for the catalogue."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from samverkan.catalog.models import Organisation


def organisation_list(*, query: str = "", kind: str = "", country: str = "") -> QuerySet:
    organisations = Organisation.objects.all()
    if query:
        organisations = organisations.filter(Q(name__icontains=query))
    if kind:
        organisations = organisations.filter(kind=kind)
    if country:
        organisations = organisations.filter(country=country.upper())
    return organisations.order_by("name")


def organisation_list_for_user(*, user) -> QuerySet:
    return Organisation.objects.filter(memberships__user=user).order_by("name")
