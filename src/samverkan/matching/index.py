"""The process-wide match index over the catalogue.

Built lazily on first use from every catalogue profile (visibility is applied per viewer at
query time, never here), then kept current incrementally:

* `matching_index_refresh_organisation` (services.py) upserts or removes one profile; catalog
  services may call it after saving a profile.
* Every read compares the catalogue's newest `updated_at` and row count with what the index
  has seen and upserts/removes only the profiles that changed. So edits made by other
  processes (web workers, the task worker, imports) reach each process's index without a
  rebuild and without the catalogue having to import matching.
"""

from __future__ import annotations

import threading
from datetime import datetime

from django.db.models import Count, Max

from samverkan.catalog.models import Organisation
from samverkan.core.matching.index import MatchIndex
from samverkan.matching.adapters import organisation_queryset, organisations_to_core

_lock = threading.RLock()
_state: dict = {"index": None, "seen": None, "count": 0}


def _catalogue_stamp() -> tuple[datetime | None, int]:
    agg = Organisation.objects.aggregate(newest=Max("updated_at"), count=Count("id"))
    return agg["newest"], agg["count"]


def _build() -> MatchIndex:
    newest, count = _catalogue_stamp()
    index = MatchIndex.build(organisations_to_core(organisation_queryset().order_by("pk")))
    _state.update(index=index, seen=newest, count=count)
    return index


def _sync(index: MatchIndex, newest: datetime | None, count: int) -> None:
    changed = organisation_queryset()
    if _state["seen"] is not None:
        changed = changed.filter(updated_at__gte=_state["seen"])
    for org in organisations_to_core(changed):
        index.upsert(org)
    if len(index) != count:
        ids = {str(pk) for pk in Organisation.objects.values_list("pk", flat=True)}
        for stale in [oid for oid in index.row_of if oid not in ids]:
            index.remove(stale)
        missing = [int(pk) for pk in ids if pk not in index]
        for org in organisations_to_core(organisation_queryset().filter(pk__in=missing)):
            index.upsert(org)
    _state.update(seen=newest, count=count)


def match_index() -> MatchIndex:
    """The current index: built on first use, brought up to date on every call."""
    with _lock:
        index = _state["index"]
        if index is None:
            return _build()
        newest, count = _catalogue_stamp()
        if newest != _state["seen"] or count != _state["count"]:
            _sync(index, newest, count)
        return index


def match_index_upsert(organisation_id: int) -> None:
    with _lock:
        index = _state["index"]
        if index is None:
            return  # built lazily, with this profile, on first use
        org = organisation_queryset().filter(pk=organisation_id).first()
        if org is None:
            index.remove(str(organisation_id))
        else:
            index.upsert(organisations_to_core([org])[0])


def match_index_reset() -> None:
    """Forget the index (tests, or after a bulk import); the next read rebuilds it."""
    with _lock:
        _state.update(index=None, seen=None, count=0)
