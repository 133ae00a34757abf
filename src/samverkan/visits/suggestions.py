"""Host suggestions for a visit request: which catalogue organisations could host or meet
the delegation, and why.

The score is a simple, documented sum over catalogue fields (see docs/visits.md):
  +3  the organisation works in a NACE sector of a chosen focus area (same class or below)
  +2  a focus-area keyword is one of the organisation's keywords
  +1  a focus-area keyword, or a word of question 5 ("which companies"), is in its profile text
  +1  it is a company and the delegation wants to meet companies
  +1  it is in the same country as the booking page's organisation (a local host)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _

from samverkan.catalog.models import Organisation, OrganisationKind, Visibility
from samverkan.catalog.text import fold
from samverkan.visits.models import VisitRequest

MAX_CANDIDATES = 400
_WORD = re.compile(r"\w{5,}")


@dataclass
class HostSuggestion:
    organisation: Organisation
    score: int = 0
    reasons: list[str] = field(default_factory=list)


def _wish_words(visit: VisitRequest) -> list[str]:
    words: dict[str, None] = {}
    for word in _WORD.findall(fold(visit.company_wishes)):
        words.setdefault(word, None)
    return list(words)[:12]


def host_suggestions(*, visit: VisitRequest, limit: int = 10) -> list[HostSuggestion]:
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
