"""The current user, their organisations and their API tokens."""

from datetime import datetime

from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status

from samverkan.accounts import selectors, services
from samverkan.accounts.models import ApiToken
from samverkan.api.problems import Problem
from samverkan.common.permissions import api_permission

prefix = "/"
router = Router(tags=["accounts"])


class MeOut(Schema):
    id: int
    email: str
    full_name: str
    language: str
    time_zone: str
    is_operator: bool


class MePatch(Schema):
    full_name: str | None = Field(None, max_length=255)
    language: str | None = None
    time_zone: str | None = None


class MembershipOut(Schema):
    organisation_id: int
    organisation_name: str
    organisation_slug: str
    role: str


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


@router.get("/me", response={200: MeOut, 401: Problem}, summary="The signed-in user")
@api_permission("accounts.view_dashboard")
def me(request):
    return request.user


@router.patch(
    "/me",
    response={200: MeOut, 401: Problem, 422: Problem},
    summary="Change my name, language or time zone",
)
@api_permission("accounts.change_own_preferences")
def update_me(request, payload: MePatch):
    user = request.user
    changes = payload.dict(exclude_unset=True)
    return services.user_update_preferences(
        user=user,
        full_name=changes.get("full_name") or user.full_name,
        language=changes.get("language") or user.language,
        time_zone=changes.get("time_zone") or user.time_zone,
    )


@router.get(
    "/me/organisations",
    response={200: list[MembershipOut], 401: Problem},
    summary="Organisations the signed-in user belongs to, with their role",
)
@api_permission("accounts.view_dashboard")
def my_organisations(request):
    return [
        MembershipOut(
            organisation_id=membership.organisation_id,
            organisation_name=membership.organisation.name,
            organisation_slug=membership.organisation.slug,
            role=membership.role,
        )
        for membership in selectors.membership_list_for_user(user=request.user)
    ]


@router.get("/me/tokens", response={200: list[TokenOut], 401: Problem}, summary="My API tokens")
@api_permission("accounts.manage_api_tokens")
def my_tokens(request):
    return list(selectors.api_token_list(user=request.user))


@router.delete(
    "/me/tokens/{token_id}",
    response={204: None, 401: Problem, 404: Problem},
    summary="Revoke one of my API tokens",
)
@api_permission("accounts.manage_api_tokens")
def revoke_token(request, token_id: int):
    token = get_object_or_404(ApiToken, pk=token_id, user=request.user)
    services.api_token_revoke(actor=request.user, token=token)
    return Status(204, None)
