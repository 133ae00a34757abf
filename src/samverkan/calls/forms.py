"""Forms of the calls app. They validate input; services do the writing."""

from __future__ import annotations

import zoneinfo

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverkan.accounts.models import TIME_ZONE_CHOICES
from samverkan.calls import reference
from samverkan.calls.models import OfferingKind, Outcome, QuestionKind, Stage
from samverkan.catalog.models import Organisation, OrganisationKind

LOCAL_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _local(moment, zone_name: str):
    return timezone.localtime(moment, zoneinfo.ZoneInfo(zone_name)).replace(tzinfo=None)


class CallForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    organiser = forms.ModelChoiceField(label=_("Organiser"), queryset=Organisation.objects.all())
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False)
    eligibility = forms.CharField(
        label=_("Eligibility criteria"), widget=forms.Textarea, required=False
    )
    time_zone = forms.ChoiceField(
        label=_("Time zone of the call"),
        choices=TIME_ZONE_CHOICES,
        initial=settings.TIME_ZONE,
        help_text=_("Opening and closing times below are in this time zone."),
    )
    opens_at = forms.DateTimeField(label=_("Opens"), widget=LOCAL_INPUT)
    closes_at = forms.DateTimeField(label=_("Closes (deadline)"), widget=LOCAL_INPUT)
    is_two_stage = forms.BooleanField(
        label=_("Two-stage call: a concept note first"), required=False
    )
    concept_closes_at = forms.DateTimeField(
        label=_("Concept note deadline"), widget=LOCAL_INPUT, required=False
    )
    budget = forms.DecimalField(
        label=_("Budget"), max_digits=14, decimal_places=2, min_value=0, required=False
    )
    currency = forms.ChoiceField(
        label=_("Currency"), choices=[("SEK", "SEK"), ("EUR", "EUR")], initial="SEK"
    )
    eligible_kinds = forms.MultipleChoiceField(
        label=_("Organisation kinds that may apply"),
        choices=OrganisationKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("None ticked: every kind may apply."),
    )
    eligible_countries = forms.CharField(
        label=_("Countries that may apply"),
        required=False,
        help_text=_("Two-letter codes separated by commas, e.g. SE, FI. Empty: any country."),
    )
    reviewers_per_application = forms.IntegerField(
        label=_("Reviewers per application"), min_value=1, max_value=20, initial=3
    )

    def __init__(self, *args, call=None, **kwargs):
        if call is not None:
            kwargs.setdefault(
                "initial",
                {
                    "title": call.title,
                    "organiser": call.organiser_id,
                    "description": call.description,
                    "eligibility": call.eligibility,
                    "time_zone": call.time_zone,
                    "opens_at": _local(call.opens_at, call.time_zone),
                    "closes_at": _local(call.closes_at, call.time_zone),
                    "is_two_stage": call.is_two_stage,
                    "concept_closes_at": call.concept_closes_at
                    and _local(call.concept_closes_at, call.time_zone),
                    "budget": call.budget,
                    "currency": call.currency,
                    "eligible_kinds": call.eligible_kinds,
                    "eligible_countries": ", ".join(call.eligible_countries),
                    "reviewers_per_application": call.reviewers_per_application,
                },
            )
        super().__init__(*args, **kwargs)

    def clean_eligible_countries(self) -> list[str]:
        raw = self.cleaned_data["eligible_countries"]
        codes = [code.strip().upper() for code in raw.replace(";", ",").split(",") if code.strip()]
        bad = [code for code in codes if len(code) != 2 or not code.isalpha()]
        if bad:
            raise forms.ValidationError(
                _("Not a two-letter country code: %(codes)s"), params={"codes": ", ".join(bad)}
            )
        return codes

    def clean(self):
        data = super().clean()
        zone_name = data.get("time_zone")
        if not zone_name:
            return data
        zone = zoneinfo.ZoneInfo(zone_name)
        # The browser sends wall-clock times; they mean the call's own time zone.
        for name in ("opens_at", "closes_at", "concept_closes_at"):
            if data.get(name):
                naive = timezone.make_naive(data[name])
                data[name] = timezone.make_aware(naive, zone)
        return data


