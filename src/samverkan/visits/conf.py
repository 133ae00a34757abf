"""Settings of the visits app, read from Django settings or the environment, with defaults.

`SAMVERKAN_VISITS_RETENTION_DAYS` (default 365): days after a request is declined, completed
or cancelled before its personal data is anonymised.
`SAMVERKAN_VISITS_RATE_LIMIT` (default 5) submissions per client address per
`SAMVERKAN_VISITS_RATE_WINDOW_SECONDS` (default 3600).
"""

from __future__ import annotations

import os

from django.conf import settings


def _int_setting(name: str, default: int) -> int:
    value = getattr(settings, name, None)
    if value is None:
        value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


def retention_days() -> int:
    return _int_setting("SAMVERKAN_VISITS_RETENTION_DAYS", 365)


def rate_limit() -> int:
    return _int_setting("SAMVERKAN_VISITS_RATE_LIMIT", 5)


def rate_window_seconds() -> int:
    return _int_setting("SAMVERKAN_VISITS_RATE_WINDOW_SECONDS", 3600)
