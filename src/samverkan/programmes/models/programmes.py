"""Funding programmes, their priorities/objectives, funds and the operator's exchange rates."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samverkan.common.models import TimeStampedModel
from samverkan.programmes.money import CURRENCY_CHOICES


class Programme(TimeStampedModel):
    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=255, unique=True)
    description = models.TextField(_("description"), blank=True)
    start_year = models.PositiveSmallIntegerField(_("first year"))
    end_year = models.PositiveSmallIntegerField(_("last year"))
    currency = models.CharField(_("currency"), max_length=3, choices=CURRENCY_CHOICES)
    managing_organisation = models.ForeignKey(
        "catalog.Organisation",
        verbose_name=_("managing organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="managed_programmes",
    )
    results_published = models.BooleanField(
        _("results page published"),
        default=False,
        help_text=_("Show the indicator results on a public page."),
    )

    class Meta:
        ordering = ["-start_year", "name"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_year__gte=models.F("start_year")),
                name="programme_years_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("programmes:programme-detail", kwargs={"slug": self.slug})


class Priority(models.Model):
    """A priority axis or a specific objective (child of a priority)."""

    class Kind(models.TextChoices):
        PRIORITY = "priority", _("Priority")
        OBJECTIVE = "objective", _("Specific objective")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="priorities")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="objectives"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.PRIORITY)
    code = models.CharField(_("code"), max_length=32)
    name = models.CharField(_("name"), max_length=255)

    class Meta:
        ordering = ["programme", "code"]
        verbose_name = _("priority or objective")
        verbose_name_plural = _("priorities and objectives")
        constraints = [
            models.UniqueConstraint(fields=["programme", "code"], name="unique_priority_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Fund(models.Model):
    class Kind(models.TextChoices):
        ERDF = "erdf", _("European Regional Development Fund (ERDF)")
        NATIONAL = "national", _("National funding")
        REGIONAL = "regional", _("Regional funding")
        OTHER = "other", _("Other funding")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="funds")
    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    co_financing_rate = models.DecimalField(
        _("co-financing rate (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Share of eligible costs this fund pays, in per cent."),
    )

    class Meta:
        ordering = ["programme", "name"]
        verbose_name = _("fund")
        verbose_name_plural = _("funds")

    def __str__(self) -> str:
        return self.name


class ExchangeRate(TimeStampedModel):
    """1 `source` = `rate` `target`, valid from `valid_from` until the next rate for the pair."""

    source = models.CharField(_("from currency"), max_length=3, choices=CURRENCY_CHOICES)
    target = models.CharField(_("to currency"), max_length=3, choices=CURRENCY_CHOICES)
    rate = models.DecimalField(
        _("rate"), max_digits=18, decimal_places=8, validators=[MinValueValidator(0)]
    )
    valid_from = models.DateField(_("valid from"))
    note = models.CharField(_("source of the rate"), max_length=255, blank=True)

    class Meta:
        ordering = ["source", "target", "-valid_from"]
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "target", "valid_from"], name="unique_rate_per_day"
            ),
            models.CheckConstraint(condition=models.Q(rate__gt=0), name="rate_positive"),
            models.CheckConstraint(
                condition=~models.Q(source=models.F("target")), name="rate_distinct_currencies"
            ),
        ]

    def __str__(self) -> str:
        return f"1 {self.source} = {self.rate} {self.target} ({self.valid_from})"
