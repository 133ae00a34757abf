"""The catalogue's organisations. The catalogue issue extends the profile fields."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samverkan.common.models import TimeStampedModel


class OrganisationKind(models.TextChoices):
    COMPANY = "company", _("Company")
    CLUSTER = "cluster", _("Cluster organisation")
    SCIENCE_PARK = "science_park", _("Science park")
    UNIVERSITY = "university", _("University or research institute")
    PUBLIC_AUTHORITY = "public_authority", _("Public authority")
    OTHER = "other", _("Other")


class Organisation(TimeStampedModel):
    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=255, unique=True)
    kind = models.CharField(
        _("kind"), max_length=32, choices=OrganisationKind.choices, default=OrganisationKind.COMPANY
    )
    country = models.CharField(_("country"), max_length=2, help_text=_("ISO 3166-1 alpha-2 code"))
    website = models.URLField(_("website"), blank=True)
    # Organisations created for demo purposes are flagged so nobody mistakes them for real ones.
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("catalog:organisation-detail", kwargs={"slug": self.slug})
