"""The operators' editor for a booking page: texts per language and the choice lists.

Goals and focus areas are edited as lines, one choice per line, fields separated by "|":

    goals:        code | English | Svenska | Suomi
    focus areas:  code | English | Svenska | Suomi | keywords, … | NACE codes, …
"""

from __future__ import annotations

import zoneinfo

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from samverkan.catalog.models import Organisation, Sector

EDIT_LANGUAGES = ["en", "sv", "fi"]
TEXTS = ["title", "intro", "costs_notice", "privacy_notice"]
TEXT_LABELS = {
    "title": _("Title"),
    "intro": _("Introduction"),
    "costs_notice": _("Costs notice (empty: the standard text)"),
    "privacy_notice": _("Privacy notice (empty: the standard text)"),
}


def _lines(value: str, *, min_parts: int, max_parts: int) -> list[list[str]]:
    rows, seen = [], set()
    for number, line in enumerate(value.splitlines(), start=1):
        if not line.strip():
            continue
        parts = [part.strip() for part in line.split("|")]
        if not min_parts <= len(parts) <= max_parts or not parts[0] or not parts[1]:
            raise ValidationError(
                _("Line %(number)s needs a code and an English label, separated by “|”.")
                % {"number": number}
            )
        code = slugify(parts[0])
        if not code or code in seen:
            raise ValidationError(
                _("Line %(number)s: the code “%(code)s” is empty or used twice.")
                % {"number": number, "code": parts[0]}
            )
        seen.add(code)
        rows.append([code, *parts[1:]])
    if not rows:
        raise ValidationError(_("Give at least one choice."))
    return rows


class BookingPageForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.all(), to_field_name="slug"
    )
    slug = forms.SlugField(label=_("Address of the form (slug)"), max_length=100)
    privacy_notice_version = forms.CharField(
        label=_("Privacy notice version"),
        max_length=32,
        help_text=_("Change it when the privacy text changes; each request records it."),
    )
    notification_email = forms.EmailField(label=_("Notification e-mail"), required=False)
    time_zone = forms.ChoiceField(
        label=_("Time zone"), choices=[(z, z) for z in sorted(zoneinfo.available_timezones())]
    )
    is_active = forms.BooleanField(label=_("Accepting requests"), required=False)
    goals = forms.CharField(
        label=_("1. Goals"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One per line: code | English | Svenska | Suomi"),
    )
    focus_areas = forms.CharField(
        label=_("3. Focus areas"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "One per line: code | English | Svenska | Suomi | keywords | NACE codes "
            "(keywords and codes comma-separated)"
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for text in TEXTS:
            for language in EDIT_LANGUAGES:
                widget = forms.TextInput if text == "title" else forms.Textarea(attrs={"rows": 2})
                self.fields[f"{text}_{language}"] = forms.CharField(
                    label=f"{TEXT_LABELS[text]} ({language})",
                    required=text == "title" and language == "en",
                    widget=widget,
                )

    def clean_goals(self):
        return _lines(self.cleaned_data["goals"], min_parts=2, max_parts=4)

    def clean_focus_areas(self):
        rows = _lines(self.cleaned_data["focus_areas"], min_parts=2, max_parts=6)
        known = set(Sector.objects.values_list("code", flat=True))
        for row in rows:
            codes = [c.strip() for c in (row[5] if len(row) > 5 else "").split(",") if c.strip()]
            unknown = [code for code in codes if code not in known]
            if unknown:
                raise ValidationError(
                    _("Unknown NACE codes: %(codes)s") % {"codes": ", ".join(unknown)}
                )
        return rows

    def texts(self) -> dict[str, dict[str, str]]:
        return {
            text: {
                language: self.cleaned_data[f"{text}_{language}"].strip()
                for language in EDIT_LANGUAGES
                if self.cleaned_data.get(f"{text}_{language}", "").strip()
            }
            for text in TEXTS
        }


def initial_for(page) -> dict:
    initial = {
        "organisation": page.organisation.slug,
        "slug": page.slug,
        "privacy_notice_version": page.privacy_notice_version,
        "notification_email": page.notification_email,
        "time_zone": page.time_zone,
        "is_active": page.is_active,
    }
    stores = {
        "title": page.titles,
        "intro": page.intros,
        "costs_notice": page.costs_notices,
        "privacy_notice": page.privacy_notices,
    }
    for text, store in stores.items():
        for language in EDIT_LANGUAGES:
            initial[f"{text}_{language}"] = (store or {}).get(language, "")
    initial["goals"] = "\n".join(
        " | ".join([g.code, *(g.labels.get(lang, "") for lang in EDIT_LANGUAGES)])
        for g in page.goals.all()
    )
    initial["focus_areas"] = "\n".join(
        " | ".join(
            [
                a.code,
                *(a.labels.get(lang, "") for lang in EDIT_LANGUAGES),
                a.keywords,
                ", ".join(s.code for s in a.sectors.all()),
            ]
        )
        for a in page.focus_areas.all()
    )
    return initial
