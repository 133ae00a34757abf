"""Factories for the calls app."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from samverkan.calls.models import Call, CallStatus, Criterion, Question, QuestionKind
from tests.factories import OrganisationFactory


class CallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Call

    title = factory.Sequence(lambda n: f"Call {n}")
    slug = factory.Sequence(lambda n: f"call-{n}")
    organiser = factory.SubFactory(OrganisationFactory, kind="public_authority")
    status = CallStatus.PUBLISHED
    time_zone = "Europe/Stockholm"
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=10))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=10))
    budget = Decimal("1000000.00")
    reviewers_per_application = 2


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    call = factory.SubFactory(CallFactory)
    label = factory.Sequence(lambda n: f"Question {n}")
    kind = QuestionKind.TEXT
    position = factory.Sequence(lambda n: n)


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    call = factory.SubFactory(CallFactory)
    name = factory.Sequence(lambda n: f"Criterion {n}")
    weight = Decimal("1")
    scale_min = 1
    scale_max = 5
