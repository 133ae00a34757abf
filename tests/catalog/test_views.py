from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samverkan.accounts.services import membership_set
from samverkan.catalog import services
from samverkan.catalog.models import Organisation
from samverkan.common.models import AuditLogEntry


def _bulk(operator, count):
    for number in range(count):
        organisation = services.organisation_create(
            actor=operator,
            data={
                "name": f"Bulk {number} AB",
                "country": "SE",
                "region": "SE331",
                "sectors": ["62.10"],
                "target_markets": ["NO"],
            },
            texts={"sv": {"description": "Text"}, "en": {"description": "Text"}},
        )
        services.person_create(actor=operator, organisation=organisation, data={"name": "P"})


def test_list_shows_results_counts_and_filters(client, profile):
    response = client.get(reverse("catalog:organisation-list"), {"q": "vasteras"})
    assert response.status_code == 200
    assert "Västerås Vindkraft AB" in response.text
    assert "1 organisation" in response.text
    assert "(1)" in response.text  # facet count


def test_list_has_no_n_plus_one(client, operator, django_assert_max_num_queries):
    _bulk(operator, 3)
    client.force_login(operator)
    url = reverse("catalog:organisation-list")
    with django_assert_max_num_queries(20) as small:
        client.get(url)
    _bulk(operator, 20)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url, {"sector": "K"})
    assert response.context["page"].paginator.count == 23


def test_detail_shows_only_consenting_people_to_visitors(client, profile):
    response = client.get(profile.get_absolute_url())
    assert "Anna Listed" in response.text
    assert "Bo Hidden" not in response.text
    assert "Change history" not in response.text


def test_private_profile_is_hidden_from_visitors(client, operator, profile):
    services.organisation_update(
        actor=operator, organisation=profile, data={"visibility": "private"}
    )
    response = client.get(profile.get_absolute_url())
    assert response.status_code in (302, 403)


def test_owner_edits_profile_and_operator_sees_who_and_when(client, profile, owner, operator):
    membership_set(actor=operator, user=owner, organisation=profile, role="owner")
    client.force_login(owner)
    url = reverse("catalog:organisation-edit", args=[profile.slug])
    form = client.get(url).context["form"]
    data = {key: value for key, value in form.initial.items() if value is not None}
    data.update(city="Umeå", description_fi="Tuulivoimaa Merenkurkussa")
    response = client.post(url, data)
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.city == "Umeå"
    client.force_login(operator)
    response = client.get(profile.get_absolute_url())
    assert "Change history" in response.text
    assert str(owner) in response.text
    assert "fi:description" in response.text


def test_invalid_edit_changes_nothing(client, profile, operator):
    client.force_login(operator)
    url = reverse("catalog:organisation-edit", args=[profile.slug])
    response = client.post(
        url,
        {
            "name": "New",
            "kind": "company",
            "country": "SE",
            "visibility": "public",
            "sectors": "99.99",
        },
    )
    assert response.status_code == 200
    assert "Select a valid choice. 99.99 is not one of the available choices." in response.text
    profile.refresh_from_db()
    assert profile.name == "Västerås Vindkraft AB"


def test_logo_upload_checks_type(client, profile, operator):
    client.force_login(operator)
    url = reverse("catalog:organisation-edit", args=[profile.slug])
    base = {"name": profile.name, "kind": "company", "country": "SE", "visibility": "public"}
    svg = SimpleUploadedFile("logo.svg", b"<svg></svg>", content_type="image/svg+xml")
    response = client.post(url, {**base, "logo": svg})
    assert "PNG, JPEG or WebP" in response.text
    png = SimpleUploadedFile("logo.png", b"\x89PNG\r\n\x1a\n0000", content_type="image/png")
    assert client.post(url, {**base, "logo": png}).status_code == 302
    profile.refresh_from_db()
    assert profile.logo.name.startswith("catalog/logos/logo")


def test_non_manager_cannot_edit(client, profile, user):
    client.force_login(user)
    response = client.post(reverse("catalog:organisation-edit", args=[profile.slug]), {})
    assert response.status_code == 403


