"""Indicator definitions per programme and manual entries with evidence."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from samverkan.common.models import TimeStampedModel
from samverkan.programmes.models.programmes import Programme
from samverkan.programmes.models.projects import Project

EVIDENCE_EXTENSIONS = ["pdf", "png", "jpg", "jpeg", "xlsx", "docx", "odt", "ods", "csv", "txt"]
EVIDENCE_MAX_BYTES = 5 * 1024 * 1024


class Source(models.TextChoices):
    """Where values come from. Each automatic source is one function in indicators/sources/."""

    MANUAL = "manual", _("Manual entries only")
    ORGANISATIONS_SUPPORTED = "organisations_supported", _("Organisations supported")
    SMES_SUPPORTED = "smes_supported", _("SMEs supported")
    CROSS_BORDER = "cross_border", _("Enterprises cooperating across borders")
    MEETINGS_HELD = "meetings_held", _("Business meetings held")
    ADVICE_HOURS = "advice_hours", _("Hours of expert advice")
    COHORT_OFFERINGS = "cohort_offerings", _("Offerings to organisations selected in calls")
    OPPORTUNITIES = "opportunities", _("Business opportunities")
    OPPORTUNITIES_OUTSIDE = "opportunities_outside", _("Business opportunities outside EU/EFTA")
    CONTRACTS = "contracts", _("Contracts signed")
    CONTRACTS_OUTSIDE = "contracts_outside", _("Contracts signed outside EU/EFTA")
    CONTRACT_VALUE = "contract_value", _("Value of contracts signed")
    JOBS = "jobs", _("Jobs created")
    WOULD_CONTINUE = "would_continue", _("Participants who would continue (%)")
    SATISFACTION = "satisfaction", _("Satisfied participants (%)")


class Aggregation(models.TextChoices):
    SUM = "sum", _("Sum (counts and amounts add up)")
    PERCENTAGE = "percentage", _("Percentage (weighted by respondents)")


class IndicatorDefinition(TimeStampedModel):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="indicators")
    code = models.SlugField(_("code"), max_length=64)
    name = models.CharField(_("name"), max_length=255)
    unit = models.CharField(_("unit"), max_length=32)
    baseline = models.DecimalField(_("baseline"), max_digits=16, decimal_places=2, default=0)
    target = models.DecimalField(
        _("target"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    aggregation = models.CharField(
        _("aggregation"), max_length=16, choices=Aggregation.choices, default=Aggregation.SUM
    )
    source = models.CharField(
        _("source"), max_length=32, choices=Source.choices, default=Source.MANUAL
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["programme", "order", "code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.UniqueConstraint(fields=["programme", "code"], name="unique_indicator_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class IndicatorEntry(TimeStampedModel):
    """A value reported by hand for something that happened outside the platform."""

    indicator = models.ForeignKey(
        IndicatorDefinition, on_delete=models.CASCADE, related_name="entries"
    )
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="indicator_entries")
    reported_on = models.DateField(_("date"))
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=2)
    respondents = models.PositiveIntegerField(
        _("respondents"),
        null=True,
        blank=True,
        help_text=_("For percentages: how many answers the figure is based on."),
    )
    country = models.CharField(_("country"), max_length=2, blank=True)
    note = models.CharField(_("explanation"), max_length=500)
    evidence = models.FileField(
        _("evidence"),
        upload_to="programmes/evidence/%Y/%m/",
        blank=True,
        validators=[FileExtensionValidator(EVIDENCE_EXTENSIONS)],
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_invented = models.BooleanField(_("invented demo record"), default=False)

    class Meta:
        ordering = ["-reported_on", "-pk"]
        verbose_name = _("manual indicator entry")
        verbose_name_plural = _("manual indicator entries")

    def __str__(self) -> str:
        return f"{self.indicator.code}: {self.value}"
