"""Journey (issue 10): a two-stage call in the browser, concept note first, then the full
application for those invited, then review and a decision.

The operator creates the call, its two forms and the rubric; an applicant submits a concept
note; the operator invites a full application; the applicant submits it; a reviewer scores it;
the operator selects it and the applicant reads the decision.
"""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from samverkan.calls.models import Application, Call
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def _switch_user(page, login, user):
    page.context.clear_cookies()
    login(user)


def _local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def _add_question(page, *, stage: str, label: str) -> None:
    page.locator("#id_question-stage").select_option(stage)
    page.locator("#id_question-label").fill(label)
    page.locator("#id_question-kind").select_option("long_text")
    page.get_by_role("button", name="Add question").click()
    assert page.get_by_role("cell", name=label).is_visible()


def test_two_stage_call_from_concept_note_to_decision(page, login, password):
    page.set_default_timeout(60_000)  # a long journey on a shared, busy machine
    operator = UserFactory(is_operator=True, full_name="Olivia Op", password=password)
    OrganisationFactory(name="Vinnova (test)", kind="public_authority")
    cluster = OrganisationFactory(name="Fjord Cluster", kind="cluster", country="SE")
    applicant = MembershipFactory(
        organisation=cluster, role="owner", user__full_name="Anna Applicant"
    ).user
    reviewer = UserFactory(full_name="Rut Reviewer", email="rut@example.org")
    now = timezone.now()

    # The operator creates the call, both forms and the rubric, and publishes it.
    login(operator)
    page.goto("/calls/new/")
    page.locator("#id_title").fill("Two-stage cluster pilot")
    page.locator("#id_organiser").select_option(label="Vinnova (test)")
    page.locator("#id_opens_at").fill(_local(now - timedelta(days=1)))
    page.locator("#id_concept_closes_at").fill(_local(now + timedelta(days=10)))
    page.locator("#id_closes_at").fill(_local(now + timedelta(days=30)))
    page.locator("#id_is_two_stage").check()
    page.get_by_role("button", name="Save").click()
    call = Call.objects.get(title="Two-stage cluster pilot")
    assert (call.is_two_stage, call.status) == (True, "draft")

    page.goto(f"/calls/{call.slug}/form/")
    _add_question(page, stage="concept", label="Concept in brief")
    _add_question(page, stage="full", label="Work plan")
    page.locator("#id_criterion-name").fill("Relevance")
    page.get_by_role("button", name="Add criterion").click()
    page.goto(f"/calls/{call.slug}/")
    page.get_by_role("button", name="Publish").click()
    assert page.get_by_text("The call is now published.").is_visible()

    # The applicant writes and submits a concept note (only the concept question is asked).
    _switch_user(page, login, applicant)
    page.goto(f"/calls/{call.slug}/apply/")
    page.get_by_label("Apply on behalf of").select_option(label="Fjord Cluster")
    page.get_by_label("Project title").fill("Fjord hydrogen")
    page.get_by_role("button", name="Start application").click()
    concept, full = call.questions.get(stage="concept"), call.questions.get(stage="full")
    assert page.locator(f"#id_{full.key}").count() == 0
    page.locator(f"#id_{concept.key}").fill("Hydrogen valleys along the coast.")
    page.get_by_role("button", name="Submit application").click()
    application = Application.objects.get(call=call)
    assert (application.stage, application.status) == ("concept", "submitted")

    # The operator screens the concept, reviews nothing yet, and invites a full application.
    _switch_user(page, login, operator)
    page.goto(f"/calls/applications/{application.pk}/")
    for step in ("Start eligibility screening", "Eligible: start review", "Ready for decision"):
        page.get_by_role("button", name=step).click()
        assert page.get_by_text(f"Done: {step}.").is_visible()
    mail.outbox.clear()
    page.get_by_role("button", name="Invite full application").click()
    application.refresh_from_db()
    assert (application.stage, application.status) == ("full", "draft")
    assert application.concept_answers == {concept.key: "Hydrogen valleys along the coast."}
    assert [m.to for m in mail.outbox] == [[applicant.email]]

    # The applicant answers the full form and submits it.
    _switch_user(page, login, applicant)
    page.goto(f"/calls/applications/{application.pk}/edit/")
    page.locator(f"#id_{full.key}").fill("Three pilots, one per region, in 24 months.")
    page.get_by_role("button", name="Submit application").click()
    application.refresh_from_db()
    assert (application.stage, application.status) == ("full", "submitted")

    # The operator screens it, adds a reviewer and assigns automatically.
    _switch_user(page, login, operator)
    page.goto(f"/calls/{call.slug}/applications/")
    page.get_by_role("button", name="Screen all submitted").click()
    page.get_by_role("button", name="Send all screened to review").click()
    page.goto(f"/calls/{call.slug}/assessment/")
    page.locator("#id_reviewer-email").fill("rut@example.org")
    page.get_by_role("button", name="Add to the group").click()
    page.get_by_role("button", name="Assign automatically").click()
    assert page.get_by_role("cell", name="Rut Reviewer").first.is_visible()

    # The reviewer scores it.
    _switch_user(page, login, reviewer)
    page.goto("/calls/reviews/")
    page.get_by_role("link", name="Fjord Cluster").first.click()
    assert page.get_by_text("Three pilots, one per region, in 24 months.").is_visible()
    page.locator("select[name^=criterion_]").first.select_option("4")
    page.get_by_role("button", name="Submit review").click()
    assert page.get_by_text("Your review was submitted.").is_visible()

    # The operator decides; the applicant sees the outcome and the reason.
    _switch_user(page, login, operator)
    page.goto(f"/calls/{call.slug}/applications/")
    page.get_by_role("button", name="Mark all reviewed ready for decision").click()
    page.goto(f"/calls/applications/{application.pk}/")
    page.locator("#id_outcome").select_option("selected")
    page.locator("#id_reason").fill("A clear plan with regional anchoring.")
    page.get_by_role("button", name="Record decision").click()
    assert page.get_by_text("The decision was recorded.").is_visible()
    application.refresh_from_db()
    assert application.status == "selected"

    _switch_user(page, login, applicant)
    page.goto(f"/calls/applications/{application.pk}/")
    assert page.get_by_role("heading", name="Decision: Selected").is_visible()
    assert page.get_by_text("A clear plan with regional anchoring.").is_visible()
    assert page.get_by_text("Rut Reviewer").count() == 0
