"""iCalendar agendas: meetings in the event's time zone with a VTIMEZONE definition."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from icalendar import Calendar, vText
from icalendar import Event as VEvent

from samverkan.events import selectors
from samverkan.events.models import Participant


def agenda_calendar(participant: Participant) -> bytes:
    event = participant.event
    cal = Calendar()
    cal.add("prodid", "-//samverkan//events//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"{event.name} \u2013 {participant.user}")
    cal.add("x-wr-timezone", event.time_zone)
    tz = event.tzinfo
    agenda_url = settings.SITE_URL + reverse(
        "events:agenda", kwargs={"slug": event.slug, "participant_id": participant.pk}
    )
    for meeting in selectors.agenda(participant=participant):
        if meeting.slot is None:
            continue
        other = meeting.other(participant)
        item = VEvent()
        item.add("uid", f"meeting-{meeting.pk}-p{participant.pk}@samverkan")
        item.add("dtstamp", meeting.updated_at)
        item.add("dtstart", meeting.slot.starts_at.astimezone(tz))
        item.add("dtend", meeting.slot.ends_at.astimezone(tz))
        item.add("summary", f"{other.organisation} ({other.user})")
        location = f"{meeting.table}, {event.venue}" if event.venue else str(meeting.table)
        item["location"] = vText(location)
        item.add("description", f"{event.name}\n{agenda_url}")
        item.add("url", agenda_url)
        item.add("sequence", int(meeting.updated_at.timestamp()) % 100000)
        cal.add_component(item)
    cal.add_missing_timezones()
    return cal.to_ical()
