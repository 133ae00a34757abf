"""The catalogue: organisations with multilingual profiles, their people, reference data
(countries, NUTS 2024 regions, NACE Rev. 2.1 sectors), published catalogues and imports."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from samverkan.common.models import TimeStampedModel

TEXT_LANGUAGES = settings.LANGUAGES  # sv, en, fi, et, lv: the languages a text may be in


class OrganisationKind(models.TextChoices):
    COMPANY = "company", _("Company")
    CLUSTER = "cluster", _("Cluster organisation")
    SCIENCE_PARK = "science_park", _("Science park")
    UNIVERSITY = "university", _("University or research institute")
    PUBLIC_AUTHORITY = "public_authority", _("Public authority")
    OTHER = "other", _("Other")


class SizeClass(models.TextChoices):
    MICRO = "micro", _("Micro (fewer than 10 employees)")
    SMALL = "small", _("Small (10-49 employees)")
    MEDIUM = "medium", _("Medium (50-249 employees)")
    LARGE = "large", _("Large (250 or more employees)")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    MEMBERS = "members", _("Signed-in members of the programme")
    PRIVATE = "private", _("Private (own organisation and operators)")


class Country(models.Model):
    """ISO 3166-1 country, loaded from pycountry; EU/EFTA membership from data/eu_efta.csv."""

    code = models.CharField(_("code"), max_length=2, primary_key=True)
    name = models.CharField(_("name"), max_length=100)
    # {"sv": "Sverige", "fi": "Ruotsi", ...} from pycountry's translations.
    names = models.JSONField(_("names"), default=dict, blank=True)
    is_eu = models.BooleanField(_("EU member"), default=False)
    is_efta = models.BooleanField(_("EFTA member"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    def __str__(self) -> str:
        return self.localised_name

    @property
    def localised_name(self) -> str:
        return self.names.get(translation.get_language() or "en") or self.name

    @property
    def is_outside_eu_efta(self) -> bool:
        return not (self.is_eu or self.is_efta)


class Region(models.Model):
    """A NUTS 2024 region (levels 1-3). Codes nest by prefix: SE3 ⊃ SE33 ⊃ SE331."""

    code = models.CharField(_("code"), max_length=5, primary_key=True)
    country_code = models.CharField(_("country"), max_length=2, db_index=True)
    level = models.PositiveSmallIntegerField(_("level"))
    name = models.CharField(_("name"), max_length=200)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("NUTS region")
        verbose_name_plural = _("NUTS regions")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Sector(models.Model):
    """A NACE Rev. 2.1 class: section (A), division (62), group (62.1) or class (62.10)."""

    code = models.CharField(_("code"), max_length=8, primary_key=True)
    section = models.CharField(_("section"), max_length=1, db_index=True)
    level = models.PositiveSmallIntegerField(_("level"))
    name = models.CharField(_("name"), max_length=300)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("NACE sector")
        verbose_name_plural = _("NACE sectors")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Organisation(TimeStampedModel):
    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=255, unique=True)
    kind = models.CharField(
        _("kind"), max_length=32, choices=OrganisationKind.choices, default=OrganisationKind.COMPANY
    )
    # An ISO 3166-1 alpha-2 code, validated against Country by the services.
    country = models.CharField(
        _("country"), max_length=2, db_index=True, help_text=_("ISO 3166-1 alpha-2 code")
    )
    website = models.URLField(_("website"), blank=True)
    # Organisations created for demo purposes are flagged so nobody mistakes them for real ones.
    is_demo = models.BooleanField(_("demo data"), default=False)

    legal_name = models.CharField(_("legal name"), max_length=255, blank=True)
    registration_number = models.CharField(
        _("registration number"), max_length=32, blank=True, db_index=True
    )
    vat_number = models.CharField(_("VAT number"), max_length=32, blank=True)
    size_class = models.CharField(
        _("size"), max_length=16, choices=SizeClass.choices, blank=True, db_index=True
    )
    founded_year = models.PositiveSmallIntegerField(_("founded"), null=True, blank=True)
    logo = models.FileField(_("logo"), upload_to="catalog/logos/", blank=True)
    street_address = models.CharField(_("street address"), max_length=255, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=16, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    region = models.ForeignKey(
        Region,
        verbose_name=_("NUTS region"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organisations",
    )
    sectors = models.ManyToManyField(
        Sector, verbose_name=_("sectors"), blank=True, related_name="organisations"
    )
    keywords = models.CharField(
        _("keywords and technologies"), max_length=1000, blank=True, help_text=_("Comma-separated")
    )
    target_markets = models.ManyToManyField(
        Country, verbose_name=_("target markets"), blank=True, related_name="targeted_by"
    )
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    visibility = models.CharField(
        _("visibility"),
        max_length=16,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
        db_index=True,
    )
    # Accent-folded, lower-case text of names, keywords and all texts; kept by the services.
    search_text = models.TextField(editable=False, blank=True, default="")
    # PostgreSQL only: to_tsvector('simple', search_text), GIN-indexed (migration 0008), kept
    # current by services.organisation_reindex. Unused (NULL) on SQLite, which has FTS5.
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        # The catalogue lists sort by name: a page of 25 need not sort every match.
        indexes = [models.Index(fields=["name", "id"], name="catalog_org_name_id")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("catalog:organisation-detail", kwargs={"slug": self.slug})

    @property
    def keyword_list(self) -> list[str]:
        return [k.strip() for k in self.keywords.split(",") if k.strip()]

    def text_in(self, language: str | None = None):
        """The profile text in `language`, else English, else any (uses prefetched texts)."""
        texts = {text.language: text for text in self.texts.all()}
        language = language or translation.get_language() or "en"
        return texts.get(language) or texts.get("en") or next(iter(texts.values()), None)


class OrganisationText(models.Model):
    """Description, offers and needs of an organisation in one language."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="texts")
    language = models.CharField(_("language"), max_length=5, choices=TEXT_LANGUAGES)
    description = models.TextField(_("description"), blank=True)
    offers = models.TextField(_("what we offer"), blank=True)
    needs = models.TextField(_("what we look for"), blank=True)

    class Meta:
        ordering = ["language"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "language"], name="unique_organisation_text_language"
            )
        ]
        verbose_name = _("profile text")
        verbose_name_plural = _("profile texts")

    def __str__(self) -> str:
        return f"{self.organisation} ({self.language})"


