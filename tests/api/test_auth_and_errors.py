"""API authentication, problem details and bad input (issue 3)."""

import json

import pytest

from samverkan.accounts.services import api_token_create
from samverkan.common.models import AuditLogEntry

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"


def bearer(secret: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def test_me_requires_authentication(client):
    response = client.get("/api/v1/me")
    assert response.status_code == 401
    assert response["Content-Type"] == PROBLEM
    assert response.json()["status"] == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_token_authenticates_and_wrong_token_is_refused(client, user):
    _token, secret = api_token_create(user=user, name="test")
    response = client.get("/api/v1/me", **bearer(secret))
    assert response.status_code == 200
    assert response.json()["email"] == user.email
    wrong = client.get("/api/v1/me", **bearer("svk_not-a-token"))
    assert wrong.status_code == 401
    assert wrong.json()["title"] == "Authentication required."


def test_wrong_token_is_refused_even_on_public_endpoints(client, organisation):
    assert client.get("/api/v1/organisations").status_code == 200
    assert client.get("/api/v1/organisations", **bearer("svk_wrong")).status_code == 401


def test_revoked_token_stops_working(client, user):
    token, secret = api_token_create(user=user, name="test")
    response = client.delete(f"/api/v1/me/tokens/{token.pk}", **bearer(secret))
    assert response.status_code == 204
    assert client.get("/api/v1/me", **bearer(secret)).status_code == 401


def test_session_auth_needs_csrf_for_writes(user):
    from django.test import Client

    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(user)
    assert csrf_client.get("/api/v1/me").status_code == 200
    response = csrf_client.patch(
        "/api/v1/me", data=json.dumps({"language": "sv"}), content_type="application/json"
    )
    assert response.status_code == 403
    user.refresh_from_db()
    assert user.language == "en"


def test_patch_me_changes_preferences_and_audits(client, user):
    _token, secret = api_token_create(user=user, name="test")
    response = client.patch(
        "/api/v1/me",
        data=json.dumps({"language": "sv", "time_zone": "Europe/Helsinki"}),
        content_type="application/json",
        **bearer(secret),
    )
    assert response.status_code == 200
    assert response.json()["language"] == "sv"
    user.refresh_from_db()
    assert (user.language, user.time_zone) == ("sv", "Europe/Helsinki")
    assert AuditLogEntry.objects.filter(action="accounts.user.preferences").count() == 1


def test_invalid_values_get_field_errors_and_change_nothing(client, user):
    _token, secret = api_token_create(user=user, name="test")
    response = client.patch(
        "/api/v1/me",
        data=json.dumps({"language": "xx", "time_zone": "Mars/Olympus"}),
        content_type="application/json",
        **bearer(secret),
    )
    assert response.status_code == 422
    body = response.json()
    assert response["Content-Type"] == PROBLEM
    assert {error["field"] for error in body["errors"]} == {"body.language", "body.time_zone"}
    user.refresh_from_db()
    assert (user.language, user.time_zone) == ("en", "Europe/Stockholm")


def test_malformed_json_is_a_400_problem(client, user):
    _token, secret = api_token_create(user=user, name="test")
    response = client.patch(
        "/api/v1/me", data="{not json", content_type="application/json", **bearer(secret)
    )
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    assert response.json()["title"] == "The request could not be read."


def test_wrong_type_is_a_422_with_the_field(client, user):
    _token, secret = api_token_create(user=user, name="test")
    response = client.patch(
        "/api/v1/me",
        data=json.dumps({"full_name": ["a", "list"]}),
        content_type="application/json",
        **bearer(secret),
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "body.full_name"


def test_oversized_body_is_refused_with_413(client, user, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    _token, secret = api_token_create(user=user, name="test")
    response = client.patch(
        "/api/v1/me",
        data=json.dumps({"full_name": "x" * 5000}),
        content_type="application/json",
        **bearer(secret),
    )
    assert response.status_code == 413
    assert response["Content-Type"] == PROBLEM
    user.refresh_from_db()
    assert user.full_name != "x" * 5000


def test_my_organisations_lists_memberships(client, owner, organisation):
    _token, secret = api_token_create(user=owner, name="test")
    response = client.get("/api/v1/me/organisations", **bearer(secret))
    assert response.json() == [
        {
            "organisation_id": organisation.pk,
            "organisation_name": organisation.name,
            "organisation_slug": organisation.slug,
            "role": "owner",
        }
    ]


def test_openapi_and_docs_are_served(client):
    schema = client.get("/api/v1/openapi.json")
    assert schema.status_code == 200
    assert "/api/v1/me" in schema.json()["paths"]
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200
    assert b"/static/ninja/swagger-ui-bundle.js" in docs.content


def test_ids_beyond_64_bits_are_a_client_error_not_a_server_error(client, operator):
    # SQLite raises OverflowError for such ids (answered 422); PostgreSQL finds nothing (404).
    _token, secret = api_token_create(user=operator, name="test")
    response = client.post(
        f"/api/v1/visit-requests/{-(2**71)}/hosts/10000/response",
        data=json.dumps({"accept": False}),
        content_type="application/json",
        **bearer(secret),
    )
    assert response.status_code in {404, 422}
    assert response["Content-Type"] == PROBLEM


def test_page_numbers_are_bounded(client, organisation):
    response = client.get("/api/v1/organisations", {"page": 10**20})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "query.page"
