"""Operator forms and formsets for programmes, projects, funding, indicators and surveys.

The forms check the shape of the input; the services check meaning and write (audited)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from samverkan.catalog.models import Organisation
from samverkan.programmes.countries import is_known_country
from samverkan.programmes.models import (
    Contribution,
    Fund,
    IndicatorDefinition,
    Partner,
    Priority,
    Programme,
    Project,
    Question,
    Questionnaire,
)
from samverkan.programmes.money import CURRENCY_CHOICES

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
OPTIONAL_CURRENCY = [("", "—"), *CURRENCY_CHOICES]


def organisations():
    return Organisation.objects.only("pk", "name", "country").order_by("name")


class ProgrammeForm(forms.ModelForm):
    class Meta:
        model = Programme
        fields = ["name", "description", "start_year", "end_year", "currency"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    managing_organisation = forms.ModelChoiceField(
        label=_("Managing organisation"), queryset=Organisation.objects.none(), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["managing_organisation"].queryset = organisations()
        if self.instance.pk:
            self.initial["managing_organisation"] = self.instance.managing_organisation_id

    def clean(self):
        data = super().clean()
        if (
            data.get("start_year")
            and data.get("end_year")
            and data["end_year"] < data["start_year"]
        ):
            self.add_error("end_year", _("The last year cannot be before the first year."))
        return data

    def _post_clean(self):
        """Validation of meaning happens in the services, not on the instance."""


class PriorityForm(forms.ModelForm):
    class Meta:
        model = Priority
        fields = ["code", "name", "parent"]

    def __init__(self, *args, programme: Programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = (
            Priority.objects.filter(programme=programme, parent=None)
            if programme.pk
            else Priority.objects.none()
        )
        self.fields["parent"].label = _("Specific objective of (priority)")

    def _post_clean(self):
        pass


class FundForm(forms.ModelForm):
    class Meta:
        model = Fund
        fields = ["name", "kind", "co_financing_rate"]

    def _post_clean(self):
        pass


PriorityFormSet = forms.modelformset_factory(Priority, form=PriorityForm, extra=2, can_delete=True)
FundFormSet = forms.modelformset_factory(Fund, form=FundForm, extra=2, can_delete=True)


class CountryListField(forms.CharField):
    """ISO 3166 codes separated by commas or spaces."""

    def to_python(self, value):
        codes = [c.strip().upper() for c in (value or "").replace(",", " ").split() if c.strip()]
        unknown = [c for c in codes if not is_known_country(c)]
        if unknown:
            raise forms.ValidationError(
                _("Unknown country codes: %(codes)s.") % {"codes": ", ".join(unknown)}
            )
        return list(dict.fromkeys(codes))

    def prepare_value(self, value):
        return ", ".join(value) if isinstance(value, list) else value


class ProjectForm(forms.ModelForm):
    target_markets = CountryListField(
        label=_("Target markets"),
        required=False,
        help_text=_("ISO country codes separated by commas, e.g. CN, KR, BW."),
    )
    budget_currency = forms.ChoiceField(
        label=_("Budget currency"), choices=OPTIONAL_CURRENCY, required=False
    )

    class Meta:
        model = Project
        fields = [
            "programme",
            "priority",
            "name",
            "acronym",
            "start_date",
            "end_date",
            "status",
            "description",
            "target_groups",
            "target_markets",
            "budget_amount",
            "budget_currency",
            "follow_up_of",
            "cohorts",
        ]
        widgets = {
            "start_date": DATE,
            "end_date": DATE,
            "description": forms.Textarea(attrs={"rows": 4}),
            "target_groups": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields.pop("programme")
            self.fields["priority"].queryset = self.instance.programme.priorities.all()
            self.fields["follow_up_of"].queryset = Project.objects.exclude(pk=self.instance.pk)
        self.fields["cohorts"].required = False

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end cannot be before the start."))
        if data.get("budget_amount") is not None and not data.get("budget_currency"):
            self.add_error("budget_currency", _("Choose the currency of the budget."))
        programme = data.get("programme") or getattr(self.instance, "programme", None)
        priority = data.get("priority")
        if priority is not None and programme is not None and priority.programme_id != programme.pk:
            self.add_error("priority", _("Choose a priority of the project's programme."))
        return data

    def _post_clean(self):
        pass


class PartnerForm(forms.ModelForm):
    budget_currency = forms.ChoiceField(
        label=_("Budget currency"), choices=OPTIONAL_CURRENCY, required=False
    )

    class Meta:
        model = Partner
        fields = ["organisation", "role", "budget_amount", "budget_currency"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations()

    def clean(self):
        data = super().clean()
        if data.get("budget_amount") is not None:
            if data["budget_amount"] < 0:
                self.add_error("budget_amount", _("A budget cannot be negative."))
            if not data.get("budget_currency"):
                self.add_error("budget_currency", _("Choose the currency of the budget."))
        return data

    def _post_clean(self):
        pass


PartnerFormSet = forms.modelformset_factory(Partner, form=PartnerForm, extra=3, can_delete=True)


class ContributionForm(forms.ModelForm):
    class Meta:
        model = Contribution
        fields = ["fund", "funder", "partner", "amount", "currency", "share", "note"]

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fund"].queryset = project.programme.funds.all()
        self.fields["funder"].queryset = organisations()
        self.fields["partner"].queryset = project.partners.select_related("organisation")
        self.fields["partner"].label_from_instance = lambda p: p.organisation.name
        self.fields["currency"].initial = project.programme.currency

    def clean(self):
        data = super().clean()
        if not self.has_changed():
            return data
        if data.get("fund") is None and data.get("funder") is None:
            raise forms.ValidationError(_("Choose a fund or a funding organisation."))
        if data.get("amount") is not None and data["amount"] < 0:
            self.add_error("amount", _("An amount cannot be negative."))
        share = data.get("share")
        if share is not None and not (0 <= share <= 100):
            self.add_error("share", _("A share is between 0 and 100 %."))
        return data

    def _post_clean(self):
        pass


ContributionFormSet = forms.modelformset_factory(
    Contribution, form=ContributionForm, extra=2, can_delete=True
)


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = IndicatorDefinition
        fields = ["code", "name", "unit", "baseline", "target", "aggregation", "source", "order"]

    def _post_clean(self):
        pass


class QuestionnaireForm(forms.ModelForm):
    class Meta:
        model = Questionnaire
        fields = ["name", "introduction", "send_after_days", "remind_after_days", "max_reminders"]
        widgets = {"introduction": forms.Textarea(attrs={"rows": 3})}

    def _post_clean(self):
        pass


class QuestionForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = ["order", "text", "kind", "key", "required"]

    def _post_clean(self):
        pass


QuestionFormSet = forms.modelformset_factory(Question, form=QuestionForm, extra=3, can_delete=True)


def row_changes(formset) -> list:
    """The changed rows of a valid formset as services.manage.RowChange."""
    from samverkan.programmes.services.manage import RowChange

    rows = []
    for form in formset.forms:
        if not form.has_changed() and form.instance.pk is None:
            continue
        delete = bool(formset.can_delete and form.cleaned_data.get("DELETE"))
        if delete and form.instance.pk is None:
            continue
        if not delete and form.instance.pk is not None and not form.has_changed():
            continue
        data = {k: v for k, v in form.cleaned_data.items() if k not in {"id", "DELETE"}}
        rows.append(
            RowChange(
                instance=form.instance if form.instance.pk else None, data=data, delete=delete
            )
        )
    return rows
