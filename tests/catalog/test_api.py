"""The catalogue API: the journeys of the issue through /api/v1/organisations."""

import json

from samverkan.accounts.services import api_token_create, invitation_accept, membership_set
from samverkan.catalog import services
from samverkan.catalog.demo import DEMO_FILE
from samverkan.catalog.models import Organisation
from tests.factories import UserFactory

API = "/api/v1/organisations"


def bearer(user) -> dict[str, str]:
    _token, secret = api_token_create(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def test_list_search_and_filters_like_the_web(client, profile, operator):
    services.organisation_create(actor=operator, data={"name": "Oulu Oy", "country": "FI"})
    response = client.get(API, {"q": "vasteras", "region": "SE1", "sector": "D"})
    body = response.json()
    assert body["count"] == 1
    item = body["items"][0]
    assert (item["name"], item["region"], item["sectors"]) == (
        "Västerås Vindkraft AB",
        "SE125",
        ["35.12"],
    )
    assert item["texts"][0]["language"] == "sv"
    assert client.get(API, {"country": "FI"}).json()["count"] == 1


def test_list_has_no_n_plus_one(client, operator, django_assert_max_num_queries):
    for number in range(15):
        services.organisation_create(
            actor=operator,
            data={"name": f"Org {number}", "country": "SE", "sectors": ["62.10"]},
            texts={"en": {"description": "x"}},
        )
    with django_assert_max_num_queries(8):
        assert client.get(API).json()["count"] == 15


def test_retrieve_and_private_profiles(client, profile, operator):
    assert client.get(f"{API}/{profile.pk}").json()["slug"] == profile.slug
    services.organisation_update(
        actor=operator, organisation=profile, data={"visibility": "private"}
    )
    assert client.get(f"{API}/{profile.pk}").status_code == 403
    assert client.get(f"{API}/{profile.pk}", **bearer(operator)).status_code == 200


def test_create_is_for_operators_and_validates(client, operator, user):
    payload = {"name": "Nytt AB", "country": "SE", "texts": [{"language": "fi", "offers": "x"}]}
    response = client.post(
        API, json.dumps(payload), content_type="application/json", **bearer(user)
    )
    assert response.status_code == 403
    bad = client.post(
        API,
        json.dumps({"name": "X", "country": "XX"}),
        content_type="application/json",
        **bearer(operator),
    )
    assert bad.status_code == 422
    assert not Organisation.objects.filter(name="X").exists()
    response = client.post(
        API, json.dumps(payload), content_type="application/json", **bearer(operator)
    )
    assert response.status_code == 201
    assert response.json()["texts"] == [
        {"language": "fi", "description": "", "offers": "x", "needs": ""}
    ]


def test_company_claims_and_completes_its_profile_through_the_api(client, profile, operator):
    _invitation, token = services.organisation_claim_invite(
        actor=operator, organisation=profile, email="ceo@example.org"
    )
    ceo = UserFactory(email="ceo@example.org")
    headers = bearer(ceo)
    url = f"{API}/{profile.pk}"
    before = client.patch(
        url, json.dumps({"city": "Umeå"}), content_type="application/json", **headers
    )
    assert before.status_code == 403
    invitation_accept(token=token, user=ceo)
    response = client.patch(
        url,
        json.dumps({"city": "Umeå", "size_class": "small", "target_markets": ["CA", "NO"]}),
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 200
    assert (response.json()["city"], response.json()["target_markets"]) == ("Umeå", ["CA", "NO"])
    person = client.post(
        f"{url}/people",
        json.dumps({"name": "Cia", "email": "cia@example.org", "consent": True}),
        content_type="application/json",
        **headers,
    )
    assert person.status_code == 201
    assert person.json()["listing_consent_at"] is not None


def test_people_list_hides_non_consenting_people_from_others(client, profile, operator):
    names = [p["name"] for p in client.get(f"{API}/{profile.pk}/people").json()]
    assert names == ["Anna Listed"]
    member = UserFactory()
    membership_set(actor=None, user=member, organisation=profile)
    names = [p["name"] for p in client.get(f"{API}/{profile.pk}/people", **bearer(member)).json()]
    assert names == ["Anna Listed", "Bo Hidden"]


def test_import_journey_through_the_api(client, operator):
    headers = bearer(operator)
    bad = "name,country\nGood AB,SE\nBad AB,XX\n"
    response = client.post(f"{API}/imports", {"file": _file("bad.csv", bad.encode())}, **headers)
    assert response.status_code == 201
    job = response.json()
    assert [e["row"] for e in job["report"]["errors"]] == [3]
    failed = client.post(f"{API}/imports/{job['id']}/commit", **headers)
    assert failed.status_code == 422
    assert not Organisation.objects.filter(name="Good AB").exists()

    titles = {"sv": "Cleantech Kvarken-företag", "fi": "Cleantech Kvarken -yritykset"}
    body = {"titles": titles, "languages": ["sv", "fi"]}
    draft = client.put(
        f"{API}/catalogues/kvarken", body, content_type="application/json", **headers
    )
    assert (draft.status_code, draft.json()["is_published"]) == (200, False)
    response = client.post(
        f"{API}/imports",
        {"file": _file(DEMO_FILE.name, DEMO_FILE.read_bytes()), "catalogue": "kvarken"},
        **headers,
    )
    job = response.json()
    assert job["report"]["errors"] == []
    assert job["report"]["create"] == 200
    done = client.post(f"{API}/imports/{job['id']}/commit", **headers)
    assert (done.status_code, done.json()["status"]) == (200, "committed")
    assert Organisation.objects.filter(is_demo=True).count() == 200

    published = client.put(
        f"{API}/catalogues/kvarken",
        {**body, "is_published": True},
        content_type="application/json",
        **headers,
    )
    assert (published.json()["is_published"], published.json()["organisations"]) == (True, 200)
    page = client.get("/catalogue/public/kvarken/?lang=fi")
    assert page.status_code == 200
    assert "Cleantech Kvarken -yritykset" in page.text
    assert "Cleantech Kvarken-företag" in client.get("/catalogue/public/kvarken/?lang=sv").text
    refused = client.put(
        f"{API}/catalogues/kvarken", body, content_type="application/json", **bearer(UserFactory())
    )
    assert refused.status_code == 403
    invalid = client.put(
        f"{API}/catalogues/kvarken", {**body, "languages": ["xx"]},
        content_type="application/json", **headers,
    )  # fmt: skip
    assert invalid.status_code == 422


def test_mapping_can_be_changed(client, operator):
    headers = bearer(operator)
    job = client.post(
        f"{API}/imports", {"file": _file("c.csv", b"Firma,Land\nA AB,SE\n")}, **headers
    ).json()
    assert job["mapping"] == {}
    response = client.put(
        f"{API}/imports/{job['id']}/mapping",
        json.dumps({"mapping": {"Firma": "name", "Land": "country"}}),
        content_type="application/json",
        **headers,
    )
    assert response.json()["report"]["create"] == 1


def _file(name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)


def test_nul_characters_are_refused_and_odd_queries_are_harmless(client, profile, operator):
    # NUL characters are refused for the whole site by common's middleware (400 problem).
    response = client.get(API, {"q": "väst\x00erås_ (vind*", "region": "SE\x00"})
    assert (response.status_code, response["Content-Type"]) == (400, "application/problem+json")
    assert client.get(API, {"q": "västerås_ (vind*"}).status_code == 200
    city = profile.city
    response = client.patch(
        f"{API}/{profile.pk}",
        json.dumps({"city": "Ume\u0000å"}),
        content_type="application/json",
        **bearer(operator),
    )
    assert response.status_code == 400
    profile.refresh_from_db()
    assert profile.city == city
