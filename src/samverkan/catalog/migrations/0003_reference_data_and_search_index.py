"""Load countries, NUTS 2024 and NACE Rev. 2.1 from packaged data, and on PostgreSQL add the
full-text (GIN on to_tsvector) and trigram-free prefix index over the folded search text."""

from django.db import migrations

SEARCH_INDEX = "catalog_org_search_fts"


def load(apps, schema_editor):
    from samverkan.catalog.reference import reference_data_load

    reference_data_load(
        Country=apps.get_model("catalog", "Country"),
        Region=apps.get_model("catalog", "Region"),
        Sector=apps.get_model("catalog", "Sector"),
    )


def create_search_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {SEARCH_INDEX} ON catalog_organisation "
        "USING gin (to_tsvector('simple'::regconfig, search_text))"
    )


def drop_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {SEARCH_INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0002_country_organisation_city_organisation_founded_year_and_more"),
    ]

    operations = [
        migrations.RunPython(load, migrations.RunPython.noop),
        migrations.RunPython(create_search_index, drop_search_index),
    ]
