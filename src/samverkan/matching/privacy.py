"""Personal data in matching: the user's saved searches, verdicts, interests and runs.

Saved searches are the user's own and are deleted on erasure. Verdicts and expressions of
interest belong to organisations (they steer suggestions and record contacts), so erasure only
removes the link to the person; the organisations' history stays.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from samverkan.matching.models import (
    ExpressionOfInterest,
    MatchmakingRun,
    SavedSearch,
    SuggestionFeedback,
)


def export_personal_data(*, user) -> dict[str, Any]:
    searches = SavedSearch.objects.filter(user=user).select_related("organisation")
    feedback = SuggestionFeedback.objects.filter(user=user).select_related(
        "organisation", "suggested"
    )
    interests = (
        ExpressionOfInterest.objects.filter(Q(created_by=user) | Q(decided_by=user))
        .select_related("from_organisation", "to_organisation")
        .order_by("created_at", "id")
    )
    runs = MatchmakingRun.objects.filter(created_by=user)
    return {
        "saved_searches": [
            {
                "name": s.name,
                "on_behalf_of": s.organisation.name if s.organisation else None,
                "need": s.need,
                "country": s.country,
                "region": s.region,
                "sector": s.sector,
                "alerts_enabled": s.alerts_enabled,
                "last_alert_at": s.last_alert_at,
                "created": s.created_at,
            }
            for s in searches
        ],
        "suggestion_feedback": [
            {
                "organisation": f.organisation.name,
                "suggested": f.suggested.name,
                "verdict": f.verdict,
                "time": f.updated_at,
            }
            for f in feedback
        ],
        "expressions_of_interest": [
            {
                "from": i.from_organisation.name,
                "to": i.to_organisation.name,
                "subject": i.subject,
                "message": i.message if i.created_by_id == user.pk else "",
                "status": i.status,
                "answer": i.response if i.decided_by_id == user.pk else "",
                "sent": i.created_at,
                "you": "sender" if i.created_by_id == user.pk else "recipient",
            }
            for i in interests
        ],
        "matchmaking_runs": [
            {"scope": r.label, "status": r.status, "created": r.created_at} for r in runs
        ],
    }


def erase_personal_data(*, user) -> int:
    rows = SavedSearch.objects.filter(user=user).delete()[0]
    rows += SuggestionFeedback.objects.filter(user=user).update(user=None)
    rows += ExpressionOfInterest.objects.filter(created_by=user).update(created_by=None)
    rows += ExpressionOfInterest.objects.filter(decided_by=user).update(decided_by=None)
    rows += MatchmakingRun.objects.filter(created_by=user).update(created_by=None)
    return rows
