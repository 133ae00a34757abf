from datetime import date

import pytest

from samverkan.programmes.services import activities as services
from samverkan.programmes.services import programmes as programme_services
from tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def spin(programme, companies, indicators):
    project = programme_services.project_create(
        actor=None,
        programme=programme,
        name="SamverkansPlattform för IT-innovation i Norr",
        acronym="SPIN",
        start_date=date(2016, 1, 1),
        end_date=date(2019, 12, 31),
    )
    programme_services.partner_set(
        actor=None,
        project=project,
        organisation=companies["uni"],
        role="LP",
        budget_amount="14100000",
        budget_currency="SEK",
    )
    region = OrganisationFactory(name="Region Västerbotten", kind="public_authority")
    agency = OrganisationFactory(name="Tillväxtverket", kind="public_authority")
    programme_services.contribution_add(
        actor=None, project=project, funder=region, amount="4300000", currency="SEK"
    )
    programme_services.contribution_add(
        actor=None, project=project, funder=agency, amount="9700000.10", currency="SEK"
    )
    services.activity_create(
        actor=None,
        project=project,
        kind="training",
        title="Course",
        starts_on=date(2017, 1, 1),
        participants=[companies["se1"]],
    )
    return project


def test_projects_list_with_partners_funding_and_indicator_values(client, spin, project):
    response = client.get("/api/v1/projects")
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 2
    item = next(p for p in data["items"] if p["acronym"] == "SPIN")
    assert item["partners"] == [
        {
            "organisation_id": spin.partners.get().organisation_id,
            "organisation": "Umeå universitet",
            "country": "SE",
            "role": "LP",
            "budget_amount": "14100000.00",
            "budget_currency": "SEK",
        }
    ]
    amounts = sorted((c["funder"], c["amount"], c["currency"]) for c in item["contributions"])
    assert amounts == [
        ("Region Västerbotten", "4300000.00", "SEK"),
        ("Tillväxtverket", "9700000.10", "SEK"),
    ]
    assert all(isinstance(c["amount"], str) for c in item["contributions"])
    values = {i["code"]: i["value"] for i in item["indicators"]}
    assert values["smes"] == "1"
    other = next(p for p in data["items"] if p["acronym"] == "CK")
    assert {i["code"]: i["value"] for i in other["indicators"]}["smes"] == "0"


def test_projects_filter_by_programme_and_organisation(client, spin, project, companies):
    data = client.get(f"/api/v1/projects?organisation={companies['uni'].pk}").json()
    assert [p["acronym"] for p in data["items"]] == ["SPIN"]
    data = client.get(f"/api/v1/projects?programme={spin.programme_id}").json()
    assert data["count"] == 2
    assert client.get("/api/v1/projects?programme=999999").status_code == 404


def test_projects_list_query_count_is_constant(client, programme, indicators):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add(count):
        for index in range(count):
            project = programme_services.project_create(
                actor=None,
                programme=programme,
                name=f"P{index}",
                start_date=date(2016, 1, 1),
                end_date=date(2017, 1, 1),
            )
            programme_services.partner_set(
                actor=None, project=project, organisation=OrganisationFactory(), role="LP"
            )

    add(2)
    with CaptureQueriesContext(connection) as few:
        assert client.get("/api/v1/projects").json()["count"] == 2
    add(10)
    with CaptureQueriesContext(connection) as many:
        assert client.get("/api/v1/projects").json()["count"] == 12
    assert len(many) == len(few)


def test_programme_indicators_with_records_need_permission(client, user, operator, spin, programme):
    url = f"/api/v1/programmes/{programme.pk}/indicators"
    assert client.get(url).status_code == 401
    client.force_login(user)
    assert client.get(url).status_code == 403
    client.force_login(operator)
    data = client.get(url).json()
    smes = next(i for i in data if i["code"] == "smes")
    assert smes["target"] == "10.00" and smes["value"] == "1"
    assert smes["records"][0]["organisation"] == "Snölast AB"
    assert smes["records"][0]["ref"].startswith("programmes.activityparticipation:")
    assert smes["records"][0]["counted"] is True


def test_partner_member_sees_indicators_of_their_programme(
    client, user, spin, programme, companies
):
    MembershipFactory(user=user, organisation=companies["uni"])
    client.force_login(user)
    response = client.get(f"/api/v1/programmes/{programme.pk}/indicators?project={spin.pk}")
    assert response.status_code == 200


def test_activities_and_programmes_endpoints(client, spin, programme):
    activities = client.get(f"/api/v1/projects/{spin.pk}/activities").json()
    assert activities["items"][0]["title"] == "Course"
    programmes = client.get("/api/v1/programmes").json()
    assert programmes["items"][0]["currency"] == "EUR"
    assert client.get(f"/api/v1/projects/{spin.pk}").json()["acronym"] == "SPIN"
