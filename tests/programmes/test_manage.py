"""Operator forms: programmes, projects with partners, funding, activities, indicators,
exchange rates, questionnaires. Validated, audited, all or nothing, operators only."""

from datetime import date
from decimal import Decimal

import pytest

from samverkan.common.models import AuditLogEntry
from samverkan.programmes.models import (
    Activity,
    Contribution,
    ExchangeRate,
    Fund,
    IndicatorDefinition,
    Partner,
    Programme,
    Project,
    Question,
    Questionnaire,
)
from samverkan.programmes.services import activities as activity_services
from samverkan.programmes.services import programmes as services
from samverkan.programmes.services import surveys as survey_services
from tests.factories import OrganisationFactory
from tests.programmes.helpers import answers, contact, questionnaire

pytestmark = pytest.mark.django_db


def formset(prefix: str, rows: list[dict], initial: int = 0) -> dict:
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for number, row in enumerate(rows):
        data.update({f"{prefix}-{number}-{key}": value for key, value in row.items()})
    return data


def test_forms_are_for_operators_only(client, user, programme, project):
    for url in [
        "/programmes/new/",
        f"/programmes/{programme.slug}/edit/",
        "/programmes/projects/new/",
        f"/programmes/projects/{project.slug}/edit/",
        f"/programmes/projects/{project.slug}/funding/",
        f"/programmes/{programme.slug}/indicators/",
        f"/programmes/{programme.slug}/surveys/new/",
    ]:
        client.force_login(user)
        assert client.get(url).status_code == 403, url
        assert client.post(url, {}).status_code == 403, url


def test_programme_with_priorities_and_funds(client, operator):
    client.force_login(operator)
    data = {
        "name": "Interreg Aurora 2021-2027",
        "start_year": "2021",
        "end_year": "2027",
        "currency": "EUR",
        "description": "",
        **formset("priorities", [{"code": "P1", "name": "Innovation"}]),
        **formset(
            "funds",
            [
                {"name": "ERDF", "kind": "erdf", "co_financing_rate": "140"},
            ],
        ),
    }
    response = client.post("/programmes/new/", data)
    assert response.status_code == 200
    assert "A rate is between 0 and 100 %." in response.content.decode()
    assert not Programme.objects.exists()

    data["funds-0-co_financing_rate"] = "65"
    response = client.post("/programmes/new/", data)
    programme = Programme.objects.get()
    assert response.url == f"/programmes/{programme.slug}/"
    assert [(p.code, p.name, p.kind) for p in programme.priorities.all()] == [
        ("P1", "Innovation", "priority")
    ]
    assert [(f.name, f.co_financing_rate) for f in programme.funds.all()] == [
        ("ERDF", Decimal("65.00"))
    ]
    priority = programme.priorities.get()
    fund = programme.funds.get()
    edit = {
        "name": "Interreg Aurora",
        "start_year": "2021",
        "end_year": "2020",
        "currency": "EUR",
        **formset(
            "priorities",
            [
                {"id": priority.pk, "code": "P1", "name": "Innovation"},
                {"code": "RSO1.1", "name": "Research and innovation", "parent": priority.pk},
            ],
            initial=1,
        ),
        **formset("funds", [{"id": fund.pk, "name": "ERDF", "kind": "erdf", "DELETE": "on"}], 1),
    }
    response = client.post(f"/programmes/{programme.slug}/edit/", edit)
    assert "The last year cannot be before the first year." in response.content.decode()
    edit["end_year"] = "2027"
    response = client.post(f"/programmes/{programme.slug}/edit/", edit)
    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.name == "Interreg Aurora"
    assert [(p.code, p.kind, p.parent_id) for p in programme.priorities.order_by("code")] == [
        ("P1", "priority", None),
        ("RSO1.1", "objective", priority.pk),
    ]
    assert not Fund.objects.exists()
    assert AuditLogEntry.objects.filter(action="programmes.funds.save").count() == 2


def _project_data(programme, partners: list[dict], initial: int = 0, **fields) -> dict:
    return {
        "programme": programme.pk,
        "name": "SPIN",
        "acronym": "SPIN",
        "start_date": "2016-01-01",
        "end_date": "2019-12-31",
        "status": "running",
        "description": "Smart specialisation",
        "target_groups": "SMEs in Västerbotten",
        "target_markets": "cn, KR",
        "budget_amount": "14100000",
        "budget_currency": "SEK",
        **fields,
        **formset("partners", partners, initial),
    }


