"""Records from the events and visits apps (upstream of programmes) for the indicators.

programmes reads their selectors; they never import programmes. Until those apps have
models linked to projects, these functions return no records (see docs/programmes.md,
"Wiring to events and visits"), so the indicators count this app's own records only.
"""

from __future__ import annotations

from samverkan.programmes.indicators.records import Record, Scope


def supported_organisations(scope: Scope, *, companies_only: bool) -> list[Record]:
    return []


def meetings(scope: Scope) -> list[Record]:
    return []


def visit_outcomes(scope: Scope, *, kind: str) -> list[Record]:
    return []
