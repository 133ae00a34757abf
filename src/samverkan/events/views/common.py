"""Helpers shared by the events views: object getters for permissions and form errors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404

from samverkan.events.models import Event, Meeting, MeetingRequest, Participant


def event_from(request, slug: str, **kwargs) -> Event:
    return get_object_or_404(Event, slug=slug)


def participant_from(request, slug: str, participant_id: int, **kwargs) -> Participant:
    return get_object_or_404(
        Participant.objects.select_related("event", "user", "organisation"),
        event__slug=slug,
        pk=participant_id,
    )


def request_from(request, slug: str, request_id: int, **kwargs) -> MeetingRequest:
    return get_object_or_404(
        MeetingRequest.objects.select_related("event", "sender__user", "recipient__user"),
        event__slug=slug,
        pk=request_id,
    )


def meeting_from(request, slug: str, meeting_id: int, **kwargs) -> Meeting:
    return get_object_or_404(
        Meeting.objects.select_related(
            "event", "slot", "table", "participant_a__user", "participant_b__user"
        ),
        event__slug=slug,
        pk=meeting_id,
    )


def run_service(form, call: Callable[[], Any]) -> Any | None:
    """Call a service; put its ValidationError on the form (None means it failed)."""
    try:
        return call()
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, messages in error.message_dict.items():
                target = field if field in form.fields else None
                for message in messages:
                    form.add_error(target, message)
        else:
            for message in error.messages:
                form.add_error(None, message)
        return None


def error_messages(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [m for messages in error.message_dict.values() for m in messages]
    return list(error.messages)
