"""E-mail about matchmaking, rendered in each recipient's own language."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from samverkan.accounts.models import User


def notify(*, user: User, template: str, context: dict[str, Any]) -> bool:
    """Send `matching/email/<template>.txt` (first line = subject) to `user`."""
    if not user.email or not user.is_active:
        return False
    with translation.override(user.language or settings.LANGUAGE_CODE):
        text = render_to_string(
            f"matching/email/{template}.txt",
            {"user": user, "site_url": settings.SITE_URL, **context},
        )
    subject, _sep, body = text.strip().partition("\n")
    send_mail(subject.strip(), body.strip() + "\n", None, [user.email])
    return True


def organisation_users(organisation) -> list[User]:
    """Who hears about an organisation's matchmaking: all its members."""
    return list(User.objects.filter(memberships__organisation=organisation, is_active=True))
