"""Indicator values: the automatic source plus manual entries, with progress and history."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext as _

from samverkan.programmes.indicators.records import Record, Scope, total
from samverkan.programmes.indicators.sources import SOURCES
from samverkan.programmes.models import Aggregation, IndicatorDefinition, IndicatorEntry


@dataclass
class IndicatorResult:
    indicator: IndicatorDefinition
    value: Decimal
    records: list[Record]
    warnings: list[str] = field(default_factory=list)

    @property
    def target(self) -> Decimal | None:
        return self.indicator.target

    @property
    def progress_percent(self) -> Decimal | None:
        if not self.indicator.target:
            return None
        return (self.value * 100 / self.indicator.target).quantize(Decimal("0.1"))

    @property
    def bar_percent(self) -> int:
        """Progress capped at 100, for drawing."""
        progress = self.progress_percent
        return 0 if progress is None else max(0, min(100, int(progress)))

    @property
    def is_percentage(self) -> bool:
        return self.indicator.aggregation == Aggregation.PERCENTAGE

    def value_until(self, day: date) -> Decimal:
        records = [r for r in self.records if r.day is None or r.day <= day]
        return total(records, percentage=self.is_percentage)


def _manual_records(indicator: IndicatorDefinition, scope: Scope, entries) -> list[Record]:
    records = []
    for entry in entries:
        if entry.indicator_id != indicator.pk or not scope.contains(entry.reported_on):
            continue
        if scope.project is not None and entry.project_id != scope.project.pk:
            continue
        records.append(
            Record(
                kind=_("manual entry"),
                label=entry.note,
                day=entry.reported_on,
                value=entry.value,
                weight=Decimal(entry.respondents or 1),
                country=entry.country,
                project=str(entry.project),
                url=reverse("programmes:entry-evidence", kwargs={"pk": entry.pk})
                if entry.evidence
                else "",
                detail=_("with evidence") if entry.evidence else "",
                ref=f"programmes.indicatorentry:{entry.pk}",
                project_id=entry.project_id,
            )
        )
    return records


def indicator_results(
    *, programme, project=None, start: date | None = None, end: date | None = None
) -> list[IndicatorResult]:
    scope = Scope(programme=programme, project=project, start=start, end=end)
    indicators = list(IndicatorDefinition.objects.filter(programme=programme))
    entries = list(
        IndicatorEntry.objects.filter(indicator__programme=programme).select_related("project")
    )
    cache: dict[str, tuple] = {}
    results = []
    for indicator in indicators:
        if indicator.source not in cache:
            result = SOURCES[indicator.source](scope)
            cache[indicator.source] = (result.records, result.warnings)
        records, warnings = cache[indicator.source]
        records = list(records) + _manual_records(indicator, scope, entries)
        records.sort(key=lambda r: (r.day or date.min, r.label))
        value = total(records, percentage=indicator.aggregation == Aggregation.PERCENTAGE)
        results.append(IndicatorResult(indicator, value, records, list(warnings)))
    return results


def indicator_result(*, indicator: IndicatorDefinition, project=None) -> IndicatorResult:
    for result in indicator_results(programme=indicator.programme, project=project):
        if result.indicator.pk == indicator.pk:
            return result
    raise LookupError(indicator)


def values_by_project(*, programme) -> dict[int, list[tuple[IndicatorDefinition, Decimal]]]:
    """Current value of every indicator for every project of a programme, computed from one
    programme-wide pass (a fixed number of queries however many projects there are)."""
    results = indicator_results(programme=programme)
    project_ids = set(programme.projects.values_list("pk", flat=True))
    values: dict[int, list] = {pk: [] for pk in project_ids}
    for result in results:
        for pk in project_ids:
            records = [r for r in result.records if r.project_id == pk]
            values[pk].append((result.indicator, total(records, percentage=result.is_percentage)))
    return values


def quarter_ends(start: date, end: date) -> list[date]:
    """The last day of each quarter from `start` to `end` (for progress over time)."""
    points, year, quarter = [], start.year, (start.month - 1) // 3 + 1
    while True:
        month = quarter * 3
        last = date(year, month, 31 if month in (3, 12) else 30)
        points.append(min(last, end))
        if last >= end:
            return points
        quarter += 1
        if quarter == 5:
            year, quarter = year + 1, 1
