"""Edits behind the operator's forms: programmes with priorities and funds, projects with
partners and funding, activities, indicators, exchange rates. Each write is audited; each
function validates what it is given and changes nothing when it refuses."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samverkan.common.services import audit_log_record
from samverkan.programmes.models import (
    Activity,
    ActivityKind,
    ActivityParticipation,
    Contribution,
    ExchangeRate,
    Fund,
    IndicatorDefinition,
    Partner,
    PartnerRole,
    Priority,
    Programme,
    Project,
)
from samverkan.programmes.money import to_decimal
from samverkan.programmes.services.programmes import _check_currency, partner_set

PROGRAMME_FIELDS = {
    "name",
    "description",
    "start_year",
    "end_year",
    "currency",
    "managing_organisation",
}
PROJECT_FIELDS = {
    "priority",
    "name",
    "acronym",
    "start_date",
    "end_date",
    "status",
    "description",
    "target_groups",
    "target_markets",
    "budget_amount",
    "budget_currency",
    "follow_up_of",
}


def programme_update(*, actor, programme: Programme, **fields) -> Programme:
    unknown = set(fields) - PROGRAMME_FIELDS
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    if fields.get("end_year", programme.end_year) < fields.get("start_year", programme.start_year):
        raise ValidationError({"end_year": _("The last year cannot be before the first year.")})
    if "currency" in fields:
        fields["currency"] = _check_currency(fields["currency"])
    for name, value in fields.items():
        setattr(programme, name, value)
    programme.save()
    audit_log_record(
        actor=actor,
        action="programmes.programme.update",
        target=programme,
        data={"fields": sorted(fields)},
    )
    return programme


@dataclass
class RowChange:
    """One row of a formset: `instance` None for a new row; `delete` to remove it."""

    instance: object | None
    data: dict
    delete: bool = False


def priorities_save(*, actor, programme: Programme, rows: list[RowChange]) -> None:
    """Priorities and specific objectives (an objective names its priority as parent)."""
    codes = [r.data["code"].strip() for r in rows if not r.delete]
    duplicates = sorted({c for c in codes if codes.count(c) > 1})
    if duplicates:
        raise ValidationError(
            _("Each code may be used once: %(codes)s.") % {"codes": ", ".join(duplicates)}
        )
    with transaction.atomic():
        for row in rows:
            if row.delete:
                if row.instance is not None:
                    if row.instance.projects.exists():
                        raise ValidationError(
                            _("%(priority)s has projects and cannot be removed.")
                            % {"priority": row.instance}
                        )
                    row.instance.delete()
                continue
            parent = row.data.get("parent")
            if parent is not None and (
                parent.programme_id != programme.pk or parent == row.instance
            ):
                raise ValidationError(_("Choose a priority of this programme as parent."))
            kind = Priority.Kind.OBJECTIVE if parent else Priority.Kind.PRIORITY
            priority = row.instance or Priority(programme=programme)
            priority.code, priority.name = row.data["code"].strip(), row.data["name"].strip()
            priority.parent, priority.kind = parent, kind
            priority.save()
        audit_log_record(
            actor=actor,
            action="programmes.priorities.save",
            target=programme,
            data={"rows": len(rows)},
        )


def funds_save(*, actor, programme: Programme, rows: list[RowChange]) -> None:
    with transaction.atomic():
        for row in rows:
            if row.delete:
                if row.instance is not None:
                    if Contribution.objects.filter(fund=row.instance).exists():
                        raise ValidationError(
                            _("%(fund)s funds projects and cannot be removed.")
                            % {"fund": row.instance}
                        )
                    row.instance.delete()
                continue
            rate = row.data.get("co_financing_rate")
            if rate is not None and not (0 <= rate <= 100):
                raise ValidationError(_("A rate is between 0 and 100 %."))
            fund = row.instance or Fund(programme=programme)
            fund.name, fund.kind, fund.co_financing_rate = (
                row.data["name"].strip(),
                row.data["kind"],
                rate,
            )
            fund.save()
        audit_log_record(
            actor=actor, action="programmes.funds.save", target=programme, data={"rows": len(rows)}
        )


def project_update(*, actor, project: Project, **fields) -> Project:
    unknown = set(fields) - PROJECT_FIELDS
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    start, end = (
        fields.get("start_date", project.start_date),
        fields.get("end_date", project.end_date),
    )
    if end < start:
        raise ValidationError({"end_date": _("The end cannot be before the start.")})
    priority = fields.get("priority", project.priority)
    if priority is not None and priority.programme_id != project.programme_id:
        raise ValidationError({"priority": _("Choose a priority of the project's programme.")})
    if fields.get("follow_up_of") == project:
        raise ValidationError({"follow_up_of": _("A project cannot follow up itself.")})
    budget = fields.get("budget_amount", project.budget_amount)
    if budget is not None:
        if budget < 0:
            raise ValidationError({"budget_amount": _("A budget cannot be negative.")})
        fields["budget_currency"] = _check_currency(
            fields.get("budget_currency", project.budget_currency), "budget_currency"
        )
    else:
        fields["budget_currency"] = ""
    if "target_markets" in fields:
        fields["target_markets"] = [c.upper() for c in fields["target_markets"]]
    for name, value in fields.items():
        setattr(project, name, value)
    project.save()
    audit_log_record(
        actor=actor,
        action="programmes.project.update",
        target=project,
        data={"fields": sorted(fields)},
    )
    return project


def partners_save(*, actor, project: Project, rows: list[RowChange]) -> None:
    """Add, change and remove partners at once: one lead partner, each organisation once."""
    kept = [r for r in rows if not r.delete]
    others = project.partners.exclude(pk__in=[r.instance.pk for r in rows if r.instance])
    leads = [r.data["role"] for r in kept] + list(others.values_list("role", flat=True))
    if leads.count(PartnerRole.LEAD) > 1:
        raise ValidationError(
            _("A project has one lead partner; %(n)s are marked.")
            % {"n": leads.count(PartnerRole.LEAD)}
        )
    organisations = [r.data["organisation"].pk for r in kept] + list(
        others.values_list("organisation_id", flat=True)
    )
    if len(organisations) != len(set(organisations)):
        raise ValidationError(_("An organisation is listed twice as partner."))
    with transaction.atomic():
        for row in rows:
            if row.instance is None:
                continue
            if row.delete or row.instance.organisation != row.data["organisation"]:
                if row.instance.contributions.exists():
                    raise ValidationError(
                        _(
                            "%(organisation)s has funding contributions; remove them before"
                            " removing the partner."
                        )
                        % {"organisation": row.instance.organisation.name}
                    )
                audit_log_record(
                    actor=actor,
                    action="programmes.partner.remove",
                    target=project,
                    data={"organisation": row.instance.organisation_id},
                )
                row.instance.delete()
        # Demote before promoting so the one-lead constraint holds at every step.
        for row in sorted(kept, key=lambda r: r.data["role"] == PartnerRole.LEAD):
            partner_set(
                actor=actor,
                project=project,
                organisation=row.data["organisation"],
                role=row.data["role"],
                budget_amount=row.data.get("budget_amount"),
                budget_currency=row.data.get("budget_currency") or "",
            )


def _check_contribution_totals(project: Project, rows: list[dict]) -> None:
    shares = sum((r["share"] for r in rows if r.get("share") is not None), Decimal(0))
    if shares > 100:
        raise ValidationError(
            _("The shares add up to %(total)s %%; together they cannot exceed 100 %%.")
            % {"total": shares.normalize()}
        )
    per_partner: dict[tuple[int, str], Decimal] = defaultdict(Decimal)
    for row in rows:
        if row.get("partner") is not None and row.get("amount") is not None:
            per_partner[(row["partner"].pk, row["currency"])] += row["amount"]
    for (partner_id, currency), amount in per_partner.items():
        partner = Partner.objects.select_related("organisation").get(pk=partner_id)
        if (
            partner.budget_amount is not None
            and partner.budget_currency == currency
            and amount > partner.budget_amount
        ):
            raise ValidationError(
                _(
                    "The contributions to %(partner)s (%(amount)s %(currency)s) exceed its"
                    " budget of %(budget)s %(currency)s."
                )
                % {
                    "partner": partner.organisation.name,
                    "amount": amount.quantize(Decimal("0.01")),
                    "currency": currency,
                    "budget": partner.budget_amount.quantize(Decimal("0.01")),
                }
            )


def contributions_save(*, actor, project: Project, rows: list[RowChange]) -> None:
    """Replace the changed funding rows. A row names a fund or a funding organisation, an
    amount and/or a share; all shares together are at most 100 % and a partner's contributions
    in its budget currency do not exceed its budget. All or nothing."""
    kept = []
    for row in rows:
        if row.delete:
            continue
        data = dict(row.data)
        if data.get("fund") is None and data.get("funder") is None:
            raise ValidationError(_("Each contribution needs a fund or a funding organisation."))
        if data.get("fund") is not None and data["fund"].programme_id != project.programme_id:
            raise ValidationError(_("Choose a fund of the project's programme."))
        if data.get("partner") is not None and data["partner"].project_id != project.pk:
            raise ValidationError(_("That partner belongs to another project."))
        data["amount"] = None if data.get("amount") in (None, "") else to_decimal(data["amount"])
        if data["amount"] is not None and data["amount"] < 0:
            raise ValidationError(_("An amount cannot be negative."))
        if data.get("share") is not None and not (0 <= data["share"] <= 100):
            raise ValidationError(_("A share is between 0 and 100 %."))
        data["currency"] = _check_currency(data.get("currency", ""))
        kept.append((row.instance, data))
    unchanged = project.contributions.exclude(
        pk__in=[r.instance.pk for r in rows if r.instance is not None]
    )
    everything = [d for _i, d in kept] + [
        {"share": c.share, "partner": c.partner, "amount": c.amount, "currency": c.currency}
        for c in unchanged.select_related("partner")
    ]
    _check_contribution_totals(project, everything)
    with transaction.atomic():
        for row in rows:
            if row.delete and row.instance is not None:
                row.instance.delete()
        for instance, data in kept:
            contribution = instance or Contribution(project=project)
            for name in ("fund", "funder", "partner", "amount", "currency", "share"):
                setattr(contribution, name, data.get(name))
            contribution.note = data.get("note", "")
            contribution.save()
        audit_log_record(
            actor=actor,
            action="programmes.contributions.save",
            target=project,
            data={
                "rows": [
                    {
                        "funder": str(d.get("fund") or d.get("funder")),
                        "amount": str(d["amount"] or ""),
                        "currency": d["currency"],
                        "share": str(d.get("share") or ""),
                    }
                    for _i, d in kept
                ],
                "removed": sum(1 for r in rows if r.delete and r.instance is not None),
            },
        )


def activity_update(*, actor, activity: Activity, participants, **fields) -> Activity:
    if fields.get("kind") not in ActivityKind.values:
        raise ValidationError({"kind": _("Unknown kind of activity.")})
    if fields.get("ends_on") and fields["ends_on"] < fields["starts_on"]:
        raise ValidationError({"ends_on": _("The end cannot be before the start.")})
    hours = fields.get("hours")
    if fields["kind"] == ActivityKind.ADVICE and (hours is None or hours <= 0):
        raise ValidationError({"hours": _("An advice session needs the hours of advice given.")})
    fields["country"] = (fields.get("country") or "").upper()
    with transaction.atomic():
        for name, value in fields.items():
            setattr(activity, name, value)
        activity.save()
        wanted = {o.pk: o for o in participants}
        activity.participations.exclude(organisation_id__in=wanted).exclude(
            role=ActivityParticipation.Role.ADVISER
        ).delete()
        existing = set(activity.participations.values_list("organisation_id", flat=True))
        role = (
            ActivityParticipation.Role.ADVISED
            if activity.kind == ActivityKind.ADVICE
            else ActivityParticipation.Role.PARTICIPANT
        )
        ActivityParticipation.objects.bulk_create(
            ActivityParticipation(activity=activity, organisation=o, role=role)
            for pk, o in wanted.items()
            if pk not in existing
        )
        audit_log_record(
            actor=actor,
            action="programmes.activity.update",
            target=activity,
            data={"participants": len(wanted)},
        )
    return activity


def activity_delete(*, actor, activity: Activity) -> None:
    audit_log_record(
        actor=actor,
        action="programmes.activity.delete",
        target=activity.project,
        data={"activity": activity.title, "date": activity.starts_on.isoformat()},
    )
    activity.delete()


def indicator_update(*, actor, indicator: IndicatorDefinition, **fields) -> IndicatorDefinition:
    code = fields.get("code", indicator.code)
    if (
        IndicatorDefinition.objects.filter(programme=indicator.programme, code=code)
        .exclude(pk=indicator.pk)
        .exists()
    ):
        raise ValidationError({"code": _("Another indicator of this programme has this code.")})
    for name, value in fields.items():
        setattr(indicator, name, value)
    indicator.save()
    audit_log_record(actor=actor, action="programmes.indicator.update", target=indicator)
    return indicator


def indicator_delete(*, actor, indicator: IndicatorDefinition) -> None:
    if indicator.entries.exists():
        raise ValidationError(
            _("The indicator has manual entries; remove them before removing the indicator.")
        )
    audit_log_record(
        actor=actor,
        action="programmes.indicator.delete",
        target=indicator.programme,
        data={"code": indicator.code},
    )
    indicator.delete()


def exchange_rate_delete(*, actor, rate: ExchangeRate) -> None:
    audit_log_record(
        actor=actor, action="programmes.exchange_rate.delete", target=None, data={"rate": str(rate)}
    )
    rate.delete()
