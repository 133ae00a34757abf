"""Who may do what in calls (django-rules predicates).

Applicants are members of the applying organisation; reviewers are members of a call's
assessment group and see only applications assigned to them; operators run calls.
"""

from __future__ import annotations

import rules

from samverkan.accounts.rules import is_operator
from samverkan.calls.models import CallStatus


@rules.predicate
def is_visible_call(user, call) -> bool:
    return call is not None and call.status in (CallStatus.PUBLISHED, CallStatus.CLOSED)


@rules.predicate
def is_application_member(user, application) -> bool:
    if not user.is_authenticated or application is None:
        return False
    return application.organisation.memberships.filter(user=user).exists()


@rules.predicate
def is_assigned_reviewer(user, application) -> bool:
    if not user.is_authenticated or application is None:
        return False
    return application.assignments.filter(reviewer__user=user).exists()


@rules.predicate
def is_assignment_reviewer(user, assignment) -> bool:
    return bool(
        user.is_authenticated and assignment is not None and assignment.reviewer.user_id == user.pk
    )


@rules.predicate
def is_call_reviewer(user, call) -> bool:
    if not user.is_authenticated or call is None:
        return False
    return call.reviewers.filter(user=user).exists()


@rules.predicate
def is_cohort_member(user, cohort) -> bool:
    if not user.is_authenticated or cohort is None:
        return False
    return cohort.members.filter(organisation__memberships__user=user).exists()


rules.add_perm("calls.list_calls", rules.always_allow)
rules.add_perm("calls.view_call", is_visible_call | is_operator)
rules.add_perm("calls.manage_calls", is_operator)
rules.add_perm("calls.apply", rules.is_authenticated)
rules.add_perm("calls.list_own", rules.is_authenticated)
rules.add_perm("calls.view_application", is_application_member | is_assigned_reviewer | is_operator)
rules.add_perm("calls.change_application", is_application_member)
rules.add_perm("calls.review_assignment", is_assignment_reviewer)
rules.add_perm("calls.declare_conflict", is_call_reviewer)
rules.add_perm("calls.view_cohort", is_cohort_member | is_operator)
