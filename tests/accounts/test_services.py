from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from samverkan.accounts import services
from samverkan.accounts.models import Invitation, Membership
from samverkan.common.models import AuditLogEntry
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_user_create_normalises_email_and_refuses_duplicates():
    user = services.user_create(email="Anna@Example.ORG", password="x-very-secret-1")
    assert user.email == "anna@example.org"
    with pytest.raises(ValidationError):
        services.user_create(email="ANNA@example.org", password="another-secret-2")


def test_invitation_round_trip_creates_membership_and_audits(organisation, owner):
    invitation, token = services.invitation_create(
        actor=owner, organisation=organisation, email="New@Example.org", role="admin"
    )
    assert invitation.email == "new@example.org"
    assert len(mail.outbox) == 1
    assert token in mail.outbox[0].body
    invited = UserFactory(email="new@example.org")
    membership = services.invitation_accept(token=token, user=invited)
    assert membership.role == "admin"
    assert membership.organisation == organisation
    invitation.refresh_from_db()
    assert invitation.accepted_by == invited
    actions = list(AuditLogEntry.objects.values_list("action", flat=True))
    assert "accounts.invitation.create" in actions
    assert "accounts.membership.create" in actions


def test_invitation_cannot_be_used_twice_or_by_someone_else(organisation, owner):
    _invitation, token = services.invitation_create(
        actor=owner, organisation=organisation, email="a@example.org"
    )
    with pytest.raises(PermissionDenied):
        services.invitation_accept(token=token, user=UserFactory(email="b@example.org"))
    services.invitation_accept(token=token, user=UserFactory(email="a@example.org"))
    with pytest.raises(ValidationError, match="already been used"):
        services.invitation_get_open(token=token)


def test_expired_invitation_is_refused(organisation, owner):
    invitation, token = services.invitation_create(
        actor=owner, organisation=organisation, email="late@example.org"
    )
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    with pytest.raises(ValidationError, match="expired"):
        services.invitation_get_open(token=token)


def test_last_owner_cannot_be_removed(organisation, owner):
    membership = Membership.objects.get(user=owner, organisation=organisation)
    with pytest.raises(ValidationError):
        services.membership_remove(actor=owner, membership=membership)
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_api_token_is_hashed_and_revocable(user):
    token, secret = services.api_token_create(user=user, name="CRM")
    assert secret.startswith("svk_")
    assert secret not in token.key_hash
    assert services.api_token_authenticate(secret=secret) == user
    assert services.api_token_authenticate(secret=secret + "x") is None
    services.api_token_revoke(actor=user, token=token)
    assert services.api_token_authenticate(secret=secret) is None


def test_login_rate_limit_after_repeated_failures(settings):
    settings.LOGIN_RATE_LIMIT = 3
    for _ in range(3):
        services.login_attempt_record(email="x@example.org", ip_address="10.0.0.1", succeeded=False)
    assert services.login_is_rate_limited(email="x@example.org", ip_address="10.0.0.2")
    assert not services.login_is_rate_limited(email="y@example.org", ip_address="10.0.0.2")


def test_membership_factory_builds_member():
    membership = MembershipFactory()
    assert membership.role == "member"
