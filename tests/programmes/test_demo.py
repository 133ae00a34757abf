from decimal import Decimal
from io import StringIO

import pytest

from samverkan.accounts import demo as accounts_demo
from samverkan.catalog import demo as catalog_demo
from samverkan.programmes import demo
from samverkan.programmes.indicators.compute import indicator_results
from samverkan.programmes.models import Contribution, Partner, Programme, Project
from samverkan.programmes.selectors import project_budget_summary

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded():
    out = StringIO()
    accounts_demo.load_demo_data(password="x-demo-password-1", stdout=out)
    catalog_demo.load_demo_data(password="x-demo-password-1", stdout=out)
    demo.load_demo_data(password="x-demo-password-1", stdout=out)
    demo.load_demo_data(password="x-demo-password-1", stdout=out)  # idempotent
    return out


def test_seed_figures(loaded):
    assert Programme.objects.count() == 4
    spin = Project.objects.get(acronym="SPIN")
    amounts = sorted((str(c.funder), c.amount) for c in spin.contributions.all())
    assert amounts == [
        ("Region Västerbotten", Decimal("4300000.00")),
        ("Tillväxtverket", Decimal("9700000.00")),
    ]
    assert spin.budget_amount == Decimal("14100000.00")
    kvarken = Project.objects.get(slug="cleantech-kvarken")
    erdf = Contribution.objects.get(project=kvarken, fund__isnull=False)
    assert erdf.share == Decimal("60.00")
    assert Contribution.objects.filter(project=kvarken, funder__isnull=False).count() == 7
    ict = Project.objects.get(slug="ict-meta-cluster")
    assert (ict.budget_amount, ict.budget_currency) == (Decimal("2200000.00"), "EUR")
    lead = Partner.objects.get(project=ict, role="LP")
    assert (lead.organisation.name, lead.budget_amount) == (
        "Fiber Optic Valley",
        Decimal("14500000.00"),
    )
    assert Partner.objects.filter(project=ict).count() == 4
    assert Project.objects.get(slug="future-cleantech-solutions").follow_up_of == kvarken
    summary = project_budget_summary(project=spin)
    assert summary.funding.total.amount == Decimal("14000000.00")


def test_indicator_values_from_seeds_and_invented_work(loaded):
    botnia = Programme.objects.get(slug="interreg-botnia-atlantica-2014-2020")
    values = {r.indicator.code: r for r in indicator_results(programme=botnia)}
    assert values["would-continue"].value == Decimal("97.0")
    assert values["meetings"].value > 0
    assert values["cross-border"].value > 0
    central = Programme.objects.get(slug="interreg-central-baltic-2014-2020")
    values = {r.indicator.code: r for r in indicator_results(programme=central)}
    assert values["opportunities-outside"].value == 3
    assert {r.country for r in values["opportunities-outside"].records} == {"CN", "KR", "BW"}
    kvarken = Project.objects.get(slug="cleantech-kvarken")
    assert all(a.is_invented for a in kvarken.activities.all())


def test_s3_piloten_cohort_from_calls_counts_for_the_programme():
    from samverkan.calls import demo as calls_demo
    from samverkan.calls.models import Cohort

    out = StringIO()
    accounts_demo.load_demo_data(password="x-demo-password-1", stdout=out)
    catalog_demo.load_demo_data(password="x-demo-password-1", stdout=out)
    calls_demo.load_demo_data(password="x-demo-password-1", stdout=out)
    demo.load_demo_data(password="x-demo-password-1", stdout=out)
    cohort = Cohort.objects.get(name="S3-piloten cohort")
    programme = Programme.objects.get(slug="tillvaxtverket-s3-piloten")
    results = {r.indicator.code: r for r in indicator_results(programme=programme)}
    members = set(cohort.members.values_list("organisation__name", flat=True))
    assert len(members) == 22
    assert results["organisations"].value == Decimal(22)
    assert {r.organisation for r in results["organisations"].records} == members
    assert results["cohort-offerings"].value == Decimal(cohort.offerings.count())
    assert cohort.offerings.count() >= 3
