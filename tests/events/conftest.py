"""Fixtures for the events tests: an open two-session event with tables and participants."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import override_settings

from samverkan.events.services import registration, setup
from tests.factories import MembershipFactory, OrganisationFactory

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _immediate_tasks():
    # A fast hasher: these tests create many users and never test passwords.
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with override_settings(TASKS=IMMEDIATE, PASSWORD_HASHERS=fast):
        yield


@pytest.fixture
def event(operator):
    organiser = OrganisationFactory(name="Kvarken Cluster", kind="cluster")
    event = setup.event_create(
        actor=operator,
        organiser=organiser,
        name="Cleantech Kvarken Matchmaking",
        venue="Umeå",
        time_zone="Europe/Stockholm",
        start_date=dt.date(2030, 5, 14),
        end_date=dt.date(2030, 5, 15),
    )
    setup.session_create(
        actor=operator,
        event=event,
        date=dt.date(2030, 5, 14),
        start_time=dt.time(9, 0),
        end_time=dt.time(10, 0),
        meeting_minutes=15,
        break_minutes=5,
    )
    setup.session_create(
        actor=operator,
        event=event,
        date=dt.date(2030, 5, 15),
        start_time=dt.time(13, 0),
        end_time=dt.time(14, 0),
        meeting_minutes=15,
        break_minutes=5,
    )
    setup.tables_create(actor=operator, event=event, count=3)
    setup.event_open(actor=operator, event=event)
    return event


@pytest.fixture
def make_participant(event, operator):
    counter = {"n": 0}

    def make(country: str = "SE", event_=None, **kwargs):
        counter["n"] += 1
        membership = MembershipFactory(
            role="owner",
            organisation=OrganisationFactory(country=country),
            user__full_name=f"Person {counter['n']}",
        )
        (participant,) = registration.participant_register(
            actor=membership.user,
            event=event_ or event,
            organisation=membership.organisation,
            users=[membership.user],
            **kwargs,
        )
        return participant

    return make
