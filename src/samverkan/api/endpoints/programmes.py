"""Programmes, projects (with partners, funding and current indicator values), activities and
indicator values with the records they were computed from. Amounts are decimal strings."""

from datetime import date

from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from samverkan.api.auth import OPTIONAL_AUTH
from samverkan.api.pagination import Pagination
from samverkan.api.problems import Problem
from samverkan.common.permissions import api_permission
from samverkan.programmes import selectors
from samverkan.programmes.indicators.compute import indicator_results, values_by_project
from samverkan.programmes.models import Programme, Project

prefix = "/"
router = Router(tags=["programmes"])


class FundOut(Schema):
    name: str
    kind: str
    co_financing_rate: str | None


class ProgrammeOut(Schema):
    id: int
    name: str
    slug: str
    start_year: int
    end_year: int
    currency: str
    description: str
    results_published: bool


class PartnerOut(Schema):
    organisation_id: int
    organisation: str
    country: str
    role: str
    budget_amount: str | None
    budget_currency: str


class ContributionOut(Schema):
    funder: str
    funder_organisation_id: int | None
    fund: str | None
    partner_organisation_id: int | None
    amount: str | None
    currency: str
    share: str | None


class IndicatorValueOut(Schema):
    code: str
    name: str
    unit: str
    target: str | None
    value: str


class ProjectOut(Schema):
    id: int
    name: str
    acronym: str
    slug: str
    programme_id: int
    programme: str
    status: str
    start_date: date
    end_date: date
    target_markets: list[str]
    partners: list[PartnerOut]
    contributions: list[ContributionOut]
    indicators: list[IndicatorValueOut]


class RecordOut(Schema):
    ref: str
    kind: str
    label: str
    date: date | None
    project_id: int | None
    organisation: str
    country: str
    value: str
    detail: str
    counted: bool


class IndicatorOut(Schema):
    id: int
    code: str
    name: str
    unit: str
    source: str
    aggregation: str
    baseline: str
    target: str | None
    value: str
    progress_percent: str | None
    warnings: list[str]
    records: list[RecordOut]


class ActivityOut(Schema):
    id: int
    kind: str
    title: str
    starts_on: date
    ends_on: date | None
    country: str
    topic: str
    hours: str | None
    participants: list[int]
    meetings: int
    is_invented: bool


class ProjectFilters(Schema):
    programme: int | None = None
    organisation: int | None = None
    q: str = ""


def _s(value) -> str | None:
    return None if value is None else str(value)


def _partner(partner) -> PartnerOut:
    return PartnerOut(
        organisation_id=partner.organisation_id,
        organisation=partner.organisation.name,
        country=partner.organisation.country,
        role=partner.role,
        budget_amount=_s(partner.budget_amount),
        budget_currency=partner.budget_currency,
    )


def _contribution(c) -> ContributionOut:
    return ContributionOut(
        funder=c.funder_label,
        funder_organisation_id=c.funder_id,
        fund=c.fund.name if c.fund else None,
        partner_organisation_id=c.partner.organisation_id if c.partner else None,
        amount=_s(c.amount),
        currency=c.currency,
        share=_s(c.share),
    )


def _project(project, values) -> ProjectOut:
    return ProjectOut(
        id=project.pk,
        name=project.name,
        acronym=project.acronym,
        slug=project.slug,
        programme_id=project.programme_id,
        programme=project.programme.name,
        status=project.status,
        start_date=project.start_date,
        end_date=project.end_date,
        target_markets=project.target_markets,
        partners=[_partner(p) for p in project.partners.all()],
        contributions=[_contribution(c) for c in project.contributions.all()],
        indicators=[
            IndicatorValueOut(
                code=indicator.code,
                name=indicator.name,
                unit=indicator.unit,
                target=_s(indicator.target),
                value=str(value),
            )
            for indicator, value in values.get(project.pk, [])
        ],
    )


def _values_for(projects) -> dict:
    values: dict = {}
    for programme in {project.programme for project in projects}:
        values.update(values_by_project(programme=programme))
    return values


def _project_queryset(filters: ProjectFilters):
    programme = None
    if filters.programme is not None:
        programme = get_object_or_404(Programme, pk=filters.programme)
    return selectors.project_list(
        programme=programme, organisation_id=filters.organisation, query=filters.q.strip()
    ).prefetch_related("contributions__fund", "contributions__funder", "contributions__partner")


