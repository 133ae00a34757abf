"""Writes of the matching app: the index, feedback, saved searches and alerts, interests.

Matchmaking runs for operators are in `runs.py`.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samverkan.catalog.models import Country, Organisation, Region, Sector
from samverkan.common.services import audit_log_record
from samverkan.matching import mail
from samverkan.matching.index import match_index_upsert
from samverkan.matching.models import (
    Contact,
    ExpressionOfInterest,
    InterestStatus,
    InterestSubject,
    SavedSearch,
    SuggestionFeedback,
    Verdict,
)

ALERT_DEPTH = 20  # a new organisation "matches" a saved search if it ranks in its top 20


def matching_index_refresh_organisation(*, organisation_id: int) -> None:
    """Bring this process's match index up to date for one profile (added, edited or deleted).

    Catalog services may call this after saving a profile; the index also notices changes on
    its own through `updated_at` on the next read, so calling it is an optimisation.
    """
    match_index_upsert(organisation_id)


# -- feedback ---------------------------------------------------------------------------------
@transaction.atomic
def suggestion_feedback_set(
    *, actor, organisation: Organisation, suggested: Organisation, verdict: str, reason_codes=()
) -> SuggestionFeedback:
    if verdict not in Verdict.values:
        raise ValidationError({"verdict": _("Choose relevant or not relevant.")})
    if organisation.pk == suggested.pk:
        raise ValidationError({"suggested": _("An organisation cannot rate itself.")})
    feedback, _created = SuggestionFeedback.objects.update_or_create(
        organisation=organisation,
        suggested=suggested,
        defaults={"verdict": verdict, "user": actor, "reason_codes": list(reason_codes)[:10]},
    )
    audit_log_record(
        actor=actor,
        action="matching.feedback",
        target=organisation,
        data={"suggested": suggested.pk, "verdict": verdict},
    )
    return feedback


@transaction.atomic
def suggestion_feedback_clear(*, actor, organisation: Organisation, suggested: Organisation) -> int:
    deleted, _rows = SuggestionFeedback.objects.filter(
        organisation=organisation, suggested=suggested
    ).delete()
    if deleted:
        audit_log_record(
            actor=actor,
            action="matching.feedback.clear",
            target=organisation,
            data={"suggested": suggested.pk},
        )
    return deleted


# -- saved searches ---------------------------------------------------------------------------
def saved_search_clean(*, user, data: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, str] = {}
    cleaned: dict[str, Any] = {
        "name": str(data.get("name") or "").strip()[:200],
        "need": str(data.get("need") or "").strip()[:4000],
        "country": str(data.get("country") or "").strip().upper(),
        "region": str(data.get("region") or "").strip().upper(),
        "sector": str(data.get("sector") or "").strip().upper(),
        "alerts_enabled": bool(data.get("alerts_enabled", True)),
        "organisation": data.get("organisation"),
    }
    for key in ("name", "need", "country", "region", "sector"):
        if "\x00" in cleaned[key]:
            errors[key] = _("The text contains a character that is not allowed.")
            cleaned[key] = ""
    if not cleaned["name"] and "name" not in errors:
        errors["name"] = _("Give the search a name.")
    if not (cleaned["need"] or cleaned["country"] or cleaned["region"] or cleaned["sector"]):
        errors["need"] = _("Describe what you are looking for or choose at least one filter.")
    if cleaned["country"] and not Country.objects.filter(code=cleaned["country"]).exists():
        errors["country"] = _("Unknown country code.")
    if cleaned["region"] and not Region.objects.filter(code=cleaned["region"]).exists():
        errors["region"] = _("Unknown NUTS region code.")
    if cleaned["sector"] and not Sector.objects.filter(code=cleaned["sector"]).exists():
        errors["sector"] = _("Unknown NACE code.")
    organisation = cleaned["organisation"]
    if organisation is not None and not organisation.memberships.filter(user=user).exists():
        errors["organisation"] = _("You can search only on behalf of your own organisations.")
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def saved_search_create(*, actor, data: dict[str, Any]) -> SavedSearch:
    cleaned = saved_search_clean(user=actor, data=data)
    search = SavedSearch.objects.create(user=actor, **cleaned)
    # Organisations that already match are not "new": alerts start from here.
    search.notified_ids = _matching_ids(search)
    search.last_alert_at = timezone.now()
    search.save(update_fields=["notified_ids", "last_alert_at"])
    audit_log_record(actor=actor, action="matching.saved_search.create", target=search)
    return search


@transaction.atomic
def saved_search_update(*, actor, search: SavedSearch, data: dict[str, Any]) -> SavedSearch:
    cleaned = saved_search_clean(user=actor, data=data)
    for key, value in cleaned.items():
        setattr(search, key, value)
    search.save()
    audit_log_record(actor=actor, action="matching.saved_search.update", target=search)
    return search


@transaction.atomic
def saved_search_delete(*, actor, search: SavedSearch) -> None:
    audit_log_record(
        actor=actor,
        action="matching.saved_search.delete",
        target=search,
        data={"name": search.name},
    )
    search.delete()


def _matching_ids(search: SavedSearch) -> list[int]:
    from samverkan.matching.selectors import saved_search_results

    results = saved_search_results(search=search, user=search.user, k=ALERT_DEPTH)
    return [s.organisation.pk for s in results]


def saved_search_alert(*, search: SavedSearch) -> list[Organisation]:
    """E-mail the owner about organisations that newly match; returns what was announced."""
    from samverkan.matching.selectors import saved_search_results

    # Reasons are translated when ranked: rank in the owner's language for the e-mail.
    with translation.override(search.user.language or settings.LANGUAGE_CODE):
        results = saved_search_results(search=search, user=search.user, k=ALERT_DEPTH)
    seen = set(search.notified_ids)
    new = [s for s in results if s.organisation.pk not in seen]
    search.last_alert_at = timezone.now()
    search.notified_ids = sorted(seen | {s.organisation.pk for s in new})
    search.save(update_fields=["last_alert_at", "notified_ids", "updated_at"])
    if new:
        mail.notify(
            user=search.user, template="saved_search_alert", context={"search": search, "new": new}
        )
        audit_log_record(
            actor=None,
            action="matching.saved_search.alert",
            target=search,
            data={"organisations": [s.organisation.pk for s in new]},
        )
    return [s.organisation for s in new]


def saved_search_alerts_send() -> int:
    """Run every saved search with alerts on; returns how many e-mails went out."""
    sent = 0
    searches = SavedSearch.objects.filter(alerts_enabled=True, user__is_active=True)
    for search in searches.select_related("user", "organisation").order_by("pk"):
        if saved_search_alert(search=search):
            sent += 1
    return sent


# -- expressions of interest ------------------------------------------------------------------
def interest_create(
    *,
    actor,
    from_organisation: Organisation,
    to_organisation: Organisation,
    subject: str,
    message: str,
) -> ExpressionOfInterest:
    message = (message or "").strip()
    errors: dict[str, str] = {}
    if not from_organisation.memberships.filter(user=actor).exists():
        raise PermissionDenied(_("You can express interest only for your own organisation."))
    if from_organisation.pk == to_organisation.pk:
        errors["to_organisation"] = _("Choose another organisation than your own.")
    if subject not in InterestSubject.values:
        errors["subject"] = _("Choose what you are interested in.")
    if not message:
        errors["message"] = _("Write a short message to introduce yourselves.")
    elif "\x00" in message:
        errors["message"] = _("The text contains a character that is not allowed.")
    elif len(message) > 2000:
        errors["message"] = _("The message can be at most 2000 characters long.")
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            interest = ExpressionOfInterest.objects.create(
                from_organisation=from_organisation,
                to_organisation=to_organisation,
                created_by=actor,
                subject=subject,
                message=message,
            )
            audit_log_record(
                actor=actor,
                action="matching.interest.create",
                target=interest,
                data={"from": from_organisation.pk, "to": to_organisation.pk, "subject": subject},
            )
    except IntegrityError:
        raise ValidationError(
            {"to_organisation": _("You already have a pending expression of interest to them.")}
        ) from None
    transaction.on_commit(lambda: _notify_created(interest))
    return interest


def _notify_created(interest: ExpressionOfInterest) -> None:
    for user in mail.organisation_users(interest.to_organisation):
        mail.notify(user=user, template="interest_received", context={"interest": interest})
    if interest.created_by:
        mail.notify(
            user=interest.created_by, template="interest_sent", context={"interest": interest}
        )


def _decide(*, actor, interest: ExpressionOfInterest, status: str, response: str):
    if interest.status != InterestStatus.PENDING:
        raise ValidationError({"status": _("This expression of interest was already answered.")})
    if "\x00" in (response or ""):
        raise ValidationError({"response": _("The text contains a character that is not allowed.")})
    if len(response or "") > 2000:
        raise ValidationError({"response": _("The answer can be at most 2000 characters long.")})
    interest.status = status
    interest.decided_by = actor
    interest.decided_at = timezone.now()
    interest.response = (response or "").strip()
    interest.save(update_fields=["status", "decided_by", "decided_at", "response", "updated_at"])
    audit_log_record(actor=actor, action=f"matching.interest.{status}", target=interest)


@transaction.atomic
def interest_accept(*, actor, interest: ExpressionOfInterest, response: str = "") -> Contact:
    """Accept: both sides are told, and the pair becomes a contact."""
    interest = ExpressionOfInterest.objects.select_for_update().get(pk=interest.pk)
    _decide(actor=actor, interest=interest, status=InterestStatus.ACCEPTED, response=response)
    a, b = sorted([interest.from_organisation_id, interest.to_organisation_id])
    contact, _created = Contact.objects.get_or_create(
        organisation_a_id=a, organisation_b_id=b, defaults={"interest": interest}
    )
    transaction.on_commit(lambda: _notify_decided(interest))
    return contact


@transaction.atomic
def interest_decline(*, actor, interest: ExpressionOfInterest, response: str = ""):
    interest = ExpressionOfInterest.objects.select_for_update().get(pk=interest.pk)
    _decide(actor=actor, interest=interest, status=InterestStatus.DECLINED, response=response)
    transaction.on_commit(lambda: _notify_decided(interest))
    return interest


@transaction.atomic
def interest_withdraw(*, actor, interest: ExpressionOfInterest):
    interest = ExpressionOfInterest.objects.select_for_update().get(pk=interest.pk)
    _decide(actor=actor, interest=interest, status=InterestStatus.WITHDRAWN, response="")
    return interest


def _notify_decided(interest: ExpressionOfInterest) -> None:
    """Both sides hear the answer, each in their own language."""
    recipients = {u.pk: u for u in mail.organisation_users(interest.from_organisation)}
    if interest.created_by_id:
        recipients.setdefault(interest.created_by_id, interest.created_by)
    for user in recipients.values():
        mail.notify(
            user=user, template="interest_decided", context={"interest": interest, "side": "from"}
        )
    for user in mail.organisation_users(interest.to_organisation):
        if user.pk not in recipients:
            mail.notify(
                user=user, template="interest_decided", context={"interest": interest, "side": "to"}
            )
