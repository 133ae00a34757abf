"""E-mail to participants, rendered in the recipient's language and the event's time zone."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation


def notify(*, user, template: str, context: dict[str, Any]) -> None:
    """Send `events/email/<template>.txt` (first line = subject) to `user`."""
    if not user.email:
        return
    event = context.get("event")
    with (
        translation.override(user.language or settings.LANGUAGE_CODE),
        timezone.override(event.tzinfo if event is not None else timezone.get_current_timezone()),
    ):
        text = render_to_string(
            f"events/email/{template}.txt",
            {"user": user, "site_url": settings.SITE_URL, **context},
        )
    subject, _, body = text.strip().partition("\n")
    send_mail(subject.strip(), body.strip() + "\n", None, [user.email])


_suppressed: ContextVar[bool] = ContextVar("events_notifications_suppressed", default=False)


@contextmanager
def notifications_suppressed() -> Iterator[None]:
    """No e-mail for writes made inside (demo data, bulk imports by operators)."""
    token = _suppressed.set(True)
    try:
        yield
    finally:
        _suppressed.reset(token)


def notify_on_commit(*, user, template: str, context: dict[str, Any]) -> None:
    """Send after the transaction commits (never for rolled-back work)."""
    if _suppressed.get():
        return
    transaction.on_commit(lambda: notify(user=user, template=template, context=context))
