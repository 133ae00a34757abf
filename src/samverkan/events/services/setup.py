"""Event set-up: the event itself, sessions (which generate the slots) and tables."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from samverkan.common.services import audit_log_record
from samverkan.events.models import Event, EventStatus, Session, Slot, Table

EVENT_FIELDS = {
    "name",
    "description",
    "venue",
    "time_zone",
    "start_date",
    "end_date",
    "registration_opens_at",
    "registration_closes_at",
    "registration_mode",
    "languages",
    "request_quota",
    "request_expiry_minutes",
    "auto_accept",
    "fairness",
    "followup_months",
}


def _unique_slug(name: str) -> str:
    base = slugify(name)[:180] or "event"
    slug, n = base, 2
    while Event.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _validate_event(event: Event) -> None:
    errors = {}
    if event.end_date < event.start_date:
        errors["end_date"] = _("The last day cannot be before the first day.")
    if (
        event.registration_opens_at
        and event.registration_closes_at
        and event.registration_closes_at <= event.registration_opens_at
    ):
        errors["registration_closes_at"] = _("Registration must close after it opens.")
    if event.request_expiry_minutes is not None and event.request_expiry_minutes < 1:
        errors["request_expiry_minutes"] = _("Expiry must be at least one minute.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def event_create(
    *, actor, organiser, co_organisers=(), allowed_organisations=(), **fields
) -> Event:
    unknown = set(fields) - EVENT_FIELDS
    if unknown:
        raise TypeError(f"unknown event fields: {sorted(unknown)}")
    event = Event(organiser=organiser, slug=_unique_slug(fields.get("name", "")), **fields)
    _validate_event(event)
    event.full_clean(exclude=["slug"])
    event.save()
    event.co_organisers.set(co_organisers)
    event.allowed_organisations.set(allowed_organisations)
    audit_log_record(actor=actor, action="events.event_create", target=event)
    return event


@transaction.atomic
def event_update(
    *, actor, event: Event, co_organisers=None, allowed_organisations=None, **fields
) -> Event:
    unknown = set(fields) - EVENT_FIELDS
    if unknown:
        raise TypeError(f"unknown event fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(event, name, value)
    _validate_event(event)
    event.full_clean()
    event.save()
    if co_organisers is not None:
        event.co_organisers.set(co_organisers)
    if allowed_organisations is not None:
        event.allowed_organisations.set(allowed_organisations)
    audit_log_record(actor=actor, action="events.event_update", target=event, data=fields)
    return event


def event_open(*, actor, event: Event) -> Event:
    if not event.slots.exists():
        raise ValidationError(_("Add at least one session before opening registration."))
    if not event.tables.exists():
        raise ValidationError(_("Add at least one table before opening registration."))
    if event.status == EventStatus.DRAFT:
        event.status = EventStatus.OPEN
        event.save(update_fields=["status", "updated_at"])
        audit_log_record(actor=actor, action="events.event_open", target=event)
    return event


def _slot_times(
    day: date, start: time, end: time, meeting_minutes: int, break_minutes: int
) -> list[tuple[datetime, datetime]]:
    out = []
    current = datetime.combine(day, start)
    stop = datetime.combine(day, end)
    length, gap = timedelta(minutes=meeting_minutes), timedelta(minutes=break_minutes)
    while current + length <= stop:
        out.append((current, current + length))
        current += length + gap
    return out


@transaction.atomic
def session_create(
    *,
    actor,
    event: Event,
    date: date,
    start_time: time,
    end_time: time,
    meeting_minutes: int = 20,
    break_minutes: int = 5,
    name: str = "",
) -> Session:
    """Add a session and generate its slots as aware datetimes in the event's time zone."""
    errors = {}
    if not event.start_date <= date <= event.end_date:
        errors["date"] = _("The session must be on one of the event's days.")
    if end_time <= start_time:
        errors["end_time"] = _("The session must end after it starts.")
    if meeting_minutes < 5:
        errors["meeting_minutes"] = _("Meetings must last at least five minutes.")
    if errors:
        raise ValidationError(errors)
    times = _slot_times(date, start_time, end_time, meeting_minutes, break_minutes)
    if not times:
        raise ValidationError({"end_time": _("The session is too short for a single meeting.")})
    tz = event.tzinfo
    aware = [(a.replace(tzinfo=tz), b.replace(tzinfo=tz)) for a, b in times]
    first, last = aware[0][0], aware[-1][1]
    if event.slots.filter(starts_at__lt=last, ends_at__gt=first).exists():
        raise ValidationError(_("The session overlaps another session of this event."))
    session = Session.objects.create(
        event=event,
        name=name,
        date=date,
        start_time=start_time,
        end_time=end_time,
        meeting_minutes=meeting_minutes,
        break_minutes=break_minutes,
    )
    Slot.objects.bulk_create(
        Slot(event=event, session=session, starts_at=a, ends_at=b) for a, b in aware
    )
    audit_log_record(
        actor=actor, action="events.session_create", target=event, data={"slots": len(aware)}
    )
    return session


@transaction.atomic
def session_delete(*, actor, session: Session) -> None:
    if session.slots.filter(meetings__isnull=False).exists():
        raise ValidationError(_("Meetings are scheduled in this session; move them first."))
    event = session.event
    session.delete()
    audit_log_record(actor=actor, action="events.session_delete", target=event)


@transaction.atomic
def tables_create(
    *, actor, event: Event, count: int, capacity: int = 4, kind: str = "", name_prefix: str = ""
) -> list[Table]:
    if not 1 <= count <= 1000:
        raise ValidationError({"count": _("Add between 1 and 1000 tables at a time.")})
    if capacity < 2:
        raise ValidationError({"capacity": _("A table needs at least two seats.")})
    start = (event.tables.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    tables = Table.objects.bulk_create(
        Table(
            event=event,
            number=n,
            name=f"{name_prefix} {n}".strip() if name_prefix else "",
            capacity=capacity,
            kind=kind,
        )
        for n in range(start, start + count)
    )
    audit_log_record(
        actor=actor, action="events.tables_create", target=event, data={"count": count}
    )
    return tables


@transaction.atomic
def table_delete(*, actor, table: Table) -> None:
    if table.meetings.exists():
        raise ValidationError(_("Meetings are scheduled at this table; move them first."))
    event = table.event
    table.delete()
    audit_log_record(actor=actor, action="events.table_delete", target=event)
