"""SQLite only: FTS5 index over the folded search text (see catalog/sqlite_fts.py)."""

from django.db import migrations


def forwards(apps, schema_editor):
    from samverkan.catalog.sqlite_fts import ensure_sqlite_fts

    ensure_sqlite_fts(schema_editor.connection)


def backwards(apps, schema_editor):
    from samverkan.catalog.sqlite_fts import drop_sqlite_fts

    drop_sqlite_fts(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0004_size_class_labels")]

    operations = [migrations.RunPython(forwards, backwards)]
