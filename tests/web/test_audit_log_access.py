"""The audit log: operators read it, members get a 403, visitors are sent to log in."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_visitor_is_sent_to_log_in(client):
    response = client.get("/audit-log/")
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next=/audit-log/"


def test_member_is_refused_and_operator_reads(client, user, operator):
    client.force_login(user)
    assert client.get("/audit-log/").status_code == 403
    client.force_login(operator)
    assert client.get("/audit-log/").status_code == 200
