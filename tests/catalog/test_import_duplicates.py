"""Duplicate rows in an import: the operator chooses merge, create or skip per row."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from samverkan.catalog import imports
from samverkan.catalog.models import ImportJob, Organisation, Person
from samverkan.common.models import AuditLogEntry

pytestmark = pytest.mark.django_db

# Row 2: same registration number as the profile; row 3: same name without the legal form.
# Row 4: a new company.
TEXT = (
    "name,registration_number,country,city,contact_name\n"
    "Another name AB,5560360793,SE,Umeå,Cia Copy\n"
    "VÄSTERÅS VINDKRAFT,,SE,Luleå,\n"
    "Brand New AB,,SE,Kiruna,\n"
)


def _job(operator, text=TEXT):
    job = imports.import_job_create(actor=operator, file_name="dups.csv", content=text.encode())
    imports.import_check(job=job)
    return job


def test_dry_run_shows_which_organisation_and_why(operator, profile):
    report = _job(operator).report
    assert [
        (d["row"], d["into"], d["into_id"], d["reason"], d["decision"])
        for d in report["duplicates"]
    ] == [
        (2, "Västerås Vindkraft AB", profile.pk, "registration_number", "merge"),
        (3, "Västerås Vindkraft AB", profile.pk, "name", "merge"),
    ]
    assert (report["create"], len(report["merge"]), report["skip"]) == (1, 2, [])


def test_merge_is_the_default(operator, profile):
    job = _job(operator)
    imports.import_commit(actor=operator, job=job)
    profile.refresh_from_db()
    assert (profile.name, profile.city) == ("VÄSTERÅS VINDKRAFT", "Luleå")
    assert Organisation.objects.count() == 2
    assert list(profile.people.filter(name="Cia Copy").values_list("name", flat=True)) == [
        "Cia Copy"
    ]


def test_create_new_for_a_similar_name(operator, profile):
    job = _job(operator)
    imports.import_decisions_set(actor=operator, job=job, decisions={"3": "create", 2: "skip"})
    report = imports.import_check(job=job)
    assert (report["create"], report["merge"], report["skip"], report["errors"]) == (2, [], [2], [])
    imports.import_commit(actor=operator, job=job)
    profile.refresh_from_db()
    assert (profile.name, profile.city) == ("Västerås Vindkraft AB", "Västerås")
    assert sorted(Organisation.objects.values_list("name", flat=True)) == [
        "Brand New AB",
        "VÄSTERÅS VINDKRAFT",
        "Västerås Vindkraft AB",
    ]
    assert not Person.objects.filter(name="Cia Copy").exists()


def test_skip_leaves_the_existing_organisation_alone(operator, profile):
    job = _job(operator)
    imports.import_decisions_set(actor=operator, job=job, decisions={"2": "skip", "3": "skip"})
    report = imports.import_commit(actor=operator, job=job)
    assert report["imported"] == 1
    profile.refresh_from_db()
    assert (profile.name, profile.city) == ("Västerås Vindkraft AB", "Västerås")
    assert Organisation.objects.count() == 2


def test_create_with_the_same_registration_number_is_a_bad_row_and_commits_nothing(
    operator, profile
):
    job = _job(operator)
    imports.import_decisions_set(actor=operator, job=job, decisions={"2": "create"})
    report = imports.import_check(job=job)
    assert [e["row"] for e in report["errors"]] == [2]
    assert "already has registration number" in " ".join(report["errors"][0]["messages"])
    before = (Organisation.objects.count(), Person.objects.count(), AuditLogEntry.objects.count())
    with pytest.raises(ValidationError, match="1 rows have errors"):
        imports.import_commit(actor=operator, job=job)
    after = (Organisation.objects.count(), Person.objects.count(), AuditLogEntry.objects.count())
    assert after == before
    profile.refresh_from_db()
    assert profile.city == "Västerås"


def test_decisions_are_validated(operator, profile):
    job = _job(operator)
    with pytest.raises(ValidationError, match="merge, create or skip"):
        imports.import_decisions_set(actor=operator, job=job, decisions={"2": "delete"})
    with pytest.raises(ValidationError, match="does not match"):
        imports.import_decisions_set(actor=operator, job=job, decisions={"4": "skip"})
    assert ImportJob.objects.get(pk=job.pk).decisions == {}


def test_review_page_offers_the_choice_and_commits_it(client, operator, profile):
    job = _job(operator)
    client.force_login(operator)
    page = client.get(reverse("catalog:import-mapping", args=[job.pk]))
    assert page.status_code == 200
    assert page.content.decode().count('value="skip"') == 2
    url = reverse("catalog:import-commit", args=[job.pk])
    response = client.post(url, {"decision_2": "skip", "decision_3": "create", "action": "check"})
    assert response.status_code == 302
    job.refresh_from_db()
    assert (job.decisions, job.report["skip"], job.status) == (
        {"2": "skip", "3": "create"},
        [2],
        "checked",
    )
    response = client.post(url, {"decision_2": "skip", "decision_3": "create", "action": "commit"})
    assert response.status_code == 302
    assert Organisation.objects.count() == 3
    profile.refresh_from_db()
    assert profile.city == "Västerås"


def test_decisions_through_the_api(client, operator, profile):
    from tests.catalog.test_api import API, bearer

    job = _job(operator)
    response = client.put(
        f"{API}/imports/{job.pk}/decisions",
        data={"decisions": {"2": "skip", "3": "skip"}},
        content_type="application/json",
        **bearer(operator),
    )
    assert response.status_code == 200
    assert response.json()["report"]["skip"] == [2, 3]
    bad = client.put(
        f"{API}/imports/{job.pk}/decisions",
        data={"decisions": {"2": "nope"}},
        content_type="application/json",
        **bearer(operator),
    )
    assert bad.status_code == 422
    done = client.post(f"{API}/imports/{job.pk}/commit", **bearer(operator))
    assert (done.status_code, done.json()["report"]["imported"]) == (200, 1)
