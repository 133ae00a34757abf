"""Activities, their participants and meetings, business outcomes, indicators and entries."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samverkan.common.services import audit_log_record
from samverkan.programmes.countries import country_name
from samverkan.programmes.models import (
    Activity,
    ActivityKind,
    ActivityMeeting,
    ActivityParticipation,
    Aggregation,
    BusinessOutcome,
    IndicatorDefinition,
    IndicatorEntry,
    Project,
    Source,
)
from samverkan.programmes.models.indicators import EVIDENCE_EXTENSIONS, EVIDENCE_MAX_BYTES
from samverkan.programmes.money import CURRENCIES, to_decimal


def _check_country(code: str, field: str = "country") -> str:
    code = (code or "").strip().upper()
    if code and (len(code) != 2 or not code.isalpha()):
        raise ValidationError({field: _("Use a two-letter ISO country code, e.g. CN.")})
    return code


@transaction.atomic
def activity_create(
    *,
    actor,
    project: Project,
    kind: str,
    title: str,
    starts_on: date,
    ends_on: date | None = None,
    location: str = "",
    country: str = "",
    description: str = "",
    topic: str = "",
    hours=None,
    participants=(),
    is_invented: bool = False,
    event=None,
    visit=None,
) -> Activity:
    if kind not in ActivityKind.values:
        raise ValidationError({"kind": _("Unknown kind of activity.")})
    if ends_on and ends_on < starts_on:
        raise ValidationError({"ends_on": _("The end cannot be before the start.")})
    hours = None if hours in (None, "") else to_decimal(hours)
    if kind == ActivityKind.ADVICE and (hours is None or hours <= 0):
        raise ValidationError({"hours": _("An advice session needs the hours of advice given.")})
    activity = Activity.objects.create(
        project=project,
        kind=kind,
        title=title,
        starts_on=starts_on,
        ends_on=ends_on,
        location=location,
        country=_check_country(country),
        description=description,
        topic=topic,
        hours=hours,
        is_invented=is_invented,
        event=event,
        visit=visit,
    )
    role = (
        ActivityParticipation.Role.ADVISED
        if kind == ActivityKind.ADVICE
        else ActivityParticipation.Role.PARTICIPANT
    )
    for organisation in participants:
        ActivityParticipation.objects.get_or_create(
            activity=activity, organisation=organisation, defaults={"role": role}
        )
    audit_log_record(
        actor=actor,
        action="programmes.activity.create",
        target=activity,
        data={"participants": len(participants)},
    )
    return activity


def activity_add_participant(
    *, actor, activity: Activity, organisation, role: str = ActivityParticipation.Role.PARTICIPANT
):
    participation, _created = ActivityParticipation.objects.update_or_create(
        activity=activity, organisation=organisation, defaults={"role": role}
    )
    audit_log_record(
        actor=actor,
        action="programmes.activity.participant",
        target=activity,
        data={"organisation": organisation.pk, "role": role},
    )
    return participation


def meeting_record(
    *, actor, activity: Activity, organisation_a, organisation_b, held_on: date | None = None
) -> ActivityMeeting:
    if organisation_a.pk == organisation_b.pk:
        raise ValidationError(_("A meeting needs two different organisations."))
    meeting = ActivityMeeting.objects.create(
        activity=activity,
        organisation_a=organisation_a,
        organisation_b=organisation_b,
        held_on=held_on or activity.starts_on,
    )
    audit_log_record(
        actor=actor,
        action="programmes.meeting.record",
        target=activity,
        data={"meeting": meeting.pk},
    )
    return meeting


def outcome_record(
    *,
    actor,
    project: Project,
    organisation,
    kind: str,
    happened_on: date,
    country: str = "",
    amount=None,
    currency: str = "",
    jobs: int | None = None,
    description: str = "",
    activity: Activity | None = None,
    is_invented: bool = False,
) -> BusinessOutcome:
    if kind not in BusinessOutcome.Kind.values:
        raise ValidationError({"kind": _("Unknown kind of outcome.")})
    amount = None if amount in (None, "") else to_decimal(amount)
    if amount is not None and (amount < 0 or currency.upper() not in CURRENCIES):
        raise ValidationError({"amount": _("Give a positive value and a supported currency.")})
    if kind == BusinessOutcome.Kind.JOBS and not jobs:
        raise ValidationError({"jobs": _("Give the number of jobs created.")})
    if activity is not None and activity.project_id != project.pk:
        raise ValidationError({"activity": _("That activity belongs to another project.")})
    outcome = BusinessOutcome.objects.create(
        project=project,
        organisation=organisation,
        kind=kind,
        happened_on=happened_on,
        country=_check_country(country),
        amount=amount,
        currency=currency.upper() if amount is not None else "",
        jobs=jobs,
        description=description,
        activity=activity,
        is_invented=is_invented,
    )
    audit_log_record(
        actor=actor,
        action="programmes.outcome.record",
        target=outcome,
        data={
            "kind": kind,
            "country": outcome.country,
            "country_name": country_name(outcome.country),
        },
    )
    return outcome


def indicator_define(
    *,
    actor,
    programme,
    code: str,
    name: str,
    unit: str,
    source: str,
    target=None,
    baseline=0,
    aggregation: str = "",
    order: int = 0,
) -> IndicatorDefinition:
    if source not in Source.values:
        raise ValidationError({"source": _("Unknown indicator source.")})
    if not aggregation:
        percentage = source in {Source.WOULD_CONTINUE, Source.SATISFACTION}
        aggregation = Aggregation.PERCENTAGE if percentage else Aggregation.SUM
    indicator, _created = IndicatorDefinition.objects.update_or_create(
        programme=programme,
        code=code,
        defaults={
            "name": name,
            "unit": unit,
            "source": source,
            "aggregation": aggregation,
            "target": None if target in (None, "") else to_decimal(target),
            "baseline": to_decimal(baseline or 0),
            "order": order,
        },
    )
    audit_log_record(actor=actor, action="programmes.indicator.define", target=indicator)
    return indicator


def validate_evidence(upload) -> None:
    if upload is None:
        return
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    if extension not in EVIDENCE_EXTENSIONS:
        raise ValidationError(
            {
                "evidence": _("Evidence must be one of: %(types)s.")
                % {"types": ", ".join(EVIDENCE_EXTENSIONS)}
            }
        )
    if upload.size > EVIDENCE_MAX_BYTES:
        raise ValidationError({"evidence": _("Evidence files may be at most 5 MB.")})


def indicator_entry_create(
    *,
    actor,
    indicator: IndicatorDefinition,
    project: Project,
    reported_on: date,
    value,
    note: str,
    respondents: int | None = None,
    country: str = "",
    evidence=None,
    is_invented: bool = False,
) -> IndicatorEntry:
    if project.programme_id != indicator.programme_id:
        raise ValidationError({"project": _("The project is not in this indicator's programme.")})
    if not note.strip():
        raise ValidationError({"note": _("Explain where the figure comes from.")})
    value = to_decimal(value)
    if indicator.aggregation == Aggregation.PERCENTAGE and not (0 <= value <= 100):
        raise ValidationError({"value": _("A percentage is between 0 and 100.")})
    validate_evidence(evidence)
    entry = IndicatorEntry.objects.create(
        indicator=indicator,
        project=project,
        reported_on=reported_on,
        value=value,
        respondents=respondents,
        country=_check_country(country),
        note=note.strip(),
        evidence=evidence or "",
        created_by=actor if getattr(actor, "pk", None) else None,
        is_invented=is_invented,
    )
    audit_log_record(
        actor=actor,
        action="programmes.indicator_entry.create",
        target=entry,
        data={"value": str(value), "project": project.pk},
    )
    return entry
