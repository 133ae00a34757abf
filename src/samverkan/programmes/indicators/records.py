"""The shapes sources return: a value and the records it was computed from (drill-down)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from samverkan.programmes.models import Programme, Project

ONE, HUNDRED, ZERO = Decimal(1), Decimal(100), Decimal(0)


@dataclass(frozen=True)
class Scope:
    """Which work counts: a programme, optionally one project and a period (inclusive)."""

    programme: Programme
    project: Project | None = None
    start: date | None = None
    end: date | None = None

    def project_filter(self, prefix: str = "project") -> dict:
        if self.project is not None:
            return {prefix: self.project}
        return {f"{prefix}__programme": self.programme}

    def contains(self, day: date | None) -> bool:
        if day is None:
            return True
        if self.start and day < self.start:
            return False
        return not (self.end and day > self.end)


@dataclass(frozen=True)
class Record:
    """One underlying fact. `value` is what it adds (1 for a count, an amount for a sum, 100/0
    for a yes/no percentage); `weight` is its weight in a percentage."""

    kind: str  # e.g. "meeting", "survey answer", "outcome", "manual entry"
    label: str
    day: date | None
    value: Decimal = Decimal(1)
    weight: Decimal = Decimal(1)
    organisation: str = ""
    country: str = ""
    region: str = ""  # NUTS 3 code of the organisation, when the catalogue knows it
    project: str = ""
    url: str = ""
    detail: str = ""
    ref: str = ""  # "<model label>:<pk>", stable id for the API
    project_id: int | None = None
    # Records with the same key count once (e.g. one organisation supported by two projects).
    key: str = ""


@dataclass
class SourceResult:
    value: Decimal
    records: list[Record]
    warnings: list[str] = field(default_factory=list)


def distinct(records: list[Record]) -> list[Record]:
    seen: set[str] = set()
    result = []
    for record in records:
        if record.key:
            if record.key in seen:
                continue
            seen.add(record.key)
        result.append(record)
    return result


def total(records: list[Record], *, percentage: bool = False) -> Decimal:
    records = distinct(records)
    if percentage:
        weight = sum((record.weight for record in records), Decimal(0))
        if not weight:
            return Decimal(0)
        weighted = sum((record.value * record.weight for record in records), Decimal(0))
        return (weighted / weight).quantize(Decimal("0.1"))
    return sum((record.value for record in records), Decimal(0))
