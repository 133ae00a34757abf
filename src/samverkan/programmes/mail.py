"""Survey e-mails, rendered in the recipient's language."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation


def survey_mail(invitation, *, reminder: bool) -> None:
    with translation.override(invitation.language or settings.LANGUAGE_CODE):
        context = {
            "invitation": invitation,
            "reminder": reminder,
            "url": settings.SITE_URL
            + reverse("programmes:survey-answer", kwargs={"token": invitation.token}),
        }
        subject = render_to_string("programmes/email/survey_subject.txt", context).strip()
        body = render_to_string("programmes/email/survey.txt", context)
    send_mail(subject, body, None, [invitation.email])