def _lines(value: str) -> list[str]:
    return [line.strip() for line in value.splitlines() if line.strip()]


class QuestionForm(forms.Form):
    stage = forms.ChoiceField(label=_("Stage"), choices=Stage.choices, initial=Stage.FULL)
    label = forms.CharField(label=_("Question"), max_length=500)
    help_text = forms.CharField(label=_("Help text"), max_length=500, required=False)
    kind = forms.ChoiceField(label=_("Type"), choices=QuestionKind.choices)
    required = forms.BooleanField(label=_("Required"), required=False, initial=True)
    choices = forms.CharField(
        label=_("Options"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("For choice questions: one option per line."),
    )
    max_length = forms.IntegerField(label=_("Maximum length"), min_value=1, required=False)
    min_value = forms.DecimalField(label=_("Minimum"), required=False)
    max_value = forms.DecimalField(label=_("Maximum"), required=False)
    allowed_extensions = forms.CharField(
        label=_("Allowed file types"),
        required=False,
        help_text=_("For file questions: extensions separated by commas, e.g. pdf, docx."),
    )
    max_file_size_mb = forms.IntegerField(
        label=_("Maximum file size (MB)"), min_value=1, max_value=50, initial=5
    )

    def clean_choices(self) -> list[str]:
        return _lines(self.cleaned_data["choices"])

    def clean_allowed_extensions(self) -> list[str]:
        raw = self.cleaned_data["allowed_extensions"]
        return [ext.strip() for ext in raw.split(",") if ext.strip()]


class CriterionForm(forms.Form):
    name = forms.CharField(label=_("Criterion"), max_length=255)
    description = forms.CharField(label=_("Guidance"), required=False, widget=forms.Textarea)
    weight = forms.DecimalField(
        label=_("Weight"), min_value=0.01, max_digits=5, decimal_places=2, initial=1
    )
    scale_min = forms.IntegerField(label=_("Lowest score"), min_value=0, initial=1)
    scale_max = forms.IntegerField(label=_("Highest score"), min_value=1, initial=5)


class TranslationForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    title = forms.CharField(label=_("Title"), max_length=255)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False)
    eligibility = forms.CharField(
        label=_("Eligibility criteria"), widget=forms.Textarea, required=False
    )


class ApplyForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Apply on behalf of"), queryset=Organisation.objects.none()
    )
    title = forms.CharField(label=_("Project title"), max_length=255)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            memberships__user=user
        ).distinct()


def answers_form_class(questions, *, call) -> type[forms.Form]:
    """A Django form with one field per question; validation proper is answers_clean."""
    fields: dict[str, forms.Field] = {}
    for question in questions:
        common = {
            "label": question.label,
            "help_text": question.help_text,
            "required": False,  # completeness is checked on submit, not on saving a draft
        }
        kind = question.kind
        if kind == QuestionKind.TEXT:
            field = forms.CharField(**common)
        elif kind == QuestionKind.LONG_TEXT:
            field = forms.CharField(widget=forms.Textarea, **common)
        elif kind == QuestionKind.NUMBER:
            field = forms.CharField(
                widget=forms.TextInput(attrs={"inputmode": "decimal"}), **common
            )
        elif kind == QuestionKind.CHOICE:
            field = forms.ChoiceField(
                choices=[("", "—")] + [(c, c) for c in question.choices], **common
            )
        elif kind == QuestionKind.MULTIPLE_CHOICE:
            field = forms.MultipleChoiceField(
                choices=[(c, c) for c in question.choices],
                widget=forms.CheckboxSelectMultiple,
                **common,
            )
        elif kind == QuestionKind.REGION:
            field = forms.ChoiceField(
                choices=[("", "—"), *reference.region_choices(call.eligible_countries)], **common
            )
        elif kind == QuestionKind.SECTOR:
            field = forms.ChoiceField(choices=[("", "—"), *reference.sector_choices()], **common)
        else:
            accept = ",".join(f".{ext}" for ext in question.allowed_extensions)
            common["help_text"] = (
                f"{question.help_text} "
                + str(_("Accepted: %(types)s, at most %(size)s MB."))
                % {
                    "types": ", ".join(question.allowed_extensions),
                    "size": question.max_file_size_mb,
                }
            ).strip()
            field = forms.FileField(
                widget=forms.ClearableFileInput(attrs={"accept": accept}), **common
            )
        if question.required:
            field.label = f"{question.label} *"
        fields[question.key] = field
    return type("AnswersForm", (forms.Form,), fields)


