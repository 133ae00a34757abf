"""Printable name badges: A4 sheets of eight badges (90 x 60 mm) to cut out.

Each badge shows the person's name, organisation, country, the event and a short check-in
code (no QR library is installed; the desk's search finds a participant by this code).
"""

from __future__ import annotations

import hashlib

from django.utils.translation import gettext as _
from fpdf import FPDF

from samverkan.events.models import Event, Participant, ParticipantStatus
from samverkan.events.pdf import _pdf

COLUMNS, ROWS = 2, 4
WIDTH, HEIGHT = 90.0, 60.0
LEFT, TOP, GAP = 12.0, 20.0, 6.0


def check_in_code(participant: Participant) -> str:
    """A short code printed on the badge: the participant's number and a 4-letter check."""
    check = hashlib.sha256(participant.ical_token.encode()).hexdigest()[:4].upper()
    return f"{participant.pk}-{check}"


def participant_by_code(*, event: Event, code: str) -> Participant | None:
    number, _sep, check = code.strip().upper().partition("-")
    if not number.isdigit() or len(check) != 4:
        return None
    participant = event.participants.filter(pk=int(number)).first()
    if participant is None or check_in_code(participant) != f"{number}-{check}":
        return None
    return participant


def badge_participants(event: Event) -> list[Participant]:
    return list(
        event.participants.filter(status=ParticipantStatus.REGISTERED)
        .select_related("user", "organisation")
        .order_by("organisation__name", "user__full_name", "pk")
    )


def badges_document(event: Event) -> FPDF:
    pdf, family = _pdf(f"{event.name} \u2013 {_('Name badges')}")
    people = badge_participants(event)
    per_page = COLUMNS * ROWS
    for index, participant in enumerate(people):
        if index and index % per_page == 0:
            pdf.add_page()
        column, row = index % COLUMNS, (index % per_page) // COLUMNS
        x = LEFT + column * (WIDTH + GAP)
        y = TOP + row * (HEIGHT + GAP)
        pdf.set_draw_color(160, 160, 160)
        pdf.rect(x, y, WIDTH, HEIGHT)
        pdf.set_xy(x + 4, y + 4)
        pdf.set_font(family, "", 8)
        pdf.cell(WIDTH - 8, 5, event.name)
        pdf.set_xy(x + 4, y + 16)
        pdf.set_font(family, "B", 16)
        pdf.multi_cell(WIDTH - 8, 8, str(participant.user), max_line_height=8)
        pdf.set_xy(x + 4, y + 34)
        pdf.set_font(family, "", 11)
        pdf.cell(WIDTH - 8, 6, str(participant.organisation))
        pdf.set_xy(x + 4, y + 41)
        pdf.cell(WIDTH - 8, 6, participant.organisation.country)
        pdf.set_xy(x + 4, y + HEIGHT - 10)
        pdf.set_font(family, "", 8)
        label = _("Check-in code: %(code)s") % {"code": check_in_code(participant)}
        pdf.cell(WIDTH - 8, 5, label)
    if not people:
        pdf.set_font(family, "", 12)
        pdf.cell(0, 10, _("No registered participants yet."))
    return pdf


def badges_pdf(event: Event) -> bytes:
    return bytes(badges_document(event).output())
