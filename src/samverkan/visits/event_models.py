"""Delegation members registered as participants of a B2B event (issue 8).

`DelegationOrganisation` remembers the catalogue organisation the visits app created for a
delegation's organisation, so later registrations (of this or another visit) reuse it instead
of creating duplicates. `DelegationRegistration` links a member of the participant list to the
event participant created for them; the request page shows it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DelegationOrganisation(models.Model):
    organisation = models.OneToOneField(
        "catalog.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="visit_delegation",
    )
    # Case-folded name + country: how a delegation's organisation is recognised again.
    name_key = models.CharField(max_length=200)
    country = models.CharField(_("country"), max_length=2)
    first_request = models.ForeignKey(
        "visits.VisitRequest",
        verbose_name=_("created for visit"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["name_key", "country"], name="unique_visit_delegation_org"
            )
        ]
        verbose_name = _("delegation organisation")
        verbose_name_plural = _("delegation organisations")

    def __str__(self) -> str:
        return str(self.organisation)


class DelegationRegistration(models.Model):
    request = models.ForeignKey(
        "visits.VisitRequest", on_delete=models.CASCADE, related_name="event_registrations"
    )
    member = models.ForeignKey(
        "visits.Participant",
        verbose_name=_("delegation member"),
        on_delete=models.CASCADE,
        related_name="event_registrations",
    )
    event = models.ForeignKey(
        "events.Event", verbose_name=_("event"), on_delete=models.CASCADE, related_name="+"
    )
    participant = models.ForeignKey(
        "events.Participant",
        verbose_name=_("event participant"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)

    class Meta:
        ordering = ["member__position", "event__start_date", "id"]
        constraints = [
            models.UniqueConstraint(fields=["member", "event"], name="unique_visit_member_event")
        ]
        verbose_name = _("delegation member at an event")
        verbose_name_plural = _("delegation members at events")

    def __str__(self) -> str:
        return f"{self.member} @ {self.event}"
