"""Health check, security headers and the audit log service (issue 3)."""

import pytest
from django.db import DatabaseError

from samverkan.common.models import AuditLogEntry
from samverkan.common.services import audit_log_record

pytestmark = pytest.mark.django_db


def test_healthz_reports_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_reports_503_when_database_fails(client, monkeypatch):
    # The database is external I/O: simulate an outage at the cursor.
    from django.db.backends.utils import CursorWrapper

    def broken_execute(self, sql, params=None):
        raise DatabaseError("connection refused")

    monkeypatch.setattr(CursorWrapper, "execute", broken_execute)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unreachable"}


def test_security_headers_and_csp(client):
    response = client.get("/accounts/login/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response["Permissions-Policy"]


def test_audit_log_record_keeps_actor_label_and_target(user, organisation):
    entry = audit_log_record(
        actor=user, action="catalog.organisation.update", target=organisation, data={"a": 1}
    )
    assert entry.actor == user
    assert entry.actor_label == str(user)
    assert entry.target_type == "catalog.organisation"
    assert entry.target_id == str(organisation.pk)
    assert entry.data == {"a": 1}
    system = audit_log_record(actor=None, action="system.cleanup")
    assert system.actor_label == "system"
    assert AuditLogEntry.objects.count() == 2


def test_audit_log_page_is_for_operators_only(client, user, operator, organisation):
    audit_log_record(actor=user, action="accounts.test", target=organisation)
    client.force_login(user)
    assert client.get("/audit-log/").status_code == 403
    client.force_login(operator)
    response = client.get("/audit-log/")
    assert response.status_code == 200
    assert b"accounts.test" in response.content


def test_nul_characters_are_refused_with_400(client):
    api = client.get("/api/v1/organisations", {"q": "a\x00b"})
    assert api.status_code == 400
    assert api["Content-Type"] == "application/problem+json"
    web = client.get("/catalogue/", {"q": "a\x00b"})
    assert web.status_code == 400
    body = client.patch(
        "/api/v1/me", data='{"full_name": "a\\u0000"}', content_type="application/json"
    )
    assert body.status_code == 400
