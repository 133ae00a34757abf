"""Which organisations a reviewer is related to, for blocking conflicted assignments.

Extension point: another app (e.g. `programmes`, which will hold project partnerships) calls
`register_related_organisations(provider)` in its AppConfig.ready(); a provider takes a user
and returns the ids of organisations that user is tied to (e.g. partners in a shared project).
calls never imports those apps: dependencies keep pointing one way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from samverkan.accounts.models import Membership

Provider = Callable[[object], Iterable[int]]
_PROVIDERS: list[Provider] = []


def register_related_organisations(provider: Provider) -> Provider:
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)
    return provider


def unregister_related_organisations(provider: Provider) -> None:
    if provider in _PROVIDERS:
        _PROVIDERS.remove(provider)


def related_organisation_ids(*, user) -> dict[int, str]:
    """Organisation id → why the user is related to it (membership first, then providers)."""
    related: dict[int, str] = {}
    for provider in _PROVIDERS:
        for organisation_id in provider(user):
            related.setdefault(organisation_id, "partnership")
    for organisation_id in Membership.objects.filter(user=user).values_list(
        "organisation_id", flat=True
    ):
        related[organisation_id] = "member"
    return related
