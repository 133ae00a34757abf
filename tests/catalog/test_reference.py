from django.core.management import call_command

from samverkan.catalog.models import Country, Region, Sector
from samverkan.catalog.reference import reference_data_load


def test_countries_with_eu_efta_membership_and_local_names():
    sweden = Country.objects.get(code="SE")
    assert (sweden.is_eu, sweden.is_efta, sweden.names["sv"]) == (True, False, "Sverige")
    assert Country.objects.get(code="NO").is_efta
    china = Country.objects.get(code="CN")
    assert china.is_outside_eu_efta
    assert Country.objects.filter(is_eu=True).count() == 27
    assert Country.objects.filter(is_efta=True).count() == 4


def test_nuts_2024_hierarchy_by_code():
    region = Region.objects.get(code="SE331")
    assert (region.name, region.level, region.parent_id, region.parent.parent_id) == (
        "Västerbottens län",
        3,
        "SE33",
        "SE3",
    )
    assert Region.objects.get(code="FI19A").name == "Pohjanmaa"
    assert Region.objects.get(code="EL301").country_code == "GR"


def test_nace_rev_2_1_hierarchy_with_sections():
    sector = Sector.objects.get(code="62.10")
    assert (sector.section, sector.level, sector.parent_id) == ("K", 4, "62.1")
    assert Sector.objects.filter(level=1).count() == 22


def test_loading_again_changes_nothing_and_command_refreshes(capsys):
    before = Country.objects.count(), Region.objects.count(), Sector.objects.count()
    counts = reference_data_load(force=True)
    assert counts == {"country": before[0], "region": before[1], "sector": before[2]}
    Country.objects.filter(code="SE").update(is_eu=False)
    call_command("load_reference_data", "--force")
    assert Country.objects.get(code="SE").is_eu
    assert "Reference data loaded." in capsys.readouterr().out
