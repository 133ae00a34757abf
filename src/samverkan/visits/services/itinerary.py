"""Building the itinerary: items by hand, or drafted from the accepted hosts' time windows."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samverkan.common.services import audit_log_record
from samverkan.visits.models import (
    HostInvitation,
    HostStatus,
    ItemKind,
    ItineraryItem,
    VisitRequest,
    VisitStatus,
)

EDITABLE = {VisitStatus.ACCEPTED, VisitStatus.PLANNING}


def _check_editable(visit: VisitRequest) -> None:
    if visit.status not in EDITABLE:
        raise ValidationError(
            _("The itinerary can be changed while the request is accepted or being planned.")
        )


def itinerary_item_add(
    *,
    actor,
    visit: VisitRequest,
    kind: str,
    title: str,
    start: datetime,
    end: datetime,
    location: str = "",
    host: HostInvitation | None = None,
    notes: str = "",
) -> ItineraryItem:
    _check_editable(visit)
    if end <= start:
        raise ValidationError({"end": _("The item must end after it starts.")})
    if host is not None and host.request_id != visit.pk:
        raise ValidationError({"host": _("This host is not invited to this visit.")})
    item = ItineraryItem(
        request=visit,
        kind=kind,
        title=title.strip(),
        start=start,
        end=end,
        location=location.strip(),
        host=host,
        notes=notes.strip(),
    )
    item.full_clean()
    item.save()
    audit_log_record(
        actor=actor,
        action="visits.itinerary.add",
        target=visit,
        data={"item": item.pk, "kind": kind, "start": start, "end": end},
    )
    return item


def itinerary_item_delete(*, actor, item: ItineraryItem) -> None:
    visit = item.request
    _check_editable(visit)
    pk = item.pk
    item.delete()
    audit_log_record(actor=actor, action="visits.itinerary.delete", target=visit, data={"item": pk})


def _free(start: datetime, end: datetime, busy: list[tuple[datetime, datetime]]) -> bool:
    return all(end <= b_start or start >= b_end for b_start, b_end in busy)


@transaction.atomic
def itinerary_draft_from_hosts(
    *, actor, visit: VisitRequest, visit_minutes: int = 90, transfer_minutes: int = 30
) -> list[ItineraryItem]:
    """Place a site visit for every accepted host not yet in the itinerary.

    Greedy and documented: hosts in order of their earliest window; each visit goes to the
    earliest start (in 15-minute steps) inside one of the host's windows that keeps
    `transfer_minutes` free before and after every existing item. A transfer item is added
    before the visit when another item ends earlier the same day. Hosts that cannot be placed
    are left out and reported by the caller as not placed.
    """
    _check_editable(visit)
    duration = timedelta(minutes=visit_minutes)
    gap = timedelta(minutes=transfer_minutes)
    step = timedelta(minutes=15)
    existing = list(visit.itinerary.all())
    busy = [(item.start, item.end) for item in existing]
    placed_hosts = {item.host_id for item in existing if item.host_id}
    hosts = [
        host
        for host in visit.hosts.filter(status=HostStatus.ACCEPTED)
        .select_related("organisation")
        .prefetch_related("windows")
        if host.pk not in placed_hosts and host.windows.all()
    ]
    hosts.sort(key=lambda host: min(window.start for window in host.windows.all()))
    created: list[ItineraryItem] = []
    for host in hosts:
        slot = None
        for window in host.windows.all():
            start = window.start
            while start + duration <= window.end:
                if _free(start - gap, start + duration + gap, busy):
                    slot = start
                    break
                start += step
            if slot:
                break
        if slot is None:
            continue
        earlier = [
            b_end for b_start, b_end in busy if b_end <= slot and b_end.date() == slot.date()
        ]
        if earlier and transfer_minutes:
            created.append(
                ItineraryItem.objects.create(
                    request=visit,
                    kind=ItemKind.TRANSFER,
                    title=_("Transfer to %(name)s") % {"name": host.organisation.name},
                    start=slot - gap,
                    end=slot,
                )
            )
        created.append(
            ItineraryItem.objects.create(
                request=visit,
                kind=ItemKind.SITE_VISIT,
                title=_("Visit to %(name)s") % {"name": host.organisation.name},
                start=slot,
                end=slot + duration,
                host=host,
            )
        )
        busy.append((slot - gap, slot + duration))
    audit_log_record(
        actor=actor,
        action="visits.itinerary.draft",
        target=visit,
        data={"created": len(created), "hosts": len(hosts)},
    )
    return created
