"""Operators create and edit booking pages; choices in use cannot be removed."""

from __future__ import annotations

import pytest
from django.urls import reverse

from samverkan.common.models import AuditLogEntry
from samverkan.visits.models import BookingPage
from tests.visits.factories import VisitRequestFactory

pytestmark = pytest.mark.django_db


def _data(organisation, **overrides):
    data = {
        "organisation": organisation.slug,
        "slug": "visit-us",
        "privacy_notice_version": "2",
        "notification_email": "visits@example.org",
        "time_zone": "Europe/Helsinki",
        "is_active": "on",
        "title_en": "Visit us",
        "title_sv": "Besök oss",
        "goals": "business | Business meetings | Affärsmöten | Liiketapaamiset\nother | Other",
        "focus_areas": "water | Water | Vatten | Vesi | water, wastewater | 36, 37",
    }
    data.update(overrides)
    return data


def test_only_operators_manage_pages(client, user):
    client.force_login(user)
    assert client.get(reverse("visits:page-create")).status_code == 302


def test_operator_creates_a_page_that_works(client, operator, organisation):
    client.force_login(operator)
    response = client.post(reverse("visits:page-create"), _data(organisation))
    assert response.status_code == 302
    page = BookingPage.objects.get(slug="visit-us")
    assert page.titles == {"en": "Visit us", "sv": "Besök oss"}
    assert [(g.code, g.labels) for g in page.goals.all()] == [
        ("business", {"en": "Business meetings", "sv": "Affärsmöten", "fi": "Liiketapaamiset"}),
        ("other", {"en": "Other"}),
    ]
    area = page.focus_areas.get()
    assert area.keyword_list == ["water", "wastewater"]
    assert sorted(s.code for s in area.sectors.all()) == ["36", "37"]
    assert AuditLogEntry.objects.filter(action="visits.page.create").count() == 1
    form = client.get(reverse("visits:book", args=["visit-us"]), HTTP_ACCEPT_LANGUAGE="sv")
    assert "Affärsmöten" in form.content.decode()
    edit = client.get(reverse("visits:page-edit", args=["visit-us"]))
    assert "business | Business meetings | Affärsmöten | Liiketapaamiset" in edit.content.decode()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"goals": ""}, "This field is required."),
        ({"goals": "only-a-code"}, "needs a code and an English label"),
        ({"goals": "a | A\na | B"}, "is empty or used twice"),
        ({"focus_areas": "water | Water | | | | 99.99"}, "Unknown NACE codes: 99.99"),
        ({"title_en": ""}, "This field is required."),
    ],
)
def test_invalid_page_changes_nothing(client, operator, organisation, overrides, message):
    client.force_login(operator)
    response = client.post(reverse("visits:page-create"), _data(organisation, **overrides))
    assert message in response.content.decode()
    assert not BookingPage.objects.exists()


def test_choices_in_use_cannot_be_removed(client, operator):
    visit = VisitRequestFactory()
    page = visit.page
    client.force_login(operator)
    data = _data(page.organisation, slug=page.slug, goals="new | New goal")
    response = client.post(reverse("visits:page-edit", args=[page.slug]), data)
    assert "A goal that requests already use cannot be removed." in response.content.decode()
    assert sorted(page.goals.values_list("code", flat=True)) == [
        "business-meetings",
        "study-visit",
    ]
