"""The itinerary as iCalendar and PDF."""

from __future__ import annotations

import zoneinfo

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from fpdf import FPDF
from icalendar import Calendar, Event

from samverkan.common.pdf import FONT_FAMILY, pdf_document
from samverkan.visits.models import VisitRequest


def _items(visit: VisitRequest):
    return list(visit.itinerary.select_related("host__organisation"))


def itinerary_ical(*, visit: VisitRequest) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//samverkan//visits//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"{visit.page.title} {visit.reference}")
    host = settings.SITE_URL.split("//")[-1].split("/")[0] or "samverkan"
    for item in _items(visit):
        event = Event()
        event.add("uid", f"visit-item-{item.pk}@{host}")
        event.add("dtstamp", timezone.now())
        event.add("dtstart", item.start)
        event.add("dtend", item.end)
        event.add("summary", item.title)
        if item.location:
            event.add("location", item.location)
        description = [item.get_kind_display()]
        if item.host:
            description.append(item.host.organisation.name)
        if item.notes:
            description.append(item.notes)
        event.add("description", "\n".join(str(part) for part in description))
        calendar.add_component(event)
    return calendar.to_ical()


class _Pdf(FPDF):
    family_name = FONT_FAMILY

    def line_text(self, height: float, value: str) -> None:
        self.multi_cell(0, height, value, new_x="LMARGIN", new_y="NEXT")


def itinerary_pdf(*, visit: VisitRequest) -> bytes:
    pdf = pdf_document(title=visit.reference, pdf_class=_Pdf, first_page=False)
    text = str  # the bundled font prints every language we serve

    tz = zoneinfo.ZoneInfo(visit.page.time_zone)
    with translation.override(visit.language):
        pdf.add_page()
        pdf.set_font(pdf.family_name, "B", 16)
        pdf.line_text(
            9, text(_("Itinerary for visit %(reference)s") % {"reference": visit.reference})
        )
        pdf.set_font(pdf.family_name, "", 10)
        pdf.line_text(6, text(visit.page.title))
        pdf.line_text(6, text(_("All times in %(zone)s.") % {"zone": visit.page.time_zone}))
        pdf.ln(3)
        current_day = None
        for item in _items(visit):
            start, end = item.start.astimezone(tz), item.end.astimezone(tz)
            if start.date() != current_day:
                current_day = start.date()
                pdf.ln(2)
                pdf.set_font(pdf.family_name, "B", 12)
                pdf.line_text(7, text(current_day.isoformat()))
            pdf.set_font(pdf.family_name, "B", 10)
            heading = f"{start:%H:%M}\N{EN DASH}{end:%H:%M}  {item.title}"
            pdf.line_text(6, text(f"{heading} ({item.get_kind_display()})"))
            pdf.set_font(pdf.family_name, "", 10)
            details = []
            if item.host:
                details.append(_("Host: %(name)s") % {"name": item.host.organisation.name})
            if item.location:
                details.append(_("Location: %(place)s") % {"place": item.location})
            if item.notes:
                details.append(item.notes)
            for line in details:
                pdf.line_text(5, text(line))
    return bytes(pdf.output())
