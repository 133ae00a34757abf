"""Web pages: permissions for applicant, reviewer and operator; N+1 guards; forms."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, reverse

from samverkan.calls import services, urls
from samverkan.calls.models import Application, CallStatus, Question
from tests.calls.factories import CallFactory
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_every_calls_view_declares_its_permission():
    for pattern in urls.urlpatterns:
        assert isinstance(pattern, URLPattern)
        assert getattr(pattern.callback, "required_permission", None), pattern.name


def test_public_pages_and_hidden_drafts(client, call):
    draft = CallFactory(status=CallStatus.DRAFT)
    assert client.get(reverse("calls:call-list")).status_code == 200
    assert client.get(call.get_absolute_url()).status_code == 200
    assert client.get(draft.get_absolute_url()).status_code == 404
    response = client.get(reverse("calls:call-create"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_deadline_is_shown_in_the_viewers_time_zone(client, call, applicant):
    from datetime import UTC, datetime

    call.closes_at = datetime(2030, 3, 15, 15, 0, tzinfo=UTC)
    call.save()
    applicant.time_zone = "Europe/Helsinki"
    applicant.save()
    client.force_login(applicant)
    content = client.get(call.get_absolute_url()).content.decode()
    assert "15 March 2030 17:00" in content
    assert "your time zone, Europe/Helsinki" in content
    assert "15 March 2030 16:00" in content  # the call's own zone, Europe/Stockholm


OPERATOR_PAGES = ["call-edit", "call-form", "call-applications", "assessment", "ranking"]


@pytest.mark.parametrize("name", OPERATOR_PAGES)
def test_operator_pages(client, call, operator, applicant, name):
    url = reverse(f"calls:{name}", kwargs={"slug": call.slug})
    client.force_login(applicant)
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
    client.force_login(operator)
    assert client.get(url).status_code == 200


def test_application_visibility(client, submitted, applicant, operator, reviewers, criteria):
    url = submitted.get_absolute_url()
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403
    client.force_login(applicant)
    assert client.get(url).status_code == 200
    client.force_login(reviewers[0].user)
    assert client.get(url).status_code == 403
    client.force_login(operator)
    assert client.get(url).status_code == 200


def test_reviewer_sees_only_assigned_and_applicant_never_sees_reviewers(
    client, in_review, reviewers, operator, applicant, criteria
):
    assignment = services.assignment_create(
        actor=operator, application=in_review, reviewer=reviewers[0]
    )
    services.review_save(
        actor=reviewers[0].user,
        assignment=assignment,
        scores={c.pk: {"value": 4} for c in criteria},
        comment="Secret reviewer remark",
        submit=True,
    )
    client.force_login(reviewers[0].user)
    assert client.get(reverse("calls:review", kwargs={"pk": assignment.pk})).status_code == 200
    assert client.get(in_review.get_absolute_url()).status_code == 200
    client.force_login(reviewers[1].user)
    assert client.get(reverse("calls:review", kwargs={"pk": assignment.pk})).status_code == 403
    client.force_login(applicant)
    page = client.get(in_review.get_absolute_url()).content.decode()
    assert str(reviewers[0].user) not in page
    assert "Secret reviewer remark" not in page
    client.force_login(operator)
    assert "Secret reviewer remark" in client.get(in_review.get_absolute_url()).content.decode()


def test_late_submission_in_the_browser_form(client, call, questions, applicant, cluster, answers):
    from datetime import timedelta

    from django.utils import timezone

    application = services.application_create(
        actor=applicant, call=call, organisation=cluster, title="Late", answers=answers
    )
    call.closes_at = timezone.now() - timedelta(minutes=5)
    call.save()
    client.force_login(applicant)
    data = {q.key: answers.get(q.key, "") for q in questions.values()} | {"submit": "1"}
    response = client.post(reverse("calls:application-edit", kwargs={"pk": application.pk}), data)
    assert response.status_code == 200
    assert "Late applications cannot be submitted." in response.content.decode()
    application.refresh_from_db()
    assert application.status == "draft"


def test_apply_and_submit_through_the_web(client, call, questions, applicant, cluster, answers):
    client.force_login(applicant)
    response = client.post(
        reverse("calls:call-apply", kwargs={"slug": call.slug}),
        {"organisation": cluster.pk, "title": "Web application"},
    )
    application = Application.objects.get()
    assert response.url == reverse("calls:application-edit", kwargs={"pk": application.pk})
    data = {q.key: answers.get(q.key, "") for q in questions.values()}
    data[questions["region"].key] = "SE224"
    response = client.post(response.url, data | {"submit": "1"})
    application.refresh_from_db()
    assert (application.status, application.answers[questions["region"].key]) == (
        "submitted",
        "SE224",
    )


def test_form_builder_refuses_bad_questions_and_changes_nothing(client, call, operator):
    client.force_login(operator)
    url = reverse("calls:call-form", kwargs={"slug": call.slug})
    response = client.post(
        url,
        {
            "part": "question",
            "question-stage": "full",
            "question-label": "Pick one",
            "question-kind": "choice",
            "question-choices": "only one",
            "question-max_file_size_mb": "5",
        },
    )
    assert response.status_code == 200
    assert "A choice question needs at least two options." in response.content.decode()
    assert not Question.objects.exists()


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


def test_lists_do_not_grow_queries_with_rows(client, operator, call, reviewers, criteria):
    client.force_login(operator)

    def add_applications(n):
        for _ in range(n):
            organisation = OrganisationFactory(kind="cluster")
            member = MembershipFactory(organisation=organisation).user
            application = services.application_create(
                actor=member, call=call, organisation=organisation, title="x"
            )
            Application.objects.filter(pk=application.pk).update(status="in_review")
        services.assignments_auto(actor=operator, call=call)
        for assignment in reviewers[0].assignments.all():
            if not hasattr(assignment, "review"):
                services.review_save(
                    actor=reviewers[0].user,
                    assignment=assignment,
                    scores={c.pk: {"value": 3} for c in criteria},
                    submit=True,
                )
        CallFactory()

    urls_to_check = [
        reverse("calls:call-list"),
        reverse("calls:call-applications", kwargs={"slug": call.slug}),
        reverse("calls:ranking", kwargs={"slug": call.slug}),
        reverse("calls:assessment", kwargs={"slug": call.slug}),
    ]
    add_applications(2)
    before = [_count(client, url) for url in urls_to_check]
    add_applications(5)
    after = [_count(client, url) for url in urls_to_check]
    assert before == after
    client.force_login(reviewers[0].user)
    small = _count(client, reverse("calls:my-reviews"))
    add_applications(3)
    assert _count(client, reverse("calls:my-reviews")) == small


def test_attachments_are_checked_and_stored(client, call, operator):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(operator)
    url = reverse("calls:call-form", kwargs={"slug": call.slug})
    bad = client.post(
        url,
        {
            "part": "attachment",
            "attachment-title": "Guide",
            "attachment-file": SimpleUploadedFile("guide.exe", b"MZ"),
        },
    )
    assert "are not accepted here" in bad.content.decode()
    assert not call.attachments.exists()
    client.post(
        url,
        {
            "part": "attachment",
            "attachment-title": "Guide",
            "attachment-file": SimpleUploadedFile("guide.pdf", b"%PDF-1.4"),
        },
    )
    assert [a.title for a in call.attachments.all()] == ["Guide"]
    assert "Guide" in client.get(call.get_absolute_url()).content.decode()


def test_follow_up_call_from_the_cohort_page(client, in_review, operator, applicant):
    services.application_transition(
        actor=operator, application=in_review, action="ready_for_decision"
    )
    services.decision_make(actor=operator, application=in_review, outcome="selected", reason="Ok")
    cohort = services.cohort_create(actor=operator, call=in_review.call)
    url = cohort.get_absolute_url()
    client.force_login(applicant)
    assert client.get(url).status_code == 200  # members see their cohort
    assert client.post(url, {"part": "follow_up"}).status_code == 403
    client.force_login(operator)
    response = client.post(
        url,
        {
            "part": "follow_up",
            "follow_up-title": "Financial support",
            "follow_up-opens_at": "2030-01-10T09:00",
            "follow_up-closes_at": "2030-03-01T16:00",
        },
    )
    follow_up = cohort.follow_up_calls.get()
    assert response.url == reverse("calls:call-form", kwargs={"slug": follow_up.slug})
    assert follow_up.closes_at.isoformat() == "2030-03-01T15:00:00+00:00"
    assert client.get(url).status_code == 200
