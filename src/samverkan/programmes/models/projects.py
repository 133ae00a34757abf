"""Projects, their partners with roles and budgets, funders' contributions and expenditure."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samverkan.common.models import TimeStampedModel
from samverkan.programmes.models.programmes import Fund, Priority, Programme
from samverkan.programmes.money import CURRENCY_CHOICES, Money

AMOUNT = {"max_digits": 16, "decimal_places": 2}


class Project(TimeStampedModel):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        RUNNING = "running", _("Running")
        CLOSED = "closed", _("Closed")

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="projects")
    priority = models.ForeignKey(
        Priority,
        verbose_name=_("priority or objective"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="projects",
    )
    name = models.CharField(_("name"), max_length=255)
    acronym = models.CharField(_("acronym"), max_length=64, blank=True)
    slug = models.SlugField(_("slug"), max_length=255, unique=True)
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.RUNNING
    )
    description = models.TextField(_("description"), blank=True)
    target_groups = models.TextField(_("target groups"), blank=True)
    target_markets = models.JSONField(
        _("target markets"), default=list, blank=True, help_text=_("ISO 3166 country codes")
    )
    budget_amount = models.DecimalField(
        _("total budget"),
        null=True,
        blank=True,
        help_text=_("The approved total, if known; otherwise the sum of the partner budgets."),
        **AMOUNT,
    )
    budget_currency = models.CharField(
        _("budget currency"), max_length=3, choices=CURRENCY_CHOICES, blank=True
    )
    follow_up_of = models.ForeignKey(
        "self",
        verbose_name=_("follow-up of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="follow_ups",
    )
    # Cohorts of organisations selected in a call (calls app) that this project supports:
    # their members count as organisations supported and their offerings as activities.
    cohorts = models.ManyToManyField(
        "calls.Cohort",
        verbose_name=_("cohorts from calls"),
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-start_date", "name"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="project_dates_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.acronym or self.name

    def get_absolute_url(self) -> str:
        return reverse("programmes:project-detail", kwargs={"slug": self.slug})

    @property
    def budget(self) -> Money | None:
        if self.budget_amount is None:
            return None
        return Money(self.budget_amount, self.budget_currency)


class PartnerRole(models.TextChoices):
    LEAD = "LP", _("Lead partner")
    PARTNER = "PP", _("Project partner")
    ASSOCIATED = "AP", _("Associated partner")


class Partner(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(
        "catalog.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="project_partnerships",
    )
    role = models.CharField(_("role"), max_length=2, choices=PartnerRole.choices)
    budget_amount = models.DecimalField(_("budget"), null=True, blank=True, **AMOUNT)
    budget_currency = models.CharField(
        _("budget currency"), max_length=3, choices=CURRENCY_CHOICES, blank=True
    )

    class Meta:
        ordering = ["project", "role", "organisation__name"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        constraints = [
            models.UniqueConstraint(fields=["project", "organisation"], name="unique_partner"),
            models.UniqueConstraint(
                fields=["project"], condition=models.Q(role="LP"), name="one_lead_partner"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.role})"

    @property
    def budget(self) -> Money | None:
        if self.budget_amount is None:
            return None
        return Money(self.budget_amount, self.budget_currency)


class Contribution(models.Model):
    """Money a funder (a programme fund such as ERDF, or an organisation) gives a project.

    Amount and share may both be empty: a co-funder whose amount is not published."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="contributions")
    partner = models.ForeignKey(
        Partner,
        verbose_name=_("for partner"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="contributions",
    )
    fund = models.ForeignKey(
        Fund, verbose_name=_("fund"), null=True, blank=True, on_delete=models.PROTECT
    )
    funder = models.ForeignKey(
        "catalog.Organisation",
        verbose_name=_("funder"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contributions_given",
    )
    amount = models.DecimalField(_("amount"), null=True, blank=True, **AMOUNT)
    currency = models.CharField(_("currency"), max_length=3, choices=CURRENCY_CHOICES)
    share = models.DecimalField(
        _("share (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        ordering = ["project", "-amount", "pk"]
        verbose_name = _("funding contribution")
        verbose_name_plural = _("funding contributions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(fund__isnull=False) | models.Q(funder__isnull=False),
                name="contribution_has_funder",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.funder_label}: {self.money or ''}"

    @property
    def funder_label(self) -> str:
        return str(self.fund or self.funder)

    @property
    def money(self) -> Money | None:
        return None if self.amount is None else Money(self.amount, self.currency)


class Expenditure(TimeStampedModel):
    """Money spent (reported costs), for budget-versus-spent on the dashboard."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="expenditures")
    partner = models.ForeignKey(
        Partner, null=True, blank=True, on_delete=models.CASCADE, related_name="expenditures"
    )
    spent_on = models.DateField(_("date"))
    amount = models.DecimalField(_("amount"), **AMOUNT)
    currency = models.CharField(_("currency"), max_length=3, choices=CURRENCY_CHOICES)
    description = models.CharField(_("description"), max_length=255, blank=True)
    is_invented = models.BooleanField(_("invented demo record"), default=False)

    class Meta:
        ordering = ["project", "spent_on"]
        verbose_name = _("expenditure")
        verbose_name_plural = _("expenditures")

    def __str__(self) -> str:
        return f"{self.spent_on} {self.amount} {self.currency}"
