"""A scheduling run and its live progress (read by the htmx-polled progress page)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samverkan.common.models import TimeStampedModel


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class ScheduleRun(TimeStampedModel):
    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="runs")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_reschedule = models.BooleanField(_("minimal-change rescheduling"), default=False)
    reason = models.CharField(_("reason"), max_length=255, blank=True)
    method = models.CharField(_("method"), max_length=16, default="auto")
    time_limit = models.PositiveIntegerField(_("time limit (seconds)"), default=50)
    status = models.CharField(
        _("status"), max_length=16, choices=RunStatus.choices, default=RunStatus.QUEUED
    )
    solver_status = models.CharField(_("solver result"), max_length=16, blank=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    seconds = models.FloatField(_("seconds"), null=True, blank=True)
    meetings_total = models.PositiveIntegerField(_("meetings"), default=0)
    scheduled_count = models.PositiveIntegerField(_("scheduled"), default=0)
    unscheduled_count = models.PositiveIntegerField(_("unscheduled"), default=0)
    moved_count = models.PositiveIntegerField(_("moved"), default=0)
    best_breaks = models.PositiveIntegerField(
        _("breaks in the best schedule"), null=True, blank=True
    )
    lower_bound = models.PositiveIntegerField(_("lower bound on breaks"), null=True, blank=True)
    message = models.TextField(_("message"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("scheduling run")
        verbose_name_plural = _("scheduling runs")

    def __str__(self) -> str:
        return f"{self.event} {self.created_at:%Y-%m-%d %H:%M} {self.status}"

    @property
    def gap(self) -> int | None:
        """Breaks of the best schedule minus the proven lower bound (0 = proven optimal)."""
        if self.best_breaks is None or self.lower_bound is None:
            return None
        return max(0, self.best_breaks - self.lower_bound)

    @property
    def is_active(self) -> bool:
        return self.status in {RunStatus.QUEUED, RunStatus.RUNNING}
