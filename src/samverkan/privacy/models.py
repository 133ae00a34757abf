"""Requests people make about their personal data, kept as evidence of what was done."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DataRequestKind(models.TextChoices):
    EXPORT = "export", _("Export of my data")
    ERASURE = "erasure", _("Erasure of my data")


class DataRequest(models.Model):
    """A subject-access or erasure request and its outcome (no personal data kept here)."""

    kind = models.CharField(_("kind"), max_length=16, choices=DataRequestKind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    rows_affected = models.JSONField(_("rows per app"), default=dict, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("personal data request")
        verbose_name_plural = _("personal data requests")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"
