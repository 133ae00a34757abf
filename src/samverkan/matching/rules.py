"""Who may use matchmaking (django-rules predicates)."""

from __future__ import annotations

import rules

from samverkan.accounts.rules import is_operator, is_organisation_member
from samverkan.catalog.rules import can_see_profile


@rules.predicate
def has_organisation(user) -> bool:
    return bool(user.is_authenticated and user.memberships.exists())


@rules.predicate
def is_interest_recipient(user, interest) -> bool:
    if not user.is_authenticated or interest is None:
        return False
    return interest.to_organisation.memberships.filter(user=user).exists()


@rules.predicate
def is_interest_sender(user, interest) -> bool:
    if not user.is_authenticated or interest is None:
        return False
    return interest.from_organisation.memberships.filter(user=user).exists()


@rules.predicate
def owns_saved_search(user, search) -> bool:
    return bool(user.is_authenticated and search is not None and search.user_id == user.pk)


@rules.predicate
def can_express_interest_in(user, organisation) -> bool:
    """A member of some organisation who can see `organisation` and is not (only) its member."""
    if not user.is_authenticated or organisation is None:
        return False
    if not (can_see_profile(user, organisation) or is_organisation_member(user, organisation)):
        return False
    return user.memberships.exclude(organisation=organisation).exists()


rules.add_perm("matching.use_matching", rules.is_authenticated)
# Suggestions and feedback of an organisation: its members and operators.
rules.add_perm("matching.view_suggestions", is_organisation_member | is_operator)
rules.add_perm("matching.give_feedback", is_organisation_member | is_operator)
rules.add_perm("matching.manage_saved_searches", rules.is_authenticated)
rules.add_perm("matching.change_saved_search", owns_saved_search)
rules.add_perm("matching.express_interest", can_express_interest_in)
rules.add_perm("matching.view_interests", rules.is_authenticated)
rules.add_perm("matching.view_interest", is_interest_sender | is_interest_recipient | is_operator)
rules.add_perm("matching.decide_interest", is_interest_recipient)
rules.add_perm("matching.withdraw_interest", is_interest_sender)
rules.add_perm("matching.run_matchmaking", is_operator)
