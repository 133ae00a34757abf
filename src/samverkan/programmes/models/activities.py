"""What a project does: activities with participating organisations, business meetings held
at them, and business outcomes (opportunities, contracts, jobs) recorded by staff."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from samverkan.common.models import TimeStampedModel
from samverkan.programmes.models.projects import AMOUNT, Project
from samverkan.programmes.money import CURRENCY_CHOICES, Money


class ActivityKind(models.TextChoices):
    EVENT = "event", _("Event")
    MATCHMAKING = "matchmaking", _("Matchmaking")
    FAIR = "fair", _("Trade fair")
    DELEGATION_VISIT = "visit", _("Delegation visit")
    TRAINING = "training", _("Training")
    ADVICE = "advice", _("Advice session")
    CONFERENCE = "conference", _("Conference")
    OTHER = "other", _("Other")


class Activity(TimeStampedModel):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="activities")
    kind = models.CharField(_("kind"), max_length=16, choices=ActivityKind.choices)
    title = models.CharField(_("title"), max_length=255)
    starts_on = models.DateField(_("date"))
    ends_on = models.DateField(_("end date"), null=True, blank=True)
    location = models.CharField(_("place"), max_length=255, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    description = models.TextField(_("description"), blank=True)
    # Advice sessions: expert advice given to a company.
    topic = models.CharField(_("advice topic"), max_length=255, blank=True)
    hours = models.DecimalField(
        _("advice hours"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    participants = models.ManyToManyField(
        "catalog.Organisation",
        through="ActivityParticipation",
        related_name="programme_activities",
        verbose_name=_("participating organisations"),
    )
    # The work recorded in the events and visits apps; their meetings, participants, feedback,
    # follow-ups and visit outcomes count for this project's indicators.
    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event in samverkan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    visit = models.ForeignKey(
        "visits.VisitRequest",
        verbose_name=_("visit in samverkan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_invented = models.BooleanField(_("invented demo record"), default=False)

    class Meta:
        ordering = ["-starts_on", "title"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="activity_dates_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.title


class ActivityParticipation(models.Model):
    class Role(models.TextChoices):
        PARTICIPANT = "participant", _("Participant")
        HOST = "host", _("Host")
        ADVISED = "advised", _("Advised company")
        ADVISER = "adviser", _("Adviser")

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="participations")
    organisation = models.ForeignKey(
        "catalog.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    role = models.CharField(
        _("role"), max_length=16, choices=Role.choices, default=Role.PARTICIPANT
    )

    class Meta:
        ordering = ["activity", "organisation__name"]
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "organisation"], name="unique_activity_participation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} @ {self.activity}"


class ActivityMeeting(models.Model):
    """A business meeting between two organisations held at an activity."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="meetings")
    organisation_a = models.ForeignKey(
        "catalog.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    organisation_b = models.ForeignKey(
        "catalog.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    held_on = models.DateField(_("date"))

    class Meta:
        ordering = ["activity", "held_on", "pk"]
        verbose_name = _("business meeting")
        verbose_name_plural = _("business meetings")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(organisation_a=models.F("organisation_b")),
                name="meeting_two_organisations",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation_a} - {self.organisation_b}"


class BusinessOutcome(TimeStampedModel):
    """A result staff record for an organisation, e.g. from a delegation visit's follow-up."""

    class Kind(models.TextChoices):
        OPPORTUNITY = "opportunity", _("Business opportunity")
        CONTRACT = "contract", _("Contract signed")
        JOBS = "jobs", _("Jobs created")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="outcomes")
    activity = models.ForeignKey(
        Activity, null=True, blank=True, on_delete=models.SET_NULL, related_name="outcomes"
    )
    organisation = models.ForeignKey(
        "catalog.Organisation", on_delete=models.CASCADE, related_name="business_outcomes"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    country = models.CharField(_("country"), max_length=2, blank=True)
    amount = models.DecimalField(_("value"), null=True, blank=True, **AMOUNT)
    currency = models.CharField(_("currency"), max_length=3, choices=CURRENCY_CHOICES, blank=True)
    jobs = models.PositiveIntegerField(_("jobs"), null=True, blank=True)
    happened_on = models.DateField(_("date"))
    description = models.CharField(_("description"), max_length=255, blank=True)
    is_invented = models.BooleanField(_("invented demo record"), default=False)

    class Meta:
        ordering = ["-happened_on", "pk"]
        verbose_name = _("business outcome")
        verbose_name_plural = _("business outcomes")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.organisation} {self.country}"

    @property
    def money(self) -> Money | None:
        return None if self.amount is None else Money(self.amount, self.currency)
