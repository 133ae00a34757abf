"""User-facing phrases used in more than one place."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

COSTS_NOTICE = _(
    "You are very welcome to visit! Visitors pay all costs of the visit, including flights, "
    "accommodation, meals, translation etc."
)
PRIVACY_NOTICE = _(
    "We store your answers, including the names and contact details of the organiser and the "
    "participants, to plan your visit, find hosts and follow up its results. Only the "
    "programme's staff and the hosts you meet see them. Personal data is removed "
    "%(days)s days after the visit is completed, declined or cancelled; anonymous counts are "
    "kept for the programme's statistics."
)
RATE_LIMITED = _("Too many requests were sent from your network. Please try again later.")
NOT_ACCEPTING = _("This booking form is not accepting requests at the moment.")
LANGUAGE_NOT_OFFERED = _("Choose one of this form's languages: %(languages)s.")
