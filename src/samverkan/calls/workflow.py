"""The application workflow as data: which action leads from which state to which, for whom.

Single-stage:  draft → submitted → eligibility → in_review → ready_for_decision
               → selected / reserve / rejected; changes_requested → (resubmit) submitted;
               withdraw from any open state; reserve → selected when a place frees up.
Two-stage:     the same states run first for the concept note (stage "concept"); from
               ready_for_decision the operator invites a full application (stage "full",
               back to draft) or rejects the concept.

Services check this table before every transition (`transition_check`), so views, the API
and commands cannot bypass it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from samverkan.calls.models import ApplicationStatus as S

APPLICANT = "applicant"
OPERATOR = "operator"


@dataclass(frozen=True)
class Transition:
    action: str
    label: str
    sources: frozenset[str]
    target: str
    role: str
    needs_message: bool = False


TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in [
        Transition("submit", _("Submit"), frozenset({S.DRAFT}), S.SUBMITTED, APPLICANT),
        Transition(
            "resubmit", _("Resubmit"), frozenset({S.CHANGES_REQUESTED}), S.SUBMITTED, APPLICANT
        ),
        Transition(
            "withdraw",
            _("Withdraw"),
            frozenset({S.DRAFT, S.SUBMITTED, S.ELIGIBILITY, S.CHANGES_REQUESTED, S.IN_REVIEW}),
            S.WITHDRAWN,
            APPLICANT,
        ),
        Transition(
            "start_screening",
            _("Start eligibility screening"),
            frozenset({S.SUBMITTED}),
            S.ELIGIBILITY,
            OPERATOR,
        ),
        Transition(
            "request_changes",
            _("Request changes"),
            frozenset({S.SUBMITTED, S.ELIGIBILITY}),
            S.CHANGES_REQUESTED,
            OPERATOR,
            needs_message=True,
        ),
        Transition(
            "mark_ineligible",
            _("Not eligible"),
            frozenset({S.ELIGIBILITY}),
            S.REJECTED,
            OPERATOR,
            needs_message=True,
        ),
        Transition(
            "start_review",
            _("Eligible: start review"),
            frozenset({S.ELIGIBILITY}),
            S.IN_REVIEW,
            OPERATOR,
        ),
        Transition(
            "ready_for_decision",
            _("Ready for decision"),
            frozenset({S.IN_REVIEW}),
            S.READY_FOR_DECISION,
            OPERATOR,
        ),
        Transition(
            "invite_full",
            _("Invite full application"),
            frozenset({S.READY_FOR_DECISION}),
            S.DRAFT,
            OPERATOR,
        ),
        # Decisions: made through decision_make, which records outcome and reason.
        Transition(
            "select",
            _("Select"),
            frozenset({S.READY_FOR_DECISION, S.RESERVE}),
            S.SELECTED,
            OPERATOR,
        ),
        Transition("reserve", _("Reserve"), frozenset({S.READY_FOR_DECISION}), S.RESERVE, OPERATOR),
        Transition(
            "reject",
            _("Reject"),
            frozenset({S.READY_FOR_DECISION, S.RESERVE}),
            S.REJECTED,
            OPERATOR,
        ),
    ]
}

DECISION_ACTIONS = {"select": S.SELECTED, "reserve": S.RESERVE, "reject": S.REJECTED}
OPEN_STATES = frozenset({S.DRAFT, S.CHANGES_REQUESTED})


def available_actions(*, status: str, role: str, stage: str) -> list[Transition]:
    """The transitions a role may take from a state (decisions are listed separately)."""
    result = []
    for transition in TRANSITIONS.values():
        if transition.role != role or status not in transition.sources:
            continue
        if transition.action in DECISION_ACTIONS:
            continue
        if transition.action == "invite_full" and stage != "concept":
            continue
        result.append(transition)
    return result
