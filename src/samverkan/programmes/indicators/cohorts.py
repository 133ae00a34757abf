"""Records from the calls app (upstream of programmes): a call's cohort of selected
organisations that a project supports, and the offerings the cohort receives.

* organisations supported / SMEs supported: every member of a cohort linked to a project
  (`Project.cohorts`), dated when the cohort was formed;
* offerings to selected organisations: each offering (training, network meeting,
  international contacts, financial support) of such a cohort, with the number of
  organisations it was offered to.

programmes reads calls through `calls.selectors`; calls never imports programmes.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.catalog.models import OrganisationKind
from samverkan.programmes.indicators.records import Record, Scope


def _linked_cohorts(scope: Scope) -> list[tuple[object, object]]:
    """(project, cohort) pairs in the scope, oldest project first."""
    from samverkan.programmes.models import Project

    through = Project.cohorts.through
    rows = (
        through.objects.filter(**scope.project_filter())
        .select_related("project", "cohort__call")
        .order_by("project__start_date", "project_id", "cohort_id")
    )
    return [(row.project, row.cohort) for row in rows]


def _cohort_url(cohort) -> str:
    return reverse("calls:cohort-detail", kwargs={"pk": cohort.pk})


def supported_organisations(scope: Scope, *, companies_only: bool) -> list[Record]:
    from samverkan.calls import selectors as calls_selectors

    records = []
    for project, cohort in _linked_cohorts(scope):
        day = timezone.localdate(cohort.created_at)
        if not scope.contains(day):
            continue
        members = calls_selectors.cohort_members(cohort=cohort).select_related(
            "organisation__region"
        )
        for member in members:
            organisation = member.organisation
            if companies_only and organisation.kind != OrganisationKind.COMPANY:
                continue
            records.append(
                Record(
                    kind=_("selected in a call"),
                    label=f"{organisation.name} — {cohort.name}",
                    day=day,
                    organisation=organisation.name,
                    country=organisation.country,
                    region=organisation.region_id or "",
                    project=str(project),
                    url=_cohort_url(cohort),
                    detail=cohort.call.title,
                    ref=f"calls.cohortmember:{member.pk}",
                    project_id=project.pk,
                    key=f"organisation:{organisation.pk}",
                )
            )
    return records


def offerings(scope: Scope) -> list[Record]:
    from samverkan.calls import selectors as calls_selectors

    records = []
    for project, cohort in _linked_cohorts(scope):
        member_count = calls_selectors.cohort_members(cohort=cohort).count()
        for offering in calls_selectors.cohort_offerings(cohort=cohort):
            day = (
                timezone.localdate(offering.starts_at)
                if offering.starts_at
                else timezone.localdate(offering.created_at)
            )
            if not scope.contains(day):
                continue
            records.append(
                Record(
                    kind=offering.get_kind_display(),
                    label=f"{offering.title} — {cohort.name}",
                    day=day,
                    project=str(project),
                    url=_cohort_url(cohort),
                    detail=_("offered to %(count)s selected organisations")
                    % {"count": member_count},
                    ref=f"calls.offering:{offering.pk}",
                    project_id=project.pk,
                    key=f"offering:{offering.pk}",
                )
            )
    return records
