"""Host suggestions for a visit request: which catalogue organisations could host or meet
the delegation, and why.

`host_suggestions` asks the matching engine (samverkan.core.matching through the matching
app's process-wide index) with a query built from the request: the focus areas' labels,
keywords and NACE sectors, question 5 ("which companies"), the purpose text, and the host
country as a preferred location. The engine's reasons are shown in the user's language.

If the engine cannot answer (not installed, index failure) or finds nothing,
`simple_host_suggestions` is used: a transparent sum over catalogue fields:
  +3  the organisation works in a NACE sector of a chosen focus area (same class or below)
  +2  a focus-area keyword is one of the organisation's keywords
  +1  a focus-area keyword, or a word of question 5 ("which companies"), is in its profile text
  +1  it is a company and the delegation wants to meet companies
  +1  it is in the same country as the booking page's organisation (a local host)
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _

from samverkan.catalog.models import Organisation, OrganisationKind, Visibility
from samverkan.catalog.text import fold
from samverkan.visits.models import VisitRequest

logger = logging.getLogger(__name__)
MAX_CANDIDATES = 400
_WORD = re.compile(r"\w{5,}")


@dataclass
class HostSuggestion:
    organisation: Organisation
    score: float = 0
    reasons: list[str] = field(default_factory=list)
    source: str = "simple"  # "engine" or "simple"


def _query_text(visit: VisitRequest, areas: list) -> str:
    parts = [visit.company_wishes, visit.focus_explanation, visit.purpose]
    for area in areas:
        parts.append(" ".join(str(label) for label in area.labels.values()))
        parts.append(area.keywords)
    return "\n".join(part for part in parts if part)


def engine_host_suggestions(*, visit: VisitRequest, limit: int = 10) -> list[HostSuggestion]:
    """Ranked by the matching engine; organisations it cannot explain are left out."""
    from samverkan.core.matching.model import MatchQuery
    from samverkan.matching.index import match_index
    from samverkan.matching.reasons import translate_reason

    areas = list(visit.focus_areas.prefetch_related("sectors"))
    excluded = {str(visit.page.organisation_id)}
    excluded |= {str(pk) for pk in visit.hosts.values_list("organisation_id", flat=True)}
    excluded |= {
        str(pk)
        for pk in Organisation.objects.exclude(
            visibility__in=[Visibility.PUBLIC, Visibility.MEMBERS]
        ).values_list("pk", flat=True)
    }
    query = MatchQuery(
        need=_query_text(visit, areas),
        title=str(visit.goal),
        nace_codes=tuple(sorted({s.code for area in areas for s in area.sectors.all()})),
        target_countries=(visit.page.organisation.country,),
        exclude_ids=tuple(sorted(excluded)),
    )
    recommendations = match_index().recommend(query, k=limit)
    organisations = Organisation.objects.in_bulk([int(r.org_id) for r in recommendations])
    suggestions = []
    for rec in recommendations:
        organisation = organisations.get(int(rec.org_id))
        if organisation is None or not rec.reasons:
            continue
        reasons = [translate_reason(reason.code, reason.text) for reason in rec.reasons]
        suggestions.append(HostSuggestion(organisation, round(rec.score, 2), reasons, "engine"))
    return suggestions


def host_suggestions(*, visit: VisitRequest, limit: int = 10) -> list[HostSuggestion]:
    try:
        suggestions = engine_host_suggestions(visit=visit, limit=limit)
    except Exception:  # the engine is optional here: fall back to the simple scoring
        logger.exception("Matching engine failed for visit %s; using simple scoring", visit.pk)
        suggestions = []
    return suggestions or simple_host_suggestions(visit=visit, limit=limit)


def _wish_words(visit: VisitRequest) -> list[str]:
    words: dict[str, None] = {}
    for word in _WORD.findall(fold(visit.company_wishes)):
        words.setdefault(word, None)
    return list(words)[:12]


def simple_host_suggestions(*, visit: VisitRequest, limit: int = 10) -> list[HostSuggestion]:
    areas = list(visit.focus_areas.prefetch_related("sectors"))
    sector_codes = {sector.code: area for area in areas for sector in area.sectors.all()}
    keywords = {fold(word): area for area in areas for word in area.keyword_list if fold(word)}
    wishes = _wish_words(visit)
    invited = visit.hosts.values_list("organisation_id", flat=True)
    candidates = (
        Organisation.objects.filter(visibility__in=[Visibility.PUBLIC, Visibility.MEMBERS])
        .exclude(pk=visit.page.organisation_id)
        .exclude(pk__in=invited)
    )
    match = Q(pk__in=[])
    for code in sector_codes:
        match |= Q(sectors__code__startswith=code)
    for word in [*keywords, *wishes]:
        match |= Q(search_text__contains=word)
    candidates = candidates.filter(match).distinct().prefetch_related("sectors")[:MAX_CANDIDATES]
    home_country = visit.page.organisation.country
    suggestions = []
    for organisation in candidates:
        suggestion = HostSuggestion(organisation)
        for sector in organisation.sectors.all():
            for code, area in sector_codes.items():
                if sector.code.startswith(code):
                    suggestion.score += 3
                    suggestion.reasons.append(
                        _("Works in %(sector)s (focus area “%(area)s”)")
                        % {"sector": f"{sector.code} {sector.name}", "area": area}
                    )
                    break
        own_keywords = {fold(word) for word in organisation.keyword_list}
        text = organisation.search_text
        for word, area in keywords.items():
            if word in own_keywords:
                suggestion.score += 2
                suggestion.reasons.append(
                    _("Lists “%(word)s” among its keywords (focus area “%(area)s”)")
                    % {"word": word, "area": area}
                )
            elif word in text:
                suggestion.score += 1
                suggestion.reasons.append(_("Mentions “%(word)s” in its profile") % {"word": word})
        hits = [word for word in wishes if word in text]
        if hits:
            suggestion.score += 1
            suggestion.reasons.append(
                _("Matches the kind of companies asked for: %(words)s")
                % {"words": ", ".join(hits[:4])}
            )
        if suggestion.score == 0:
            continue
        if visit.wants_company_meetings and organisation.kind == OrganisationKind.COMPANY:
            suggestion.score += 1
            suggestion.reasons.append(_("A company, and the delegation wants to meet companies"))
        if organisation.country == home_country:
            suggestion.score += 1
            suggestion.reasons.append(_("Located in the host country"))
        suggestions.append(suggestion)
    suggestions.sort(key=lambda s: (-s.score, s.organisation.name))
    return suggestions[:limit]
