from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _ensure_search_index(sender, using, **kwargs):
    from django.db import connections

    from samverkan.catalog.sqlite_fts import ensure_sqlite_fts

    ensure_sqlite_fts(connections[using])


class CatalogConfig(AppConfig):
    name = "samverkan.catalog"
    label = "catalog"
    verbose_name = _("Catalogue")

    def ready(self) -> None:
        # SQLite migrations that remake catalog_organisation drop the FTS triggers.
        post_migrate.connect(_ensure_search_index, sender=self)
