"""Product side of matchmaking: feedback on suggestions, saved searches with alerts,
expressions of interest and the contacts they become, and operators' matchmaking runs.

The ranking itself lives in the pure core `samverkan.core.matching`; see `adapters.py` and
`index.py` for how catalogue profiles reach it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from samverkan.common.models import TimeStampedModel


class Verdict(models.TextChoices):
    RELEVANT = "relevant", _("Relevant")
    NOT_RELEVANT = "not_relevant", _("Not relevant")


class SuggestionFeedback(TimeStampedModel):
    """What an organisation's member thought of one suggested partner (latest verdict wins).

    Used as a signal: partners marked not relevant are excluded from the organisation's next
    suggestions (`MatchQuery.exclude_ids`); relevant ones are kept, flagged, and raise profiles
    like theirs (`MatchQuery.like_ids`).
    """

    organisation = models.ForeignKey(
        "catalog.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="suggestion_feedback",
    )
    suggested = models.ForeignKey(
        "catalog.Organisation",
        verbose_name=_("suggested partner"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    verdict = models.CharField(_("verdict"), max_length=16, choices=Verdict.choices)
    reason_codes = models.JSONField(_("reasons shown"), default=list, blank=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("suggestion feedback")
        verbose_name_plural = _("suggestion feedback")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "suggested"], name="unique_suggestion_feedback"
            ),
            models.CheckConstraint(
                condition=~Q(organisation=F("suggested")), name="feedback_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} → {self.suggested_id}: {self.verdict}"


class SavedSearch(TimeStampedModel):
    """A partner search a user keeps, optionally e-mailing them when new organisations match."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches"
    )
    organisation = models.ForeignKey(
        "catalog.Organisation",
        verbose_name=_("on behalf of"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="saved_searches",
    )
    name = models.CharField(_("name"), max_length=200)
    need = models.TextField(_("what you are looking for"), blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    region = models.CharField(_("NUTS region"), max_length=5, blank=True)
    sector = models.CharField(_("NACE sector"), max_length=8, blank=True)
    alerts_enabled = models.BooleanField(_("e-mail me about new matches"), default=True)
    last_alert_at = models.DateTimeField(_("last alert"), null=True, blank=True)
    # Organisation ids already announced, so a profile is never announced twice.
    notified_ids = models.JSONField(default=list, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")

    def __str__(self) -> str:
        return self.name


class InterestSubject(models.TextChoices):
    OFFER = "offer", _("Their offer")
    NEED = "need", _("Their need")
    GENERAL = "general", _("Cooperation in general")


class InterestStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ExpressionOfInterest(TimeStampedModel):
    """One organisation tells another it is interested in its offer or need."""

    from_organisation = models.ForeignKey(
        "catalog.Organisation",
        verbose_name=_("from"),
        on_delete=models.CASCADE,
        related_name="interests_sent",
    )
    to_organisation = models.ForeignKey(
        "catalog.Organisation",
        verbose_name=_("to"),
        on_delete=models.CASCADE,
        related_name="interests_received",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    subject = models.CharField(
        _("interested in"),
        max_length=16,
        choices=InterestSubject.choices,
        default=InterestSubject.GENERAL,
    )
    message = models.TextField(_("message"), max_length=2000)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=InterestStatus.choices,
        default=InterestStatus.PENDING,
        db_index=True,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    response = models.TextField(_("answer"), max_length=2000, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("expression of interest")
        verbose_name_plural = _("expressions of interest")
        constraints = [
            models.UniqueConstraint(
                fields=["from_organisation", "to_organisation"],
                condition=Q(status="pending"),
                name="unique_pending_interest",
            ),
            models.CheckConstraint(
                condition=~Q(from_organisation=F("to_organisation")), name="interest_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_organisation} → {self.to_organisation}"


class Contact(TimeStampedModel):
    """Two organisations that agreed to talk (an accepted expression of interest).

    Stored once per pair with `organisation_a_id < organisation_b_id`.
    """

    organisation_a = models.ForeignKey(
        "catalog.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    organisation_b = models.ForeignKey(
        "catalog.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    interest = models.ForeignKey(
        ExpressionOfInterest,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contacts",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation_a", "organisation_b"], name="unique_contact_pair"
            ),
            models.CheckConstraint(
                condition=Q(organisation_a__lt=F("organisation_b")), name="contact_pair_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_a} ↔ {self.organisation_b}"

    def other(self, organisation_id: int):
        if self.organisation_a_id == organisation_id:
            return self.organisation_b
        return self.organisation_a


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class MatchmakingRun(TimeStampedModel):
    """An operator's batch: every company of a catalogue (or event) with its top-k partners."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    catalogue = models.ForeignKey(
        "catalog.Catalogue",
        verbose_name=_("catalogue"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Events are a downstream app; the run keeps the id and a label rather than a foreign key.
    event_id = models.PositiveIntegerField(_("event"), null=True, blank=True)
    label = models.CharField(_("scope"), max_length=255)
    k = models.PositiveSmallIntegerField(_("suggestions per company"), default=5)
    companies_only = models.BooleanField(_("companies only"), default=True)
    status = models.CharField(
        _("status"), max_length=16, choices=RunStatus.choices, default=RunStatus.QUEUED
    )
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    # One row per suggestion: {"seeker_id", "seeker", "seeker_country", "rank", "org_id",
    # "org", "country", "score", "reasons": [[code, english text], ...]}
    results = models.JSONField(default=list, blank=True, editable=False)
    error = models.TextField(blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("matchmaking run")
        verbose_name_plural = _("matchmaking runs")

    def __str__(self) -> str:
        return self.label

    @property
    def percent(self) -> int:
        return int(100 * self.done / self.total) if self.total else (100 if self.done else 0)

    @property
    def is_finished(self) -> bool:
        return self.status in (RunStatus.DONE, RunStatus.FAILED)