class MessageForm(forms.Form):
    message = forms.CharField(label=_("Message to the applicant"), widget=forms.Textarea)


class ReviewerAddForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the reviewer"))


class ConflictForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none()
    )
    reason = forms.CharField(label=_("Reason"), max_length=500)

    def __init__(self, *args, call, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            call_applications__call=call
        ).distinct()


class AssignForm(forms.Form):
    application = forms.ChoiceField(label=_("Application"))
    reviewer = forms.ChoiceField(label=_("Reviewer"))

    def __init__(self, *args, applications, reviewers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["application"].choices = [(a.pk, a.organisation.name) for a in applications]
        self.fields["reviewer"].choices = [(r.pk, str(r.user)) for r in reviewers]


def review_form_class(criteria) -> type[forms.Form]:
    fields: dict[str, forms.Field] = {}
    for criterion in criteria:
        fields[f"criterion_{criterion.pk}"] = forms.TypedChoiceField(
            label=f"{criterion.name} (weight {criterion.weight.normalize()})",
            help_text=criterion.description,
            choices=[("", "—")]
            + [(n, n) for n in range(criterion.scale_min, criterion.scale_max + 1)],
            coerce=int,
            required=False,
        )
        fields[f"comment_{criterion.pk}"] = forms.CharField(
            label=_("Comment on “%(criterion)s”") % {"criterion": criterion.name},
            widget=forms.Textarea(attrs={"rows": 2}),
            required=False,
        )
    fields["comment"] = forms.CharField(
        label=_("Overall comment"), widget=forms.Textarea, required=False
    )
    return type("ReviewForm", (forms.Form,), fields)


class NoteForm(forms.Form):
    consulted = forms.CharField(label=_("Consulted body"), max_length=255)
    body = forms.CharField(label=_("Note"), widget=forms.Textarea)


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Decision"), choices=Outcome.choices)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea)


class CohortForm(forms.Form):
    name = forms.CharField(label=_("Name of the cohort"), max_length=255)


class OfferingForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=OfferingKind.choices)
    title = forms.CharField(label=_("Title"), max_length=255)
    starts_at = forms.DateTimeField(label=_("Starts"), widget=LOCAL_INPUT, required=False)
    event_id = forms.IntegerField(
        label=_("Event id in samverkan"),
        min_value=1,
        required=False,
        help_text=_("Optional: the event this offering is held as."),
    )


class AttachmentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    file = forms.FileField(
        label=_("File"), help_text=_("PDF, Word, Excel or OpenDocument; at most 10 MB.")
    )

    ALLOWED = {"pdf", "doc", "docx", "xls", "xlsx", "odt", "ods"}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
        if extension not in self.ALLOWED:
            raise forms.ValidationError(
                _("Files of type “%(ext)s” are not accepted here; use %(allowed)s."),
                params={"ext": extension or "?", "allowed": ", ".join(sorted(self.ALLOWED))},
            )
        if upload.size > 10 * 1024 * 1024:
            raise forms.ValidationError(_("The file is too large; the limit is 10 MB."))
        return upload


class FollowUpCallForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False)
    opens_at = forms.DateTimeField(label=_("Opens"), widget=LOCAL_INPUT)
    closes_at = forms.DateTimeField(label=_("Closes (deadline)"), widget=LOCAL_INPUT)
