"""A user's matching data is exported and erased; organisations' history stays."""

import pytest

from samverkan.matching import services
from samverkan.matching.models import (
    ExpressionOfInterest,
    SavedSearch,
    SuggestionFeedback,
)
from samverkan.privacy.services import personal_data_erase, personal_data_export

pytestmark = pytest.mark.django_db


@pytest.fixture
def matching_history(sme, fibre, distributor, distributor_owner):
    search = services.saved_search_create(
        actor=sme, data={"name": "Baltic distributors", "need": "distributor", "country": "EE"}
    )
    feedback = services.suggestion_feedback_set(
        actor=sme, organisation=fibre, suggested=distributor, verdict="relevant"
    )
    interest = services.interest_create(
        actor=sme,
        from_organisation=fibre,
        to_organisation=distributor,
        subject="offer",
        message="We would like to discuss distribution in Estonia.",
    )
    services.interest_accept(actor=distributor_owner, interest=interest, response="Gladly")
    return search, feedback, interest


def test_export_lists_searches_verdicts_and_interests(matching_history, sme, distributor_owner):
    data = personal_data_export(user=sme)["matching"]
    assert [s["name"] for s in data["saved_searches"]] == ["Baltic distributors"]
    assert data["suggestion_feedback"][0]["suggested"] == "Tallinn Distribution OÜ"
    assert data["suggestion_feedback"][0]["verdict"] == "relevant"
    sent = data["expressions_of_interest"][0]
    assert sent["you"] == "sender"
    assert sent["message"] == "We would like to discuss distribution in Estonia."
    assert sent["answer"] == ""

    received = personal_data_export(user=distributor_owner)["matching"]
    assert received["expressions_of_interest"][0]["you"] == "recipient"
    assert received["expressions_of_interest"][0]["answer"] == "Gladly"
    assert received["saved_searches"] == []


def test_erasure_removes_the_person_but_keeps_organisation_history(matching_history, sme):
    _search, feedback, interest = matching_history

    request = personal_data_erase(user=sme, actor=sme)

    assert not SavedSearch.objects.filter(pk=_search.pk).exists()
    feedback.refresh_from_db()
    interest.refresh_from_db()
    assert feedback.user is None
    assert feedback.verdict == "relevant"
    assert interest.created_by is None
    assert interest.status == "accepted"
    assert ExpressionOfInterest.objects.count() == 1
    assert SuggestionFeedback.objects.count() == 1
    assert request.rows_affected["matching"] == 3
