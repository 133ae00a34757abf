"""`samverkan load-demo` loads every app's demo data and can run twice (issue 3)."""

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from samverkan.accounts.models import Membership, User
from samverkan.catalog.models import Organisation

pytestmark = pytest.mark.django_db(transaction=True)


def _counts() -> dict[str, int]:
    from django.apps import apps

    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label
        in {"accounts", "catalog", "events", "visits", "calls", "programmes"}
        and model._meta.label not in {"accounts.LoginAttempt"}
    }


def test_load_demo_is_idempotent_and_prints_logins(monkeypatch, capsys, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    monkeypatch.setenv("SAMVERKAN_DEMO_PASSWORD", "demo-password-42")
    call_command("load_demo")
    output = capsys.readouterr().out
    assert "operator@example.org / demo-password-42" in output
    assert "sme@example.org / demo-password-42" in output
    first = _counts()
    call_command("load_demo")
    assert _counts() == first

    operator = authenticate(username="operator@example.org", password="demo-password-42")
    assert operator is not None and operator.is_operator and operator.is_demo
    sme = User.objects.get(email="sme@example.org")
    assert Membership.objects.filter(user=sme, role="owner").exists()
    assert Organisation.objects.filter(name="Fiber Optic Valley", is_demo=False).exists()
    assert Organisation.objects.filter(name="Latvia IT Cluster", country="LV").exists()


def test_generated_password_is_printed_when_not_set(monkeypatch, capsys):
    monkeypatch.delenv("SAMVERKAN_DEMO_PASSWORD", raising=False)
    call_command("load_demo", only=["accounts"])
    line = next(
        line for line in capsys.readouterr().out.splitlines() if "sme@example.org / " in line
    )
    password = line.split(" / ", 1)[1].strip()
    assert len(password) >= 12
    assert "Fiber Optic Valley" not in [o.name for o in Organisation.objects.all()]
    assert authenticate(username="sme@example.org", password=password) is not None
