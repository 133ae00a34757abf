"""Fixtures for the visits tests: a booking page and a valid booking."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from tests.visits.factories import BookingPageFactory


@pytest.fixture(autouse=True)
def _english():
    """Each test starts in English: a request in another language (Accept-Language) leaves
    that language active in the thread after the test client returns."""
    with translation.override("en"):
        yield


@pytest.fixture
def page(db):
    return BookingPageFactory()


@pytest.fixture
def future():
    return timezone.localdate() + timedelta(days=30)


@pytest.fixture
def booking_post(future):
    """POST data of a complete, valid booking with two participants."""

    def make(**overrides) -> dict:
        data = {
            "goal": "business-meetings",
            "purpose": "Meet water utilities.",
            "focus_areas": ["water"],
            "focus_explanation": "Wastewater treatment.",
            "wants_company_meetings": "yes",
            "company_wishes": "Membrane filtration suppliers",
            "special_wishes": "",
            "expected_participants": "2",
            "participant_note": "",
            "organiser_name": "Ana Exemplo",
            "organiser_email": "ana@example.org",
            "organiser_message": "",
            "costs_acknowledged": "on",
            "privacy_consent": "on",
            "website": "",
            "dates-TOTAL_FORMS": "1",
            "dates-INITIAL_FORMS": "0",
            "dates-0-start": future.isoformat(),
            "dates-0-end": (future + timedelta(days=2)).isoformat(),
            "participants-TOTAL_FORMS": "2",
            "participants-INITIAL_FORMS": "0",
            "participants-0-name": "Ana Exemplo",
            "participants-0-organisation": "Exemplo S.A.",
            "participants-0-title": "Director",
            "participants-0-country": "BR",
            "participants-0-email": "",
            "participants-1-name": "Bruno Teste",
            "participants-1-organisation": "Exemplo S.A.",
            "participants-1-title": "Engineer",
            "participants-1-country": "BR",
            "participants-1-email": "bruno@example.org",
        }
        data.update(overrides)
        return {key: value for key, value in data.items() if value is not None}

    return make
