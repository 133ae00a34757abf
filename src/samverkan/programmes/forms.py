"""Forms for the operator pages. Validation of meaning lives in the services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from samverkan.catalog.models import Organisation
from samverkan.programmes.models import (
    Activity,
    ActivityKind,
    BusinessOutcome,
    IndicatorEntry,
    Project,
    Questionnaire,
)
from samverkan.programmes.money import CURRENCY_CHOICES

DATE = forms.DateInput(attrs={"type": "date"})


class ExchangeRateForm(forms.Form):
    source = forms.ChoiceField(label=_("From currency"), choices=CURRENCY_CHOICES)
    target = forms.ChoiceField(label=_("To currency"), choices=CURRENCY_CHOICES)
    rate = forms.DecimalField(label=_("Rate"), max_digits=18, decimal_places=8, min_value=0)
    valid_from = forms.DateField(label=_("Valid from"), widget=DATE)
    note = forms.CharField(label=_("Source of the rate"), required=False, max_length=255)


class RateImportForm(forms.Form):
    file = forms.FileField(label=_("CSV file (date, from, to, rate)"))
    dry_run = forms.BooleanField(label=_("Dry run: check only, change nothing"), required=False)


class ProjectImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Columns: programme, project, acronym, organisation, country, role (LP/PP/AP),"
            " nuts3, budget, currency, start, end."
        ),
    )
    dry_run = forms.BooleanField(
        label=_("Dry run: check only, change nothing"), required=False, initial=True
    )


class ActivityForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ActivityKind.choices)
    title = forms.CharField(label=_("Title"), max_length=255)
    starts_on = forms.DateField(label=_("Date"), widget=DATE)
    ends_on = forms.DateField(label=_("End date"), widget=DATE, required=False)
    location = forms.CharField(label=_("Place"), max_length=255, required=False)
    country = forms.CharField(label=_("Country (ISO code)"), max_length=2, required=False)
    topic = forms.CharField(label=_("Advice topic"), max_length=255, required=False)
    hours = forms.DecimalField(
        label=_("Advice hours"), max_digits=6, decimal_places=2, required=False, min_value=0
    )
    participants = forms.ModelMultipleChoiceField(
        label=_("Participating organisations"),
        queryset=Organisation.objects.order_by("name"),
        required=False,
    )
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False)
    event = forms.ModelChoiceField(
        label=_("Event in samverkan (its meetings and feedback count)"),
        queryset=None,
        required=False,
    )
    visit = forms.ModelChoiceField(
        label=_("Visit in samverkan (its hosts and results count)"),
        queryset=None,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        from samverkan.events.models import Event
        from samverkan.visits.models import VisitRequest

        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = Event.objects.order_by("-start_date")
        self.fields["visit"].queryset = VisitRequest.objects.order_by("-created_at")


class OutcomeForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=BusinessOutcome.Kind.choices)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.order_by("name")
    )
    activity = forms.ModelChoiceField(
        label=_("Activity"), queryset=Activity.objects.none(), required=False
    )
    country = forms.CharField(label=_("Country (ISO code)"), max_length=2, required=False)
    amount = forms.DecimalField(
        label=_("Value"), max_digits=16, decimal_places=2, required=False, min_value=0
    )
    currency = forms.ChoiceField(
        label=_("Currency"), choices=[("", "—"), *CURRENCY_CHOICES], required=False
    )
    jobs = forms.IntegerField(label=_("Jobs"), required=False, min_value=1)
    happened_on = forms.DateField(label=_("Date"), widget=DATE)
    description = forms.CharField(label=_("Description"), max_length=255, required=False)

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activity"].queryset = project.activities.order_by("-starts_on")


class IndicatorEntryForm(forms.ModelForm):
    class Meta:
        model = IndicatorEntry
        fields = ["project", "reported_on", "value", "respondents", "country", "note", "evidence"]
        widgets = {"reported_on": DATE}

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = programme.projects.order_by("name")


class SurveySendForm(forms.Form):
    project = forms.ModelChoiceField(label=_("Project"), queryset=Project.objects.none())
    activity = forms.ModelChoiceField(
        label=_("Only the participants of this activity"),
        queryset=Activity.objects.none(),
        required=False,
    )

    def __init__(self, *args, questionnaire: Questionnaire, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = questionnaire.programme.projects.order_by("name")
        self.fields["activity"].queryset = (
            Activity.objects.filter(project__programme=questionnaire.programme)
            .select_related("project")
            .order_by("-starts_on")
        )


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=DATE, required=False)
    end = forms.DateField(label=_("Until"), widget=DATE, required=False)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise forms.ValidationError(_("The end of the period is before its start."))
        return data
