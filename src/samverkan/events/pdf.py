"""Printable PDFs: a participant's agenda and the venue's table plan (fpdf2, DejaVu font)."""

from __future__ import annotations

from django.utils import formats
from django.utils.translation import gettext as _
from fpdf import FPDF

from samverkan.common.pdf import FONT_FAMILY, pdf_document
from samverkan.events import selectors
from samverkan.events.models import Event, Participant


def _pdf(title: str) -> tuple[FPDF, str]:
    return pdf_document(title=title), FONT_FAMILY


def agenda_pdf(participant: Participant) -> bytes:
    event = participant.event
    pdf, family = _pdf(f"{event.name} \u2013 {participant.user}")
    pdf.set_font(family, "B", 16)
    pdf.multi_cell(0, 9, event.name, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(family, "", 11)
    head = f"{participant.user} · {participant.organisation} · {event.venue} ({event.time_zone})"
    pdf.multi_cell(0, 6, head, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    day = None
    for meeting in selectors.agenda(participant=participant):
        if meeting.slot is None:
            continue
        start, end = event.local(meeting.slot.starts_at), event.local(meeting.slot.ends_at)
        if start.date() != day:
            day = start.date()
            pdf.set_font(family, "B", 12)
            pdf.cell(0, 8, formats.date_format(day, "l j F Y"),
                     new_x="LMARGIN", new_y="NEXT")  # fmt: skip
            pdf.set_font(family, "", 11)
        other = meeting.other(participant)
        line = (
            f"{start:%H:%M}\u2013{end:%H:%M}  {meeting.table}  {other.organisation} ({other.user})"
        )
        pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def table_plan_pdf(event: Event) -> bytes:
    grid = selectors.schedule_grid(event=event)
    pdf, family = _pdf(f"{event.name} \u2013 {_('Table plan')}")
    pdf.set_font(family, "B", 16)
    pdf.multi_cell(0, 9, f"{event.name} \u2013 {_('Table plan')}",
                   new_x="LMARGIN", new_y="NEXT")  # fmt: skip
    pdf.set_font(family, "", 9)
    for slot, cells in grid.rows:
        placed = [(t, m) for t, m in zip(grid.tables, cells, strict=True) if m is not None]
        if not placed:
            continue
        pdf.set_font(family, "B", 10)
        start, end = event.local(slot.starts_at), event.local(slot.ends_at)
        day = formats.date_format(start.date(), "D j M")
        title = f"{day} {start:%H:%M}\u2013{end:%H:%M}"
        pdf.cell(0, 7, title, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(family, "", 9)
        for table, meeting in placed:
            a, b = meeting.participant_a, meeting.participant_b
            line = f"{table}: {a.organisation} ({a.user}) \u2013 {b.organisation} ({b.user})"
            pdf.multi_cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)
    return bytes(pdf.output())
