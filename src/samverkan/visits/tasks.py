"""Background tasks of the visits app (Django Tasks API)."""

from __future__ import annotations

from django_tasks import task

from samverkan.visits.services.retention import visits_retention_run


@task()
def visits_retention() -> int:
    """Anonymise closed visit requests past the retention period. Schedule daily."""
    return visits_retention_run()
