"""Writes for users, memberships, invitations, API tokens and login attempts."""

from __future__ import annotations

import hashlib
import secrets
import zoneinfo
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samverkan.accounts.models import (
    ApiToken,
    Invitation,
    LoginAttempt,
    Membership,
    MembershipRole,
    User,
)
from samverkan.common.services import audit_log_record

TOKEN_PREFIX = "svk_"


def _sha256(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def user_create(
    *,
    email: str,
    password: str | None,
    full_name: str = "",
    language: str = settings.LANGUAGE_CODE,
    is_operator: bool = False,
    is_demo: bool = False,
) -> User:
    email = User.objects.normalize_email(email).lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": _("A user with this e-mail address already exists.")})
    user = User.objects.create_user(
        email=email,
        password=password,
        full_name=full_name,
        language=language,
        is_operator=is_operator,
        is_demo=is_demo,
    )
    audit_log_record(actor=None, action="accounts.user.create", target=user)
    return user


def user_update_preferences(*, user: User, language: str, time_zone: str, full_name: str) -> User:
    errors = {}
    if language not in dict(settings.LANGUAGES):
        errors["language"] = _("“%(value)s” is not a supported language.") % {"value": language}
    if time_zone not in zoneinfo.available_timezones():
        errors["time_zone"] = _("“%(value)s” is not a known time zone.") % {"value": time_zone}
    if len(full_name) > 255:
        errors["full_name"] = _("The name is too long (at most 255 characters).")
    if errors:
        raise ValidationError(errors)
    user.language = language
    user.time_zone = time_zone
    user.full_name = full_name
    user.save(update_fields=["language", "time_zone", "full_name"])
    audit_log_record(
        actor=user,
        action="accounts.user.preferences",
        target=user,
        data={"language": language, "time_zone": time_zone},
    )
    return user


def membership_set(
    *, actor: User | None, user: User, organisation, role: str = MembershipRole.MEMBER
) -> Membership:
    membership, created = Membership.objects.update_or_create(
        user=user, organisation=organisation, defaults={"role": role}
    )
    audit_log_record(
        actor=actor,
        action="accounts.membership.create" if created else "accounts.membership.update",
        target=organisation,
        data={"user": user.email, "role": role},
    )
    return membership


@transaction.atomic
def membership_remove(*, actor: User, membership: Membership) -> None:
    organisation = membership.organisation
    if membership.role == MembershipRole.OWNER:
        owners = Membership.objects.select_for_update().filter(
            organisation=organisation, role=MembershipRole.OWNER
        )
        if owners.count() <= 1:
            raise ValidationError(_("An organisation must keep at least one owner."))
    email = membership.user.email
    membership.delete()
    audit_log_record(
        actor=actor,
        action="accounts.membership.delete",
        target=organisation,
        data={"user": email},
    )


def invitation_create(
    *, actor: User, organisation, email: str, role: str = MembershipRole.MEMBER
) -> tuple[Invitation, str]:
    """Invite an e-mail address to an organisation; returns the invitation and its secret."""
    email = User.objects.normalize_email(email).lower()
    if Membership.objects.filter(organisation=organisation, user__email__iexact=email).exists():
        raise ValidationError({"email": _("This person is already a member.")})
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        organisation=organisation,
        email=email,
        role=role,
        token_hash=_sha256(token),
        invited_by=actor,
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    link = settings.SITE_URL + reverse("accounts:invitation-accept", kwargs={"token": token})
    existing = User.objects.filter(email__iexact=email).first()
    language = existing.language if existing else translation.get_language() or "en"
    with translation.override(language):
        context = {"invitation": invitation, "link": link, "inviter": actor}
        send_mail(
            subject=_("You are invited to join %(organisation)s on samverkan")
            % {"organisation": organisation.name},
            message=render_to_string("accounts/email/invitation.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[email],
        )
    audit_log_record(
        actor=actor,
        action="accounts.invitation.create",
        target=organisation,
        data={"email": email, "role": role},
    )
    return invitation, token


def invitation_get_open(*, token: str) -> Invitation:
    try:
        invitation = Invitation.objects.select_related("organisation").get(
            token_hash=_sha256(token)
        )
    except Invitation.DoesNotExist as exc:
        raise ValidationError(_("This invitation link is not valid.")) from exc
    if invitation.accepted_at is not None:
        raise ValidationError(_("This invitation has already been used."))
    if invitation.revoked_at is not None:
        raise ValidationError(_("This invitation was withdrawn."))
    if invitation.expires_at <= timezone.now():
        raise ValidationError(_("This invitation has expired. Ask for a new one."))
    return invitation


@transaction.atomic
def invitation_accept(*, token: str, user: User) -> Membership:
    invitation = invitation_get_open(token=token)
    if invitation.email.lower() != user.email.lower():
        raise PermissionDenied(_("This invitation was sent to another e-mail address."))
    membership = membership_set(
        actor=user, user=user, organisation=invitation.organisation, role=invitation.role
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership


def invitation_revoke(*, actor: User, invitation: Invitation) -> None:
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    audit_log_record(
        actor=actor,
        action="accounts.invitation.revoke",
        target=invitation.organisation,
        data={"email": invitation.email},
    )


def api_token_create(*, user: User, name: str, expires_at=None) -> tuple[ApiToken, str]:
    """Create a personal API token; the plain secret is returned once and never stored."""
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name or _("API token"),
        prefix=secret[: len(TOKEN_PREFIX) + 6],
        key_hash=_sha256(secret),
        expires_at=expires_at,
    )
    audit_log_record(actor=user, action="accounts.api_token.create", target=token)
    return token, secret


def api_token_revoke(*, actor: User, token: ApiToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_log_record(actor=actor, action="accounts.api_token.revoke", target=token)


def api_token_authenticate(*, secret: str) -> User | None:
    """The active user owning this token, or None. Updates last use at most once a minute."""
    if not secret or not secret.startswith(TOKEN_PREFIX):
        return None
    token = ApiToken.objects.select_related("user").filter(key_hash=_sha256(secret)).first()
    if token is None or not token.is_active or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def login_is_rate_limited(*, email: str, ip_address: str | None) -> bool:
    since = timezone.now() - timedelta(seconds=settings.LOGIN_RATE_WINDOW_SECONDS)
    failures = LoginAttempt.objects.filter(created_at__gte=since, succeeded=False)
    if failures.filter(email__iexact=email).count() >= settings.LOGIN_RATE_LIMIT:
        return True
    # Per address the limit is wider: several people may share an office's address.
    return bool(
        ip_address
        and failures.filter(ip_address=ip_address).count() >= settings.LOGIN_RATE_LIMIT * 4
    )


def login_attempt_record(*, email: str, ip_address: str | None, succeeded: bool) -> None:
    LoginAttempt.objects.create(
        email=email.lower()[:254], ip_address=ip_address, succeeded=succeeded
    )
