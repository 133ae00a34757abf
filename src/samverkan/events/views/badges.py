"""Name badges as a PDF for the organisers."""

from __future__ import annotations

from django.http import HttpResponse

from samverkan.common.permissions import permission_required
from samverkan.events.badges import badges_pdf
from samverkan.events.views.common import event_from


@permission_required("events.manage_event", fn=event_from)
def badges_pdf_view(request, slug):
    event = event_from(request, slug)
    response = HttpResponse(badges_pdf(event), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{event.slug}-badges.pdf"'
    return response