def test_project_with_partners_and_two_leads_refused(client, operator, programme):
    lead = OrganisationFactory(name="Region Västerbotten", country="SE")
    other = OrganisationFactory(name="Umeå universitet", country="SE")
    client.force_login(operator)
    partners = [
        {
            "organisation": lead.pk,
            "role": "LP",
            "budget_amount": "4300000",
            "budget_currency": "SEK",
        },
        {"organisation": other.pk, "role": "LP"},
    ]
    response = client.post("/programmes/projects/new/", _project_data(programme, partners))
    assert response.status_code == 200
    assert "A project has one lead partner; 2 are marked." in response.content.decode()
    assert not Project.objects.exists() and not Partner.objects.exists()

    response = client.post(
        "/programmes/projects/new/", _project_data(programme, partners, target_markets="XX")
    )
    assert "Unknown country codes: XX." in response.content.decode()

    partners[1]["role"] = "PP"
    response = client.post("/programmes/projects/new/", _project_data(programme, partners))
    project = Project.objects.get()
    assert response.url == f"/programmes/projects/{project.slug}/"
    assert (project.target_markets, project.budget_amount, project.budget_currency) == (
        ["CN", "KR"],
        Decimal("14100000.00"),
        "SEK",
    )
    assert [(p.organisation, p.role, p.budget_amount) for p in project.partners.all()] == [
        (lead, "LP", Decimal("4300000.00")),
        (other, "PP", None),
    ]
    # Swap the lead and remove nothing: demotion first keeps one lead at every step.
    rows = [
        {"id": p.pk, "organisation": p.organisation_id, "role": "PP" if p.role == "LP" else "LP"}
        for p in project.partners.all()
    ]
    data = _project_data(programme, rows, initial=2)
    data.pop("programme")
    response = client.post(f"/programmes/projects/{project.slug}/edit/", data)
    assert response.status_code == 302
    assert dict(project.partners.values_list("organisation__name", "role")) == {
        "Region Västerbotten": "PP",
        "Umeå universitet": "LP",
    }


def test_funding_shares_and_partner_budgets_are_checked(client, operator, project, lead):
    fund = services.fund_create(
        programme=project.programme, name="ERDF", kind="erdf", co_financing_rate="60"
    )
    client.force_login(operator)
    url = f"/programmes/projects/{project.slug}/funding/"
    assert client.get(url).status_code == 200
    partner = project.partners.get()
    rows = [
        {"fund": fund.pk, "amount": "", "currency": "EUR", "share": "60"},
        {"funder": lead.pk, "currency": "EUR", "share": "45"},
    ]
    response = client.post(url, formset("funding", rows))
    assert (
        "The shares add up to 105 %; together they cannot exceed 100 %."
        in response.content.decode()
    )
    rows[1] = {"funder": lead.pk, "partner": partner.pk, "amount": "150000", "currency": "EUR"}
    response = client.post(url, formset("funding", rows))
    assert (
        "The contributions to North Sweden Cleantech (150000.00 EUR) exceed its budget of"
        " 100000.00 EUR." in response.content.decode()
    )
    assert not Contribution.objects.exists()
    rows[1]["amount"] = "40000.50"
    response = client.post(url, formset("funding", rows))
    assert response.status_code == 302
    assert [
        (c.fund, c.funder, c.partner, c.amount, c.currency, c.share)
        for c in Contribution.objects.order_by("pk")
    ] == [
        (fund, None, None, None, "EUR", Decimal("60.00")),
        (None, lead, partner, Decimal("40000.50"), "EUR", None),
    ]
    assert isinstance(Contribution.objects.get(funder=lead).amount, Decimal)
    # A partner with contributions is not removed silently.
    data = _project_data(
        project.programme,
        [{"id": partner.pk, "organisation": lead.pk, "role": "LP", "DELETE": "on"}],
        initial=1,
    )
    data.pop("programme")
    response = client.post(f"/programmes/projects/{project.slug}/edit/", data)
    assert "has funding contributions; remove them before" in response.content.decode()
    assert Partner.objects.filter(pk=partner.pk).exists()


def test_activity_edit_and_delete_with_confirmation(client, operator, project, companies):
    activity = activity_services.activity_create(
        actor=None,
        project=project,
        kind="training",
        title="Export 101",
        starts_on=date(2017, 5, 1),
        participants=[companies["se1"]],
    )
    client.force_login(operator)
    url = f"/programmes/projects/{project.slug}/activities/{activity.pk}/edit/"
    assert client.get(url).status_code == 200
    data = {
        "kind": "advice",
        "title": "Export advice",
        "starts_on": "2017-05-02",
        "topic": "Customs in Canada",
        "hours": "",
        "participants": [companies["fi1"].pk, companies["se2"].pk],
    }
    response = client.post(url, data)
    assert "An advice session needs the hours of advice given." in response.content.decode()
    data["hours"] = "6.5"
    assert client.post(url, data).status_code == 302
    activity.refresh_from_db()
    assert (activity.kind, activity.topic, activity.hours) == (
        "advice",
        "Customs in Canada",
        Decimal("6.50"),
    )
    assert sorted(activity.participants.values_list("name", flat=True)) == [
        "Kvarken Vind AB",
        "Vaasa Sensors Oy",
    ]
    delete_url = url.replace("/edit/", "/delete/")
    assert "Remove the activity Export advice" in client.get(delete_url).content.decode()
    assert Activity.objects.filter(pk=activity.pk).exists()
    assert client.post(delete_url).status_code == 302
    assert not Activity.objects.filter(pk=activity.pk).exists()


