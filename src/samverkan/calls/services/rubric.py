"""Writes for a call's scoring rubric: adding and removing assessment criteria."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from samverkan.calls.models import Call, Criterion
from samverkan.calls.services.access import require_operator
from samverkan.common.services import audit_log_record


@transaction.atomic
def criterion_create(
    *,
    actor,
    call: Call,
    name: str,
    description: str = "",
    weight: Decimal = Decimal("1"),
    scale_min: int = 1,
    scale_max: int = 5,
) -> Criterion:
    require_operator(actor)
    if scale_max <= scale_min:
        raise ValidationError({"scale_max": _("The highest score must be above the lowest.")})
    if call.criteria.filter(scores__review__submitted_at__isnull=False).exists():
        raise ValidationError(_("Reviews have been submitted; the rubric can no longer change."))
    last = call.criteria.aggregate(m=Max("position"))["m"]
    criterion = Criterion(
        call=call,
        name=name,
        description=description,
        weight=Decimal(weight),
        scale_min=scale_min,
        scale_max=scale_max,
        position=(last or 0) + 1,
    )
    criterion.full_clean()
    criterion.save()
    audit_log_record(
        actor=actor,
        action="calls.criterion.create",
        target=call,
        data={"criterion": name, "weight": weight, "scale": [scale_min, scale_max]},
    )
    return criterion


@transaction.atomic
def criterion_delete(*, actor, criterion: Criterion) -> None:
    require_operator(actor)
    if criterion.scores.exists():
        raise ValidationError(_("This criterion has scores and cannot be removed."))
    audit_log_record(
        actor=actor,
        action="calls.criterion.delete",
        target=criterion.call,
        data={"criterion": criterion.name},
    )
    criterion.delete()
