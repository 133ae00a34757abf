"""Calls, their application forms, applications, assessment, decisions and cohorts.

The workflow (which state may follow which, for whom) lives in `workflow.py`; the models only
hold data and small invariants.
"""

from __future__ import annotations

import zoneinfo
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverkan.accounts.models import TIME_ZONE_CHOICES
from samverkan.common.models import TimeStampedModel


class CallStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CLOSED = "closed", _("Closed")


class Call(TimeStampedModel):
    title = models.CharField(_("title"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=255, unique=True)
    organiser = models.ForeignKey(
        "catalog.Organisation",
        verbose_name=_("organiser"),
        on_delete=models.PROTECT,
        related_name="organised_calls",
    )
    description = models.TextField(_("description"), blank=True)
    eligibility = models.TextField(_("eligibility criteria"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=CallStatus.choices, default=CallStatus.DRAFT
    )
    time_zone = models.CharField(
        _("time zone of the call"),
        max_length=64,
        choices=TIME_ZONE_CHOICES,
        default=settings.TIME_ZONE,
    )
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    # Two-stage calls: a concept note first; its own deadline, then the full application.
    is_two_stage = models.BooleanField(_("two-stage call (concept note first)"), default=False)
    concept_closes_at = models.DateTimeField(_("concept note deadline"), null=True, blank=True)
    budget = models.DecimalField(
        _("budget"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(_("currency"), max_length=3, default="SEK")
    eligible_kinds = models.JSONField(
        _("organisation kinds that may apply"), default=list, blank=True
    )
    eligible_countries = models.JSONField(
        _("countries that may apply"), default=list, blank=True, help_text=_("ISO 3166 codes")
    )
    # A follow-up call open only to the members of a cohort (e.g. financial support).
    restricted_to_cohort = models.ForeignKey(
        "calls.Cohort",
        verbose_name=_("only for members of cohort"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="follow_up_calls",
    )
    reviewers_per_application = models.PositiveSmallIntegerField(
        _("reviewers per application"), default=3, validators=[MinValueValidator(1)]
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["-closes_at", "title"]
        verbose_name = _("call")
        verbose_name_plural = _("calls")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("calls:call-detail", kwargs={"slug": self.slug})

    @property
    def eligible_kind_labels(self) -> list[str]:
        from samverkan.catalog.models import OrganisationKind

        labels = dict(OrganisationKind.choices)
        return [str(labels.get(kind, kind)) for kind in self.eligible_kinds]

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    def deadline_for(self, stage: str) -> timezone.datetime:
        if stage == Stage.CONCEPT and self.concept_closes_at:
            return self.concept_closes_at
        return self.closes_at

    def is_open(self, stage: str = "full", now=None) -> bool:
        now = now or timezone.now()
        return self.status == CallStatus.PUBLISHED and self.opens_at <= now < self.deadline_for(
            stage
        )


class CallTranslation(models.Model):
    """The call page in another language; the call's own fields are the default text."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    eligibility = models.TextField(_("eligibility criteria"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["call", "language"], name="calls_unique_translation")
        ]
        verbose_name = _("call translation")

    def __str__(self) -> str:
        return f"{self.call} ({self.language})"


class CallAttachment(TimeStampedModel):
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(_("file"), upload_to="calls/attachments/")

    class Meta:
        ordering = ["title"]
        verbose_name = _("attachment")


class Stage(models.TextChoices):
    CONCEPT = "concept", _("Concept note")
    FULL = "full", _("Full application")


class QuestionKind(models.TextChoices):
    TEXT = "text", _("Short text")
    LONG_TEXT = "long_text", _("Long text")
    NUMBER = "number", _("Number")
    CHOICE = "choice", _("Choice")
    MULTIPLE_CHOICE = "multiple_choice", _("Multiple choice")
    FILE = "file", _("File upload")
    REGION = "region", _("Region (NUTS)")
    SECTOR = "sector", _("Sector (NACE)")


class Question(models.Model):
    """One question of a call's application form (a row, not a blob: the form builder)."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="questions")
    stage = models.CharField(_("stage"), max_length=16, choices=Stage.choices, default=Stage.FULL)
    position = models.PositiveIntegerField(_("position"), default=0)
    label = models.CharField(_("question"), max_length=500)
    help_text = models.CharField(_("help text"), max_length=500, blank=True)
    kind = models.CharField(_("type"), max_length=20, choices=QuestionKind.choices)
    required = models.BooleanField(_("required"), default=True)
    choices = models.JSONField(_("choices"), default=list, blank=True)
    max_length = models.PositiveIntegerField(_("maximum length"), null=True, blank=True)
    min_value = models.DecimalField(
        _("minimum"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    max_value = models.DecimalField(
        _("maximum"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    allowed_extensions = models.JSONField(_("allowed file types"), default=list, blank=True)
    max_file_size_mb = models.PositiveIntegerField(_("maximum file size (MB)"), default=5)

    class Meta:
        ordering = ["call", "stage", "position", "id"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.label

    @property
    def key(self) -> str:
        return f"q{self.pk}"


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    ELIGIBILITY = "eligibility", _("Eligibility screening")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    IN_REVIEW = "in_review", _("In review")
    READY_FOR_DECISION = "ready_for_decision", _("Ready for decision")
    SELECTED = "selected", _("Selected")
    RESERVE = "reserve", _("Reserve")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Application(TimeStampedModel):
    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="applications")
    organisation = models.ForeignKey(
        "catalog.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="call_applications",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="call_applications",
    )
    stage = models.CharField(_("stage"), max_length=16, choices=Stage.choices, default=Stage.FULL)
    status = models.CharField(
        _("status"),
        max_length=24,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.DRAFT,
        db_index=True,
    )
    title = models.CharField(_("project title"), max_length=255)
    # Answers keyed by question key ("q12"); validated against the questions on submit.
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    concept_answers = models.JSONField(_("concept note answers"), default=dict, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    change_request = models.TextField(_("requested changes"), blank=True)

    class Meta:
        ordering = ["call", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "organisation"], name="calls_one_application_per_organisation"
            )
        ]
        verbose_name = _("application")
        verbose_name_plural = _("applications")

    def __str__(self) -> str:
        return f"{self.organisation}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("calls:application-detail", kwargs={"pk": self.pk})


class ApplicationFile(TimeStampedModel):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="files")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    file = models.FileField(_("file"), upload_to="calls/applications/")
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size in bytes"))

    class Meta:
        verbose_name = _("application file")


class Reviewer(TimeStampedModel):
    """A member of a call's assessment group."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="reviewers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="call_reviewer_roles"
    )

    class Meta:
        ordering = ["call", "user__full_name", "user__email"]
        constraints = [
            models.UniqueConstraint(fields=["call", "user"], name="calls_unique_reviewer")
        ]
        verbose_name = _("reviewer")

    def __str__(self) -> str:
        return str(self.user)


class ConflictOfInterest(TimeStampedModel):
    """A reviewer's declared conflict with an applying organisation."""

    reviewer = models.ForeignKey(Reviewer, on_delete=models.CASCADE, related_name="conflicts")
    organisation = models.ForeignKey(
        "catalog.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=500)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["reviewer", "organisation"], name="calls_unique_conflict"
            )
        ]
        verbose_name = _("conflict of interest")


class Assignment(TimeStampedModel):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="assignments"
    )
    reviewer = models.ForeignKey(Reviewer, on_delete=models.CASCADE, related_name="assignments")
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_automatic = models.BooleanField(default=False)

    class Meta:
        ordering = ["application__organisation__name", "reviewer__user__email"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer"], name="calls_unique_assignment"
            )
        ]
        verbose_name = _("assignment")


class Criterion(models.Model):
    """One line of the call's scoring rubric."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="criteria")
    position = models.PositiveIntegerField(_("position"), default=0)
    name = models.CharField(_("criterion"), max_length=255)
    description = models.TextField(_("guidance"), blank=True)
    weight = models.DecimalField(
        _("weight"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    scale_min = models.PositiveSmallIntegerField(_("lowest score"), default=1)
    scale_max = models.PositiveSmallIntegerField(_("highest score"), default=5)

    class Meta:
        ordering = ["call", "position", "id"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")

    def __str__(self) -> str:
        return self.name


class Review(TimeStampedModel):
    assignment = models.OneToOneField(Assignment, on_delete=models.CASCADE, related_name="review")
    comment = models.TextField(_("overall comment"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    class Meta:
        verbose_name = _("review")


class Score(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    value = models.PositiveSmallIntegerField(_("score"))
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="calls_unique_score")
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.value}"


class ConsultationNote(TimeStampedModel):
    """A note from the dialogue with e.g. a regional development body; never shown to applicants."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="consultation_notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    consulted = models.CharField(_("consulted body"), max_length=255)
    body = models.TextField(_("note"))

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("consultation note")


class Outcome(models.TextChoices):
    SELECTED = "selected", _("Selected")
    RESERVE = "reserve", _("Reserve")
    REJECTED = "rejected", _("Rejected")


class Decision(TimeStampedModel):
    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="decision"
    )
    outcome = models.CharField(_("decision"), max_length=16, choices=Outcome.choices)
    reason = models.TextField(_("reason"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    letter_sent_at = models.DateTimeField(_("letter sent"), null=True, blank=True)

    class Meta:
        ordering = ["application__organisation__name"]
        verbose_name = _("decision")


class Cohort(TimeStampedModel):
    """The organisations selected in a call, who then receive the programme's offerings."""

    call = models.OneToOneField(Call, on_delete=models.PROTECT, related_name="cohort")
    name = models.CharField(_("name"), max_length=255)

    class Meta:
        ordering = ["name"]
        verbose_name = _("cohort")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("calls:cohort-detail", kwargs={"pk": self.pk})


class CohortMember(TimeStampedModel):
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="members")
    organisation = models.ForeignKey(
        "catalog.Organisation", on_delete=models.PROTECT, related_name="cohort_memberships"
    )
    application = models.ForeignKey(
        Application, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "organisation"], name="calls_unique_cohort_member"
            )
        ]


class OfferingKind(models.TextChoices):
    TRAINING = "training", _("Training")
    NETWORK_MEETING = "network_meeting", _("Network meeting")
    INTERNATIONAL = "international", _("International contacts")
    FINANCIAL_SUPPORT = "financial_support", _("Financial support")


class Offering(TimeStampedModel):
    """Something the cohort is offered. `event_id` points to an event in samverkan's events
    app once it exists; kept as a plain id so calls does not depend on events."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="offerings")
    kind = models.CharField(_("kind"), max_length=24, choices=OfferingKind.choices)
    title = models.CharField(_("title"), max_length=255)
    starts_at = models.DateTimeField(_("starts"), null=True, blank=True)
    event_id = models.PositiveIntegerField(_("event id"), null=True, blank=True)
    follow_up_call = models.ForeignKey(
        Call, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        # Undated offerings last, the same on SQLite and PostgreSQL.
        ordering = [models.F("starts_at").asc(nulls_last=True), "title"]
        verbose_name = _("offering")
