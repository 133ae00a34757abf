"""E-mails of the visits app, each rendered in its recipient's language."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from samverkan.accounts.models import MembershipRole, User
from samverkan.visits.models import HostInvitation, VisitRequest


def status_url(token: str) -> str:
    return settings.SITE_URL + reverse("visits:status", kwargs={"token": token})


def _send(*, language: str, subject: str, template: str, context: dict, to: list[str]) -> None:
    if not to:
        return
    with translation.override(language):
        send_mail(
            subject=str(subject),
            message=render_to_string(template, context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=to,
        )


def send_confirmation(*, visit: VisitRequest, token: str) -> None:
    with translation.override(visit.language):
        subject = _("Your visit request %(reference)s was received") % {
            "reference": visit.reference
        }
    _send(
        language=visit.language,
        subject=subject,
        template="visits/email/confirmation.txt",
        context={"visit": visit, "link": status_url(token)},
        to=[visit.organiser_email],
    )


def _staff(visit: VisitRequest) -> list[User]:
    return list(
        User.objects.filter(
            is_active=True,
            memberships__organisation_id=visit.page.organisation_id,
            memberships__role__in=[MembershipRole.OWNER, MembershipRole.ADMIN],
        ).distinct()
    )


def notify_operators(*, visit: VisitRequest) -> None:
    link = settings.SITE_URL + visit.get_absolute_url()
    context = {"visit": visit, "link": link}
    staff = _staff(visit)
    for user in staff:
        with translation.override(user.language):
            subject = _("New visit request %(reference)s") % {"reference": visit.reference}
        _send(
            language=user.language,
            subject=subject,
            template="visits/email/operator_new.txt",
            context=context,
            to=[user.email],
        )
    extra = visit.page.notification_email
    if extra and extra.lower() not in {user.email.lower() for user in staff}:
        with translation.override(settings.LANGUAGE_CODE):
            subject = _("New visit request %(reference)s") % {"reference": visit.reference}
        _send(
            language=settings.LANGUAGE_CODE,
            subject=subject,
            template="visits/email/operator_new.txt",
            context=context,
            to=[extra],
        )


def send_status_change(*, visit: VisitRequest, token: str) -> None:
    """Tell the organiser about a decision, with a (fresh) link to the status page."""
    with translation.override(visit.language):
        subject = _("Your visit request %(reference)s: %(status)s") % {
            "reference": visit.reference,
            "status": visit.get_status_display(),
        }
    _send(
        language=visit.language,
        subject=subject,
        template="visits/email/status_change.txt",
        context={"visit": visit, "link": status_url(token)},
        to=[visit.organiser_email],
    )


def send_host_invitation(*, host: HostInvitation) -> None:
    link = settings.SITE_URL + reverse("visits:host-respond", kwargs={"pk": host.pk})
    members = User.objects.filter(
        is_active=True, memberships__organisation_id=host.organisation_id
    ).distinct()
    for user in members:
        with translation.override(user.language):
            subject = _("Would you host a visiting delegation? (%(reference)s)") % {
                "reference": host.request.reference
            }
        _send(
            language=user.language,
            subject=subject,
            template="visits/email/host_invitation.txt",
            context={"host": host, "visit": host.request, "link": link},
            to=[user.email],
        )
