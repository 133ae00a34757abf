"""Journey (issue 10): the S3-piloten call from 40 submitted applications to a cohort of 22.

The call and its 40 applications come from calls/demo.py (the 22 seed clusters of the demo
catalogue plus 18 invented ones); the browser plays screening, conflicted and automatic
assignment, one reviewer's scoring, the ranking, 22 selections, the letters and the cohort.
A late submission is refused with a clear message.
"""

import re

import pytest
from django.core import mail
from django.utils.text import slugify

from samverkan.accounts.models import User
from samverkan.calls import demo, services
from samverkan.calls.models import Application, Assignment, Call, Cohort
from samverkan.catalog.demo import SEED_ORGANISATIONS
from samverkan.catalog.models import Organisation
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def s3(password):
    for spec in SEED_ORGANISATIONS:  # the demo catalogue's real organisations
        Organisation.objects.update_or_create(
            slug=slugify(spec["name"]),
            defaults={"name": spec["name"], "kind": spec["kind"], "country": spec["country"]},
        )
    operator = UserFactory(email="operator@example.org", is_operator=True, full_name="Olivia Op")
    call = demo.build_s3_piloten(operator=operator, password=password, until="submitted")
    return call, operator


def _switch_user(page, login, user):
    page.context.clear_cookies()
    login(user)


def test_s3_piloten_from_applications_to_cohort(page, login, s3, password):
    call, operator = s3
    assert call.applications.filter(status="submitted").count() == 40

    # A late applicant: their draft cannot be submitted after the deadline.
    late_org = OrganisationFactory(name="Late Cluster (invented)", kind="cluster", is_demo=True)
    late_user = MembershipFactory(organisation=late_org, role="owner").user
    draft = services.application_create(
        actor=late_user,
        call=call,
        organisation=late_org,
        title="Too late",
        now=demo.OPENS,
    )
    login(late_user)
    page.goto(f"/calls/applications/{draft.pk}/edit/")
    page.get_by_role("button", name="Submit application").click()
    assert page.get_by_role("alert").inner_text() == (
        "The deadline for “S3-piloten” was 2025-10-15 16:00 (Europe/Stockholm). "
        "Late applications cannot be submitted."
    )
    draft.refresh_from_db()
    assert draft.status == "draft"

    # Operator screens everything and sends it to review.
    _switch_user(page, login, operator)
    page.goto(f"/calls/{call.slug}/applications/")
    page.get_by_role("button", name="Screen all submitted").click()
    assert page.get_by_text("40 applications: Start eligibility screening.").is_visible()
    page.get_by_role("button", name="Send all screened to review").click()
    assert page.get_by_text("40 applications: Eligible: start review.").is_visible()

    # A conflicted assignment by hand is refused with the reason.
    page.goto(f"/calls/{call.slug}/assessment/")
    page.locator("#id_assign-application").select_option(label="Compare")
    page.locator("#id_assign-reviewer").select_option(label="Rolf Bedömare (invented)")
    page.get_by_role("button", name="Assign", exact=True).click()
    assert page.get_by_text(
        "Rolf Bedömare (invented) cannot review Compare: Rolf Bedömare (invented) declared a "
        "conflict of interest (Former employee (invented))."
    ).is_visible()
    assert not Assignment.objects.exists()

    # Automatic assignment: 3 reviewers each, balanced, no conflicts.
    page.get_by_role("button", name="Assign automatically").click()
    assert page.get_by_text(
        "120 assignments made; conflicts of interest were respected."
    ).is_visible()
    assert not Assignment.objects.filter(
        reviewer__user__email="reviewer2@example.org", application__organisation__name="Compare"
    ).exists()
    member_conflict = Organisation.objects.get(name=demo.INVENTED[-1][0])
    assert not Assignment.objects.filter(
        reviewer__user__email="reviewer4@example.org", application__organisation=member_conflict
    ).exists()
    loads = [
        Assignment.objects.filter(reviewer__user__email=email).count()
        for email, _name, _language in demo.REVIEWERS
    ]
    assert loads == [24, 24, 24, 24, 24]

    # One reviewer scores in the browser, in Swedish (her language); others' scores stay
    # hidden until she submits.
    reviewer = User.objects.get(email="reviewer1@example.org")
    _switch_user(page, login, reviewer)
    page.goto("/calls/reviews/")
    page.get_by_role("link", name=re.compile(r"in S3-piloten")).first.click()
    assert page.locator("html").get_attribute("lang") == "sv"
    assert page.get_by_text("Dolt tills du har skickat in din egen bedömning.").is_visible()
    for select in page.locator("select[name^=criterion_]").all():
        select.select_option("5")
    page.get_by_label("Övergripande kommentar").fill("Stark regional förankring.")
    page.get_by_role("button", name="Skicka in bedömning").click()
    assert page.get_by_text("Din bedömning har skickats in.").is_visible()
    assert page.get_by_text("Ingen annan bedömare har skickat in ännu.").is_visible()

    # The rest of the group scores (through the same service), then the operator decides.
    demo.score_all(call=call)
    _switch_user(page, login, operator)
    page.goto(f"/calls/{call.slug}/applications/")
    page.get_by_role("button", name="Mark all reviewed ready for decision").click()
    page.goto(f"/calls/{call.slug}/ranking/")
    assert page.get_by_role("columnheader", name="Agreement").is_visible()
    selects = page.locator("select[data-rank]")
    assert selects.count() == 40
    for select in selects.all():
        rank = int(select.get_attribute("data-rank"))
        select.select_option("selected" if rank <= 22 else "reserve" if rank <= 26 else "rejected")
    page.get_by_role("button", name="Record decisions").click()
    assert page.get_by_text("40 decisions recorded.").is_visible()
    selected = set(
        Application.objects.filter(call=call, status="selected").values_list(
            "organisation__name", flat=True
        )
    )
    assert selected == set(demo.SELECTED)

    mail.outbox.clear()
    page.get_by_role("button", name="Send 40 decision letters").click()
    assert page.get_by_text("40 decision letters are being sent").is_visible()
    assert len(mail.outbox) == 40
    swedish = [m for m in mail.outbox if m.subject.startswith("Beslut om")]
    assert swedish and all("Rut Granskare" not in m.body for m in mail.outbox)

    page.get_by_role("button", name="Create the cohort from the selected").click()
    assert page.get_by_role("heading", name="22 members").is_visible()
    cohort = Cohort.objects.get(call=call)
    assert cohort.members.count() == 22
    assert Call.objects.get(pk=call.pk).cohort == cohort