class Person(TimeStampedModel):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="people")
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    # When the person agreed to be listed publicly; None means: never shown publicly.
    listing_consent_at = models.DateTimeField(_("consent to be listed"), null=True, blank=True)
    is_demo = models.BooleanField(_("invented demo person"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.name


class Catalogue(TimeStampedModel):
    """A programme's catalogue of organisations, which it may publish as public pages."""

    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    # {"sv": "Cleantech Kvarken-företag", "fi": "Cleantech Kvarken -yritykset"}
    titles = models.JSONField(_("titles"), default=dict)
    intros = models.JSONField(_("introductions"), default=dict, blank=True)
    languages = models.JSONField(_("languages"), default=list)
    operator = models.ForeignKey(
        Organisation,
        verbose_name=_("run by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    organisations = models.ManyToManyField(
        Organisation, verbose_name=_("organisations"), blank=True, related_name="catalogues"
    )
    is_published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("catalogue")
        verbose_name_plural = _("catalogues")

    def __str__(self) -> str:
        return self.title

    def language_for(self, language: str | None) -> str:
        language = language or translation.get_language() or "en"
        if language in self.languages:
            return language
        return self.languages[0] if self.languages else "en"

    @property
    def title(self) -> str:
        language = self.language_for(None)
        return self.titles.get(language) or next(iter(self.titles.values()), self.slug)

    @property
    def intro(self) -> str:
        return self.intros.get(self.language_for(None), "")

    def get_absolute_url(self) -> str:
        return reverse("catalog:public-list", kwargs={"catalogue": self.slug})


class ImportStatus(models.TextChoices):
    UPLOADED = "uploaded", _("Uploaded")
    CHECKED = "checked", _("Checked")
    COMMITTED = "committed", _("Imported")


class ImportJob(TimeStampedModel):
    """An uploaded spreadsheet, its column mapping and the report of the last check."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    file_name = models.CharField(_("file"), max_length=255)
    content = models.BinaryField(editable=False)
    headers = models.JSONField(default=list)
    mapping = models.JSONField(_("column mapping"), default=dict, blank=True)
    catalogue = models.ForeignKey(
        Catalogue, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        max_length=16, choices=ImportStatus.choices, default=ImportStatus.UPLOADED
    )
    report = models.JSONField(default=dict, blank=True)
    # The operator's choice per duplicate row: {"<row number>": "merge" | "create" | "skip"}.
    decisions = models.JSONField(_("duplicate decisions"), default=dict, blank=True)
    committed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return self.file_name
