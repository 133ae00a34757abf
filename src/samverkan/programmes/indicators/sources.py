"""Automatic indicator sources: one function per standard indicator.

Each takes a `Scope` and returns a `SourceResult`: the value and the records it came from.
The facts are this app's own records (activities and their participants, business meetings,
advice sessions, business outcomes, follow-up survey answers) plus, through `external.py`,
the records of the events and visits apps once they exist.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext as _

from samverkan.catalog.models import OrganisationKind
from samverkan.programmes.countries import country_name, is_outside_eu_efta
from samverkan.programmes.indicators import cohorts, external
from samverkan.programmes.indicators.records import Record, Scope, SourceResult, total
from samverkan.programmes.models import (
    ActivityMeeting,
    ActivityParticipation,
    AnswerKey,
    BusinessOutcome,
    Partner,
    Source,
    SurveyResponse,
)
from samverkan.programmes.money import Money, RateMissing, convert
from samverkan.programmes.selectors import RateTable

ONE, HUNDRED, ZERO = Decimal(1), Decimal(100), Decimal(0)


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


# --- follow-up survey answers -------------------------------------------------------------


@dataclass(frozen=True)
class SurveyFact:
    response_pk: int
    day: date
    organisation: str
    organisation_country: str
    organisation_region: str
    project: str
    project_id: int
    answers: dict  # key -> (boolean, text, number, currency)

    def yes(self, key: str) -> bool:
        return bool(self.answers.get(key, (None,))[0])

    def text(self, key: str) -> str:
        return (self.answers.get(key, (None, ""))[1] or "").upper()

    def number(self, key: str) -> Decimal | None:
        return self.answers.get(key, (None, "", None))[2]

    def currency(self, key: str) -> str:
        return self.answers.get(key, (None, "", None, ""))[3]


def survey_facts(scope: Scope) -> list[SurveyFact]:
    responses = (
        SurveyResponse.objects.filter(**scope.project_filter("invitation__project"))
        .select_related("invitation__organisation", "invitation__project")
        .prefetch_related("answers__question")
        .order_by("submitted_at", "pk")
    )
    facts = []
    for response in responses:
        day = response.submitted_at.date()
        if not scope.contains(day):
            continue
        answers = {
            answer.question.key: (answer.boolean, answer.text, answer.number, answer.currency)
            for answer in response.answers.all()
            if answer.question.key
        }
        invitation = response.invitation
        facts.append(
            SurveyFact(
                response.pk,
                day,
                invitation.organisation.name,
                invitation.organisation.country,
                invitation.organisation.region_id or "",
                str(invitation.project),
                invitation.project_id,
                answers,
            )
        )
    return facts


def _survey_record(fact: SurveyFact, kind: str, **extra) -> Record:
    return Record(
        kind=kind,
        label=fact.organisation,
        day=fact.day,
        organisation=fact.organisation,
        region=fact.organisation_region,
        project=fact.project,
        url=reverse("programmes:survey-response", kwargs={"pk": fact.response_pk}),
        ref=f"programmes.surveyresponse:{fact.response_pk}",
        project_id=fact.project_id,
        **extra,
    )


def _outcomes(scope: Scope, kind: str):
    rows = BusinessOutcome.objects.filter(kind=kind, **scope.project_filter()).select_related(
        "organisation", "project", "activity"
    )
    return [row for row in rows if scope.contains(row.happened_on)]


def _outcome_record(row: BusinessOutcome, kind: str, **extra) -> Record:
    where = f" ({country_name(row.country)})" if row.country else ""
    return Record(
        kind=kind,
        label=f"{row.organisation.name}{where}"
        + (f" — {row.description}" if row.description else ""),
        day=row.happened_on,
        organisation=row.organisation.name,
        country=row.country,
        region=row.organisation.region_id or "",
        project=str(row.project),
        url=reverse("programmes:project-detail", kwargs={"slug": row.project.slug})
        + f"#outcome-{row.pk}",
        ref=f"programmes.businessoutcome:{row.pk}",
        project_id=row.project_id,
        **{"detail": row.activity.title if row.activity else "", **extra},
    )


def _opportunity_records(scope: Scope) -> list[Record]:
    records = [
        _outcome_record(row, _("recorded outcome"))
        for row in _outcomes(scope, BusinessOutcome.Kind.OPPORTUNITY)
    ]
    for fact in survey_facts(scope):
        if fact.yes(AnswerKey.OPPORTUNITY):
            country = fact.text(AnswerKey.OPPORTUNITY_COUNTRY)
            records.append(_survey_record(fact, _("survey answer"), country=country))
    return records + external.visit_outcomes(scope, kind="opportunity")


def _contract_records(scope: Scope) -> list[Record]:
    records = [
        _outcome_record(row, _("recorded outcome"), detail=str(row.money or ""))
        for row in _outcomes(scope, BusinessOutcome.Kind.CONTRACT)
    ]
    for fact in survey_facts(scope):
        if fact.yes(AnswerKey.CONTRACT_SIGNED):
            amount = fact.number(AnswerKey.CONTRACT_VALUE)
            currency = fact.currency(AnswerKey.CONTRACT_VALUE)
            money = Money(amount, currency) if amount is not None and currency else None
            records.append(
                _survey_record(
                    fact,
                    _("survey answer"),
                    country=fact.text(AnswerKey.CONTRACT_COUNTRY),
                    detail=str(money or ""),
                )
            )
    return records + external.visit_outcomes(scope, kind="contract")


def opportunities(scope: Scope) -> SourceResult:
    records = _opportunity_records(scope)
    return SourceResult(total(records), records)


def opportunities_outside(scope: Scope) -> SourceResult:
    records = [r for r in _opportunity_records(scope) if is_outside_eu_efta(r.country)]
    return SourceResult(total(records), records)


def contracts(scope: Scope) -> SourceResult:
    records = _contract_records(scope)
    return SourceResult(total(records), records)


def contracts_outside(scope: Scope) -> SourceResult:
    records = [r for r in _contract_records(scope) if is_outside_eu_efta(r.country)]
    return SourceResult(total(records), records)


def contract_value(scope: Scope) -> SourceResult:
    """Sum of contract values in the programme currency, each converted at its date's rate."""
    rates = RateTable()
    currency = scope.programme.currency
    records, warnings = [], []
    amounts = [
        (row.money, row.happened_on, _outcome_record(row, _("recorded outcome")))
        for row in _outcomes(scope, BusinessOutcome.Kind.CONTRACT)
        if row.money
    ]
    for fact in survey_facts(scope):
        amount = fact.number(AnswerKey.CONTRACT_VALUE)
        if fact.yes(AnswerKey.CONTRACT_SIGNED) and amount is not None:
            money = Money(amount, fact.currency(AnswerKey.CONTRACT_VALUE) or currency)
            record = _survey_record(
                fact, _("survey answer"), country=fact.text(AnswerKey.CONTRACT_COUNTRY)
            )
            amounts.append((money, fact.day, record))
    for amount, money_currency, day, record in external.contract_amounts(scope):
        amounts.append((Money(amount, money_currency or currency), day, record))
    for money, day, record in amounts:
        try:
            conversion = convert(money, currency, on=day, rates=rates)
        except RateMissing as error:
            warnings.append(error.messages[0])
            continue
        detail = str(money)
        if conversion.needed:
            detail += (
                " ("
                + _("rate %(rate)s of %(date)s")
                % {
                    "rate": conversion.rate_text,
                    "date": conversion.rate_date.isoformat(),
                }
                + ")"
            )
        records.append(
            Record(**{**record.__dict__, "value": conversion.converted.amount, "detail": detail})
        )
    return SourceResult(total(records), records, warnings)


