"""Sign-in, preferences, members and invitations, API tokens. Thin: forms and services."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from rules.contrib.views import objectgetter

from samverkan.accounts import forms, selectors, services
from samverkan.accounts.models import ApiToken, Membership, User
from samverkan.catalog.models import Organisation
from samverkan.common.permissions import PUBLIC, permission_required, public


def _set_language_cookie(response: HttpResponse, language: str) -> HttpResponse:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=365 * 24 * 3600,
        samesite="Lax",
        secure=not settings.DEBUG,
    )
    return response


class LoginView(auth_views.LoginView):
    required_permission = PUBLIC
    form_class = forms.LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        translation.activate(form.get_user().language)
        return _set_language_cookie(response, form.get_user().language)


class LogoutView(auth_views.LogoutView):
    required_permission = PUBLIC


class PasswordResetView(auth_views.PasswordResetView):
    required_permission = PUBLIC
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password-reset-done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    required_permission = PUBLIC
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    required_permission = PUBLIC
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password-reset-complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    required_permission = PUBLIC
    template_name = "accounts/password_reset_complete.html"


@public
@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch the interface language; saved on the profile for signed-in users."""
    language = request.POST.get("language", "")
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    next_url = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    if request.user.is_authenticated and request.user.language != language:
        request.user.language = language
        request.user.save(update_fields=["language"])
    translation.activate(language)
    return _set_language_cookie(HttpResponseRedirect(next_url), language)


@permission_required("accounts.change_own_preferences")
def preferences(request: HttpRequest) -> HttpResponse:
    user: User = request.user
    initial = {"full_name": user.full_name, "language": user.language, "time_zone": user.time_zone}
    form = forms.PreferencesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.user_update_preferences(user=user, **form.cleaned_data)
        translation.activate(user.language)
        messages.success(request, _("Your preferences were saved."))
        return _set_language_cookie(redirect("accounts:preferences"), user.language)
    return render(request, "accounts/preferences.html", {"form": form})


@permission_required(
    "accounts.view_members", fn=objectgetter(Organisation, "slug", "slug"), raise_exception=True
)
def organisation_members(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug)
    can_manage = request.user.has_perm("accounts.manage_members", organisation)
    form = forms.InvitationForm(request.POST or None)
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.invitation_create(
                    actor=request.user, organisation=organisation, **form.cleaned_data
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("An invitation was sent to %(email)s.")
                    % {"email": form.cleaned_data["email"]},
                )
                return redirect("accounts:organisation-members", slug=slug)
    context = {
        "organisation": organisation,
        "memberships": selectors.membership_list_for_organisation(organisation=organisation),
        "invitations": selectors.invitation_list_open(organisation=organisation)
        if can_manage
        else [],
        "form": form,
        "can_manage": can_manage,
    }
    return render(request, "accounts/organisation_members.html", context)


@require_POST
@permission_required("accounts.view_dashboard")
def membership_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    membership = get_object_or_404(
        Membership.objects.select_related("organisation", "user"), pk=pk, organisation__slug=slug
    )
    if not request.user.has_perm("accounts.manage_members", membership.organisation):
        raise PermissionDenied
    try:
        services.membership_remove(actor=request.user, membership=membership)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(user)s was removed.") % {"user": membership.user})
    return redirect("accounts:organisation-members", slug=slug)


@public
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """Accept an invitation: sign in as the invited address, or create that account."""
    try:
        invitation = services.invitation_get_open(token=token)
    except ValidationError as error:
        return render(
            request, "accounts/invitation_invalid.html", {"errors": error.messages}, status=410
        )
    if request.user.is_authenticated:
        if request.method == "POST":
            try:
                services.invitation_accept(token=token, user=request.user)
            except PermissionDenied as error:
                messages.error(request, str(error))
                return redirect("web:dashboard")
            messages.success(
                request,
                _("You are now a member of %(organisation)s.")
                % {"organisation": invitation.organisation},
            )
            return redirect(invitation.organisation.get_absolute_url())
        return render(request, "accounts/invitation_accept.html", {"invitation": invitation})

    existing = User.objects.filter(email__iexact=invitation.email).exists()
    if existing:
        messages.info(request, _("Sign in as %(email)s to accept.") % {"email": invitation.email})
        login_url = reverse("accounts:login")
        return redirect(f"{login_url}?next={request.path}")
    form = forms.SignupFromInvitationForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        user = services.user_create(
            email=invitation.email,
            password=form.cleaned_data["password1"],
            full_name=form.cleaned_data["full_name"],
            language=translation.get_language() or settings.LANGUAGE_CODE,
        )
        services.invitation_accept(token=token, user=user)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welcome to samverkan."))
        return redirect("web:dashboard")
    return render(
        request, "accounts/invitation_signup.html", {"invitation": invitation, "form": form}
    )


@permission_required("accounts.manage_api_tokens")
def api_tokens(request: HttpRequest) -> HttpResponse:
    form = forms.ApiTokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        _token, secret = services.api_token_create(
            user=request.user, name=form.cleaned_data["name"]
        )
        form = forms.ApiTokenForm()
    context = {
        "form": form,
        "secret": secret,
        "tokens": selectors.api_token_list(user=request.user),
    }
    return render(request, "accounts/api_tokens.html", context)


@require_POST
@permission_required("accounts.manage_api_tokens")
def api_token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    services.api_token_revoke(actor=request.user, token=token)
    messages.success(request, _("The token “%(name)s” was revoked.") % {"name": token.name})
    return redirect("accounts:api-tokens")
