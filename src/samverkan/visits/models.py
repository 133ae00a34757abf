"""Delegation visits: booking pages, visit requests, hosts, itineraries and results.

Operator-configured texts (goal and focus-area labels, notices) are stored per language in
JSON dictionaries (`{"en": "...", "sv": "..."}`); `localized()` picks the visitor's language
and falls back to English, then to any language present.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from samverkan.common.models import TimeStampedModel


def localized(texts: dict | None, language: str | None = None) -> str:
    if not texts:
        return ""
    language = (language or translation.get_language() or "en").split("-")[0]
    return texts.get(language) or texts.get("en") or next(iter(texts.values()), "")


def default_languages() -> list[str]:
    return ["en", "sv", "fi"]


class BookingPage(TimeStampedModel):
    """The public "Book a visit" form of one programme or cluster."""

    organisation = models.ForeignKey(
        "catalog.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="booking_pages",
    )
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    titles = models.JSONField(_("title per language"), default=dict, blank=True)
    intros = models.JSONField(_("introduction per language"), default=dict, blank=True)
    languages = models.JSONField(_("languages offered"), default=default_languages)
    costs_notices = models.JSONField(
        _("costs notice per language"),
        default=dict,
        blank=True,
        help_text=_("Leave empty to use the standard notice that visitors pay all their costs."),
    )
    privacy_notices = models.JSONField(
        _("privacy notice per language"),
        default=dict,
        blank=True,
        help_text=_("Leave empty to use the standard privacy notice."),
    )
    privacy_notice_version = models.CharField(_("privacy notice version"), max_length=32)
    notification_email = models.EmailField(
        _("notification e-mail"),
        blank=True,
        help_text=_("New requests are announced here and to the organisation's administrators."),
    )
    time_zone = models.CharField(_("time zone"), max_length=64, default=settings.TIME_ZONE)
    is_active = models.BooleanField(_("accepting requests"), default=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("booking page")
        verbose_name_plural = _("booking pages")

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return localized(self.titles) or self.organisation.name

    @property
    def intro(self) -> str:
        return localized(self.intros)

    def get_absolute_url(self) -> str:
        return reverse("visits:book", kwargs={"slug": self.slug})


class BookingGoal(models.Model):
    """Question 1: one of the operator's main goals of a visit."""

    page = models.ForeignKey(BookingPage, on_delete=models.CASCADE, related_name="goals")
    code = models.SlugField(_("code"), max_length=50)
    labels = models.JSONField(_("label per language"), default=dict)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["page", "position", "code"]
        constraints = [models.UniqueConstraint(fields=["page", "code"], name="unique_goal_code")]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self) -> str:
        return localized(self.labels) or self.code


