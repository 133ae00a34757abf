"""Catalogue: list/search/retrieve/create/update organisations and their people, and import.

The list takes the same filters as the web catalogue. Anonymous callers see public profiles;
people are listed only if they consented, unless the caller is a member or an operator.
"""

from datetime import datetime

from django.core.validators import validate_slug
from django.db import transaction
from django.shortcuts import get_object_or_404
from ninja import File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from samverkan.api.auth import OPTIONAL_AUTH
from samverkan.api.pagination import Pagination
from samverkan.api.problems import Problem
from samverkan.catalog import imports, selectors, services
from samverkan.catalog.models import Catalogue, ImportJob, Organisation, Person
from samverkan.common.permissions import api_permission

prefix = "/organisations"
router = Router(tags=["catalogue"])


class TextSchema(Schema):
    language: str
    description: str = ""
    offers: str = ""
    needs: str = ""


class PersonOut(Schema):
    id: int
    name: str
    role: str
    email: str
    phone: str
    languages: list[str]
    listing_consent_at: datetime | None


class OrganisationOut(Schema):
    id: int
    name: str
    slug: str
    kind: str
    country: str
    website: str
    legal_name: str
    registration_number: str
    vat_number: str
    size_class: str
    founded_year: int | None
    city: str
    region: str | None
    sectors: list[str]
    keywords: list[str]
    target_markets: list[str]
    languages: list[str]
    visibility: str
    is_demo: bool
    texts: list[TextSchema]

    @staticmethod
    def resolve_region(obj) -> str | None:
        return obj.region_id

    @staticmethod
    def resolve_sectors(obj) -> list[str]:
        return [sector.code for sector in obj.sectors.all()]

    @staticmethod
    def resolve_target_markets(obj) -> list[str]:
        return [country.code for country in obj.target_markets.all()]

    @staticmethod
    def resolve_keywords(obj) -> list[str]:
        return obj.keyword_list

    @staticmethod
    def resolve_texts(obj) -> list[dict]:
        return [
            {
                "language": t.language,
                "description": t.description,
                "offers": t.offers,
                "needs": t.needs,
            }
            for t in obj.texts.all()
        ]


class OrganisationIn(Schema):
    name: str | None = None
    legal_name: str | None = None
    registration_number: str | None = None
    vat_number: str | None = None
    kind: str | None = None
    size_class: str | None = None
    founded_year: int | None = None
    website: str | None = None
    street_address: str | None = None
    postal_code: str | None = None
    city: str | None = None
    country: str | None = None
    region: str | None = None
    sectors: list[str] | None = None
    keywords: str | None = None
    target_markets: list[str] | None = None
    languages: list[str] | None = None
    visibility: str | None = None
    texts: list[TextSchema] | None = None


class PersonIn(Schema):
    name: str
    role: str = ""
    email: str = ""
    phone: str = ""
    languages: list[str] = []
    consent: bool = False


class Filters(Schema):
    q: str = ""
    country: str = ""
    region: str = ""
    sector: str = ""
    kind: str = ""
    size: str = ""
    market: str = ""
    catalogue: str = ""
    sort: str = "name"


class ImportReport(Schema):
    id: int
    status: str
    mapping: dict[str, str]
    report: dict


def _organisation(request, organisation_id: int, **kwargs):
    return get_object_or_404(Organisation, pk=organisation_id)


def _split(payload: OrganisationIn) -> tuple[dict, dict | None]:
    data = payload.dict(exclude_unset=True)
    texts = data.pop("texts", None)
    if texts is not None:
        texts = {text["language"]: text for text in texts}
    return data, texts


def _detail(organisation_id: int) -> Organisation:
    return get_object_or_404(selectors.organisation_detail_queryset(), pk=organisation_id)


@router.get("", response=list[OrganisationOut], auth=OPTIONAL_AUTH, summary="List and search")
@api_permission("catalog.list_organisations")
@paginate(Pagination)
def organisation_list(request, filters: Query[Filters]):
    search = selectors.OrganisationFilters(**filters.dict())
    return selectors.organisation_search(user=request.user, filters=search).prefetch_related(
        "sectors", "target_markets"
    )


@router.post(
    "",
    response={201: OrganisationOut, 401: Problem, 403: Problem, 422: Problem},
    summary="Create an organisation (operators)",
)
@api_permission("catalog.add_organisation")
def organisation_create(request, payload: OrganisationIn):
    data, texts = _split(payload)
    organisation = services.organisation_create(actor=request.user, data=data, texts=texts)
    return Status(201, _detail(organisation.pk))


@router.post(
    "/imports",
    response={201: ImportReport, 401: Problem, 403: Problem, 422: Problem},
    summary="Upload a CSV/XLSX file: returns the guessed mapping and the dry-run report",
)
@api_permission("catalog.import_organisations")
def import_upload(request, file: File[UploadedFile], catalogue: Form[str] = ""):
    target = Catalogue.objects.filter(slug=catalogue).first() if catalogue else None
    job = imports.import_job_create(
        actor=request.user, file_name=file.name, content=file.read(), catalogue=target
    )
    imports.import_check(job=job)
    return Status(201, job)


class MappingIn(Schema):
    mapping: dict[str, str]


