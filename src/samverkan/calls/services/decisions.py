"""Writes for decisions, decision letters, the cohort of the selected and its offerings."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samverkan.calls import tasks
from samverkan.calls.models import (
    Application,
    ApplicationStatus,
    Call,
    Cohort,
    CohortMember,
    Decision,
    Offering,
    OfferingKind,
    Outcome,
)
from samverkan.calls.services.calls import call_create, require_operator
from samverkan.calls.workflow import TRANSITIONS
from samverkan.common.services import audit_log_record

OUTCOME_ACTION = {
    Outcome.SELECTED: "select",
    Outcome.RESERVE: "reserve",
    Outcome.REJECTED: "reject",
}


@transaction.atomic
def decision_make(*, actor, application: Application, outcome: str, reason: str) -> Decision:
    require_operator(actor)
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": _("Choose selected, reserve or rejected.")})
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the decision.")})
    list(Application.objects.select_for_update().filter(pk=application.pk).values_list("pk"))
    application.refresh_from_db()
    transition = TRANSITIONS[OUTCOME_ACTION[outcome]]
    if application.status not in transition.sources:
        raise ValidationError(
            _("%(organisation)s cannot get this decision while “%(status)s”.")
            % {
                "organisation": application.organisation,
                "status": application.get_status_display(),
            }
        )
    previous = application.status
    application.status = transition.target
    application.save(update_fields=["status", "updated_at"])
    decision, _created = Decision.objects.update_or_create(
        application=application,
        defaults={
            "outcome": outcome,
            "reason": reason,
            "decided_by": actor,
            "letter_sent_at": None,
        },
    )
    audit_log_record(
        actor=actor,
        action=f"calls.decision.{outcome}",
        target=application,
        data={"from": previous, "to": application.status, "reason": reason},
    )
    return decision


@transaction.atomic
def decisions_make_many(*, actor, items: list[tuple[Application, str, str]]) -> list[Decision]:
    """All or nothing: one invalid decision leaves every application unchanged."""
    return [
        decision_make(actor=actor, application=application, outcome=outcome, reason=reason)
        for application, outcome, reason in items
    ]


@transaction.atomic
def decision_letters_send(*, actor, call: Call) -> int:
    """Queue a letter for every decision not yet sent, in each recipient's language."""
    require_operator(actor)
    decisions = list(
        Decision.objects.filter(application__call=call, letter_sent_at__isnull=True).order_by("pk")
    )
    for decision in decisions:
        tasks.enqueue(tasks.decision_letter_send, decision.pk)
    audit_log_record(
        actor=actor, action="calls.decision.letters", target=call, data={"queued": len(decisions)}
    )
    return len(decisions)


@transaction.atomic
def cohort_create(*, actor, call: Call, name: str = "") -> Cohort:
    require_operator(actor)
    if Cohort.objects.filter(call=call).exists():
        raise ValidationError(_("This call already has a cohort."))
    selected = list(
        call.applications.filter(status=ApplicationStatus.SELECTED).select_related("organisation")
    )
    if not selected:
        raise ValidationError(_("Nobody has been selected yet."))
    cohort = Cohort.objects.create(call=call, name=(name or "").strip() or call.title)
    CohortMember.objects.bulk_create(
        [CohortMember(cohort=cohort, organisation=a.organisation, application=a) for a in selected]
    )
    audit_log_record(
        actor=actor, action="calls.cohort.create", target=cohort, data={"members": len(selected)}
    )
    return cohort


@transaction.atomic
def cohort_member_add(*, actor, cohort: Cohort, application: Application) -> CohortMember:
    """Add a late selection (e.g. a reserve promoted to selected) to the cohort."""
    require_operator(actor)
    if application.call_id != cohort.call_id or application.status != ApplicationStatus.SELECTED:
        raise ValidationError(_("Only selected applications of this call join the cohort."))
    member, _created = CohortMember.objects.get_or_create(
        cohort=cohort,
        organisation=application.organisation,
        defaults={"application": application},
    )
    audit_log_record(
        actor=actor,
        action="calls.cohort.member",
        target=cohort,
        data={"organisation": application.organisation.name},
    )
    return member


@transaction.atomic
def offering_add(
    *, actor, cohort: Cohort, kind: str, title: str, starts_at=None, event_id: int | None = None
) -> Offering:
    require_operator(actor)
    if kind not in OfferingKind.values:
        raise ValidationError({"kind": _("Choose a kind of offering.")})
    if not (title or "").strip():
        raise ValidationError({"title": _("Give the offering a title.")})
    offering = Offering.objects.create(
        cohort=cohort, kind=kind, title=title.strip()[:255], starts_at=starts_at, event_id=event_id
    )
    audit_log_record(
        actor=actor, action="calls.offering.add", target=cohort, data={"kind": kind, "title": title}
    )
    return offering


@transaction.atomic
def follow_up_call_create(*, actor, cohort: Cohort, title: str, opens_at, closes_at, **fields):
    """A second call (e.g. financial support) that only the cohort's members may apply to."""
    call = call_create(
        actor=actor,
        title=title,
        organiser=cohort.call.organiser,
        opens_at=opens_at,
        closes_at=closes_at,
        time_zone=fields.pop("time_zone", cohort.call.time_zone),
        restricted_to_cohort=cohort,
        **fields,
    )
    Offering.objects.create(
        cohort=cohort,
        kind=OfferingKind.FINANCIAL_SUPPORT,
        title=title[:255],
        starts_at=opens_at,
        follow_up_call=call,
    )
    audit_log_record(
        actor=actor, action="calls.cohort.follow_up", target=cohort, data={"call": call.slug}
    )
    return call
