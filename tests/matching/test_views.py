"""Pages: suggestions fragment and full page, hooks on the profile and dashboard, feedback."""

import pytest
from django.urls import reverse

from samverkan.matching.models import SuggestionFeedback
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def test_member_sees_suggestions_page_with_reasons(client, sme, fibre, catalogue_orgs, distributor):
    client.force_login(sme)
    response = client.get(reverse("matching:suggestions", args=[fibre.slug]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "<html" in body
    assert body.count("<h1") == 1
    assert f'<h1 id="suggestions-{fibre.pk}-title">' in body
    assert "<h2" not in body.split("<main", 1)[-1].split("</section>", 1)[0]
    assert distributor.name in body
    assert 'data-reason="offer_need"' in body
    assert "same NACE class 26.51" in body


def test_htmx_request_gets_fragment(client, sme, fibre, catalogue_orgs):
    client.force_login(sme)
    response = client.get(reverse("matching:suggestions", args=[fibre.slug]), **HTMX)
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body
    assert f'id="suggestions-{fibre.pk}"' in body
    assert f'<h2 id="suggestions-{fibre.pk}-title">' in body


def test_outsider_cannot_see_suggestions(client, fibre, catalogue_orgs):
    client.force_login(UserFactory())
    response = client.get(reverse("matching:suggestions", args=[fibre.slug]))
    assert response.status_code == 403


def test_anonymous_cannot_see_suggestions(client, fibre):
    response = client.get(reverse("matching:suggestions", args=[fibre.slug]))
    assert response.status_code == 403


def test_profile_page_loads_suggestions_for_members_only(client, sme, fibre, catalogue_orgs):
    client.force_login(sme)
    body = client.get(fibre.get_absolute_url()).content.decode()
    assert f'hx-get="{reverse("matching:suggestions", args=[fibre.slug])}"' in body
    client.force_login(UserFactory())
    body = client.get(fibre.get_absolute_url()).content.decode()
    assert reverse("matching:suggestions", args=[fibre.slug]) not in body


def test_dashboard_panel_shows_company_suggestions(client, sme, fibre, catalogue_orgs, distributor):
    client.force_login(sme)
    dashboard = client.get(reverse("web:dashboard")).content.decode()
    assert reverse("matching:dashboard-panel") in dashboard
    panel = client.get(reverse("matching:dashboard-panel"), **HTMX)
    assert panel.status_code == 200
    assert distributor.name in panel.content.decode()


def test_feedback_not_relevant_removes_partner(client, sme, fibre, catalogue_orgs, distributor):
    client.force_login(sme)
    url = reverse("matching:feedback", args=[fibre.slug, distributor.pk])
    response = client.post(url, {"verdict": "not_relevant", "reasons": "offer_need,nace"}, **HTMX)
    assert response.status_code == 200
    assert distributor.name not in response.content.decode()
    feedback = SuggestionFeedback.objects.get()
    assert (feedback.verdict, feedback.reason_codes, feedback.user) == (
        "not_relevant",
        ["offer_need", "nace"],
        sme,
    )


def test_feedback_invalid_verdict_changes_nothing(client, sme, fibre, distributor):
    client.force_login(sme)
    url = reverse("matching:feedback", args=[fibre.slug, distributor.pk])
    response = client.post(url, {"verdict": "meh"}, **HTMX)
    assert response.status_code == 422
    assert SuggestionFeedback.objects.count() == 0


def test_feedback_by_outsider_forbidden(client, fibre, distributor):
    client.force_login(UserFactory())
    url = reverse("matching:feedback", args=[fibre.slug, distributor.pk])
    assert client.post(url, {"verdict": "relevant"}).status_code == 403
    assert SuggestionFeedback.objects.count() == 0


def test_hub_page(client, sme, fibre):
    client.force_login(sme)
    response = client.get(reverse("matching:home"))
    assert response.status_code == 200
    assert reverse("matching:suggestions", args=[fibre.slug]) in response.content.decode()
    assert reverse("matching:run-list") not in response.content.decode()
