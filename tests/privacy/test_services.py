"""A person exports and erases their data; the statistics survive (journey 7)."""

import json

import pytest
from django.urls import reverse

from samverkan.accounts.models import Membership, User
from samverkan.accounts.services import api_token_create, invitation_create
from samverkan.common.models import AuditLogEntry
from samverkan.common.services import audit_log_record
from samverkan.privacy.models import DataRequest
from samverkan.privacy.services import personal_data_erase, personal_data_export

pytestmark = pytest.mark.django_db


def test_export_contains_profile_memberships_and_actions(owner, organisation):
    audit_log_record(actor=owner, action="catalog.organisation.update", target=organisation)
    data = personal_data_export(user=owner)
    assert data["accounts"]["profile"]["email"] == owner.email
    assert data["accounts"]["memberships"] == [
        {
            "organisation": organisation.name,
            "role": "owner",
            "since": data["accounts"]["memberships"][0]["since"],
        }
    ]
    actions = [entry["action"] for entry in data["common"]["actions"]]
    assert "catalog.organisation.update" in actions
    assert DataRequest.objects.get().kind == "export"


def test_erasure_anonymises_account_and_keeps_statistics(owner, organisation):
    other_owner = User.objects.create_user(email="second@example.org", password="x-x-x-x-1")
    Membership.objects.create(user=other_owner, organisation=organisation, role="owner")
    invitation_create(actor=owner, organisation=organisation, email="guest@example.org")
    api_token_create(user=owner, name="CRM")
    audit_log_record(actor=owner, action="catalog.organisation.update", target=organisation)
    email, name = owner.email, owner.full_name
    entries_before = AuditLogEntry.objects.count()

    request = personal_data_erase(user=owner, actor=owner)

    owner.refresh_from_db()
    assert owner.email == f"erased-{owner.pk}@invalid.example"
    assert owner.full_name == ""
    assert owner.is_active is False
    assert owner.has_usable_password() is False
    assert not Membership.objects.filter(user=owner).exists()
    assert not owner.api_tokens.exists()
    # The facts stay (same number of entries plus the erasure itself) but name no one.
    assert AuditLogEntry.objects.count() == entries_before + 1
    dump = json.dumps(list(AuditLogEntry.objects.values("actor_label", "target_label", "data")))
    assert email not in dump
    assert name not in dump
    assert request.completed_at is not None
    assert request.rows_affected["accounts"] >= 3


def test_my_data_page_export_and_erase_with_password(client, user, password):
    client.force_login(user)
    assert client.get(reverse("privacy:my-data")).status_code == 200
    download = client.post(reverse("privacy:export"))
    assert download["Content-Disposition"].startswith("attachment")
    assert json.loads(download.content)["accounts"]["profile"]["email"] == user.email

    wrong = client.post(reverse("privacy:erase"), {"password": "nope", "confirm": "on"})
    assert wrong.status_code == 400
    user.refresh_from_db()
    assert user.is_active is True

    done = client.post(reverse("privacy:erase"), {"password": password, "confirm": "on"})
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.is_active is False
    assert client.get(reverse("web:dashboard")).status_code == 302  # logged out


def test_api_export_of_my_data(client, user):
    _token, secret = api_token_create(user=user, name="t")
    response = client.get("/api/v1/me/data", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 200
    assert response.json()["accounts"]["profile"]["email"] == user.email
    assert client.get("/api/v1/me/data").status_code == 401
