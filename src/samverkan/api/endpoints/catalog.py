"""Catalogue organisations (the catalogue issue extends these endpoints)."""

from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from samverkan.api.auth import OPTIONAL_AUTH
from samverkan.api.problems import Problem
from samverkan.catalog import selectors
from samverkan.catalog.models import Organisation
from samverkan.common.permissions import api_permission

prefix = "/organisations"
router = Router(tags=["catalogue"])


class OrganisationOut(Schema):
    id: int
    name: str
    slug: str
    kind: str
    country: str
    website: str


class OrganisationFilters(Schema):
    q: str = ""
    kind: str = ""
    country: str = ""


@router.get(
    "",
    response=list[OrganisationOut],
    auth=OPTIONAL_AUTH,
    summary="List and search organisations",
)
@api_permission("catalog.list_organisations")
@paginate(PageNumberPagination)
def organisation_list(request, filters: Query[OrganisationFilters]):
    return selectors.organisation_list(query=filters.q, kind=filters.kind, country=filters.country)


@router.get(
    "/{organisation_id}",
    response={200: OrganisationOut, 404: Problem},
    auth=OPTIONAL_AUTH,
    summary="One organisation",
)
@api_permission(
    "catalog.view_organisation",
    obj_getter=lambda request, organisation_id: get_object_or_404(Organisation, pk=organisation_id),
)
def organisation_detail(request, organisation_id: int):
    return get_object_or_404(Organisation, pk=organisation_id)