class ProjectPagination(Pagination):
    """Page numbers; indicator values are computed for the page's projects only."""

    def paginate_queryset(self, queryset, pagination, request=None, **params):
        page = super().paginate_queryset(queryset, pagination, request=request, **params)
        projects = list(page["items"])
        values = _values_for(projects)
        page["items"] = [_project(project, values) for project in projects]
        return page


@router.get("/programmes", response=list[ProgrammeOut], auth=OPTIONAL_AUTH, summary="Programmes")
@api_permission("programmes.list_programmes")
@paginate(Pagination)
def programme_list(request, q: str = ""):
    return selectors.programme_list(query=q.strip())


def _programme(request, programme_id: int, **kwargs) -> Programme:
    return get_object_or_404(Programme, pk=programme_id)


@router.get(
    "/programmes/{programme_id}",
    response={200: ProgrammeOut, 404: Problem},
    auth=OPTIONAL_AUTH,
    summary="One programme",
)
@api_permission("programmes.view_programme", obj_getter=_programme)
def programme_detail(request, programme_id: int):
    return _programme(request, programme_id)


@router.get(
    "/programmes/{programme_id}/indicators",
    response={200: list[IndicatorOut], 401: Problem, 403: Problem, 404: Problem},
    summary="Indicators with target, current value and the records it was computed from",
)
@api_permission("programmes.view_dashboard", obj_getter=_programme)
def programme_indicators(
    request,
    programme_id: int,
    project: int | None = None,
    start: date | None = None,
    end: date | None = None,
):
    programme = _programme(request, programme_id)
    project_obj = None
    if project is not None:
        project_obj = get_object_or_404(Project, pk=project, programme=programme)
    results = indicator_results(programme=programme, project=project_obj, start=start, end=end)
    out = []
    for result in results:
        seen: set[str] = set()
        records = []
        for record in result.records:
            counted = not record.key or record.key not in seen
            seen.add(record.key)
            records.append(
                RecordOut(
                    ref=record.ref,
                    kind=str(record.kind),
                    label=record.label,
                    date=record.day,
                    project_id=record.project_id,
                    organisation=record.organisation,
                    country=record.country,
                    value=str(record.value),
                    detail=record.detail,
                    counted=counted,
                )
            )
        out.append(
            IndicatorOut(
                id=result.indicator.pk,
                code=result.indicator.code,
                name=result.indicator.name,
                unit=result.indicator.unit,
                source=result.indicator.source,
                aggregation=result.indicator.aggregation,
                baseline=str(result.indicator.baseline),
                target=_s(result.indicator.target),
                value=str(result.value),
                progress_percent=_s(result.progress_percent),
                warnings=result.warnings,
                records=records,
            )
        )
    return out


@router.get(
    "/projects",
    response=list[ProjectOut],
    auth=OPTIONAL_AUTH,
    summary="Projects with partners, funding contributions and current indicator values",
)
@api_permission("programmes.list_projects")
@paginate(ProjectPagination)
def project_list(request, filters: Query[ProjectFilters]):
    return _project_queryset(filters)


def _project_obj(request, project_id: int, **kwargs) -> Project:
    return get_object_or_404(Project, pk=project_id)


@router.get(
    "/projects/{project_id}",
    response={200: ProjectOut, 404: Problem},
    auth=OPTIONAL_AUTH,
    summary="One project",
)
@api_permission("programmes.view_project", obj_getter=_project_obj)
def project_detail(request, project_id: int):
    project = _project_queryset(ProjectFilters()).get(pk=_project_obj(request, project_id).pk)
    return _project(project, _values_for([project]))


@router.get(
    "/projects/{project_id}/activities",
    response={200: list[ActivityOut], 404: Problem},
    auth=OPTIONAL_AUTH,
    summary="A project's activities with their participating organisations",
)
@api_permission("programmes.view_project", obj_getter=_project_obj)
@paginate(Pagination)
def project_activities(request, project_id: int):
    project = _project_obj(request, project_id)
    return [
        ActivityOut(
            id=a.pk,
            kind=a.kind,
            title=a.title,
            starts_on=a.starts_on,
            ends_on=a.ends_on,
            country=a.country,
            topic=a.topic,
            hours=_s(a.hours),
            participants=[p.organisation_id for p in a.participations.all()],
            meetings=a.meeting_count,
            is_invented=a.is_invented,
        )
        for a in selectors.project_activities(project=project)
    ]
