"""Registering delegation members as participants of a B2B event held during the visit.

The events app registers people (accounts) of a catalogue organisation. A delegation member
becomes one: an existing account with the member's e-mail address is reused, otherwise an
account with a random password nobody knows is created (the person sets their own with
"forgot password"). Each organisation of the delegation gets a private catalogue organisation,
created once by the visits app and reused afterwards (matched by name and country), described
as coming from a delegation visit. Everything happens in one transaction: if one member
cannot be registered, nobody is. Members already registered at the event are skipped with a
message.
"""

from __future__ import annotations

import secrets
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from samverkan.accounts.models import Membership, User
from samverkan.accounts.services import membership_set, user_create
from samverkan.catalog.services import organisation_create
from samverkan.common.services import audit_log_record
from samverkan.events.models import Event, EventStatus, ParticipantStatus
from samverkan.events.models import Participant as EventParticipant
from samverkan.events.services.registration import participant_register
from samverkan.visits.event_models import DelegationOrganisation, DelegationRegistration
from samverkan.visits.models import Participant, VisitRequest, VisitStatus

REGISTRABLE = {VisitStatus.ACCEPTED, VisitStatus.PLANNING, VisitStatus.CONFIRMED}
OPEN_EVENT_STATUSES = {EventStatus.OPEN, EventStatus.PUBLISHED}


@dataclass
class DelegationRegistrationResult:
    registered: list[DelegationRegistration] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def _name_key(name: str) -> str:
    return " ".join(name.split()).casefold()[:200]


def _organisation_name(visit: VisitRequest, member: Participant) -> str:
    return " ".join(member.organisation.split()) or _("Delegation %(reference)s") % {
        "reference": visit.reference
    }


def _country(visit: VisitRequest, members: list[Participant], name: str) -> str:
    """The country of the members of `name`, else of the whole delegation."""
    same = [
        m.country for m in members if _name_key(_organisation_name(visit, m)) == _name_key(name)
    ]
    for countries in (same, [m.country for m in members]):
        counted = Counter(code for code in countries if code)
        if counted:
            return counted.most_common(1)[0][0]
    raise ValidationError(
        _("The country of %(organisation)s is not known: no member of the delegation gave one.")
        % {"organisation": name}
    )


def _delegation_organisation(*, actor, visit: VisitRequest, name: str, country: str):
    known = (
        DelegationOrganisation.objects.select_related("organisation")
        .filter(name_key=_name_key(name), country=country)
        .first()
    )
    if known is not None:
        return known.organisation
    with override("en"):
        description = _(
            "Organisation of a delegation, added by the programme staff from visit request "
            "%(reference)s to register its members at a B2B event."
        ) % {"reference": visit.reference}
    organisation = organisation_create(
        actor=actor,
        data={
            "name": name,
            "country": country,
            "kind": "other",
            "visibility": "private",
            "keywords": "delegation visit",
        },
        texts={"en": {"description": description}},
        is_demo=visit.is_demo,
    )
    DelegationOrganisation.objects.create(
        organisation=organisation, name_key=_name_key(name), country=country, first_request=visit
    )
    return organisation


def _member_user(*, visit: VisitRequest, member: Participant) -> User:
    user = User.objects.filter(email__iexact=member.email).first()
    if user is None:
        # A random password nobody knows: the person sets their own with "forgot password"
        # (Django sends no reset link to accounts with an unusable password).
        user = user_create(
            email=member.email,
            password=secrets.token_urlsafe(32),
            full_name=member.name,
            language=visit.language,
            is_demo=visit.is_demo,
        )
    return user


def _need(visit: VisitRequest) -> str:
    areas = ", ".join(str(area) for area in visit.focus_areas.all())
    return "\n".join(part for part in (areas, visit.company_wishes.strip()) if part)


@transaction.atomic
def delegation_register_at_event(
    *,
    actor,
    visit: VisitRequest,
    event: Event,
    members,
    now: datetime | None = None,
) -> DelegationRegistrationResult:
    """Register the chosen members of `visit`'s delegation at `event` (all or nothing)."""
    now = now or timezone.now()
    if visit.status not in REGISTRABLE or visit.anonymised_at is not None:
        raise ValidationError(
            _("Delegation members can be registered at events once the visit is accepted.")
        )
    if event.status not in OPEN_EVENT_STATUSES or event.end_date < timezone.localdate(now):
        raise ValidationError(_("Choose an event that is open and not over."))
    members = list(members)
    if not members:
        raise ValidationError(_("Choose at least one member of the delegation."))
    if any(member.request_id != visit.pk for member in members):
        raise ValidationError(_("Choose members of this delegation."))
    without_email = [member.name for member in members if not member.email]
    if without_email:
        raise ValidationError(
            _("An e-mail address is needed to register %(names)s at an event.")
            % {"names": ", ".join(without_email)}
        )
    everyone = list(visit.participants.all())
    result = DelegationRegistrationResult()
    groups: dict[tuple[str, str], list[tuple[Participant, User]]] = {}
    names: dict[tuple[str, str], str] = {}
    seen: set[int] = set()
    for member in members:
        user = _member_user(visit=visit, member=member)
        if user.pk in seen:
            raise ValidationError(
                _("%(name)s shares an e-mail address with another chosen member.")
                % {"name": member.name}
            )
        seen.add(user.pk)
        already = EventParticipant.objects.filter(
            event=event, user=user, status=ParticipantStatus.REGISTERED
        ).first()
        if already is not None:
            DelegationRegistration.objects.get_or_create(
                member=member,
                event=event,
                defaults={"request": visit, "participant": already, "registered_by": actor},
            )
            result.skipped.append(
                _("%(name)s is already registered at %(event)s.")
                % {"name": member.name, "event": event.name}
            )
            continue
        name = _organisation_name(visit, member)
        key = (_name_key(name), _country(visit, everyone, name))
        names.setdefault(key, name)
        groups.setdefault(key, []).append((member, user))
    need = _need(visit)
    for key, group in groups.items():
        organisation = _delegation_organisation(
            actor=actor, visit=visit, name=names[key], country=key[1]
        )
        member_ids = set(
            Membership.objects.filter(organisation=organisation).values_list("user_id", flat=True)
        )
        for _member, user in group:
            if user.pk not in member_ids:
                membership_set(actor=actor, user=user, organisation=organisation)
        participants = participant_register(
            actor=actor,
            event=event,
            organisation=organisation,
            users=[user for _member, user in group],
            offer="",
            need=need,
            now=now,
        )
        by_user = {participant.user_id: participant for participant in participants}
        for member, user in group:
            registration, _created = DelegationRegistration.objects.update_or_create(
                member=member,
                event=event,
                defaults={
                    "request": visit,
                    "participant": by_user[user.pk],
                    "registered_by": actor,
                },
            )
            result.registered.append(registration)
    audit_log_record(
        actor=actor,
        action="visits.delegation.register",
        target=visit,
        data={
            "event": event.slug,
            "registered": [r.member.position for r in result.registered],
            "skipped": len(result.skipped),
        },
    )
    return result
