"""The public booking form (with its date and participant formsets) and operator forms."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pycountry
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from samverkan.visits.models import BookingGoal, BookingPage, FocusArea

MAX_PARTICIPANTS = 200
MAX_DATE_RANGES = 10


def country_choices() -> list[tuple[str, str]]:
    countries = sorted(
        ((country.alpha_2, country.name) for country in pycountry.countries), key=lambda c: c[1]
    )
    return [("", "—"), *countries]


class LocalizedModelChoiceMixin:
    def label_from_instance(self, obj) -> str:
        return str(obj)


class GoalField(LocalizedModelChoiceMixin, forms.ModelChoiceField):
    pass


class FocusAreasField(LocalizedModelChoiceMixin, forms.ModelMultipleChoiceField):
    pass


class BookingForm(forms.Form):
    goal = GoalField(
        label=_("1. Choose one of your main goals for the visit"),
        queryset=BookingGoal.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        to_field_name="code",
        error_messages={"required": _("Choose the main goal of your visit.")},
    )
    purpose = forms.CharField(
        label=_("2. Describe the purpose of the visit further"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        error_messages={"required": _("Describe the purpose of your visit.")},
    )
    focus_areas = FocusAreasField(
        label=_("3. Focus area(s) of the visit"),
        queryset=FocusArea.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        to_field_name="code",
        error_messages={"required": _("Choose at least one focus area.")},
    )
    focus_explanation = forms.CharField(
        label=_("4. Explain your focus areas"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        required=False,
    )
    wants_company_meetings = forms.TypedChoiceField(
        label=_("5. Are you interested in meeting companies?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Tell us whether you want to meet companies.")},
    )
    company_wishes = forms.CharField(
        label=_("If so, what kind of companies?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        required=False,
    )
    special_wishes = forms.CharField(
        label=_("6. Special wishes"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        required=False,
    )
    expected_participants = forms.IntegerField(
        label=_("8. Expected number of participants"),
        min_value=1,
        max_value=MAX_PARTICIPANTS,
        error_messages={
            "required": _("Enter the expected number of participants."),
            "min_value": _("At least one person must take part in the visit."),
            "max_value": _("At most %(limit_value)s participants can be booked here."),
            "invalid": _("Enter a whole number."),
        },
    )
    participant_note = forms.CharField(
        label=_("If the list does not match the number, explain why"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
    )
    organiser_name = forms.CharField(
        label=_("Name"),
        max_length=200,
        error_messages={"required": _("Enter the organiser's name.")},
    )
    organiser_email = forms.EmailField(
        label=_("E-mail"),
        error_messages={
            "required": _("Enter the organiser's e-mail address."),
            "invalid": _("Enter a valid e-mail address, like name@example.org."),
        },
    )
    organiser_message = forms.CharField(
        label=_("Message"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        required=False,
    )
    costs_acknowledged = forms.BooleanField(
        label=_("I understand that the visitors pay all their own costs."),
        error_messages={"required": _("Confirm that you have read the notice about costs.")},
    )
    privacy_consent = forms.BooleanField(
        label=_("I agree that the data in this form is stored as the privacy notice describes."),
        error_messages={"required": _("Agree to the privacy notice to send the request.")},
    )
    # Honeypot: invisible to people, tempting to bots.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(self, *args, page: BookingPage, **kwargs):
        super().__init__(*args, **kwargs)
        self.page = page
        self.fields["goal"].queryset = page.goals.all()
        self.fields["focus_areas"].queryset = page.focus_areas.all()
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        self.fields["organiser_email"].widget.attrs["autocomplete"] = "email"
        self.fields["organiser_name"].widget.attrs["autocomplete"] = "name"

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get(self.add_prefix("website")))


class DateRangeForm(forms.Form):
    start = forms.DateField(
        label=_("From"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": _("Enter the first date."), "invalid": _("Enter a date.")},
    )
    end = forms.DateField(
        label=_("To"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": _("Enter the last date."), "invalid": _("Enter a date.")},
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        today = timezone.localdate()
        if start and start <= today:
            self.add_error("start", _("Preferred dates must be in the future."))
        if start and end and end < start:
            self.add_error("end", _("The last date cannot be before the first date."))
        return cleaned


class BaseDateRangeFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        filled = [f for f in self.forms if f.has_changed() and not self._should_delete_form(f)]
        if not filled:
            raise ValidationError(_("Enter at least one preferred date range."), code="required")


DateRangeFormSet = forms.formset_factory(
    DateRangeForm,
    formset=BaseDateRangeFormSet,
    extra=1,
    max_num=MAX_DATE_RANGES,
    validate_max=True,
    absolute_max=MAX_DATE_RANGES,
    can_delete=True,
)


class ParticipantForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    country = forms.ChoiceField(label=_("Country"), choices=country_choices, required=False)
    email = forms.EmailField(
        label=_("E-mail (optional)"),
        required=False,
        error_messages={"invalid": _("Enter a valid e-mail address, like name@example.org.")},
    )


ParticipantFormSet = forms.formset_factory(
    ParticipantForm,
    extra=1,
    max_num=MAX_PARTICIPANTS,
    validate_max=True,
    absolute_max=MAX_PARTICIPANTS,
    can_delete=True,
)


@dataclass
class BookingData:
    """Validated answers, ready for `visit_request_submit`."""

    goal: BookingGoal
    purpose: str
    focus_areas: list[FocusArea]
    focus_explanation: str
    wants_company_meetings: bool
    company_wishes: str
    special_wishes: str
    expected_participants: int
    participant_note: str
    organiser_name: str
    organiser_email: str
    organiser_message: str
    dates: list[tuple[date, date]] = field(default_factory=list)
    participants: list[dict] = field(default_factory=list)


class BookingSubmission:
    """The main form plus both formsets, validated together."""

    def __init__(self, data=None, *, page: BookingPage):
        self.page = page
        self.form = BookingForm(data, page=page)
        self.dates = DateRangeFormSet(data, prefix="dates")
        self.participants = ParticipantFormSet(data, prefix="participants")

    @property
    def is_spam(self) -> bool:
        return self.form.is_spam

    def _filled(self, formset) -> list[dict]:
        return [
            f.cleaned_data
            for f in formset.forms
            if f.has_changed() and not formset._should_delete_form(f) and f.cleaned_data
        ]

    def is_valid(self) -> bool:
        valid = all([self.form.is_valid(), self.dates.is_valid(), self.participants.is_valid()])
        if not valid:
            return False
        listed = len(self._filled(self.participants))
        expected = self.form.cleaned_data["expected_participants"]
        if listed != expected and not self.form.cleaned_data["participant_note"].strip():
            self.form.add_error(
                "participant_note",
                ngettext(
                    "The participant list has %(listed)s person but you expect %(expected)s. "
                    "Complete the list or explain the difference.",
                    "The participant list has %(listed)s people but you expect %(expected)s. "
                    "Complete the list or explain the difference.",
                    listed,
                )
                % {"listed": listed, "expected": expected},
            )
            return False
        return True

    def suppress_errors(self) -> None:
        """Show the bound data without error messages (after "add a row")."""
        from django.forms.utils import ErrorDict, ErrorList

        for formset in (self.dates, self.participants):
            formset.full_clean()
            formset._non_form_errors = ErrorList()
            formset._errors = [ErrorDict() for _form in formset.forms]
            for form in formset.forms:
                form._errors = ErrorDict()
        self.form.full_clean()
        self.form._errors = ErrorDict()

    def error_summary(self) -> list[tuple[str, str]]:
        """(field id, message) pairs for the summary at the top of the form."""
        summary: list[tuple[str, str]] = []
        for name, messages in self.form.errors.items():
            anchor = self.form[name].auto_id if name in self.form.fields else "booking-form"
            if name in ("goal", "focus_areas", "wants_company_meetings"):
                anchor = f"{anchor}_0"
            summary += [(anchor, message) for message in messages]
        for formset, anchor in ((self.dates, "dates"), (self.participants, "participants")):
            summary += [(anchor, message) for message in formset.non_form_errors()]
            for form in formset.forms:
                for name, messages in form.errors.items():
                    target = form[name].auto_id if name in form.fields else anchor
                    summary += [(target, message) for message in messages]
        return summary

    def errors_by_field(self) -> dict[str, list[str]]:
        """Errors keyed by field path (`organiser_email`, `dates.0.start`, `participants`)."""
        errors: dict[str, list[str]] = {}
        for name, messages in self.form.errors.items():
            errors[name if name != "__all__" else "form"] = list(messages)
        for prefix, formset in (("dates", self.dates), ("participants", self.participants)):
            if formset.non_form_errors():
                errors[prefix] = list(formset.non_form_errors())
            for index, form_errors in enumerate(formset.errors):
                for name, messages in form_errors.items():
                    errors[f"{prefix}.{index}.{name}"] = list(messages)
        return errors

    def to_data(self) -> BookingData:
        cleaned = self.form.cleaned_data
        return BookingData(
            goal=cleaned["goal"],
            purpose=cleaned["purpose"].strip(),
            focus_areas=list(cleaned["focus_areas"]),
            focus_explanation=cleaned["focus_explanation"].strip(),
            wants_company_meetings=cleaned["wants_company_meetings"],
            company_wishes=cleaned["company_wishes"].strip(),
            special_wishes=cleaned["special_wishes"].strip(),
            expected_participants=cleaned["expected_participants"],
            participant_note=cleaned["participant_note"].strip(),
            organiser_name=cleaned["organiser_name"].strip(),
            organiser_email=cleaned["organiser_email"].strip().lower(),
            organiser_message=cleaned["organiser_message"].strip(),
            dates=[(row["start"], row["end"]) for row in self._filled(self.dates)],
            participants=[
                {
                    key: row.get(key, "")
                    for key in ("name", "organisation", "title", "country", "email")
                }
                for row in self._filled(self.participants)
            ],
        )


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How useful was the visit for you?"),
        choices=[(str(n), str(n)) for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
        help_text=_("1 = not useful, 5 = very useful"),
    )
    would_continue = forms.TypedChoiceField(
        label=_("Would you like to continue the contacts you made?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    comments = forms.CharField(
        label=_("Comments"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
