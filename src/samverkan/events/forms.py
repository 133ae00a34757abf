"""Forms of the events pages. Validation beyond field types happens in the services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from samverkan.catalog.models import Organisation
from samverkan.events.models import Event, Table


class DateInput(forms.DateInput):
    input_type = "date"


class TimeInput(forms.TimeInput):
    input_type = "time"


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"


class EventForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = [
            "name",
            "description",
            "venue",
            "time_zone",
            "start_date",
            "end_date",
            "registration_opens_at",
            "registration_closes_at",
            "registration_mode",
            "allowed_organisations",
            "languages",
            "request_quota",
            "request_expiry_minutes",
            "auto_accept",
            "fairness",
            "followup_months",
            "organiser",
            "co_organisers",
        ]
        widgets = {
            "start_date": DateInput,
            "end_date": DateInput,
            "registration_opens_at": DateTimeInput,
            "registration_closes_at": DateTimeInput,
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = Organisation.objects.exclude(kind="company").order_by("name")
        self.fields["organiser"].queryset = organisations
        self.fields["co_organisers"].queryset = organisations
        self.fields["allowed_organisations"].queryset = Organisation.objects.order_by("name")
        self.fields["allowed_organisations"].required = False
        self.fields["co_organisers"].required = False


class SessionForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100, required=False)
    date = forms.DateField(label=_("Date"), widget=DateInput)
    start_time = forms.TimeField(label=_("Starts"), widget=TimeInput)
    end_time = forms.TimeField(label=_("Ends"), widget=TimeInput)
    meeting_minutes = forms.IntegerField(
        label=_("Meeting length (minutes)"), min_value=5, initial=20
    )
    break_minutes = forms.IntegerField(
        label=_("Break between meetings (minutes)"), min_value=0, initial=5
    )


class TablesForm(forms.Form):
    count = forms.IntegerField(label=_("Number of tables"), min_value=1, max_value=1000, initial=10)
    capacity = forms.IntegerField(label=_("Seats per table"), min_value=2, initial=4)
    kind = forms.CharField(label=_("Type (optional)"), max_length=50, required=False)
    name_prefix = forms.CharField(label=_("Name prefix (optional)"), max_length=50, required=False)


class RegistrationForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none()
    )
    users = forms.MultipleChoiceField(
        label=_("People to register"), widget=forms.CheckboxSelectMultiple, choices=()
    )
    offer = forms.CharField(
        label=_("We offer"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    need = forms.CharField(
        label=_("We look for"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, organisations, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["users"].choices = people


class ProfileForm(forms.Form):
    offer = forms.CharField(
        label=_("We offer"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    need = forms.CharField(
        label=_("We look for"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    available_slots = forms.MultipleChoiceField(
        label=_("I am available in these slots"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        choices=(),
    )

    def __init__(self, *args, slots, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["available_slots"].choices = [(str(s.pk), str(s)) for s in slots]


class RequestForm(forms.Form):
    message = forms.CharField(
        label=_("Message"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
        help_text=_("Why would you like to meet?"),
    )


class MeetingCreateForm(forms.Form):
    participant_a = forms.ModelChoiceField(label=_("Participant"), queryset=None)
    participant_b = forms.ModelChoiceField(label=_("Meets"), queryset=None)

    def __init__(self, *args, participants, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participant_a"].queryset = participants
        self.fields["participant_b"].queryset = participants


class FixForm(forms.Form):
    slot = forms.ModelChoiceField(label=_("Time slot"), queryset=None)
    table = forms.ModelChoiceField(label=_("Table"), queryset=None)

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"].queryset = event.slots.select_related("event").order_by("starts_at")
        self.fields["table"].queryset = Table.objects.filter(event=event)


class RunForm(forms.Form):
    method = forms.ChoiceField(
        label=_("Method"),
        choices=[
            ("auto", _("Optimal schedule (minimises waiting time)")),
            ("greedy", _("Quick schedule (first free slot)")),
        ],
        initial="auto",
    )
    time_limit = forms.IntegerField(
        label=_("Time limit (seconds)"), min_value=5, max_value=600, initial=45
    )


YES_NO = [("", _("—")), ("yes", _("Yes")), ("no", _("No"))]


class FeedbackForm(forms.Form):
    held = forms.TypedChoiceField(
        label=_("Did the meeting take place?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    rating = forms.TypedChoiceField(
        label=_("How useful was it? (1–5)"),  # noqa: RUF001
        choices=[("", _("—"))] + [(str(i), str(i)) for i in range(1, 6)],
        coerce=int,
        empty_value=None,
        required=False,
    )
    follow_up_interest = forms.BooleanField(label=_("We want to follow up"), required=False)
    would_continue = forms.TypedChoiceField(
        label=_("Would you take part in such an event again?"),
        choices=YES_NO,
        coerce=lambda v: v == "yes",
        empty_value=None,
        required=False,
    )
    opportunity = forms.BooleanField(label=_("A business opportunity came up"), required=False)
    opportunity_country = forms.CharField(
        label=_("Opportunity country (ISO code)"), max_length=2, required=False
    )
    opportunity_value = forms.DecimalField(
        label=_("Estimated value"), max_digits=14, decimal_places=2, required=False
    )
    opportunity_currency = forms.CharField(
        label=_("Currency"), max_length=3, required=False, initial="EUR"
    )
    comment = forms.CharField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class FollowUpForm(forms.Form):
    contract = forms.TypedChoiceField(
        label=_("Did a contract result from the meeting?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    contract_country = forms.CharField(
        label=_("Contract country (ISO code)"), max_length=2, required=False
    )
    contract_value = forms.DecimalField(
        label=_("Contract value"), max_digits=14, decimal_places=2, required=False
    )
    contract_currency = forms.CharField(
        label=_("Currency"), max_length=3, required=False, initial="EUR"
    )
    comment = forms.CharField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
