from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from samverkan.programmes.models import Answer, SurveyInvitation, SurveyResponse
from samverkan.programmes.services import activities as services
from samverkan.programmes.services import surveys as survey_services
from samverkan.programmes.tasks import survey_reminders_send
from tests.programmes.helpers import answers, contact, questionnaire

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(project, companies, mailoutbox, django_capture_on_commit_callbacks):
    services.activity_create(
        actor=None,
        project=project,
        kind="matchmaking",
        title="Vaasa",
        starts_on=date(2017, 3, 15),
        participants=[companies["se1"], companies["fi1"]],
    )
    contact(companies["se1"], email="anna@snolast.example", language="sv")
    contact(companies["fi1"], email="mika@vaasa.example")
    q = questionnaire(project.programme)
    with django_capture_on_commit_callbacks(execute=True):
        invitations = survey_services.survey_send(actor=None, questionnaire=q, project=project)
    return q, invitations


def test_send_invites_each_contact_once_with_unique_links(
    sent, project, mailoutbox, django_capture_on_commit_callbacks
):
    q, invitations = sent
    assert len(invitations) == 2
    assert len({i.token for i in invitations}) == 2
    assert sorted(m.to[0] for m in mailoutbox) == ["anna@snolast.example", "mika@vaasa.example"]
    swedish = next(m for m in mailoutbox if m.to == ["anna@snolast.example"])
    assert "Några frågor" in swedish.subject or "frågor" in swedish.body
    token = SurveyInvitation.objects.get(email="mika@vaasa.example").token
    assert f"/programmes/survey/{token}/" in next(
        m.body for m in mailoutbox if m.to == ["mika@vaasa.example"]
    )
    with django_capture_on_commit_callbacks(execute=True):
        again = survey_services.survey_send(actor=None, questionnaire=q, project=project)
    assert again == [] and len(mailoutbox) == 2
    assert SurveyInvitation.objects.filter(sent_at__isnull=False).count() == 2


def test_send_without_contacts_is_refused(project, companies, programme):
    services.activity_create(
        actor=None,
        project=project,
        kind="event",
        title="Fair",
        starts_on=date(2017, 3, 15),
        participants=[companies["uni"]],
    )
    with pytest.raises(ValidationError, match="contact person"):
        survey_services.survey_send(
            actor=None, questionnaire=questionnaire(programme), project=project
        )


def test_answers_are_validated_and_nothing_stored_on_error(sent):
    q, invitations = sent
    invitation = invitations[0]
    bad = answers(
        q,
        contract_signed="maybe",
        contract_country="XX",
        contract_value=("12", "ABC"),
        satisfaction="9",
        jobs_created="-1",
    )
    with pytest.raises(ValidationError) as error:
        survey_services.survey_answer_submit(invitation=invitation, data=bad)
    assert len(error.value.message_dict) == 5
    assert SurveyResponse.objects.count() == 0
    invitation.refresh_from_db()
    assert invitation.responded_at is None


def test_answer_is_stored_once(sent):
    q, invitations = sent
    invitation = invitations[0]
    response = survey_services.survey_answer_submit(
        invitation=invitation,
        data=answers(
            q,
            contract_signed="yes",
            contract_country="cn",
            contract_value=("1 000,50", "eur"),
            other="Great",
        ),
    )
    stored = {a.question.key: a for a in Answer.objects.filter(response=response)}
    assert stored["contract_signed"].boolean is True
    assert stored["contract_country"].text == "CN"
    assert str(stored["contract_value"].number) == "1000.50"
    assert stored["contract_value"].currency == "EUR"
    assert stored[""].text == "Great"
    with pytest.raises(ValidationError, match="already been answered"):
        survey_services.survey_answer_submit(invitation=invitation, data={})


