"""Journeys of the catalogue (issue 4): import 200 companies, fix the bad rows, publish the
catalogue in Swedish and Finnish; a company claims and completes its profile."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from samverkan.catalog import services
from samverkan.catalog.demo import DEMO_FILE
from samverkan.catalog.models import Organisation
from samverkan.catalog.reference import reference_data_load

pytestmark = pytest.mark.django_db(transaction=True)

BAD_ROWS = "Trasig Rad AB (invented),,XX,,,company,,,,,,,,,,,,,,,,,yes\n"
BAD_ROWS += "Fel Nace Oy (invented),,FI,,,company,,,,99.99,,,,,,,,,,,,,yes\n"


@pytest.fixture(autouse=True)
def reference_data():
    reference_data_load()


@pytest.fixture(autouse=True)
def _patient_page(page):
    # Importing 200 rows takes a while on a busy 2-core machine.
    page.set_default_timeout(90_000)


def _upload(page, name: str, content: bytes) -> None:
    page.goto("/catalogue/import/")
    page.get_by_label("Spreadsheet (CSV or XLSX)").set_input_files(
        {"name": name, "mimeType": "text/csv", "buffer": content}
    )
    page.get_by_label("Add the imported organisations to the catalogue").select_option(
        "cleantech-kvarken"
    )
    page.get_by_role("button", name="Upload").click()
    page.get_by_role("button", name="Check (dry run)").click()


def test_import_fix_bad_rows_and_publish_in_swedish_and_finnish(page, operator, login):
    login(operator)
    page.goto("/catalogue/catalogues/new/")
    page.get_by_label("Address (slug)").fill("cleantech-kvarken")
    page.get_by_label("Swedish", exact=True).check()
    page.get_by_label("Finnish", exact=True).check()
    page.get_by_label("Title (Swedish)").fill("Cleantech Kvarken-företag")
    page.get_by_label("Title (Finnish)").fill("Cleantech Kvarken -yritykset")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The catalogue was saved.")).to_be_visible()

    content = DEMO_FILE.read_bytes()
    _upload(page, "companies.csv", content + BAD_ROWS.encode())
    bad_rows = page.locator("#bad-rows tbody tr")
    expect(bad_rows).to_have_count(2)
    assert "Unknown country code “XX”" in bad_rows.nth(0).inner_text()
    assert "Unknown NACE Rev. 2.1 code: 99.99" in bad_rows.nth(1).inner_text()
    assert page.get_by_role("button", name="Import all rows").count() == 0
    assert Organisation.objects.count() == 0

    _upload(page, "companies-fixed.csv", content)
    expect(page.get_by_text("200 rows: 200 new, 0 to merge, 0 with errors.")).to_be_visible()
    # 200 rows with people and audit entries: minutes on a busy 2-core machine.
    page.get_by_role("button", name="Import all rows").click(timeout=600_000)
    expect(page.get_by_text("200 organisations were imported.")).to_be_visible(timeout=600_000)

    page.get_by_label("Published").check()
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="public pages").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cleantech Kvarken-företag")
    expect(page.locator("#result-count")).to_have_text(re.compile(r"^200 "))
    page.get_by_role("link", name="Suomi", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cleantech Kvarken -yritykset")
    page.locator("#id_q").fill("vasteras")
    page.locator("#id_q").press("Enter")
    expect(page).to_have_url(re.compile(r"q=vasteras"))
    first = page.locator("ul.list a").first
    name = first.inner_text()
    first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    assert "(invented)" in name


def test_company_claims_and_completes_its_profile(page, operator, login):
    organisation = services.organisation_create(
        actor=operator, data={"name": "Kvarken Sol AB", "country": "SE", "region": "SE331"}
    )
    login(operator)
    page.goto(organisation.get_absolute_url())
    page.get_by_label("E-mail address of the company's representative").fill("ceo@example.org")
    page.get_by_role("button", name="Send invitation").click()
    expect(page.get_by_text("ceo@example.org was invited to claim this profile.")).to_be_visible()
    link = re.search(r"https?://\S+/accounts/invitations/\S+/", mail.outbox[-1].body).group(0)

    page.context.clear_cookies()
    page.goto(link)
    page.get_by_label("Full name").fill("Cecilia Demo")
    page.locator("#id_password1").fill("a long enough password 42")
    page.locator("#id_password2").fill("a long enough password 42")
    page.get_by_role("button", name="Create account and join").click()
    page.wait_for_url("**/dashboard/")

    page.goto(organisation.get_absolute_url())
    page.get_by_role("link", name="Edit profile").click()
    page.get_by_label("City").fill("Umeå")
    page.get_by_label("Website").fill("not a web address")
    # The sector picker: a grouped list that works without JavaScript ...
    page.locator("#id_sectors").select_option(["35.12"])
    # ... and a type-ahead by name (htmx) whose ticked matches are sent with the form.
    page.get_by_label("Find by name or code (Target markets)").fill("norw")
    page.get_by_role("checkbox", name="Norway").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Enter a valid web address.")).to_be_visible()
    # The failed save kept the choices: the grouped lists show them selected.
    expect(page.locator("#id_target_markets")).to_have_values(["NO"])
    page.get_by_label("Website").fill("")
    page.get_by_text("Finnish", exact=True).click()
    page.get_by_label("Description (Finnish)").fill("Aurinkovoimaa Merenkurkussa")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The profile was saved.")).to_be_visible()
    expect(page.get_by_text("Aurinkovoimaa Merenkurkussa")).to_be_visible()
    organisation.refresh_from_db()
    assert [s.code for s in organisation.sectors.all()] == ["35.12"]
    assert [c.code for c in organisation.target_markets.all()] == ["NO"]
    assert organisation.city == "Umeå"

    page.context.clear_cookies()
    login(operator)
    page.goto(organisation.get_absolute_url())
    expect(page.get_by_role("heading", name="Change history")).to_be_visible()
    history = page.locator("table").last.inner_text()
    assert "Cecilia Demo" in history
    assert "catalog.organisation.update" in history
    assert "fi:description" in history