def test_operator_invites_company_to_claim(client, profile, operator, mailoutbox):
    client.force_login(operator)
    response = client.post(
        reverse("catalog:organisation-claim", args=[profile.slug]), {"email": "ceo@example.org"}
    )
    assert response.status_code == 302
    assert mailoutbox[0].to == ["ceo@example.org"]
    assert AuditLogEntry.objects.filter(action="catalog.organisation.claim_invite").exists()


def test_person_forms(client, profile, operator):
    client.force_login(operator)
    url = reverse("catalog:person-create", args=[profile.slug])
    response = client.post(url, {"name": "Cecilia", "email": "bad", "consent": "on"})
    assert response.status_code == 200
    response = client.post(url, {"name": "Cecilia", "email": "c@example.org", "consent": "on"})
    assert response.status_code == 302
    person = profile.people.get(name="Cecilia")
    assert person.listing_consent_at is not None
    delete = reverse("catalog:person-delete", args=[profile.slug, person.pk])
    assert client.post(delete).status_code == 302
    assert not profile.people.filter(name="Cecilia").exists()


def test_export_is_for_operators(client, profile, operator, user):
    url = reverse("catalog:organisation-export", args=["csv"])
    client.force_login(user)
    assert client.get(url).status_code == 403
    client.force_login(operator)
    response = client.get(url, {"country": "SE"})
    assert response["Content-Type"].startswith("text/csv")
    assert "Västerås Vindkraft AB" in response.content.decode("utf-8-sig")
    xlsx = client.get(reverse("catalog:organisation-export", args=["xlsx"]))
    assert xlsx.content[:2] == b"PK"


def test_import_pages_dry_run_then_commit(client, operator):
    client.force_login(operator)
    content = "name,country,sectors\nGood AB,SE,35.12\nBad AB,XX,\n"
    upload = SimpleUploadedFile("c.csv", content.encode(), content_type="text/csv")
    response = client.post(reverse("catalog:import-upload"), {"file": upload})
    job_url = response["Location"]
    mapping = {"map_0": "name", "map_1": "country", "map_2": "sectors"}
    client.post(job_url, mapping)
    page = client.get(job_url)
    assert "Unknown country code “XX”" in page.text
    assert client.post(job_url + "commit/").status_code == 302
    assert not Organisation.objects.filter(name="Good AB").exists()


def test_public_catalogue_in_swedish_and_finnish(client, catalogue, profile):
    url = reverse("catalog:public-list", args=[catalogue.slug])
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="fi")
    assert "Cleantech Kvarken -yritykset" in response.text
    response = client.get(url, {"lang": "sv"})
    assert "Cleantech Kvarken-företag" in response.text
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert "Cleantech Kvarken-företag" in english.text  # falls back to the first language
    detail = client.get(reverse("catalog:public-detail", args=[catalogue.slug, profile.slug]))
    assert "Anna Listed" in detail.text
    assert "Bo Hidden" not in detail.text
    assert "556036-0793" not in detail.text  # not a public field


def test_unpublished_catalogue_is_not_found(client, catalogue, operator):
    services.catalogue_publish(actor=operator, catalogue=catalogue, published=False)
    assert client.get(reverse("catalog:public-list", args=[catalogue.slug])).status_code == 404


def test_operator_creates_and_publishes_catalogue(client, operator):
    client.force_login(operator)
    response = client.post(
        reverse("catalog:catalogue-create"),
        {
            "slug": "ck",
            "languages": ["sv", "fi"],
            "title_sv": "CK-företag",
            "title_fi": "CK-yritykset",
            "is_published": "on",
        },
    )
    assert response.status_code == 302
    assert client.get(reverse("catalog:public-list", args=["ck"])).status_code == 200


def test_public_list_has_no_n_plus_one(client, operator, catalogue, django_assert_max_num_queries):
    url = reverse("catalog:public-list", args=[catalogue.slug])
    client.get(url)  # the pickers read the reference data once per process and language
    with django_assert_max_num_queries(20) as small:
        client.get(url)
    _bulk(operator, 12)
    Organisation.objects.update(visibility="public")
    services.catalogue_add_organisations(
        actor=operator, catalogue=catalogue, organisations=Organisation.objects.all()
    )
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url, {"sector": "K"})
    assert response.context["page"].paginator.count == 12
