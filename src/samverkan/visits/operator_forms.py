"""Forms used by programme staff and hosts."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from samverkan.catalog.models import Organisation
from samverkan.visits.forms import country_choices
from samverkan.visits.models import HostInvitation, ItemKind, VisitStatus


class FilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All")), *VisitStatus.choices], required=False
    )


class TransitionForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=VisitStatus.choices)
    reason = forms.CharField(
        label=_("Reason (sent to the organiser when declining or cancelling)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    comment = forms.CharField(
        label=_("Internal comment"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(
        label=_("Assigned to"), queryset=None, required=False, empty_label=_("Nobody")
    )

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = staff


class CommentForm(forms.Form):
    body = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 2}))


class InviteHostForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.all(), to_field_name="slug"
    )
    message = forms.CharField(
        label=_("Message to the host"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class HostResponseForm(forms.Form):
    accept = forms.TypedChoiceField(
        label=_("Can you receive the delegation?"),
        choices=[("yes", _("Yes, we can host them")), ("no", _("No, we cannot"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    windows = forms.CharField(
        label=_("Available times"),
        help_text=_("One time window per line: 2026-05-12 09:00-12:00"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, tz, **kwargs):
        super().__init__(*args, **kwargs)
        self.tz = tz

    def clean_windows(self):
        from datetime import datetime

        windows = []
        for number, line in enumerate(self.cleaned_data["windows"].splitlines(), start=1):
            line = line.strip()
            if not line:
                continue
            try:
                day, times = line.split()
                start_text, end_text = times.split("-")
                start = datetime.fromisoformat(f"{day}T{start_text}").replace(tzinfo=self.tz)
                end = datetime.fromisoformat(f"{day}T{end_text}").replace(tzinfo=self.tz)
            except ValueError as exc:
                raise ValidationError(
                    _("Line %(number)s is not like 2026-05-12 09:00-12:00.") % {"number": number}
                ) from exc
            if end <= start:
                raise ValidationError(
                    _("Line %(number)s ends before it starts.") % {"number": number}
                )
            windows.append((start, end))
        return windows

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("accept") and not cleaned.get("windows") and not self.errors:
            self.add_error("windows", _("Give at least one time when you can receive them."))
        return cleaned


class ItineraryItemForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ItemKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    start = forms.DateTimeField(
        label=_("Start"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    end = forms.DateTimeField(
        label=_("End"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    location = forms.CharField(label=_("Location"), max_length=255, required=False)
    host = forms.ModelChoiceField(
        label=_("Host"), queryset=HostInvitation.objects.none(), required=False
    )
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, visit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["host"].queryset = visit.hosts.select_related("organisation")
        self.fields["host"].label_from_instance = lambda host: host.organisation.name

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("start") and cleaned.get("end") and cleaned["end"] <= cleaned["start"]:
            self.add_error("end", _("The item must end after it starts."))
        return cleaned


class OutcomeForm(forms.Form):
    meetings_held = forms.IntegerField(label=_("Meetings held"), min_value=0)
    leads = forms.IntegerField(label=_("Leads"), min_value=0)
    opportunities = forms.CharField(
        label=_("Business opportunities by country"),
        help_text=_("One country per line: the two-letter code and the number, e.g. BR 2"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def clean_opportunities(self):
        codes = {code for code, _name in country_choices() if code}
        rows = []
        for number, line in enumerate(self.cleaned_data["opportunities"].splitlines(), start=1):
            parts = line.split()
            if not parts:
                continue
            if len(parts) != 2 or parts[0].upper() not in codes or not parts[1].isdigit():
                raise ValidationError(_("Line %(number)s is not like “BR 2”.") % {"number": number})
            rows.append((parts[0].upper(), int(parts[1]), ""))
        return rows


class DelegationEventForm(forms.Form):
    """Register chosen delegation members (with an e-mail address) at an open event."""

    event = forms.ModelChoiceField(label=_("Event"), queryset=None, empty_label=None)
    members = forms.ModelMultipleChoiceField(
        label=_("Members of the delegation"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one member of the delegation.")},
    )

    def __init__(self, *args, visit, events, **kwargs):
        super().__init__(*args, **kwargs)
        from samverkan.events.models import Event

        self.fields["event"].queryset = Event.objects.filter(pk__in=[e.pk for e in events])
        coinciding = {event.pk for event in events if event.coincides}
        during = str(_("on the dates of the visit"))
        self.fields["event"].label_from_instance = lambda event: (
            f"{event.name} ({event.start_date:%Y-%m-%d})"
            + (f" \N{EM DASH} {during}" if event.pk in coinciding else "")
        )
        self.fields["members"].queryset = visit.participants.exclude(email="")
        self.fields["members"].label_from_instance = lambda member: (
            f"#{member.position} {member.name}"
            + (f", {member.organisation}" if member.organisation else "")
        )