@router.put(
    "/imports/{job_id}/mapping",
    response={200: ImportReport, 401: Problem, 403: Problem, 404: Problem, 422: Problem},
    summary="Set the column mapping and re-run the dry run",
)
@api_permission("catalog.import_organisations")
def import_mapping(request, job_id: int, payload: MappingIn):
    job = get_object_or_404(ImportJob, pk=job_id)
    imports.import_mapping_set(actor=request.user, job=job, mapping=payload.mapping)
    imports.import_check(job=job)
    return job


class DecisionsIn(Schema):
    decisions: dict[str, str]


@router.put(
    "/imports/{job_id}/decisions",
    response={200: ImportReport, 401: Problem, 403: Problem, 404: Problem, 422: Problem},
    summary="Choose merge, create or skip for rows that match an existing organisation",
)
@api_permission("catalog.import_organisations")
def import_decisions(request, job_id: int, payload: DecisionsIn):
    job = get_object_or_404(ImportJob, pk=job_id)
    imports.import_decisions_set(actor=request.user, job=job, decisions=payload.decisions)
    imports.import_check(job=job)
    return job


@router.post(
    "/imports/{job_id}/commit",
    response={200: ImportReport, 401: Problem, 403: Problem, 404: Problem, 422: Problem},
    summary="Import all rows, or none if any row is bad (422 lists the problem)",
)
@api_permission("catalog.import_organisations")
def import_commit(request, job_id: int):
    job = get_object_or_404(ImportJob, pk=job_id)
    imports.import_commit(actor=request.user, job=job)
    job.refresh_from_db()
    return job


class CatalogueIn(Schema):
    titles: dict[str, str]
    intros: dict[str, str] = {}
    languages: list[str]
    is_published: bool = False


class CatalogueOut(Schema):
    slug: str
    titles: dict[str, str]
    intros: dict[str, str]
    languages: list[str]
    is_published: bool
    published_at: datetime | None
    organisations: int

    @staticmethod
    def resolve_organisations(catalogue) -> int:
        return catalogue.organisations.count()


@router.put(
    "/catalogues/{slug}",
    response={200: CatalogueOut, 401: Problem, 403: Problem, 422: Problem},
    summary="Create or change a programme's catalogue and publish or withdraw it (operators)",
)
@api_permission("catalog.manage_catalogues")
def catalogue_put(request, slug: str, payload: CatalogueIn):
    validate_slug(slug)
    existing = Catalogue.objects.filter(slug=slug).select_related("operator").first()
    with transaction.atomic():
        catalogue = services.catalogue_save(
            actor=request.user,
            slug=slug,
            titles=payload.titles,
            intros=payload.intros,
            languages=payload.languages,
            operator=existing.operator if existing else None,
        )
        if catalogue.is_published != payload.is_published:
            catalogue = services.catalogue_publish(
                actor=request.user, catalogue=catalogue, published=payload.is_published
            )
    return catalogue


@router.get(
    "/{organisation_id}",
    response={200: OrganisationOut, 403: Problem, 404: Problem},
    auth=OPTIONAL_AUTH,
    summary="One organisation",
)
@api_permission("catalog.view_organisation", obj_getter=_organisation)
def organisation_detail(request, organisation_id: int):
    return _detail(organisation_id)


@router.patch(
    "/{organisation_id}",
    response={200: OrganisationOut, 401: Problem, 403: Problem, 404: Problem, 422: Problem},
    summary="Update an organisation (its managers and operators); only the fields sent change",
)
@api_permission("catalog.change_organisation", obj_getter=_organisation)
def organisation_update(request, organisation_id: int, payload: OrganisationIn):
    data, texts = _split(payload)
    organisation = get_object_or_404(Organisation, pk=organisation_id)
    services.organisation_update(
        actor=request.user, organisation=organisation, data=data, texts=texts
    )
    return _detail(organisation_id)


@router.get(
    "/{organisation_id}/people",
    response={200: list[PersonOut], 403: Problem, 404: Problem},
    auth=OPTIONAL_AUTH,
    summary="People of an organisation (only consenting ones unless you are a member)",
)
@api_permission("catalog.view_organisation", obj_getter=_organisation)
def person_list(request, organisation_id: int):
    organisation = _detail(organisation_id)
    if request.user.has_perm("catalog.view_people", organisation):
        return list(organisation.people.all())
    return selectors.people_public(organisation=organisation)


@router.post(
    "/{organisation_id}/people",
    response={201: PersonOut, 401: Problem, 403: Problem, 404: Problem, 422: Problem},
    summary="Add a person",
)
@api_permission("catalog.change_people", obj_getter=_organisation)
def person_create(request, organisation_id: int, payload: PersonIn):
    data = payload.dict()
    consent = data.pop("consent")
    organisation = get_object_or_404(Organisation, pk=organisation_id)
    person = services.person_create(
        actor=request.user, organisation=organisation, data=data, consent=consent
    )
    return Status(201, person)


@router.patch(
    "/{organisation_id}/people/{person_id}",
    response={200: PersonOut, 401: Problem, 403: Problem, 404: Problem, 422: Problem},
    summary="Update a person",
)
@api_permission("catalog.change_people", obj_getter=_organisation)
def person_update(request, organisation_id: int, person_id: int, payload: PersonIn):
    person = get_object_or_404(Person, pk=person_id, organisation_id=organisation_id)
    data = payload.dict(exclude_unset=True)
    consent = data.pop("consent", None)
    return services.person_update(actor=request.user, person=person, data=data, consent=consent)
