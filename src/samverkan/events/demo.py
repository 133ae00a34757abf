"""Demo: a two-day Cleantech Kvarken matchmaking event in Umeå, built through the services.

The venue is in Umeå, so the event's time zone is Europe/Stockholm (participants from Vaasa,
Europe/Helsinki, see the venue's local time, as printed on the agenda). Companies are the
invented ones of the published "cleantech-kvarken" catalogue (up to 150); each gets one
invented contact person without a password. Requests are sent and answered with a fixed random
seed, the accepted meetings are scheduled with the optimiser and the agendas published. No
e-mail is sent. Idempotent: an existing demo event is left as it is.
"""

from __future__ import annotations

import datetime as dt
import random

from django.core.exceptions import ValidationError
from django.utils.text import slugify

from samverkan.accounts.models import MembershipRole, User
from samverkan.accounts.services import membership_set, user_create
from samverkan.catalog.models import Organisation
from samverkan.events.models import Event
from samverkan.events.services import meetings, registration, scheduling, setup
from samverkan.events.services.mail import notifications_suppressed

SLUG = "cleantech-kvarken-matchmaking-2027"
MAX_COMPANIES = 150


def _companies() -> list[Organisation]:
    companies = Organisation.objects.filter(kind="company", catalogues__slug="cleantech-kvarken")
    companies = list(companies.order_by("name").distinct()[:MAX_COMPANIES])
    if not companies:
        companies = list(
            Organisation.objects.filter(kind="company").order_by("name")[:MAX_COMPANIES]
        )
    return companies


def _contact(organisation: Organisation) -> User:
    sme = User.objects.filter(
        email="sme@example.org", memberships__organisation=organisation
    ).first()
    if sme is not None:
        return sme
    email = f"{slugify(organisation.name)[:40]}@events-demo.example.org"
    user = User.objects.filter(email=email).first()
    if user is None:
        person = organisation.people.order_by("name").first()
        user = user_create(
            email=email,
            password=None,
            full_name=person.name if person else f"Contact {organisation.name[:40]}",
            is_demo=True,
        )
    membership_set(actor=None, user=user, organisation=organisation, role=MembershipRole.OWNER)
    return user


def load_demo_data(*, password: str, stdout) -> None:
    if Event.objects.filter(slug=SLUG).exists():
        stdout.write(f"  events: demo event {SLUG} exists, left as it is")
        return
    operator = User.objects.filter(email="operator@example.org").first()
    organiser = Organisation.objects.filter(slug="north-sweden-cleantech").first()
    companies = _companies()
    if operator is None or organiser is None or len(companies) < 4:
        stdout.write("  events: catalogue demo data missing, no demo event")
        return
    partner = Organisation.objects.filter(slug__startswith="vasaregionens-utveckling").first()
    with notifications_suppressed():
        event = setup.event_create(
            actor=operator,
            organiser=organiser,
            co_organisers=[partner] if partner else [],
            name="Cleantech Kvarken Matchmaking 2027",
            description=(
                "Two days of pre-arranged B2B meetings between clean-technology companies from "
                "both sides of the Kvarken (demo event with invented companies)."
            ),
            venue="Väven, Umeå",
            time_zone="Europe/Stockholm",
            start_date=dt.date(2027, 5, 18),
            end_date=dt.date(2027, 5, 19),
            languages="en, sv, fi",
            request_quota=10,
            request_expiry_minutes=3 * 24 * 60,
            fairness=None,
            followup_months=6,
        )
        event.slug = SLUG
        event.save(update_fields=["slug"])
        for day in (event.start_date, event.end_date):
            for start, end, name in ((dt.time(9), dt.time(12), "Morning"),
                                     (dt.time(13), dt.time(16), "Afternoon")):  # fmt: skip
                setup.session_create(
                    actor=operator, event=event, date=day, start_time=start, end_time=end,
                    meeting_minutes=20, break_minutes=5, name=name,
                )  # fmt: skip
        setup.tables_create(actor=operator, event=event, count=20, capacity=4)
        setup.event_open(actor=operator, event=event)
        participants = []
        for organisation in companies:
            participants += registration.participant_register(
                actor=operator,
                event=event,
                organisation=organisation,
                users=[_contact(organisation)],
            )
        rng = random.Random(2027)
        answered = {"accepted": 0, "declined": 0, "pending": 0}
        attempts = 0
        while sum(answered.values()) < 200 and attempts < 2000:
            attempts += 1
            sender, recipient = rng.sample(participants, 2)
            try:
                request = meetings.meeting_request_send(
                    actor=sender.user, sender=sender, recipient=recipient,
                    message="We would like to discuss cooperation.",
                )  # fmt: skip
            except ValidationError:  # duplicate pair or quota: skip, as a user would
                continue
            roll = rng.random()
            if roll < 0.55:
                meetings.meeting_request_accept(actor=recipient.user, meeting_request=request)
                answered["accepted"] += 1
            elif roll < 0.7:
                meetings.meeting_request_decline(actor=recipient.user, meeting_request=request)
                answered["declined"] += 1
            else:
                answered["pending"] += 1
        run = scheduling.schedule_run_start(actor=operator, event=event, time_limit=20)
        run = scheduling.schedule_run_execute(run_id=run.pk)
        scheduling.event_publish(actor=operator, event=event)
    stdout.write(
        f"  events: {SLUG} with {len(participants)} participants, "
        f"{answered['accepted']} accepted / {answered['declined']} declined / "
        f"{answered['pending']} pending requests; {run.scheduled_count} meetings scheduled"
    )
