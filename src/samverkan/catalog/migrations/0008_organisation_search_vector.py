"""PostgreSQL: a stored tsvector of the folded search text with its own GIN index, replacing the
expression index of 0003 (no to_tsvector per row when ranking or rechecking). SQLite keeps
its FTS5 table (0005) and leaves the column NULL."""

import django.contrib.postgres.search
from django.db import migrations

OLD_INDEX = "catalog_org_search_fts"
INDEX = "catalog_org_search_vector"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "UPDATE catalog_organisation SET search_vector = to_tsvector('simple'::regconfig, "
        "search_text)"
    )
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON catalog_organisation USING gin (search_vector)"
    )
    schema_editor.execute(f"DROP INDEX IF EXISTS {OLD_INDEX}")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {OLD_INDEX} ON catalog_organisation "
        "USING gin (to_tsvector('simple'::regconfig, search_text))"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0007_import_decisions"),
    ]

    operations = [
        migrations.AddField(
            model_name="organisation",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(forwards, backwards),
    ]
