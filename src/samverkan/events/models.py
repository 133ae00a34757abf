"""Matchmaking events: set-up (sessions, slots, tables), participants, requests and meetings.

Feedback and follow-up surveys live in `feedback_models.py`, scheduling runs in
`schedule_models.py`; both are imported at the bottom so Django finds them.
"""

from __future__ import annotations

import secrets
import zoneinfo
from datetime import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samverkan.accounts.models import TIME_ZONE_CHOICES
from samverkan.common.models import TimeStampedModel


class RegistrationMode(models.TextChoices):
    PUBLIC = "public", _("Public: any organisation in the catalogue")
    MEMBERS = "members", _("Programme members (the list of allowed organisations)")
    INVITED = "invited", _("Invited organisations only")


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    PUBLISHED = "published", _("Agendas published")
    CLOSED = "closed", _("Closed")


class Event(TimeStampedModel):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    venue = models.CharField(_("venue"), max_length=255, blank=True)
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        choices=TIME_ZONE_CHOICES,
        default=settings.TIME_ZONE,
        help_text=_("The venue's time zone; agendas show meetings in it."),
    )
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    registration_mode = models.CharField(
        _("who may register"),
        max_length=16,
        choices=RegistrationMode.choices,
        default=RegistrationMode.PUBLIC,
    )
    allowed_organisations = models.ManyToManyField(
        "catalog.Organisation",
        blank=True,
        related_name="+",
        verbose_name=_("allowed organisations"),
        help_text=_("For invited or members-only events: who may register."),
    )
    languages = models.CharField(
        _("languages"), max_length=100, blank=True, help_text=_("For example: en, sv, fi")
    )
    request_quota = models.PositiveIntegerField(
        _("requests per participant"),
        default=0,
        help_text=_("Maximum open or accepted requests one participant may send; 0 = no limit."),
    )
    request_expiry_minutes = models.PositiveIntegerField(
        _("request expiry (minutes)"),
        null=True,
        blank=True,
        help_text=_("Pending requests expire after this many minutes (e.g. 1440 = one day)."),
    )
    auto_accept = models.BooleanField(_("accept requests automatically"), default=False)
    fairness = models.PositiveSmallIntegerField(
        _("fairness (max difference in breaks)"),
        null=True,
        blank=True,
        help_text=_("Empty: no fairness rule. 2 is a good value for small events."),
    )
    followup_months = models.PositiveSmallIntegerField(
        _("follow-up survey after (months)"), default=6
    )
    organiser = models.ForeignKey(
        "catalog.Organisation",
        on_delete=models.PROTECT,
        related_name="organised_events",
        verbose_name=_("organiser"),
    )
    co_organisers = models.ManyToManyField(
        "catalog.Organisation",
        blank=True,
        related_name="co_organised_events",
        verbose_name=_("co-organising partners"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=EventStatus.choices, default=EventStatus.DRAFT
    )
    published_at = models.DateTimeField(_("agendas published"), null=True, blank=True)

    class Meta:
        ordering = ["-start_date", "name"]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("events:event-detail", kwargs={"slug": self.slug})

    @property
    def tzinfo(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    def local(self, value: datetime) -> datetime:
        return value.astimezone(self.tzinfo)

    def registration_is_open(self, now: datetime) -> bool:
        if self.status not in {EventStatus.OPEN, EventStatus.PUBLISHED}:
            return False
        if self.registration_opens_at and now < self.registration_opens_at:
            return False
        return not (self.registration_closes_at and now > self.registration_closes_at)


class Session(models.Model):
    """A block of meetings on one day; generates equal time slots with breaks between."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    name = models.CharField(_("name"), max_length=100, blank=True)
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("starts"))
    end_time = models.TimeField(_("ends"))
    meeting_minutes = models.PositiveSmallIntegerField(_("meeting length (minutes)"), default=20)
    break_minutes = models.PositiveSmallIntegerField(
        _("break between meetings (minutes)"), default=5
    )

    class Meta:
        ordering = ["date", "start_time"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self) -> str:
        return f"{self.name or self.date} {self.start_time:%H:%M}\u2013{self.end_time:%H:%M}"


class Slot(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="slots")
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="slots")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("time slot")
        verbose_name_plural = _("time slots")
        constraints = [
            models.UniqueConstraint(fields=["event", "starts_at"], name="unique_event_slot_start")
        ]

    def __str__(self) -> str:
        start = self.event.local(self.starts_at)
        return f"{start:%a %d %b %H:%M}\u2013{self.event.local(self.ends_at):%H:%M}"


class Table(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="tables")
    number = models.PositiveIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=100, blank=True)
    capacity = models.PositiveSmallIntegerField(_("seats"), default=4)
    kind = models.CharField(_("type"), max_length=50, blank=True, help_text=_("e.g. stand"))

    class Meta:
        ordering = ["number"]
        verbose_name = _("table")
        verbose_name_plural = _("tables")
        constraints = [
            models.UniqueConstraint(fields=["event", "number"], name="unique_event_table_number")
        ]

    def __str__(self) -> str:
        return self.name or str(_("Table %(number)s") % {"number": self.number})


def new_token() -> str:
    return secrets.token_urlsafe(24)


class ParticipantStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    CANCELLED = "cancelled", _("Cancelled")


class Participant(TimeStampedModel):
    """One person of an organisation at one event, with their meeting profile."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="participants")
    organisation = models.ForeignKey(
        "catalog.Organisation", on_delete=models.CASCADE, related_name="event_participations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="event_participations",
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ParticipantStatus.choices,
        default=ParticipantStatus.REGISTERED,
    )
    offer = models.TextField(_("we offer"), blank=True)
    need = models.TextField(_("we look for"), blank=True)
    unavailable_slots = models.ManyToManyField(
        Slot, blank=True, related_name="+", verbose_name=_("not available")
    )
    ical_token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    no_show = models.BooleanField(_("no-show"), default=False)

    class Meta:
        ordering = ["organisation__name", "user__full_name"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="unique_event_participant")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.organisation})"

    @property
    def is_active(self) -> bool:
        return self.status == ParticipantStatus.REGISTERED and not self.no_show


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    EXPIRED = "expired", _("Expired")
    CANCELLED = "cancelled", _("Cancelled")


