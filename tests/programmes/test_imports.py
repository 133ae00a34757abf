import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from samverkan.catalog.models import Organisation
from samverkan.programmes.models import Partner, Project
from samverkan.programmes.services.imports import normalise_name, projects_import
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

HEADER = "programme,project,acronym,organisation,country,role,nuts3,budget,currency,start,end\n"


@pytest.fixture
def catalogue(db):
    return {
        "fov": OrganisationFactory(name="Fiber Optic Valley", kind="cluster", country="SE"),
        "acreo": OrganisationFactory(name="Acreo Swedish ICT AB", kind="university", country="SE"),
    }


def csv_text(programme, rows):
    return HEADER + "".join(f"{programme.name},{row}\n" for row in rows)


def test_normalise_name():
    assert normalise_name("Acreo Swedish ICT AB") == normalise_name("acreo swedish ict")
    assert (
        normalise_name("Swedish Incubators & Science Parks")
        == "swedish incubators and science parks"
    )


def test_import_matches_catalogue_creates_missing_and_sets_roles(programme, catalogue):
    text = csv_text(
        programme,
        [
            "ICT Meta Cluster,ICTMC,Fiber Optic Valley,SE,LP,SE313,1550000,EUR,"
            "2015-09-01,2018-08-31",
            "ICT Meta Cluster,ICTMC,Acreo Swedish ICT,SE,PP,SE110,,,,",
            "ICT Meta Cluster,ICTMC,Estonia ICT Cluster,EE,PP,,,,,",
            "ICT Meta Cluster,ICTMC,Latvia IT Cluster,LV,Project partner,,,,,",
        ],
    )
    report = projects_import(actor=None, text=text)
    assert report.ok, report.errors
    assert report.projects_created == ["ICT Meta Cluster"]
    assert report.organisations_matched == 2
    assert report.organisations_created == ["Estonia ICT Cluster", "Latvia IT Cluster"]
    project = Project.objects.get(acronym="ICTMC")
    assert project.start_date.isoformat() == "2015-09-01"
    roles = dict(Partner.objects.filter(project=project).values_list("organisation__name", "role"))
    assert roles == {
        "Fiber Optic Valley": "LP",
        "Acreo Swedish ICT AB": "PP",
        "Estonia ICT Cluster": "PP",
        "Latvia IT Cluster": "PP",
    }
    assert str(project.partners.get(role="LP").budget_amount) == "1550000.00"
    # Importing the same file again changes nothing.
    again = projects_import(actor=None, text=text)
    assert again.ok and again.projects_created == [] and again.organisations_created == []
    assert Partner.objects.filter(project=project).count() == 4


def test_similar_names_are_reported_as_possible_duplicates(programme, catalogue):
    text = csv_text(programme, ["SME2GO,,Fibre Optic Valley,SE,PP,,,,,"])
    report = projects_import(actor=None, text=text)
    assert report.ok
    assert "Fibre Optic Valley" in report.possible_duplicates[0]
    assert report.organisations_created == []


def test_errors_change_nothing(programme, catalogue):
    before = Organisation.objects.count()
    text = (
        csv_text(
            programme,
            [
                "Good project,,New Org Oy,FI,LP,,,,,",
                "Good project,,Another Org,FI,XX,,,,,",
                "Good project,,New Org Oy,FI,PP,,,,,",
            ],
        )
        + "Unknown programme,P,,Org,SE,PP,,,,,\n"
    )
    report = projects_import(actor=None, text=text)
    assert not report.ok
    assert any("Line 3" in e and "LP, PP or AP" in e for e in report.errors)
    assert any("Line 4" in e and "twice" in e for e in report.errors)
    assert any("Line 5" in e and "unknown programme" in e for e in report.errors)
    assert Organisation.objects.count() == before
    assert not Project.objects.filter(name="Good project").exists()


def test_dry_run_changes_nothing(programme, catalogue):
    text = csv_text(programme, ["Dry,,Brand New AB,SE,LP,,,,,"])
    report = projects_import(actor=None, text=text, dry_run=True)
    assert report.ok and report.projects_created == ["Dry"]
    assert not Project.objects.filter(name="Dry").exists()
    assert not Organisation.objects.filter(name="Brand New AB").exists()


def test_missing_columns(programme):
    report = projects_import(actor=None, text="programme,project\nx,y\n")
    assert "organisation" in report.errors[0]


def test_import_page(client, operator, programme, catalogue):
    client.force_login(operator)
    upload = SimpleUploadedFile(
        "p.csv", csv_text(programme, ["Web,,Fiber Optic Valley,SE,LP,,,,,"]).encode()
    )
    response = client.post("/programmes/import/", {"file": upload, "dry_run": "on"})
    assert "Dry run: the file is valid" in response.content.decode()
    assert not Project.objects.filter(name="Web").exists()
    upload = SimpleUploadedFile(
        "p.csv", csv_text(programme, ["Web,,Fiber Optic Valley,SE,LP,,,,,"]).encode()
    )
    response = client.post("/programmes/import/", {"file": upload})
    assert Project.objects.filter(name="Web").exists()