def jobs(scope: Scope) -> SourceResult:
    records = [
        _outcome_record(row, _("recorded outcome"), value=Decimal(row.jobs or 0))
        for row in _outcomes(scope, BusinessOutcome.Kind.JOBS)
    ]
    for fact in survey_facts(scope):
        number = fact.number(AnswerKey.JOBS_CREATED)
        if number:
            records.append(_survey_record(fact, _("survey answer"), value=number))
    return SourceResult(total(records), records)


def would_continue(scope: Scope) -> SourceResult:
    records = [
        _survey_record(
            fact,
            _("survey answer"),
            value=HUNDRED if fact.yes(AnswerKey.WOULD_CONTINUE) else ZERO,
            detail=_("yes") if fact.yes(AnswerKey.WOULD_CONTINUE) else _("no"),
        )
        for fact in survey_facts(scope)
        if AnswerKey.WOULD_CONTINUE in fact.answers
        and fact.answers[AnswerKey.WOULD_CONTINUE][0] is not None
    ] + external.opinions(scope, key="would_continue")
    return SourceResult(total(records, percentage=True), records)


def satisfaction(scope: Scope) -> SourceResult:
    """Share of respondents scoring 4 or 5 of 5."""
    records = []
    for fact in survey_facts(scope):
        score = fact.number(AnswerKey.SATISFACTION)
        if score is None:
            continue
        records.append(
            _survey_record(
                fact, _("survey answer"), value=HUNDRED if score >= 4 else ZERO, detail=f"{score}/5"
            )
        )
    records += external.opinions(scope, key="satisfaction")
    return SourceResult(total(records, percentage=True), records)


def cohort_offerings(scope: Scope) -> SourceResult:
    records = cohorts.offerings(scope)
    return SourceResult(total(records), records)


def manual_only(scope: Scope) -> SourceResult:
    return SourceResult(ZERO, [])


SOURCES: dict[str, Callable[[Scope], SourceResult]] = {
    Source.MANUAL: manual_only,
    Source.ORGANISATIONS_SUPPORTED: organisations_supported,
    Source.SMES_SUPPORTED: smes_supported,
    Source.CROSS_BORDER: cross_border,
    Source.MEETINGS_HELD: meetings_held,
    Source.ADVICE_HOURS: advice_hours,
    Source.COHORT_OFFERINGS: cohort_offerings,
    Source.OPPORTUNITIES: opportunities,
    Source.OPPORTUNITIES_OUTSIDE: opportunities_outside,
    Source.CONTRACTS: contracts,
    Source.CONTRACTS_OUTSIDE: contracts_outside,
    Source.CONTRACT_VALUE: contract_value,
    Source.JOBS: jobs,
    Source.WOULD_CONTINUE: would_continue,
    Source.SATISFACTION: satisfaction,
}