class MeetingRequest(TimeStampedModel):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="meeting_requests")
    sender = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="sent_requests")
    recipient = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="received_requests"
    )
    message = models.TextField(_("message"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    responded_at = models.DateTimeField(_("answered"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("meeting request")
        verbose_name_plural = _("meeting requests")
        indexes = [models.Index(fields=["event", "status", "expires_at"])]

    def __str__(self) -> str:
        return f"{self.sender} → {self.recipient}"


class MeetingStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    CANCELLED = "cancelled", _("Cancelled")


class Meeting(TimeStampedModel):
    """An agreed meeting; the scheduler gives it a slot and a table."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="meetings")
    participant_a = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    participant_b = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    request = models.OneToOneField(
        MeetingRequest, null=True, blank=True, on_delete=models.SET_NULL, related_name="meeting"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=MeetingStatus.choices, default=MeetingStatus.CONFIRMED
    )
    slot = models.ForeignKey(
        Slot, null=True, blank=True, on_delete=models.SET_NULL, related_name="meetings"
    )
    table = models.ForeignKey(
        Table, null=True, blank=True, on_delete=models.SET_NULL, related_name="meetings"
    )
    is_locked = models.BooleanField(
        _("locked"), default=False, help_text=_("The scheduler keeps its slot and table.")
    )
    unscheduled_reason = models.TextField(_("why not scheduled"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["slot__starts_at", "table__number", "pk"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return f"{self.participant_a.organisation} \u2013 {self.participant_b.organisation}"

    def other(self, participant: Participant) -> Participant:
        return self.participant_b if participant.pk == self.participant_a_id else self.participant_a


from samverkan.events.feedback_models import FollowUp, MeetingFeedback  # noqa: E402,F401
from samverkan.events.schedule_models import ScheduleRun  # noqa: E402,F401
