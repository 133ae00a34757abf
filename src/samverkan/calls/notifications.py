"""E-mails of the calls workflow, each rendered in its recipient's language.

Called from tasks (see tasks.py) with ids, after the transaction has committed.
Applicants never learn who reviewed them: no mail to an applicant names a reviewer.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samverkan.accounts.models import Membership, MembershipRole


def applicant_recipients(application) -> list:
    """The person who applied and the organisation's owners and administrators."""
    people = {}
    if application.created_by and application.created_by.is_active:
        people[application.created_by.pk] = application.created_by
    for membership in Membership.objects.filter(
        organisation_id=application.organisation_id,
        role__in=[MembershipRole.OWNER, MembershipRole.ADMIN],
        user__is_active=True,
    ).select_related("user"):
        people.setdefault(membership.user.pk, membership.user)
    return list(people.values())


def _send(user, template: str, subject_builder, context: dict) -> None:
    with translation.override(user.language), timezone.override(user.time_zone):
        context = {**context, "recipient": user, "site_url": settings.SITE_URL}
        send_mail(
            subject=subject_builder(),
            message=render_to_string(template, context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[user.email],
        )


def application_event_mail(application, kind: str) -> int:
    """kind: submitted, changes_requested, withdrawn, invited_full."""
    subjects = {
        "submitted": lambda: _("We received your application to “%(call)s”"),
        "changes_requested": lambda: _("Changes requested to your application to “%(call)s”"),
        "withdrawn": lambda: _("Your application to “%(call)s” was withdrawn"),
        "invited_full": lambda: _("Please submit a full application to “%(call)s”"),
    }
    recipients = applicant_recipients(application)
    for user in recipients:
        _send(
            user,
            f"calls/email/{kind}.txt",
            lambda: subjects[kind]() % {"call": application.call.title},
            {"application": application, "call": application.call},
        )
    return len(recipients)


def decision_letter_mail(decision) -> int:
    application = decision.application
    recipients = applicant_recipients(application)
    for user in recipients:
        _send(
            user,
            "calls/email/decision_letter.txt",
            lambda: (
                _("Decision on your application to “%(call)s”") % {"call": application.call.title}
            ),
            {"application": application, "call": application.call, "decision": decision},
        )
    return len(recipients)


def assignment_mail(reviewer, count: int, call) -> None:
    _send(
        reviewer.user,
        "calls/email/assigned.txt",
        lambda: _("Applications to review in “%(call)s”") % {"call": call.title},
        {"call": call, "count": count},
    )
