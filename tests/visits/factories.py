"""Factories for the visits models."""

from __future__ import annotations

from datetime import timedelta

import factory
from django.utils import timezone

from samverkan.visits.models import (
    BookingGoal,
    BookingPage,
    FocusArea,
    HostInvitation,
    VisitRequest,
)
from tests.factories import OrganisationFactory


class BookingPageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BookingPage
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory, kind="cluster")
    slug = factory.Sequence(lambda n: f"page-{n}")
    titles = {"en": "Visit Kvarken", "sv": "Besök Kvarken"}
    privacy_notice_version = "v1"
    time_zone = "Europe/Stockholm"

    @factory.post_generation
    def choices(obj, create, extracted, **kwargs):
        if not create:
            return
        BookingGoal.objects.create(
            page=obj,
            code="business-meetings",
            labels={"en": "Business meetings", "sv": "Affärsmöten"},
        )
        BookingGoal.objects.create(
            page=obj,
            code="study-visit",
            labels={"en": "Study visit", "sv": "Studiebesök"},
            position=1,
        )
        FocusArea.objects.create(
            page=obj,
            code="water",
            labels={"en": "Water and wastewater", "sv": "Vatten och avlopp"},
            keywords="water, wastewater",
        )
        FocusArea.objects.create(
            page=obj,
            code="energy",
            labels={"en": "Renewable energy", "sv": "Förnybar energi"},
            keywords="wind, energy",
            position=1,
        )


class VisitRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VisitRequest
        skip_postgeneration_save = True

    page = factory.SubFactory(BookingPageFactory)
    reference = factory.Sequence(lambda n: f"VR-T{n:05d}")
    language = "en"
    goal = factory.LazyAttribute(lambda o: o.page.goals.first())
    purpose = "Learn about wastewater."
    wants_company_meetings = True
    company_wishes = "water treatment"
    expected_participants = 2
    organiser_name = "Ana Exemplo"
    organiser_email = "ana@example.org"
    costs_acknowledged_at = factory.LazyFunction(timezone.now)
    privacy_consent_at = factory.LazyFunction(timezone.now)
    privacy_notice_version = "v1"

    @factory.post_generation
    def focus(obj, create, extracted, **kwargs):
        if create:
            obj.focus_areas.set(obj.page.focus_areas.filter(code="water"))


class HostInvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HostInvitation

    request = factory.SubFactory(VisitRequestFactory)
    organisation = factory.SubFactory(OrganisationFactory)


def window(day_offset: int = 30, hour: int = 9, hours: int = 3):
    tz = timezone.get_default_timezone()
    start = (timezone.now() + timedelta(days=day_offset)).astimezone(tz)
    start = start.replace(hour=hour, minute=0, second=0, microsecond=0)
    return start, start + timedelta(hours=hours)
