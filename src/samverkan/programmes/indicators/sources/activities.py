"""Sources counted from activities: organisations supported, business meetings, advice hours."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from samverkan.catalog.models import OrganisationKind
from samverkan.programmes.indicators import cohorts, external
from samverkan.programmes.indicators.records import ZERO, Record, Scope, SourceResult, total
from samverkan.programmes.models import ActivityMeeting, ActivityParticipation, Partner


def _activity_url(activity) -> str:
    return reverse("programmes:project-detail", kwargs={"slug": activity.project.slug}) + (
        f"#activity-{activity.pk}"
    )


def _partner_ids(scope: Scope) -> set[tuple[int, int]]:
    return set(
        Partner.objects.filter(**scope.project_filter()).values_list(
            "project_id", "organisation_id"
        )
    )


def _supported(scope: Scope, *, companies_only: bool) -> SourceResult:
    """Distinct organisations that took part in a project's activities (not the partners)."""
    partners = _partner_ids(scope)
    rows = (
        ActivityParticipation.objects.filter(**scope.project_filter("activity__project"))
        .exclude(role=ActivityParticipation.Role.ADVISER)
        .select_related("organisation", "activity__project")
        .order_by("activity__starts_on", "pk")
    )
    if companies_only:
        rows = rows.filter(organisation__kind=OrganisationKind.COMPANY)
    first: dict[tuple[int, int], Record] = {}
    for row in rows:
        activity = row.activity
        pair = (activity.project_id, row.organisation_id)
        if not scope.contains(activity.starts_on) or pair in first or pair in partners:
            continue
        first[pair] = Record(
            kind=_("participation"),
            label=f"{row.organisation.name} — {activity.title}",
            day=activity.starts_on,
            organisation=row.organisation.name,
            country=row.organisation.country,
            region=row.organisation.region_id or "",
            project=str(activity.project),
            url=_activity_url(activity),
            ref=f"programmes.activityparticipation:{row.pk}",
            project_id=activity.project_id,
            key=f"organisation:{row.organisation_id}",
        )
    in_cohorts = [
        record
        for record in cohorts.supported_organisations(scope, companies_only=companies_only)
        if (record.project_id, int(record.key.split(":")[1])) not in partners
    ]
    records = (
        list(first.values())
        + external.supported_organisations(scope, companies_only=companies_only)
        + in_cohorts
    )
    return SourceResult(total(records), records)


def organisations_supported(scope: Scope) -> SourceResult:
    return _supported(scope, companies_only=False)


def smes_supported(scope: Scope) -> SourceResult:
    return _supported(scope, companies_only=True)


def _meetings(scope: Scope):
    rows = ActivityMeeting.objects.filter(
        **scope.project_filter("activity__project")
    ).select_related("activity__project", "organisation_a", "organisation_b")
    return [row for row in rows if scope.contains(row.held_on)]


def meetings_held(scope: Scope) -> SourceResult:
    records = [
        Record(
            kind=_("business meeting"),
            label=f"{row.organisation_a.name} - {row.organisation_b.name}",
            day=row.held_on,
            organisation=row.organisation_a.name,
            country=row.organisation_a.country,
            region=row.organisation_a.region_id or "",
            project=str(row.activity.project),
            url=_activity_url(row.activity),
            detail=row.activity.title,
            ref=f"programmes.activitymeeting:{row.pk}",
            project_id=row.activity.project_id,
        )
        for row in _meetings(scope)
    ] + external.meetings(scope)
    return SourceResult(total(records), records)


def cross_border(scope: Scope) -> SourceResult:
    """Companies that met an organisation from another country (counted once each)."""
    first: dict[tuple[int, int], Record] = {}
    for row in sorted(_meetings(scope), key=lambda r: (r.held_on, r.pk)):
        if row.organisation_a.country == row.organisation_b.country:
            continue
        for own, other in (
            (row.organisation_a, row.organisation_b),
            (row.organisation_b, row.organisation_a),
        ):
            pair = (row.activity.project_id, own.pk)
            if own.kind != OrganisationKind.COMPANY or pair in first:
                continue
            first[pair] = Record(
                kind=_("cross-border meeting"),
                label=f"{own.name} ({own.country}) - {other.name} ({other.country})",
                day=row.held_on,
                organisation=own.name,
                country=own.country,
                region=own.region_id or "",
                project=str(row.activity.project),
                url=_activity_url(row.activity),
                ref=f"programmes.activitymeeting:{row.pk}",
                project_id=row.activity.project_id,
                key=f"organisation:{own.pk}",
            )
    for meeting in external.cross_border_pairs(scope):
        for own, other in ((meeting.a, meeting.b), (meeting.b, meeting.a)):
            pair = (meeting.project_id, own.pk)
            if own.kind != OrganisationKind.COMPANY or pair in first:
                continue
            first[pair] = Record(
                kind=_("cross-border meeting"),
                label=f"{own.name} ({own.country}) - {other.name} ({other.country})",
                day=meeting.day,
                organisation=own.name,
                country=own.country,
                region=own.region_id or "",
                project=meeting.project,
                url=f"/events/{meeting.event_slug}/",
                ref=f"events.meeting:{meeting.pk}",
                project_id=meeting.project_id,
                key=f"organisation:{own.pk}",
            )
    records = sorted(first.values(), key=lambda r: (r.day, r.label))
    return SourceResult(total(records), records)


def advice_hours(scope: Scope) -> SourceResult:
    from samverkan.programmes.models import Activity, ActivityKind

    rows = (
        Activity.objects.filter(kind=ActivityKind.ADVICE, **scope.project_filter())
        .select_related("project")
        .prefetch_related("participations__organisation")
    )
    records = []
    for row in rows:
        if not scope.contains(row.starts_on):
            continue
        advised = ", ".join(p.organisation.name for p in row.participations.all())
        records.append(
            Record(
                kind=_("advice session"),
                label=f"{row.topic or row.title} — {advised}",
                day=row.starts_on,
                value=row.hours or ZERO,
                organisation=advised,
                project=str(row.project),
                url=_activity_url(row),
                ref=f"programmes.activity:{row.pk}",
                project_id=row.project_id,
            )
        )
    return SourceResult(total(records), records)