def test_indicators_list_edit_delete(
    client, operator, programme, project, indicators, django_assert_max_num_queries
):
    client.force_login(operator)
    url = f"/programmes/{programme.slug}/indicators/"
    with django_assert_max_num_queries(12):
        response = client.get(url + "?source=smes_supported")
    assert [i.code for i in response.context["page"]] == ["smes"]
    data = {
        "code": "smes",
        "name": "SMEs",
        "unit": "companies",
        "baseline": "0",
        "target": "200",
        "aggregation": "sum",
        "source": "smes_supported",
        "order": "1",
    }
    response = client.post(url + "new/", data)
    assert "Another indicator of this programme has this code." in response.content.decode()
    data["code"] = "smes-2"
    assert client.post(url + "new/", data).status_code == 302
    assert programme.indicators.get(code="smes-2").target == Decimal("200.00")
    data["target"] = "250"
    assert client.post(url + "smes-2/edit/", data).status_code == 302
    assert programme.indicators.get(code="smes-2").target == Decimal("250.00")
    assert client.post(url + "smes-2/delete/").status_code == 302
    assert not IndicatorDefinition.objects.filter(code="smes-2").exists()


def test_exchange_rate_delete(client, operator, eur_sek):
    rate = ExchangeRate.objects.get(valid_from=date(2018, 1, 1))
    client.force_login(operator)
    assert (
        "Remove 1 EUR"
        in client.get(f"/programmes/exchange-rates/{rate.pk}/delete/").content.decode()
    )
    client.post(f"/programmes/exchange-rates/{rate.pk}/delete/")
    assert list(ExchangeRate.objects.values_list("rate", flat=True)) == [Decimal("9.35")]


def test_questionnaire_with_questions(client, operator, programme, project, companies):
    client.force_login(operator)
    url = f"/programmes/{programme.slug}/surveys/new/"
    data = {
        "name": "Six-month follow-up",
        "introduction": "",
        "send_after_days": "180",
        "remind_after_days": "7",
        "max_reminders": "2",
        **formset("questions", []),
    }
    response = client.post(url, data)
    assert "A questionnaire needs at least one question." in response.content.decode()
    assert not Questionnaire.objects.exists()
    data.update(
        formset(
            "questions",
            [
                {
                    "order": "1",
                    "text": "Contract signed?",
                    "kind": "yes_no",
                    "key": "contract_signed",
                    "required": "on",
                },
                {"order": "2", "text": "Where?", "kind": "country", "key": "contract_signed"},
            ],
        )
    )
    response = client.post(url, data)
    assert "Each indicator can be fed by one question only." in response.content.decode()
    data["questions-1-key"] = "contract_country"
    response = client.post(url, data)
    created = Questionnaire.objects.get()
    assert response.url == f"/programmes/surveys/{created.pk}/"
    assert [(q.text, q.kind, q.key, q.required) for q in created.questions.all()] == [
        ("Contract signed?", "yes_no", "contract_signed", True),
        ("Where?", "country", "contract_country", False),
    ]


def test_answered_question_cannot_be_removed(client, operator, programme, project, companies):
    activity_services.activity_create(
        actor=None,
        project=project,
        kind="training",
        title="Training",
        starts_on=date(2017, 5, 1),
        participants=[companies["se1"]],
    )
    contact(companies["se1"])
    q = questionnaire(programme)
    invitation = survey_services.survey_send(actor=None, questionnaire=q, project=project)[0]
    survey_services.survey_answer_submit(
        invitation=invitation, data=answers(q, contract_signed="yes")
    )
    first = q.questions.get(key="contract_signed")
    client.force_login(operator)
    data = {
        "name": q.name,
        "send_after_days": "180",
        "remind_after_days": "7",
        "max_reminders": "2",
        **formset(
            "questions",
            [{"id": first.pk, "order": "1", "text": first.text, "kind": "yes_no", "DELETE": "on"}],
            initial=1,
        ),
    }
    response = client.post(f"/programmes/{programme.slug}/surveys/{q.pk}/edit/", data)
    assert "“Contract signed?” has answers and cannot be removed." in response.content.decode()
    assert Question.objects.filter(pk=first.pk).exists()
