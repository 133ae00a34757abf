"""Programmes, projects, partners, contributions, expenditure and exchange rates."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from samverkan.common.services import audit_log_record
from samverkan.programmes.models import (
    Contribution,
    ExchangeRate,
    Expenditure,
    Fund,
    Partner,
    PartnerRole,
    Priority,
    Programme,
    Project,
)
from samverkan.programmes.money import CURRENCIES, to_decimal

# Programme slugs share the URL space with these pages.
RESERVED_SLUGS = {
    "new",
    "projects",
    "exchange-rates",
    "import",
    "entries",
    "surveys",
    "survey",
    "survey-responses",
}


def _unique_slug(model, text: str, *, instance=None) -> str:
    base = slugify(text)[:240] or "item"
    if (model is Programme and base in RESERVED_SLUGS) or base == "new":
        base = f"{base}-programme"
    slug, number = base, 2
    existing = model.objects.exclude(pk=getattr(instance, "pk", None))
    while existing.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def _check_currency(currency: str, field: str = "currency") -> str:
    currency = (currency or "").upper()
    if currency not in CURRENCIES:
        raise ValidationError(
            {field: _("“%(code)s” is not a supported currency.") % {"code": currency}}
        )
    return currency


def programme_create(
    *,
    actor,
    name: str,
    start_year: int,
    end_year: int,
    currency: str,
    description: str = "",
    managing_organisation=None,
) -> Programme:
    if end_year < start_year:
        raise ValidationError({"end_year": _("The last year cannot be before the first year.")})
    programme = Programme.objects.create(
        name=name,
        slug=_unique_slug(Programme, name),
        start_year=start_year,
        end_year=end_year,
        currency=_check_currency(currency),
        description=description,
        managing_organisation=managing_organisation,
    )
    audit_log_record(actor=actor, action="programmes.programme.create", target=programme)
    return programme


def programme_set_published(*, actor, programme: Programme, published: bool) -> Programme:
    programme.results_published = published
    programme.save(update_fields=["results_published", "updated_at"])
    audit_log_record(
        actor=actor,
        action="programmes.programme.publish",
        target=programme,
        data={"published": published},
    )
    return programme


def priority_create(*, programme: Programme, code: str, name: str, parent=None) -> Priority:
    kind = Priority.Kind.OBJECTIVE if parent else Priority.Kind.PRIORITY
    return Priority.objects.create(
        programme=programme, code=code, name=name, parent=parent, kind=kind
    )


def fund_create(*, programme: Programme, name: str, kind: str, co_financing_rate=None) -> Fund:
    rate = None if co_financing_rate is None else to_decimal(co_financing_rate)
    if rate is not None and not (0 <= rate <= 100):
        raise ValidationError({"co_financing_rate": _("A rate is between 0 and 100 %.")})
    return Fund.objects.create(programme=programme, name=name, kind=kind, co_financing_rate=rate)


def project_create(
    *,
    actor,
    programme: Programme,
    name: str,
    start_date: date,
    end_date: date,
    acronym: str = "",
    status: str = Project.Status.RUNNING,
    description: str = "",
    priority=None,
    target_groups: str = "",
    target_markets=(),
    follow_up_of=None,
    budget_amount=None,
    budget_currency: str = "",
) -> Project:
    if end_date < start_date:
        raise ValidationError({"end_date": _("The end cannot be before the start.")})
    budget = None if budget_amount in (None, "") else to_decimal(budget_amount)
    if budget is not None:
        if budget < 0:
            raise ValidationError({"budget_amount": _("A budget cannot be negative.")})
        budget_currency = _check_currency(budget_currency, "budget_currency")
    project = Project.objects.create(
        budget_amount=budget,
        budget_currency=budget_currency if budget is not None else "",
        programme=programme,
        name=name,
        acronym=acronym,
        slug=_unique_slug(Project, acronym or name),
        start_date=start_date,
        end_date=end_date,
        status=status,
        description=description,
        priority=priority,
        target_groups=target_groups,
        target_markets=[c.upper() for c in target_markets],
        follow_up_of=follow_up_of,
    )
    audit_log_record(actor=actor, action="programmes.project.create", target=project)
    return project


def partner_set(
    *,
    actor,
    project: Project,
    organisation,
    role: str,
    budget_amount=None,
    budget_currency: str = "",
) -> Partner:
    """Add or update a partner. A project has at most one lead partner."""
    if role not in PartnerRole.values:
        raise ValidationError({"role": _("The role must be LP, PP or AP.")})
    amount = None if budget_amount in (None, "") else to_decimal(budget_amount)
    if amount is not None:
        if amount < 0:
            raise ValidationError({"budget_amount": _("A budget cannot be negative.")})
        budget_currency = _check_currency(budget_currency, "budget_currency")
    if (
        role == PartnerRole.LEAD
        and project.partners.filter(role=PartnerRole.LEAD)
        .exclude(organisation=organisation)
        .exists()
    ):
        raise ValidationError({"role": _("This project already has a lead partner.")})
    partner, _created = Partner.objects.update_or_create(
        project=project,
        organisation=organisation,
        defaults={
            "role": role,
            "budget_amount": amount,
            "budget_currency": budget_currency if amount is not None else "",
        },
    )
    audit_log_record(
        actor=actor,
        action="programmes.partner.set",
        target=partner,
        data={"role": role, "budget": str(amount or "")},
    )
    return partner


def contribution_add(
    *,
    actor,
    project: Project,
    currency: str,
    amount=None,
    share=None,
    fund: Fund | None = None,
    funder=None,
    partner: Partner | None = None,
    note: str = "",
) -> Contribution:
    if fund is None and funder is None:
        raise ValidationError(_("Choose a fund or a funding organisation."))
    amount = None if amount in (None, "") else to_decimal(amount)
    share = None if share in (None, "") else to_decimal(share)
    if amount is not None and amount < 0:
        raise ValidationError({"amount": _("An amount cannot be negative.")})
    if share is not None and not (0 <= share <= 100):
        raise ValidationError({"share": _("A share is between 0 and 100 %.")})
    if partner is not None and partner.project_id != project.pk:
        raise ValidationError({"partner": _("That partner belongs to another project.")})
    contribution = Contribution.objects.create(
        project=project,
        partner=partner,
        fund=fund,
        funder=funder,
        amount=amount,
        currency=_check_currency(currency),
        share=share,
        note=note,
    )
    audit_log_record(
        actor=actor,
        action="programmes.contribution.add",
        target=project,
        data={
            "funder": contribution.funder_label,
            "amount": str(amount or ""),
            "currency": contribution.currency,
            "share": str(share or ""),
        },
    )
    return contribution


def expenditure_add(
    *,
    actor,
    project: Project,
    spent_on: date,
    amount,
    currency: str,
    description: str = "",
    partner=None,
    is_invented: bool = False,
) -> Expenditure:
    amount = to_decimal(amount)
    if amount <= 0:
        raise ValidationError({"amount": _("An amount spent must be positive.")})
    row = Expenditure.objects.create(
        project=project,
        partner=partner,
        spent_on=spent_on,
        amount=amount,
        currency=_check_currency(currency),
        description=description,
        is_invented=is_invented,
    )
    audit_log_record(
        actor=actor,
        action="programmes.expenditure.add",
        target=project,
        data={"amount": str(amount), "currency": row.currency},
    )
    return row


def exchange_rate_set(
    *, actor, source: str, target: str, rate, valid_from: date, note: str = ""
) -> ExchangeRate:
    source, target = _check_currency(source, "source"), _check_currency(target, "target")
    if source == target:
        raise ValidationError({"target": _("Choose two different currencies.")})
    rate = to_decimal(rate)
    if rate <= 0:
        raise ValidationError({"rate": _("A rate must be positive.")})
    row, _created = ExchangeRate.objects.update_or_create(
        source=source,
        target=target,
        valid_from=valid_from,
        defaults={"rate": rate, "note": note},
    )
    audit_log_record(
        actor=actor, action="programmes.exchange_rate.set", target=row, data={"rate": str(rate)}
    )
    return row


def exchange_rates_import(*, actor, text: str, dry_run: bool = False) -> tuple[int, list[str]]:
    """Import `date,from,to,rate` lines (a header row is allowed). All or nothing."""
    errors, rows = [], []
    reader = csv.reader(io.StringIO(text))
    for number, line in enumerate(reader, start=1):
        if not line or (number == 1 and line[0].strip().lower() in {"date", "valid_from"}):
            continue
        if len(line) != 4:
            errors.append(_("Line %(n)s: expected date, from, to, rate.") % {"n": number})
            continue
        try:
            day = date.fromisoformat(line[0].strip())
            rate = to_decimal(line[3])
            source, target = _check_currency(line[1].strip()), _check_currency(line[2].strip())
            if rate <= Decimal(0) or source == target:
                raise ValidationError(_("rate must be positive between two currencies"))
        except (ValueError, ValidationError) as error:
            message = "; ".join(getattr(error, "messages", [str(error)]))
            errors.append(_("Line %(n)s: %(error)s") % {"n": number, "error": message})
            continue
        rows.append((source, target, rate, day))
    if errors or dry_run:
        return len(rows), errors
    with transaction.atomic():
        for source, target, rate, day in rows:
            exchange_rate_set(
                actor=actor,
                source=source,
                target=target,
                rate=rate,
                valid_from=day,
                note=_("imported"),
            )
    return len(rows), []
