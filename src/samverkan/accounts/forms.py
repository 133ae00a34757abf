"""Forms for signing in, preferences, invitations and API tokens."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from samverkan.accounts import services
from samverkan.accounts.models import TIME_ZONE_CHOICES, MembershipRole, User


class LoginForm(AuthenticationForm):
    """E-mail and password, refusing further tries after too many failures."""

    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("The e-mail address or password is not correct."),
        "rate_limited": _(
            "Too many failed attempts. Wait %(minutes)s minutes or reset your password."
        ),
    }

    def clean(self):
        email = (self.cleaned_data.get("username") or "").lower()
        ip_address = self.request.META.get("REMOTE_ADDR") if self.request else None
        if email and services.login_is_rate_limited(email=email, ip_address=ip_address):
            raise ValidationError(
                self.error_messages["rate_limited"],
                code="rate_limited",
                params={"minutes": settings.LOGIN_RATE_WINDOW_SECONDS // 60},
            )
        try:
            cleaned = super().clean()
        except ValidationError:
            if email:
                services.login_attempt_record(email=email, ip_address=ip_address, succeeded=False)
            raise
        services.login_attempt_record(email=email, ip_address=ip_address, succeeded=True)
        return cleaned


class PreferencesForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=255, required=False)
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        choices=TIME_ZONE_CHOICES,
        help_text=_("Dates and times are shown in this time zone unless an event has its own."),
    )


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(label=_("Role"), choices=MembershipRole.choices)


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, e.g. 'CRM sync'."),
    )


class SignupFromInvitationForm(forms.Form):
    """Creates an account for an invited person who has none yet."""

    full_name = forms.CharField(label=_("Full name"), max_length=255)
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("The two passwords do not match."))
        elif password1:
            try:
                password_validation.validate_password(
                    password1, User(email=self.email, full_name=cleaned.get("full_name", ""))
                )
            except ValidationError as error:
                self.add_error("password1", error)
        return cleaned
