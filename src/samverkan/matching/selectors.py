"""Reads: suggested partners for an organisation or a saved search, interests, contacts."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from samverkan.accounts.rules import is_operator
from samverkan.catalog.models import Organisation, Visibility
from samverkan.catalog.selectors import OrganisationFilters, organisations_filter
from samverkan.core.matching.model import MatchQuery
from samverkan.matching.adapters import saved_search_to_query
from samverkan.matching.index import match_index
from samverkan.matching.models import (
    Contact,
    ExpressionOfInterest,
    InterestStatus,
    SavedSearch,
    SuggestionFeedback,
    Verdict,
)
from samverkan.matching.reasons import translate_reason

DEFAULT_K = 10
MAX_K = 50


@dataclass
class Suggestion:
    organisation: Organisation
    score: float
    reasons: list[tuple[str, str]] = field(default_factory=list)  # (code, text in language)
    verdict: str = ""

    @property
    def reason_codes(self) -> list[str]:
        return [code for code, _text in self.reasons]


def hidden_organisation_ids(*, user) -> list[str]:
    """Profiles `user` may not see, as index ids: never suggested to them."""
    if user is not None and is_operator(user):
        return []
    hidden = Organisation.objects.filter(visibility=Visibility.PRIVATE)
    if user is None or not user.is_authenticated:
        hidden = Organisation.objects.exclude(visibility=Visibility.PUBLIC)
    else:
        hidden = hidden.exclude(memberships__user=user)
    return [str(pk) for pk in hidden.values_list("pk", flat=True)]


def feedback_by_suggested(*, organisation: Organisation) -> dict[int, str]:
    rows = SuggestionFeedback.objects.filter(organisation=organisation)
    return dict(rows.values_list("suggested_id", "verdict"))


def _suggestions(recommendations, verdicts: dict[int, str], allowed: QuerySet | None = None):
    ids = [int(r.org_id) for r in recommendations]
    base = allowed if allowed is not None else Organisation.objects.all()
    orgs = base.filter(pk__in=ids).select_related("region").in_bulk()
    out = []
    for rec in recommendations:
        org = orgs.get(int(rec.org_id))
        if org is None or not rec.reasons:
            continue  # deleted meanwhile, or nothing to say why: not worth a user's time
        reasons = [(r.code, translate_reason(r.code, r.text)) for r in rec.reasons]
        out.append(Suggestion(org, rec.score, reasons, verdicts.get(org.pk, "")))
    return out


def suggestion_list(*, organisation: Organisation, user, k: int = DEFAULT_K) -> list[Suggestion]:
    """Top-k partners for `organisation`, as `user` may see them.

    Partners the organisation marked not relevant are excluded and profiles like those it
    marked relevant are raised (feedback as a signal);
    private profiles are excluded for anyone who is not their member or an operator.
    """
    k = max(1, min(int(k), MAX_K))
    index = match_index()
    verdicts = feedback_by_suggested(organisation=organisation)
    dismissed = [str(pk) for pk, v in verdicts.items() if v == Verdict.NOT_RELEVANT]
    liked = [str(pk) for pk, v in verdicts.items() if v == Verdict.RELEVANT]
    query = MatchQuery(
        seeker_id=str(organisation.pk),
        exclude_ids=tuple(dismissed + hidden_organisation_ids(user=user)),
        like_ids=tuple(liked),
    )
    return _suggestions(index.recommend(query, k=k), verdicts)


def saved_search_results(*, search: SavedSearch, user, k: int = 20) -> list[Suggestion]:
    """Ranked organisations for a saved search; its country/region/sector are hard filters."""
    k = max(1, min(int(k), MAX_K))
    index = match_index()
    verdicts: dict[int, str] = {}
    excluded = hidden_organisation_ids(user=user)
    if search.organisation_id:
        verdicts = feedback_by_suggested(organisation=search.organisation)
        excluded += [str(pk) for pk, v in verdicts.items() if v == Verdict.NOT_RELEVANT]
    filters = OrganisationFilters(
        country=search.country, region=search.region, sector=search.sector
    )
    filtered = search.country or search.region or search.sector
    wide = min(len(index), max(500, 20 * k)) if filtered else k
    recs = index.recommend(saved_search_to_query(search, exclude_ids=excluded), k=wide)
    allowed = organisations_filter(Organisation.objects.all(), filters) if filtered else None
    return _suggestions(recs, verdicts, allowed)[:k]


def saved_search_list(*, user) -> QuerySet:
    return SavedSearch.objects.filter(user=user).select_related("organisation")


def interest_list(*, user, direction: str = "", status: str = "") -> QuerySet:
    """Interests sent or received by the user's organisations (all of them for operators)."""
    interests = ExpressionOfInterest.objects.select_related(
        "from_organisation", "to_organisation", "created_by"
    )
    mine = Organisation.objects.filter(memberships__user=user).values("pk")
    if direction == "received":
        interests = interests.filter(to_organisation__in=mine)
    elif direction == "sent":
        interests = interests.filter(from_organisation__in=mine)
    elif not is_operator(user):
        interests = interests.filter(Q(to_organisation__in=mine) | Q(from_organisation__in=mine))
    if status in InterestStatus.values:
        interests = interests.filter(status=status)
    return interests.order_by("-created_at", "-id")


def contact_list(*, user, organisation: Organisation | None = None) -> QuerySet:
    contacts = Contact.objects.select_related(
        "organisation_a", "organisation_b", "interest"
    ).order_by("-created_at", "-id")
    if organisation is not None:
        return contacts.filter(Q(organisation_a=organisation) | Q(organisation_b=organisation))
    if is_operator(user):
        return contacts
    mine = Organisation.objects.filter(memberships__user=user).values("pk")
    return contacts.filter(Q(organisation_a__in=mine) | Q(organisation_b__in=mine))


def organisations_of(*, user) -> QuerySet:
    return Organisation.objects.filter(memberships__user=user).order_by("name")