class FocusArea(models.Model):
    """Question 3: a focus area, with keywords and NACE codes used to find hosts."""

    page = models.ForeignKey(BookingPage, on_delete=models.CASCADE, related_name="focus_areas")
    code = models.SlugField(_("code"), max_length=50)
    labels = models.JSONField(_("label per language"), default=dict)
    keywords = models.TextField(
        _("keywords"), blank=True, help_text=_("Comma-separated; used to suggest hosts.")
    )
    sectors = models.ManyToManyField(
        "catalog.Sector",
        verbose_name=_("NACE sectors"),
        blank=True,
        related_name="+",
        help_text=_("Organisations in these sectors (or their subclasses) are suggested as hosts."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["page", "position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["page", "code"], name="unique_focus_area_code")
        ]
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")

    def __str__(self) -> str:
        return localized(self.labels) or self.code

    @property
    def keyword_list(self) -> list[str]:
        return [word.strip().lower() for word in self.keywords.split(",") if word.strip()]


class VisitStatus(models.TextChoices):
    RECEIVED = "received", pgettext_lazy("visit status", "Received")
    IN_REVIEW = "in_review", pgettext_lazy("visit status", "In review")
    ACCEPTED = "accepted", pgettext_lazy("visit status", "Accepted")
    DECLINED = "declined", pgettext_lazy("visit status", "Declined")
    PLANNING = "planning", pgettext_lazy("visit status", "Programme being planned")
    CONFIRMED = "confirmed", pgettext_lazy("visit status", "Confirmed")
    COMPLETED = "completed", pgettext_lazy("visit status", "Completed")
    CANCELLED = "cancelled", pgettext_lazy("visit status", "Cancelled")


CLOSED_STATUSES = {VisitStatus.DECLINED, VisitStatus.COMPLETED, VisitStatus.CANCELLED}


class VisitRequest(TimeStampedModel):
    page = models.ForeignKey(
        BookingPage,
        verbose_name=_("booking page"),
        on_delete=models.PROTECT,
        related_name="requests",
    )
    reference = models.CharField(_("reference"), max_length=16, unique=True, editable=False)
    status_token_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=VisitStatus.choices,
        default=VisitStatus.RECEIVED,
        db_index=True,
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    goal = models.ForeignKey(
        BookingGoal, verbose_name=_("main goal"), on_delete=models.PROTECT, related_name="+"
    )
    purpose = models.TextField(_("purpose"))
    focus_areas = models.ManyToManyField(FocusArea, verbose_name=_("focus areas"), blank=True)
    focus_explanation = models.TextField(_("focus areas explained"), blank=True)
    wants_company_meetings = models.BooleanField(_("wants to meet companies"), default=False)
    company_wishes = models.TextField(_("kind of companies"), blank=True)
    special_wishes = models.TextField(_("special wishes"), blank=True)
    expected_participants = models.PositiveIntegerField(_("expected number of participants"))
    participant_note = models.TextField(_("note on the participant list"), blank=True)
    organiser_name = models.CharField(_("organiser's name"), max_length=200)
    organiser_email = models.EmailField(_("organiser's e-mail"))
    organiser_message = models.TextField(_("message"), blank=True)
    costs_acknowledged_at = models.DateTimeField(_("costs notice acknowledged"))
    privacy_consent_at = models.DateTimeField(_("privacy consent given"))
    privacy_notice_version = models.CharField(_("privacy notice version"), max_length=32)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_visit_requests",
    )
    decision_reason = models.TextField(_("reason"), blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True, db_index=True)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)
    # Kept after anonymisation so statistics survive: {"BR": 3, "SE": 1}.
    participant_countries = models.JSONField(_("participants by country"), default=dict)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("visit request")
        verbose_name_plural = _("visit requests")

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("visits:request-detail", kwargs={"pk": self.pk})

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES


class PreferredDateRange(models.Model):
    request = models.ForeignKey(VisitRequest, on_delete=models.CASCADE, related_name="date_ranges")
    start = models.DateField(_("from"))
    end = models.DateField(_("to"))

    class Meta:
        ordering = ["start", "end"]
        verbose_name = _("preferred dates")
        verbose_name_plural = _("preferred dates")

    def __str__(self) -> str:
        return f"{self.start:%Y-%m-%d} \N{EN DASH} {self.end:%Y-%m-%d}"


