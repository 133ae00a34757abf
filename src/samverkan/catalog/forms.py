"""Forms of the catalogue pages. They collect input; the services validate and write."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from samverkan.catalog import pickers
from samverkan.catalog.models import OrganisationKind, SizeClass, Visibility
from samverkan.catalog.services import TEXT_FIELDS

TEXT_LABELS = {
    "description": _("Description"),
    "offers": _("What we offer"),
    "needs": _("What we look for"),
}


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ValidationError on the matching fields (others on the form)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            for item in errors:
                message = " ".join(item.messages)
                form.add_error(field if field in form.fields else None, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


class OrganisationForm(forms.Form):
    # Fields with a type-ahead search next to them: {field: reference data kind}.
    PICKERS = {
        "country": "countries",
        "region": "regions",
        "sectors": "sectors",
        "target_markets": "countries",
    }

    name = forms.CharField(label=_("Name"), max_length=255)
    legal_name = forms.CharField(label=_("Legal name"), max_length=255, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=OrganisationKind.choices)
    country = forms.ChoiceField(
        label=_("Country"), choices=lambda: [("", "—"), *pickers.grouped_choices("countries")]
    )
    registration_number = forms.CharField(
        label=_("Registration number"), max_length=32, required=False
    )
    vat_number = forms.CharField(label=_("VAT number"), max_length=32, required=False)
    size_class = forms.ChoiceField(
        label=_("Size"), choices=[("", "—"), *SizeClass.choices], required=False
    )
    founded_year = forms.IntegerField(label=_("Founded (year)"), required=False)
    website = forms.CharField(label=_("Website"), max_length=200, required=False)
    street_address = forms.CharField(label=_("Street address"), max_length=255, required=False)
    postal_code = forms.CharField(label=_("Postal code"), max_length=16, required=False)
    city = forms.CharField(label=_("City"), max_length=100, required=False)
    region = forms.ChoiceField(
        label=_("NUTS 2024 region"),
        required=False,
        choices=lambda: [("", "—"), *pickers.grouped_choices("regions")],
        help_text=_("Down to level 3, e.g. SE331 (Västerbottens län) or FI19A (Pohjanmaa)."),
    )
    sectors = forms.MultipleChoiceField(
        label=_("Sectors (NACE Rev. 2.1)"),
        required=False,
        choices=lambda: pickers.grouped_choices("sectors"),
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Hold Ctrl (⌘ on a Mac) to choose several."),
    )
    keywords = forms.CharField(
        label=_("Keywords and technologies"),
        max_length=1000,
        required=False,
        help_text=_("Comma-separated."),
    )
    target_markets = forms.MultipleChoiceField(
        label=_("Target markets"),
        required=False,
        choices=lambda: pickers.grouped_choices("countries"),
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Countries outside the EU and EFTA are flagged on the profile."),
    )
    languages = forms.CharField(
        label=_("Languages spoken"), required=False, help_text=_("e.g. sv, fi, en")
    )
    visibility = forms.ChoiceField(label=_("Visibility"), choices=Visibility.choices)
    logo = forms.FileField(
        label=_("Logo"), required=False, help_text=_("PNG, JPEG or WebP, at most 1 MB.")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, language in settings.LANGUAGES:
            for field in TEXT_FIELDS:
                self.fields[f"{field}_{code}"] = forms.CharField(
                    label=f"{TEXT_LABELS[field]} ({language})",
                    widget=forms.Textarea(attrs={"rows": 3}),
                    required=False,
                    max_length=5000,
                )

    @staticmethod
    def initial_for(organisation) -> dict:
        initial = {
            field: getattr(organisation, field)
            for field in [
                "name",
                "legal_name",
                "kind",
                "country",
                "registration_number",
                "vat_number",
                "size_class",
                "founded_year",
                "website",
                "street_address",
                "postal_code",
                "city",
                "keywords",
                "visibility",
            ]
        }
        initial["region"] = organisation.region_id or ""
        initial["sectors"] = [s.code for s in organisation.sectors.all()]
        initial["target_markets"] = [c.code for c in organisation.target_markets.all()]
        initial["languages"] = ", ".join(organisation.languages)
        for text in organisation.texts.all():
            for field in TEXT_FIELDS:
                initial[f"{field}_{text.language}"] = getattr(text, field)
        return initial

    def profile_fields(self):
        """(bound field, reference kind of its type-ahead or "") for the profile fields."""
        return [
            (self[name], self.PICKERS.get(name, ""))
            for name in self.fields
            if name.split("_")[-1] not in dict(settings.LANGUAGES)
        ]

    def text_groups(self):
        return [
            (language, [self[f"{field}_{code}"] for field in TEXT_FIELDS])
            for code, language in settings.LANGUAGES
        ]

    def service_data(self) -> tuple[dict, dict]:
        data = {
            name: value
            for name, value in self.cleaned_data.items()
            if name != "logo" and name.split("_")[-1] not in dict(settings.LANGUAGES)
        }
        texts = {
            code: {field: self.cleaned_data.get(f"{field}_{code}", "") for field in TEXT_FIELDS}
            for code, _language in settings.LANGUAGES
        }
        return data, texts


class PersonForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    role = forms.CharField(label=_("Role"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mail address"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    languages = forms.CharField(label=_("Languages"), required=False, help_text=_("e.g. sv, en"))
    consent = forms.BooleanField(
        label=_("This person agrees to be listed in public catalogues"), required=False
    )


class ClaimInviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the company's representative"))


class ImportUploadForm(forms.Form):
    file = forms.FileField(label=_("Spreadsheet (CSV or XLSX)"))


class CatalogueForm(forms.Form):
    slug = forms.SlugField(label=_("Address (slug)"), max_length=100)
    languages = forms.MultipleChoiceField(
        label=_("Languages"), choices=settings.LANGUAGES, widget=forms.CheckboxSelectMultiple
    )
    is_published = forms.BooleanField(label=_("Published"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, language in settings.LANGUAGES:
            self.fields[f"title_{code}"] = forms.CharField(
                label=_("Title (%(language)s)") % {"language": language},
                max_length=200,
                required=False,
            )
            self.fields[f"intro_{code}"] = forms.CharField(
                label=_("Introduction (%(language)s)") % {"language": language},
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
            )
