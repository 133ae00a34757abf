"""Meeting outcomes: feedback right after the event and a follow-up survey months later.

The programmes app reads these through `selectors.meeting_outcome_list` to fill indicators.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from samverkan.common.models import TimeStampedModel


class MeetingFeedback(TimeStampedModel):
    meeting = models.ForeignKey("events.Meeting", on_delete=models.CASCADE, related_name="feedback")
    participant = models.ForeignKey(
        "events.Participant", on_delete=models.CASCADE, related_name="feedback"
    )
    held = models.BooleanField(_("the meeting took place"))
    rating = models.PositiveSmallIntegerField(
        _("rating (1–5)"),  # noqa: RUF001
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    follow_up_interest = models.BooleanField(_("interested in a follow-up"), default=False)
    would_continue = models.BooleanField(_("would take part again"), null=True, blank=True)
    opportunity = models.BooleanField(_("a business opportunity came up"), default=False)
    opportunity_country = models.CharField(
        _("opportunity country"), max_length=2, blank=True, help_text=_("ISO 3166-1 alpha-2")
    )
    opportunity_value = models.DecimalField(
        _("estimated value"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    opportunity_currency = models.CharField(_("currency"), max_length=3, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("meeting feedback")
        verbose_name_plural = _("meeting feedback")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "participant"], name="unique_feedback_per_participant"
            )
        ]

    def __str__(self) -> str:
        return f"{self.participant} on {self.meeting}"


class FollowUp(TimeStampedModel):
    """The second survey, months after the event: did a contract result?"""

    meeting = models.ForeignKey(
        "events.Meeting", on_delete=models.CASCADE, related_name="followups"
    )
    participant = models.ForeignKey(
        "events.Participant", on_delete=models.CASCADE, related_name="followups"
    )
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    contract = models.BooleanField(_("a contract resulted"), null=True, blank=True)
    contract_country = models.CharField(_("contract country"), max_length=2, blank=True)
    contract_value = models.DecimalField(
        _("contract value"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    contract_currency = models.CharField(_("currency"), max_length=3, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("follow-up survey")
        verbose_name_plural = _("follow-up surveys")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "participant"], name="unique_followup_per_participant"
            )
        ]

    def __str__(self) -> str:
        return f"{self.participant} on {self.meeting}"
