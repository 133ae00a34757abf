"""Demo: Tillväxtverket's S3-piloten call (seed 002), run through the real services.

Facts from the seed: Tillväxtverket's call, about 40 applications, an assessment group that
scored them in dialogue with the regions, 22 named clusters selected, who are offered training,
network meetings, international contacts and can apply for financial support.
Invented (and flagged): the 18 other applicants, all people (contacts and 5 reviewers), dates,
answers, scores and the budget-free follow-up call. The 22 selected clusters come from
catalog/demo.py.

`build_s3_piloten(until=...)` stops at a stage, so the browser journey can play the rest.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils.text import slugify

from samverkan.accounts.models import MembershipRole, User
from samverkan.accounts.services import membership_set
from samverkan.calls import services
from samverkan.calls.models import Application, ApplicationStatus, Assignment, Call
from samverkan.catalog.models import Organisation

SLUG = "s3-piloten"
STOCKHOLM = ZoneInfo("Europe/Stockholm")
OPENS = datetime(2025, 9, 1, 9, 0, tzinfo=STOCKHOLM)
CLOSES = datetime(2025, 10, 15, 16, 0, tzinfo=STOCKHOLM)

SELECTED = [
    "Mobile Heights",
    "IUC Skåne",
    "TechTank",
    "Interior Cluster",
    "Automation Småland",
    "Smart Textiles",
    "Agro Väst",
    "Mjärdevi Science Park",
    "Aerospace Cluster",
    "Urban ICT Arena",
    "Tillverkningstekniskt centrum",
    "Compare",
    "Paper Province",
    "Automation Region",
    "Järnvägsklustret",
    "Triple Steelix",
    "Visit Dalarna",
    "Fiber Optic Valley",
    "Entreprenörsdrivet Företagsnav",
    "Bron Innovation",
    "Georange",
    "Datacenter",
]
REGION = {
    "Mobile Heights": "SE224", "IUC Skåne": "SE224", "TechTank": "SE221",
    "Interior Cluster": "SE212", "Automation Småland": "SE211", "Smart Textiles": "SE232",
    "Agro Väst": "SE232", "Mjärdevi Science Park": "SE123", "Aerospace Cluster": "SE123",
    "Urban ICT Arena": "SE110", "Tillverkningstekniskt centrum": "SE124", "Compare": "SE311",
    "Paper Province": "SE311", "Automation Region": "SE125", "Järnvägsklustret": "SE125",
    "Triple Steelix": "SE312", "Visit Dalarna": "SE312", "Fiber Optic Valley": "SE313",
    "Entreprenörsdrivet Företagsnav": "SE322", "Bron Innovation": "SE321",
    "Georange": "SE331", "Datacenter": "SE332",
}  # fmt: skip
INVENTED = [
    ("Halland Food Valley (invented)", "SE231"),
    ("Gotland Maritime Cluster (invented)", "SE214"),
    ("Sörmland Logistics Hub (invented)", "SE122"),
    ("Uppsala MedTech Forum (invented)", "SE121"),
    ("Kalmar Wood Innovation (invented)", "SE213"),
    ("Skaraborg Robotics Network (invented)", "SE232"),
    ("Norrbotten Space Makers (invented)", "SE332"),
    ("Jämtland Outdoor Tech (invented)", "SE322"),
    ("Blekinge Blue Energy (invented)", "SE221"),
    ("Värmland Fibre Network (invented)", "SE311"),
    ("Dalsland Craft Industries (invented)", "SE232"),
    ("Gävle Steel Circularity (invented)", "SE313"),
    ("Östergötland Games Cluster (invented)", "SE123"),
    ("Örebro Food Tech (invented)", "SE124"),
    ("Västernorrland Bioeconomy (invented)", "SE321"),
    ("Skåne Water Tech (invented)", "SE224"),
    ("Stockholm Fintech Circle (invented)", "SE110"),
    ("Västerbotten Battery Network (invented)", "SE331"),
]
REVIEWERS = [
    ("reviewer1@example.org", "Rut Granskare (invented)", "sv"),
    ("reviewer2@example.org", "Rolf Bedömare (invented)", "sv"),
    ("reviewer3@example.org", "Rebecka Analys (invented)", "sv"),
    ("reviewer4@example.org", "Ragnar Expert (invented)", "en"),
    ("reviewer5@example.org", "Ronja Utvärderare (invented)", "sv"),
]
STAGES = ["submitted", "in_review", "assigned", "scored", "decided", "cohort"]


def _user(email: str, full_name: str, language: str, password: str | None) -> User:
    user, _created = User.objects.update_or_create(
        email=email, defaults={"full_name": full_name, "language": language, "is_demo": True}
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save(update_fields=["password"])
    return user


def _organisations() -> list[Organisation]:
    organisations = [Organisation.objects.get(name=name) for name in SELECTED]
    for name, _region in INVENTED:
        organisation, _created = Organisation.objects.update_or_create(
            slug=slugify(name),
            defaults={"name": name, "kind": "cluster", "country": "SE", "is_demo": True},
        )
        organisations.append(organisation)
    return organisations


def _call(operator: User) -> Call:
    call = services.call_create(
        actor=operator,
        title="S3-piloten",
        organiser=Organisation.objects.get(name="Tillväxtverket"),
        description=(
            "A cluster platform for clusters prioritised in their region's smart specialisation "
            "strategy. Selected clusters are offered training, network meetings, international "
            "contacts and can apply for financial support for business development."
        ),
        eligibility="Cluster organisations prioritised in a regional smart specialisation "
        "strategy (S3).",
        time_zone="Europe/Stockholm",
        opens_at=OPENS,
        closes_at=CLOSES,
        currency="SEK",
        eligible_kinds=["cluster", "science_park"],
        eligible_countries=["SE"],
        reviewers_per_application=3,
        is_demo=True,
    )
    services.call_translation_set(
        actor=operator,
        call=call,
        language="sv",
        title="S3-piloten",
        description=(
            "S3-piloten ska ytterligare stärka klusters kompetens och genom detta stötta "
            "företagens utveckling. Utvalda kluster erbjuds utbildningar, nätverksträffar, "
            "internationella kontakter samt kan söka finansiellt stöd för företagsutveckling."
        ),
        eligibility="Kluster som är prioriterade i regionens smarta specialiseringsstrategi.",
    )
    q = {}
    q["summary"] = services.question_create(
        actor=operator, call=call, label="Summary of the cluster and its plan", kind="long_text"
    )
    q["region"] = services.question_create(actor=operator, call=call, label="Region", kind="region")
    q["sector"] = services.question_create(
        actor=operator, call=call, label="Main sector", kind="sector"
    )
    q["s3"] = services.question_create(
        actor=operator,
        call=call,
        label="How is the cluster prioritised in the regional smart specialisation strategy?",
        kind="long_text",
    )
    q["members"] = services.question_create(
        actor=operator, call=call, label="Number of member companies", kind="number", min_value=0
    )
    q["wants"] = services.question_create(
        actor=operator,
        call=call,
        label="Which offerings do you want?",
        kind="multiple_choice",
        choices=["Training", "Network meetings", "International contacts", "Financial support"],
    )
    services.question_create(
        actor=operator,
        call=call,
        label="Business plan",
        kind="file",
        required=False,
        allowed_extensions=["pdf"],
        max_file_size_mb=5,
    )
    for name, weight in [
        ("Priority in the regional smart specialisation strategy", "2"),
        ("Capacity of the cluster organisation", "1.5"),
        ("Benefit for member SMEs", "1.5"),
        ("International potential", "1"),
    ]:
        services.criterion_create(actor=operator, call=call, name=name, weight=weight)
    services.call_publish(actor=operator, call=call)
    call._demo_questions = q
    return call


def _apply(call: Call, organisations: list[Organisation], password: str | None) -> None:
    q = call._demo_questions
    regions = {**REGION, **dict(INVENTED)}
    for index, organisation in enumerate(organisations):
        contact = _user(
            f"contact-{organisation.slug}@example.org",
            f"Contact at {organisation.name} (invented)",
            "sv" if index % 4 else "en",
            None,
        )
        membership_set(
            actor=None, user=contact, organisation=organisation, role=MembershipRole.OWNER
        )
        when = OPENS + timedelta(days=1 + index % 40, hours=index % 7)
        application = services.application_create(
            actor=contact,
            call=call,
            organisation=organisation,
            title=f"{organisation.name.replace(' (invented)', '')} in S3-piloten",
            answers={
                q["summary"].key: f"{organisation.name} gathers companies in its region "
                "(invented demo answer).",
                q["region"].key: regions[organisation.name],
                q["sector"].key: "C" if index % 2 else "J",
                q["s3"].key: "Named as a priority area in the regional strategy "
                "(invented demo answer).",
                q["members"].key: str(40 + (index * 7) % 160),
                q["wants"].key: ["Training", "Network meetings", "International contacts"],
            },
            now=when,
        )
        services.application_submit(actor=contact, application=application, now=when)


def build_s3_piloten(*, operator: User, password: str | None, until: str = "cohort") -> Call:
    """Create the call and play its workflow up to `until` (one of STAGES)."""
    stop = STAGES.index(until)
    call = _call(operator)
    organisations = _organisations()
    _apply(call, organisations, password)
    reviewers = []
    tillvaxtverket = Organisation.objects.get(name="Tillväxtverket")
    for email, name, language in REVIEWERS:
        user = _user(email, name, language, password)
        membership_set(actor=None, user=user, organisation=tillvaxtverket)
        reviewers.append(services.reviewer_add(actor=operator, call=call, user=user))
    # Conflicts: reviewer 4 is also a member of an invented applicant, reviewer 2 declares one.
    membership_set(actor=None, user=reviewers[3].user, organisation=organisations[-1])
    services.conflict_declare(
        actor=reviewers[1].user,
        reviewer=reviewers[1],
        organisation=Organisation.objects.get(name="Compare"),
        reason="Former employee (invented)",
    )
    if stop < 1:
        return call
    services.call_close(actor=operator, call=call)
    services.applications_transition_all(
        actor=operator, call=call, action="start_screening", from_status="submitted"
    )
    services.applications_transition_all(
        actor=operator, call=call, action="start_review", from_status="eligibility"
    )
    if stop < 2:
        return call
    services.assignments_auto(actor=operator, call=call)
    if stop < 3:
        return call
    score_all(call=call)
    if stop < 4:
        return call
    services.applications_transition_all(
        actor=operator, call=call, action="ready_for_decision", from_status="in_review"
    )
    from samverkan.calls import selectors

    items = []
    for row in selectors.ranking(call=call):
        outcome = "selected" if row.rank <= 22 else "reserve" if row.rank <= 26 else "rejected"
        reason = {
            "selected": "Prioritised in the regional strategy and strong in the assessment.",
            "reserve": "A strong application; on the reserve list if a place becomes free.",
            "rejected": "Other applications scored higher against the criteria.",
        }[outcome]
        items.append((row.application, outcome, reason))
    services.decisions_make_many(actor=operator, items=items)
    services.consultation_note_add(
        actor=operator,
        application=call.applications.get(organisation__name="Mobile Heights"),
        consulted="Region Skåne (invented note)",
        body="The region confirms the cluster is a priority in its smart specialisation strategy.",
    )
    services.decision_letters_send(actor=operator, call=call)
    if stop < 5:
        return call
    cohort = services.cohort_create(actor=operator, call=call, name="S3-piloten cohort")
    for kind, title, days in [
        ("training", "Cluster management training (invented date)", 30),
        ("network_meeting", "Network meeting of the S3 clusters (invented date)", 60),
        ("international", "International contacts: partner search (invented date)", 90),
    ]:
        services.offering_add(
            actor=operator,
            cohort=cohort,
            kind=kind,
            title=title,
            starts_at=CLOSES + timedelta(days=days),
        )
    follow_up = services.follow_up_call_create(
        actor=operator,
        cohort=cohort,
        title="S3-piloten: financial support for business development",
        opens_at=CLOSES + timedelta(days=30),
        closes_at=CLOSES + timedelta(days=400),
        description="Open only to clusters in the S3-piloten cohort (invented follow-up call).",
        is_demo=True,
    )
    services.question_create(
        actor=operator,
        call=follow_up,
        label="What will the support be used for?",
        kind="long_text",
    )
    services.question_create(
        actor=operator,
        call=follow_up,
        label="Amount requested (SEK)",
        kind="number",
        min_value=0,
    )
    services.call_publish(actor=operator, call=follow_up)
    return call


def score_all(*, call: Call) -> int:
    """Deterministic invented scores: the 22 seed clusters score higher than invented ones."""
    count = 0
    criteria = list(call.criteria.all())
    assignments = Assignment.objects.filter(
        application__call=call,
        application__status=ApplicationStatus.IN_REVIEW,
        review__submitted_at__isnull=True,
    ).select_related("application__organisation", "reviewer__user")
    for assignment in assignments.order_by("pk"):
        strong = not assignment.application.organisation.is_demo
        scores = {}
        for n, criterion in enumerate(criteria):
            wobble = (assignment.application_id + assignment.reviewer_id + n) % 3 == 0
            value = (4 if wobble else 5) if strong else (2 if wobble else 3)
            scores[criterion.pk] = {"value": value}
        services.review_save(
            actor=assignment.reviewer.user,
            assignment=assignment,
            scores=scores,
            comment="Invented demo review.",
            submit=True,
        )
        count += 1
    return count


def load_demo_data(*, password: str, stdout) -> None:
    if Call.objects.filter(slug=SLUG).exists():
        stdout.write("  S3-piloten call already loaded")
        return
    operator = User.objects.get(email="operator@example.org")
    call = build_s3_piloten(operator=operator, password=password)
    sme = User.objects.get(email="sme@example.org")
    applicant = Application.objects.filter(call=call, organisation__is_demo=True).last()
    membership_set(actor=None, user=sme, organisation=applicant.organisation)
    stdout.write(
        f"  S3-piloten: {call.applications.count()} applications, 5 reviewers "
        f"(reviewer1..5@example.org), "
        f"{call.applications.filter(status=ApplicationStatus.SELECTED).count()} selected, "
        f"cohort of {call.cohort.members.count()}, "
        f"follow-up calls: {Call.objects.filter(restricted_to_cohort=call.cohort).count()}"
    )