class Participant(models.Model):
    request = models.ForeignKey(VisitRequest, on_delete=models.CASCADE, related_name="participants")
    position = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    title = models.CharField(_("title"), max_length=200, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    class Meta:
        ordering = ["request", "position"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self) -> str:
        return self.name


class VisitComment(models.Model):
    request = models.ForeignKey(VisitRequest, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return f"{self.request} {self.created_at:%Y-%m-%d %H:%M}"


class SubmissionAttempt(models.Model):
    """Accepted submissions and honeypot hits per client address, for the rate limit.

    Only a keyed hash of the address is stored; rows older than a day are removed by the
    retention task.
    """

    client_hash = models.CharField(max_length=64, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    was_spam = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("submission attempt")
        verbose_name_plural = _("submission attempts")

    def __str__(self) -> str:
        return f"{self.client_hash[:8]} {self.created_at:%Y-%m-%d %H:%M}"


class HostStatus(models.TextChoices):
    INVITED = "invited", pgettext_lazy("host status", "Invited")
    ACCEPTED = "accepted", pgettext_lazy("host status", "Accepted")
    DECLINED = "declined", pgettext_lazy("host status", "Declined")


class HostInvitation(TimeStampedModel):
    """A catalogue organisation asked to host or meet the delegation."""

    request = models.ForeignKey(VisitRequest, on_delete=models.CASCADE, related_name="hosts")
    organisation = models.ForeignKey(
        "catalog.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="visit_host_invitations",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=HostStatus.choices, default=HostStatus.INVITED
    )
    reasons = models.JSONField(_("why suggested"), default=list, blank=True)
    message = models.TextField(_("message to the host"), blank=True)
    response_note = models.TextField(_("host's note"), blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    responded_at = models.DateTimeField(_("responded"), null=True, blank=True)

    class Meta:
        ordering = ["request", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["request", "organisation"], name="unique_visit_host")
        ]
        verbose_name = _("host invitation")
        verbose_name_plural = _("host invitations")

    def __str__(self) -> str:
        return f"{self.request} → {self.organisation}"


class HostAvailability(models.Model):
    host = models.ForeignKey(HostInvitation, on_delete=models.CASCADE, related_name="windows")
    start = models.DateTimeField(_("from"))
    end = models.DateTimeField(_("to"))

    class Meta:
        ordering = ["start"]
        verbose_name = _("available time")
        verbose_name_plural = _("available times")

    def __str__(self) -> str:
        return f"{self.start:%Y-%m-%d %H:%M} \N{EN DASH} {self.end:%H:%M}"


class ItemKind(models.TextChoices):
    SITE_VISIT = "site_visit", _("Site visit")
    MEETING = "meeting", _("Meeting")
    TRANSFER = "transfer", _("Transfer")
    MEAL = "meal", _("Meal")
    OTHER = "other", _("Other")


class ItineraryItem(models.Model):
    request = models.ForeignKey(VisitRequest, on_delete=models.CASCADE, related_name="itinerary")
    kind = models.CharField(_("kind"), max_length=16, choices=ItemKind.choices)
    title = models.CharField(_("title"), max_length=200)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    location = models.CharField(_("location"), max_length=255, blank=True)
    host = models.ForeignKey(
        HostInvitation,
        verbose_name=_("host"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="items",
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["start", "end", "id"]
        verbose_name = _("itinerary item")
        verbose_name_plural = _("itinerary items")

    def __str__(self) -> str:
        return self.title


class VisitOutcome(TimeStampedModel):
    """What the visit led to; read by the programmes app for its indicators."""

    request = models.OneToOneField(VisitRequest, on_delete=models.CASCADE, related_name="outcome")
    meetings_held = models.PositiveIntegerField(_("meetings held"), default=0)
    leads = models.PositiveIntegerField(_("leads"), default=0)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("visit outcome")
        verbose_name_plural = _("visit outcomes")

    def __str__(self) -> str:
        return str(self.request)


class BusinessOpportunity(models.Model):
    request = models.ForeignKey(
        VisitRequest, on_delete=models.CASCADE, related_name="opportunities"
    )
    country = models.CharField(_("country"), max_length=2)
    count = models.PositiveIntegerField(_("number of opportunities"), default=1)
    description = models.CharField(_("description"), max_length=255, blank=True)

    class Meta:
        ordering = ["country"]
        verbose_name = _("business opportunity")
        verbose_name_plural = _("business opportunities")

    def __str__(self) -> str:
        return f"{self.country} x {self.count}"


class FeedbackResponse(models.Model):
    """The organiser's short feedback after the visit (answered on the status page)."""

    request = models.OneToOneField(VisitRequest, on_delete=models.CASCADE, related_name="feedback")
    rating = models.PositiveSmallIntegerField(_("overall rating"))
    would_continue = models.BooleanField(_("would like to continue the contacts"))
    comments = models.TextField(_("comments"), blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")

    def __str__(self) -> str:
        return f"{self.request}: {self.rating}"


from samverkan.visits.event_models import (  # noqa: E402,F401
    DelegationOrganisation,
    DelegationRegistration,
)
