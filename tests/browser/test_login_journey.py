"""Journey: log in → dashboard → switch language (issue 3)."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def test_login_dashboard_and_switch_language(page, owner, organisation, login):
    login(owner)
    assert page.get_by_role("heading", level=1).inner_text().startswith("Welcome")
    assert page.get_by_role("link", name=organisation.name).is_visible()

    page.get_by_label("Language").select_option("sv")
    page.wait_for_load_state("networkidle")
    assert page.locator("html").get_attribute("lang") == "sv"
    assert page.get_by_role("heading", level=1).inner_text().startswith("Välkommen")
    owner.refresh_from_db()
    assert owner.language == "sv"


def test_wrong_password_shows_error_and_stays_on_login(page, owner):
    page.goto("/accounts/login/")
    page.get_by_label("E-mail address").fill(owner.email)
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Log in").click()
    assert page.get_by_text("The e-mail address or password is not correct.").is_visible()
    assert "/accounts/login/" in page.url
