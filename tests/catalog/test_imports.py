import io

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook, load_workbook

from samverkan.catalog import exports, imports
from samverkan.catalog.demo import DEMO_FILE
from samverkan.catalog.models import Organisation, Person
from samverkan.catalog.selectors import OrganisationFilters, organisation_search
from samverkan.common.models import AuditLogEntry

HEADER = "Företag;Org nr;Country;NUTS;NACE;Contact;E-mail;contact_consent;Description\n"
GOOD = (
    "Kvarken Sol AB;556036-0793;SE;SE331;35.12;Alva Demo;alva@example.org;yes;Solparker\n"
    "Vaasan Tuuli Oy;0112038-9;fi;FI19A;35.12, 71.12;Eero Demo;eero@example.org;no;Tuulivoima\n"
)
BAD = (
    "Bad Country AB;;XX;;;;;;\n"
    "Bad Nace AB;;SE;;99.99;;;;\n"
    "Copy Sol AB;5560360793;SE;;;;;;\n"
    "Bad Mail AB;;SE;;;Bo;not-an-email;;\n"
)


def _job(operator, text, name="companies.csv"):
    return imports.import_job_create(actor=operator, file_name=name, content=text.encode())


def test_mapping_is_guessed_from_headers_in_several_languages(operator):
    job = _job(operator, HEADER + GOOD)
    assert job.mapping == {
        "Företag": "name",
        "Org nr": "registration_number",
        "Country": "country",
        "NUTS": "region",
        "NACE": "sectors",
        "Contact": "contact_name",
        "E-mail": "contact_email",
        "contact_consent": "contact_consent",
        "Description": "description_en",
    }


def test_dry_run_lists_every_bad_row_with_its_reason_and_changes_nothing(operator):
    job = _job(operator, HEADER + GOOD + BAD)
    before = Organisation.objects.count(), AuditLogEntry.objects.count()
    report = imports.import_check(job=job)
    assert (Organisation.objects.count(), AuditLogEntry.objects.count()) == before
    assert report["create"] == 2
    reasons = {error["row"]: " ".join(error["messages"]) for error in report["errors"]}
    assert sorted(reasons) == [4, 5, 6, 7]
    assert "Unknown country code “XX”" in reasons[4]
    assert "Unknown NACE Rev. 2.1 code: 99.99" in reasons[5]
    assert "Duplicate registration number 556036-0793 (also on row 2)" in reasons[6]
    assert "not a valid e-mail address" in reasons[7]


def test_failed_commit_changes_nothing(operator):
    job = _job(operator, HEADER + GOOD + BAD)
    imports.import_check(job=job)
    before = Organisation.objects.count(), Person.objects.count(), AuditLogEntry.objects.count()
    with pytest.raises(ValidationError, match="4 rows have errors"):
        imports.import_commit(actor=operator, job=job)
    assert (
        Organisation.objects.count(),
        Person.objects.count(),
        AuditLogEntry.objects.count(),
    ) == before


def test_commit_creates_organisations_people_and_consent(operator):
    job = _job(operator, HEADER + GOOD)
    report = imports.import_commit(actor=operator, job=job)
    assert report["imported"] == 2
    sol = Organisation.objects.get(registration_number="556036-0793")
    assert (sol.region_id, sol.text_in("en").description) == ("SE331", "Solparker")
    assert sol.people.get().listing_consent_at is not None
    tuuli = Organisation.objects.get(name="Vaasan Tuuli Oy")
    assert tuuli.country == "FI"
    assert tuuli.people.get().listing_consent_at is None
    with pytest.raises(ValidationError, match="already imported"):
        imports.import_commit(actor=operator, job=job)


def test_duplicates_merge_by_registration_number_or_similar_name(operator, profile):
    text = "name,registration_number,country,city\n"
    text += "Another name AB,5560360793,SE,Umeå\n"  # same number as the profile
    text += "VÄSTERÅS VINDKRAFT,,SE,\n"  # same folded name without the legal form
    job = _job(operator, text)
    report = imports.import_check(job=job)
    assert report["create"] == 0
    assert [m["into"] for m in report["merge"]] == ["Västerås Vindkraft AB"] * 2
    assert report["errors"] == []
    imports.import_commit(actor=operator, job=job)
    profile.refresh_from_db()
    assert (profile.name, profile.city) == ("VÄSTERÅS VINDKRAFT", "Umeå")
    assert Organisation.objects.count() == 1


def test_mapping_must_name_name_and_country(operator):
    job = _job(operator, HEADER + GOOD)
    with pytest.raises(ValidationError, match="name and the country"):
        imports.import_mapping_set(actor=operator, job=job, mapping={"Företag": "name"})
    with pytest.raises(ValidationError, match="one column only"):
        imports.import_mapping_set(
            actor=operator, job=job, mapping={"Företag": "name", "Org nr": "name"}
        )


def test_xlsx_import_and_unreadable_files(operator):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["name", "country", "founded_year"])
    sheet.append(["Tallinn Tuul OÜ", "EE", 2015])
    buffer = io.BytesIO()
    workbook.save(buffer)
    job = imports.import_job_create(actor=operator, file_name="x.xlsx", content=buffer.getvalue())
    imports.import_commit(actor=operator, job=job)
    assert Organisation.objects.get(name="Tallinn Tuul OÜ").founded_year == 2015
    with pytest.raises(ValidationError, match="XLSX"):
        imports.import_job_create(actor=operator, file_name="x.xlsx", content=b"nope")
    with pytest.raises(ValidationError, match=r"\.csv or \.xlsx"):
        imports.import_job_create(actor=operator, file_name="x.pdf", content=b"a")


def test_demo_file_of_200_invented_companies_imports_cleanly(operator):
    job = imports.import_job_create(
        actor=operator, file_name=DEMO_FILE.name, content=DEMO_FILE.read_bytes()
    )
    report = imports.import_check(job=job)
    assert (report["rows"], report["create"], report["errors"]) == (200, 200, [])
    imports.import_commit(actor=operator, job=job)
    invented = Organisation.objects.filter(is_demo=True)
    assert invented.count() == 200
    assert all("(invented)" in name for name in invented.values_list("name", flat=True))


def test_export_round_trips_through_import(operator, profile):
    organisations = organisation_search(user=operator, filters=OrganisationFilters())
    csv_bytes = exports.to_csv(exports.export_rows(organisations))
    job = imports.import_job_create(actor=operator, file_name="export.csv", content=csv_bytes)
    report = imports.import_check(job=job)
    assert (report["create"], len(report["merge"]), report["errors"]) == (0, 1, [])
    xlsx = load_workbook(io.BytesIO(exports.to_xlsx(exports.export_rows(organisations))))
    rows = list(xlsx.active.iter_rows(values_only=True))
    assert rows[1][:3] == ("Västerås Vindkraft AB", None, "556036-0793")
