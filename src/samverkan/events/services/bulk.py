"""Adding many participants at once from the catalogue (the operator's bulk registration).

The operator filters the catalogue, ticks organisations (or all matching ones) and chooses,
per organisation, who is registered: member accounts of the organisation ("u<user id>") or a
catalogue contact person ("p<person id>"). A contact without a user account gets one (no
password: they sign in through "forgot password" or an invitation) and becomes a member of
the organisation. Everything happens in one transaction: one problem and nothing changes.
People already registered are skipped and reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from samverkan.accounts.models import Membership, MembershipRole, User
from samverkan.accounts.services import membership_set, user_create
from samverkan.catalog.models import Organisation, Person
from samverkan.common.services import audit_log_record
from samverkan.events.models import Event, Participant, ParticipantStatus
from samverkan.events.services.registration import participant_register

MAX_ORGANISATIONS = 1000
CONTACT = "contact"
MEMBERS = "members"
MANAGERS = {MembershipRole.OWNER, MembershipRole.ADMIN}


@dataclass
class Choice:
    key: str  # "u<user id>" or "p<person id>"
    label: str
    registered: bool = False


@dataclass
class Candidate:
    organisation: Organisation
    choices: list[Choice] = field(default_factory=list)
    default: list[str] = field(default_factory=list)


@dataclass
class BulkResult:
    registered: list[Participant]
    skipped: list[str]
    accounts_created: int


def bulk_candidates(*, event: Event, organisation_ids, who: str = CONTACT) -> list[Candidate]:
    """Who could be registered for each organisation, and who is ticked by default."""
    organisations = (
        Organisation.objects.filter(pk__in=list(organisation_ids))
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.select_related("user").order_by("pk"),
            ),
            Prefetch("people", queryset=Person.objects.exclude(email="").order_by("name", "pk")),
        )
        .order_by("name", "pk")
    )
    registered = set(
        Participant.objects.filter(
            event=event, status=ParticipantStatus.REGISTERED, organisation__in=organisations
        ).values_list("user_id", flat=True)
    )
    candidates = []
    for organisation in organisations:
        memberships = sorted(
            organisation.memberships.all(), key=lambda m: (m.role not in MANAGERS, m.pk)
        )
        emails = {m.user.email.lower() for m in memberships}
        candidate = Candidate(organisation=organisation)
        for membership in memberships:
            user = membership.user
            candidate.choices.append(
                Choice(f"u{user.pk}", f"{user} <{user.email}>", user.pk in registered)
            )
        for person in organisation.people.all():
            if person.email.lower() not in emails:
                label = _("%(name)s <%(email)s> (catalogue contact, no account yet)") % {
                    "name": person.name,
                    "email": person.email,
                }
                candidate.choices.append(Choice(f"p{person.pk}", label))
        open_choices = [c.key for c in candidate.choices if not c.registered]
        members = [k for k in open_choices if k.startswith("u")]
        if who == MEMBERS and members:
            candidate.default = members
        else:
            candidate.default = open_choices[:1]
        candidates.append(candidate)
    return candidates


def _user_for_person(*, actor, person: Person, organisation: Organisation) -> tuple[User, bool]:
    user = User.objects.filter(email__iexact=person.email).first()
    created = user is None
    if created:
        user = user_create(email=person.email, password=None, full_name=person.name)
    if not Membership.objects.filter(user=user, organisation=organisation).exists():
        membership_set(actor=actor, user=user, organisation=organisation)
    return user, created


@transaction.atomic
def participants_register_bulk(
    *, actor, event: Event, selection: dict[int, list[str]], now: datetime | None = None
) -> BulkResult:
    """Register the chosen people of many organisations; all or nothing."""
    if not (actor.is_authenticated and (actor.is_operator or actor.is_superuser)):
        raise ValidationError(_("Only operators can register many organisations at once."))
    selection = {int(k): list(dict.fromkeys(v)) for k, v in selection.items() if v}
    if not selection:
        raise ValidationError(_("Nobody was chosen."))
    if len(selection) > MAX_ORGANISATIONS:
        raise ValidationError(
            _("At most %(max)s organisations at a time.") % {"max": MAX_ORGANISATIONS}
        )
    organisations = Organisation.objects.in_bulk(list(selection))
    if len(organisations) != len(selection):
        raise ValidationError(_("Some of the chosen organisations no longer exist."))
    problems: list[str] = []
    registered: list[Participant] = []
    skipped: list[str] = []
    created_accounts = 0
    for org_id, keys in selection.items():
        organisation = organisations[org_id]
        member_ids = set(organisation.memberships.values_list("user_id", flat=True))
        users: list[User] = []
        for key in keys:
            kind, raw = key[:1], key[1:]
            if kind == "u" and raw.isdigit() and int(raw) in member_ids:
                users.append(User.objects.get(pk=int(raw)))
            elif kind == "p" and raw.isdigit():
                person = organisation.people.exclude(email="").filter(pk=int(raw)).first()
                if person is None:
                    problems.append(
                        _("%(organisation)s: the contact person has no e-mail address.")
                        % {"organisation": organisation}
                    )
                    continue
                user, created = _user_for_person(
                    actor=actor, person=person, organisation=organisation
                )
                created_accounts += created
                users.append(user)
            else:
                problems.append(
                    _("%(organisation)s: not a member or contact of this organisation.")
                    % {"organisation": organisation}
                )
        already = set(
            Participant.objects.filter(
                event=event, user__in=users, status=ParticipantStatus.REGISTERED
            ).values_list("user_id", flat=True)
        )
        skipped += [f"{u} ({organisation})" for u in users if u.pk in already]
        fresh = [u for u in dict.fromkeys(users) if u.pk not in already]
        if fresh:
            try:
                registered += participant_register(
                    actor=actor, event=event, organisation=organisation, users=fresh, now=now
                )
            except ValidationError as error:
                problems += [f"{organisation}: {m}" for m in error.messages]
    if problems:
        raise ValidationError(problems)
    if not registered and not skipped:
        raise ValidationError(_("Nobody was chosen."))
    audit_log_record(
        actor=actor,
        action="events.participants_bulk_register",
        target=event,
        data={
            "organisations": len(selection),
            "registered": len(registered),
            "skipped": len(skipped),
            "accounts_created": created_accounts,
        },
    )
    return BulkResult(registered=registered, skipped=skipped, accounts_created=created_accounts)
