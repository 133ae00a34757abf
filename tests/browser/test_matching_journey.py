# ruff: noqa: F811 (pytest fixtures imported from tests/matching/conftest.py)
"""Journey (issue 5): an SME sees suggested partners with reasons on its dashboard, marks one
not relevant, expresses interest in another; the other side accepts in Swedish and the two
organisations become contacts."""

import pytest

from samverkan.matching.index import match_index_reset
from samverkan.matching.models import Contact, ExpressionOfInterest, SuggestionFeedback
from tests.matching.conftest import (  # noqa: F401 (fixtures)
    bakery,
    distributor,
    distributor_owner,
    fibre,
    sme,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _fresh_index():
    match_index_reset()
    yield
    match_index_reset()


def test_suggest_dismiss_express_interest_accept(
    page, login, sme, fibre, distributor, bakery, distributor_owner
):
    login(sme)
    panel = page.locator(f"#suggestions-{fibre.pk}")
    panel.wait_for()
    first = panel.locator(".suggestion").first
    assert distributor.name in first.inner_text()
    assert first.get_by_text("same NACE class 26.51").is_visible()
    assert first.locator('[data-reason="offer_need"]').is_visible()

    bakery_card = panel.locator(".suggestion", has_text=bakery.name)
    bakery_card.get_by_role("button", name=f"Mark {bakery.name} not relevant").click()
    page.get_by_text("Thank you. Your feedback shapes the next suggestions.").wait_for()
    assert page.locator(".suggestion", has_text=bakery.name).count() == 0
    assert SuggestionFeedback.objects.get().verdict == "not_relevant"

    page.locator(".suggestion", has_text=distributor.name).get_by_role(
        "link", name="Express interest"
    ).click()
    page.get_by_label("We are interested in").select_option("offer")
    page.get_by_label("Message").fill("We need a distributor for our fibre sensors in Estonia.")
    page.get_by_role("button", name="Send expression of interest").click()
    page.get_by_text(f"Your expression of interest was sent to {distributor.name}.").wait_for()
    interest = ExpressionOfInterest.objects.get()
    assert interest.status == "pending"

    page.context.clear_cookies()
    login(distributor_owner)  # prefers Swedish
    page.goto(f"/matching/interests/{interest.pk}/")
    page.get_by_label("Svar (valfritt)").fill("Gärna, hör av er!")
    page.get_by_role("button", name="Acceptera").click()
    page.get_by_text(f"{fibre.name} finns nu bland era kontakter").wait_for()
    interest.refresh_from_db()
    assert interest.status == "accepted"
    assert Contact.objects.count() == 1
    page.goto("/matching/contacts/")
    assert page.get_by_role("link", name=fibre.name).is_visible()
