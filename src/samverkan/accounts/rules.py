"""Who may do what with accounts and memberships (django-rules predicates)."""

from __future__ import annotations

import rules

from samverkan.accounts.models import MembershipRole


@rules.predicate
def is_operator(user) -> bool:
    return bool(user.is_authenticated and (user.is_operator or user.is_superuser))


@rules.predicate
def is_organisation_member(user, organisation) -> bool:
    if not user.is_authenticated or organisation is None:
        return False
    return organisation.memberships.filter(user=user).exists()


@rules.predicate
def is_organisation_manager(user, organisation) -> bool:
    if not user.is_authenticated or organisation is None:
        return False
    return organisation.memberships.filter(
        user=user, role__in=[MembershipRole.OWNER, MembershipRole.ADMIN]
    ).exists()


@rules.predicate
def is_self(user, other) -> bool:
    return bool(user.is_authenticated and other is not None and user.pk == other.pk)


is_authenticated = rules.is_authenticated

rules.add_perm("accounts.view_dashboard", is_authenticated)
rules.add_perm("accounts.change_own_preferences", is_authenticated)
rules.add_perm("accounts.manage_api_tokens", is_authenticated)
rules.add_perm("accounts.view_members", is_organisation_member | is_operator)
rules.add_perm("accounts.manage_members", is_organisation_manager | is_operator)
rules.add_perm("accounts.view_audit_log", is_operator)
