"""Personal data in accounts: the user's profile, memberships, invitations, tokens, logins."""

from __future__ import annotations

from typing import Any

from samverkan.accounts.models import ApiToken, Invitation, LoginAttempt, Membership


def export_personal_data(*, user) -> dict[str, Any]:
    return {
        "profile": {
            "email": user.email,
            "full_name": user.full_name,
            "language": user.language,
            "time_zone": user.time_zone,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
            "is_operator": user.is_operator,
        },
        "memberships": [
            {"organisation": m.organisation.name, "role": m.role, "since": m.created_at}
            for m in Membership.objects.filter(user=user).select_related("organisation")
        ],
        "invitations_received": [
            {"organisation": i.organisation.name, "sent": i.created_at, "accepted": i.accepted_at}
            for i in Invitation.objects.filter(email__iexact=user.email).select_related(
                "organisation"
            )
        ],
        "api_tokens": [
            {"name": t.name, "prefix": t.prefix, "created": t.created_at, "revoked": t.revoked_at}
            for t in ApiToken.objects.filter(user=user)
        ],
        "login_attempts": [
            {"time": a.created_at, "ip_address": a.ip_address, "succeeded": a.succeeded}
            for a in LoginAttempt.objects.filter(email__iexact=user.email)
        ],
    }


def erase_personal_data(*, user) -> int:
    """Erase the account itself. Runs after every other app has erased its part."""
    email = user.email
    rows = Membership.objects.filter(user=user).delete()[0]
    rows += ApiToken.objects.filter(user=user).delete()[0]
    rows += LoginAttempt.objects.filter(email__iexact=email).delete()[0]
    rows += Invitation.objects.filter(email__iexact=email).update(
        email=f"erased-invitee-{user.pk}@invalid.example"
    )
    user.email = f"erased-{user.pk}@invalid.example"
    user.full_name = ""
    user.is_active = False
    user.is_operator = False
    user.is_staff = False
    user.is_superuser = False
    user.set_unusable_password()
    user.save()
    return rows + 1
