"""Forms of the matching pages; they validate shape, services validate meaning."""

from __future__ import annotations

from django import forms
from django.apps import apps
from django.utils.translation import gettext_lazy as _

from samverkan.catalog.models import Catalogue, Organisation
from samverkan.matching.models import InterestSubject, SavedSearch


class InterestForm(forms.Form):
    from_organisation = forms.ModelChoiceField(
        label=_("On behalf of"), queryset=Organisation.objects.none(), empty_label=None
    )
    subject = forms.ChoiceField(label=_("We are interested in"), choices=InterestSubject.choices)
    message = forms.CharField(
        label=_("Message"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Introduce your organisation and say what you would like to discuss."),
    )

    def __init__(self, *args, user, target: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["from_organisation"].queryset = (
            Organisation.objects.filter(memberships__user=user)
            .exclude(pk=target.pk)
            .order_by("name")
        )


class DecisionForm(forms.Form):
    response = forms.CharField(
        label=_("Answer (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SavedSearchForm(forms.ModelForm):
    class Meta:
        model = SavedSearch
        fields = ["name", "organisation", "need", "country", "region", "sector", "alerts_enabled"]
        widgets = {"need": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "need": _("For example: fibre sensors for harsh environments, export to Canada."),
            "country": _("ISO code of the partner country, e.g. EE."),
            "region": _("NUTS code at any level, e.g. EE00 or SE33."),
            "sector": _("NACE code, e.g. 26.51."),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            memberships__user=user
        ).order_by("name")
        self.fields["organisation"].required = False
        self.fields["organisation"].help_text = _(
            "Your organisation's profile makes the ranking personal."
        )


class RunForm(forms.Form):
    catalogue = forms.ModelChoiceField(
        label=_("Catalogue"), queryset=Catalogue.objects.order_by("slug"), required=False
    )
    event = forms.TypedChoiceField(
        label=_("or event"), coerce=int, required=False, empty_value=None
    )
    k = forms.IntegerField(label=_("Suggestions per company"), min_value=1, max_value=20, initial=5)
    companies_only = forms.BooleanField(
        label=_("Only companies ask for partners"), required=False, initial=True
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "---------")]
        try:
            Event = apps.get_model("events", "Event")
            choices += [(e.pk, str(e)) for e in Event.objects.order_by("-pk")[:200]]
        except LookupError:
            pass
        self.fields["event"].choices = choices

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("catalogue")) == bool(cleaned.get("event")):
            raise forms.ValidationError(_("Choose a catalogue or an event."))
        return cleaned