def test_reminders_go_to_those_who_have_not_answered(sent, mailoutbox):
    q, invitations = sent
    survey_services.survey_answer_submit(
        invitation=invitations[0], data=answers(q, contract_signed="no")
    )
    SurveyInvitation.objects.update(sent_at=timezone.now() - timedelta(days=8))
    mailoutbox.clear()
    assert survey_reminders_send.call() == 1
    assert len(mailoutbox) == 1 and mailoutbox[0].to == [invitations[1].email]
    assert "Reminder" in mailoutbox[0].subject or "Påminnelse" in mailoutbox[0].subject
    assert survey_reminders_send.call() == 0  # not again before remind_after_days
    SurveyInvitation.objects.update(last_reminded_at=timezone.now() - timedelta(days=8))
    call_command("programmes_survey_reminders", "--now")
    SurveyInvitation.objects.update(last_reminded_at=timezone.now() - timedelta(days=8))
    assert survey_reminders_send.call() == 0  # max_reminders (2) reached
    assert SurveyInvitation.objects.get(pk=invitations[1].pk).reminders_sent == 2


def test_response_rates_on_the_questionnaire_page(client, operator, sent, password):
    q, invitations = sent
    survey_services.survey_answer_submit(
        invitation=invitations[0], data=answers(q, contract_signed="no")
    )
    client.force_login(operator)
    response = client.get(f"/programmes/surveys/{q.pk}/")
    assert response.status_code == 200
    assert "50 %" in response.content.decode()


def test_answer_page_is_public_and_unknown_token_is_404(client, sent):
    _q, invitations = sent
    assert client.get(f"/programmes/survey/{invitations[0].token}/").status_code == 200
    assert client.get("/programmes/survey/not-a-token/").status_code == 404
    response = client.post(f"/programmes/survey/{invitations[0].token}/", {})
    assert response.status_code == 422
    assert "This question needs an answer." in response.content.decode()


def test_due_surveys_are_sent_once_six_months_after_the_activity(
    project, companies, mailoutbox, django_capture_on_commit_callbacks
):
    q = questionnaire(project.programme)
    contact(companies["se1"])
    today = date(2018, 9, 1)
    due = services.activity_create(
        actor=None,
        project=project,
        kind="fair",
        title="Fair",
        participants=[companies["se1"]],
        starts_on=today - timedelta(days=q.send_after_days),
    )
    services.activity_create(
        actor=None,
        project=project,
        kind="fair",
        title="Old fair",
        participants=[companies["se1"]],
        starts_on=date(2016, 1, 1),
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert survey_services.surveys_send_due(today=today) == 1
    assert SurveyInvitation.objects.get().activity == due
    assert len(mailoutbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert survey_services.surveys_send_due(today=today) == 0


def test_catalogue_contacts_with_consent_are_invited_and_reminded(
    project, companies, mailoutbox, django_capture_on_commit_callbacks
):
    from samverkan.catalog.models import Person

    services.activity_create(
        actor=None,
        project=project,
        kind="training",
        title="Export training",
        starts_on=date(2017, 3, 15),
        participants=[companies["se1"], companies["fi1"]],
    )
    consented = timezone.now()
    Person.objects.create(
        organisation=companies["se1"],
        name="Karin Contact",
        email="karin@snolast.example",
        languages=["sv", "en"],
        listing_consent_at=consented,
    )
    Person.objects.create(
        organisation=companies["fi1"], name="No Consent", email="no@vaasa.example"
    )
    Person.objects.create(
        organisation=companies["fi1"], name="No Mail", email="", listing_consent_at=consented
    )
    contact(companies["se1"], email="KARIN@snolast.example")  # the same address as a member
    q = questionnaire(project.programme)
    with django_capture_on_commit_callbacks(execute=True):
        invitations = survey_services.survey_send(actor=None, questionnaire=q, project=project)
    assert [(i.email, i.language, i.organisation) for i in invitations] == [
        ("karin@snolast.example", "sv", companies["se1"])
    ]
    assert [m.to for m in mailoutbox] == [["karin@snolast.example"]]
    assert f"/programmes/survey/{invitations[0].token}/" in mailoutbox[0].body

    SurveyInvitation.objects.update(sent_at=timezone.now() - timedelta(days=8))
    mailoutbox.clear()
    assert survey_reminders_send.call() == 1
    assert mailoutbox[0].to == ["karin@snolast.example"]
    survey_services.survey_answer_submit(
        invitation=invitations[0], data=answers(q, contract_signed="no")
    )
    invitation = SurveyInvitation.objects.get()
    assert invitation.responded_at is not None and invitation.reminders_sent == 1
