"""Reads for users and memberships."""

from __future__ import annotations

from django.db.models import QuerySet

from samverkan.accounts.models import ApiToken, Invitation, Membership, MembershipRole, User


def membership_list_for_user(*, user: User) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related("organisation")


def membership_list_for_organisation(*, organisation) -> QuerySet[Membership]:
    return Membership.objects.filter(organisation=organisation).select_related("user")


def membership_get(*, user: User, organisation) -> Membership | None:
    if not user.is_authenticated:
        return None
    return Membership.objects.filter(user=user, organisation=organisation).first()


def user_organisation_ids(*, user: User, manage_only: bool = False) -> set[int]:
    if not user.is_authenticated:
        return set()
    memberships = Membership.objects.filter(user=user)
    if manage_only:
        memberships = memberships.filter(role__in=[MembershipRole.OWNER, MembershipRole.ADMIN])
    return set(memberships.values_list("organisation_id", flat=True))


def invitation_list_open(*, organisation) -> QuerySet[Invitation]:
    from django.utils import timezone

    return Invitation.objects.filter(
        organisation=organisation,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
        expires_at__gt=timezone.now(),
    ).select_related("invited_by")


def api_token_list(*, user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user)
