"""programmes feeds calls (conflicts, cohorts) and matching (past projects)."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from samverkan.calls import services as call_services
from samverkan.calls.models import Assignment, Cohort, CohortMember, Offering
from samverkan.matching.adapters import organisation_queryset, organisations_to_core
from samverkan.programmes.indicators.compute import indicator_results
from samverkan.programmes.models import Source
from samverkan.programmes.services import activities as activity_services
from samverkan.programmes.services import programmes as services
from tests.calls.conftest import (  # noqa: F401  (fixtures of the calls app's public services)
    answers,
    applicant,
    call,
    cluster,
    in_review,
    questions,
    reviewers,
    submitted,
)
from tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_reviewer_from_a_partner_of_the_applicants_project_is_blocked(
    in_review,  # noqa: F811
    reviewers,  # noqa: F811
    operator,
    project,
):
    """The applicant and the reviewer's organisation are partners in the same project."""
    services.partner_set(
        actor=None, project=project, organisation=in_review.organisation, role="PP"
    )
    reviewer_organisation = OrganisationFactory(name="Reviewer's Institute", country="FI")
    services.partner_set(actor=None, project=project, organisation=reviewer_organisation, role="AP")
    MembershipFactory(user=reviewers[0].user, organisation=reviewer_organisation)

    with pytest.raises(ValidationError) as info:
        call_services.assignment_create(
            actor=operator, application=in_review, reviewer=reviewers[0]
        )
    assert info.value.messages == [
        f"{reviewers[0].user} cannot review Test Cluster: {reviewers[0].user} shares a project"
        " partnership with the applying organisation."
    ]
    assert not Assignment.objects.exists()
    # A reviewer without a shared project may still be assigned.
    assignment = call_services.assignment_create(
        actor=operator, application=in_review, reviewer=reviewers[1]
    )
    assert assignment.reviewer == reviewers[1]


def test_matching_sees_project_partnerships_as_past_projects(project, lead):
    partner = OrganisationFactory(name="Vaasa Energy Cluster", country="FI")
    services.partner_set(actor=None, project=project, organisation=partner, role="PP")
    outsider = OrganisationFactory(name="Nobody Oy", country="FI")

    cores = {
        c.name: c
        for c in organisations_to_core(
            organisation_queryset().filter(pk__in=[lead.pk, partner.pk, outsider.pk])
        )
    }
    lead_projects = cores["North Sweden Cleantech"].past_projects
    assert [(p.id, p.name, p.programme, p.role, p.start) for p in lead_projects] == [
        (
            f"programmes.project:{project.pk}",
            "Cleantech Kvarken",
            "Interreg Botnia-Atlantica 2014-2020",
            "LP",
            "2015-01-01",
        )
    ]
    assert cores["Vaasa Energy Cluster"].past_projects[0].id == lead_projects[0].id
    assert cores["Vaasa Energy Cluster"].past_projects[0].role == "PP"
    assert cores["Nobody Oy"].past_projects == ()


@pytest.fixture
def cohort(call, lead):  # noqa: F811
    cohort = Cohort.objects.create(call=call, name="S3 cohort 2024")
    members = [
        OrganisationFactory(name="Cohort Company AB", country="SE"),
        OrganisationFactory(name="Cohort Cluster", kind="cluster", country="SE"),
        lead,  # a project partner: not counted as supported
    ]
    for organisation in members:
        CohortMember.objects.create(cohort=cohort, organisation=organisation)
    Offering.objects.create(cohort=cohort, kind="training", title="Export training")
    Offering.objects.create(cohort=cohort, kind="network_meeting", title="Network meeting")
    return cohort


def test_cohort_members_and_offerings_count_with_drill_down(programme, project, cohort):
    for code, source in [
        ("organisations", Source.ORGANISATIONS_SUPPORTED),
        ("smes", Source.SMES_SUPPORTED),
        ("offerings", Source.COHORT_OFFERINGS),
    ]:
        activity_services.indicator_define(
            actor=None, programme=programme, code=code, name=code, unit="x", source=source
        )
    company = OrganisationFactory(name="Participant AB", country="FI")
    activity_services.activity_create(
        actor=None,
        project=project,
        kind="training",
        title="Training",
        starts_on=date(2016, 1, 1),
        participants=[
            company,
            cohort.members.get(organisation__name="Cohort Company AB").organisation,
        ],
    )
    before = {r.indicator.code: r for r in indicator_results(programme=programme)}
    assert before["organisations"].value == Decimal(2)
    assert before["offerings"].value == Decimal(0)

    project.cohorts.add(cohort)
    results = {r.indicator.code: r for r in indicator_results(programme=programme)}
    # The cohort company already took part in the training: counted once.
    assert results["organisations"].value == Decimal(3)
    assert results["smes"].value == Decimal(2)
    assert sorted(r.organisation for r in results["organisations"].records) == [
        "Cohort Cluster",
        "Cohort Company AB",
        "Cohort Company AB",
        "Participant AB",
    ]
    cohort_records = [r for r in results["organisations"].records if r.ref.startswith("calls.")]
    assert {r.url for r in cohort_records} == {f"/calls/cohorts/{cohort.pk}/"}
    assert results["offerings"].value == Decimal(2)
    assert sorted(r.label for r in results["offerings"].records) == [
        "Export training — S3 cohort 2024",
        "Network meeting — S3 cohort 2024",
    ]
    assert results["offerings"].records[0].detail == "offered to 3 selected organisations"
