"""Operators' matchmaking runs: every company of a catalogue or event with its top-k partners.

A run builds its own index from the scope's profiles (so suggestions stay inside the
programme), ranks each company with the same learned weights as the product, and stores the
rows for the progress page and the CSV/XLSX export that prepares B2B meeting requests.
"""

from __future__ import annotations

import csv
import io
import logging
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.catalog.models import Catalogue, OrganisationKind
from samverkan.common.services import audit_log_record
from samverkan.core.matching.index import MatchIndex
from samverkan.core.matching.model import MatchQuery
from samverkan.matching.adapters import organisation_queryset, organisations_to_core
from samverkan.matching.models import MatchmakingRun, RunStatus, SuggestionFeedback, Verdict
from samverkan.matching.reasons import translate_reason

logger = logging.getLogger(__name__)
PROGRESS_EVERY = 10


def _event_model():
    try:
        return apps.get_model("events", "Event")
    except LookupError:
        return None


@transaction.atomic
def matchmaking_run_create(
    *,
    actor,
    catalogue: Catalogue | None = None,
    event_id: int | None = None,
    k: int = 5,
    companies_only: bool = True,
) -> MatchmakingRun:
    """Queue a run for a catalogue or an event; the task starts after the commit."""
    if (catalogue is None) == (event_id is None):
        raise ValidationError({"catalogue": _("Choose a catalogue or an event.")})
    if not 1 <= int(k) <= 20:
        raise ValidationError({"k": _("Choose between 1 and 20 suggestions per company.")})
    if catalogue is not None:
        label = catalogue.title
    else:
        Event = _event_model()
        event = Event.objects.filter(pk=event_id).first() if Event else None
        if event is None:
            raise ValidationError({"event": _("Unknown event.")})
        label = str(event)
    run = MatchmakingRun.objects.create(
        created_by=actor,
        catalogue=catalogue,
        event_id=event_id,
        label=label[:255],
        k=int(k),
        companies_only=companies_only,
    )
    audit_log_record(actor=actor, action="matching.run.create", target=run, data={"k": run.k})
    from samverkan.matching.tasks import run_matchmaking

    transaction.on_commit(lambda: run_matchmaking.enqueue(run.pk))
    return run


def _scope(run: MatchmakingRun):
    """The run's organisations, plus extra needs/offers stated at an event registration."""
    orgs = organisation_queryset().order_by("pk")
    extra: dict[int, tuple[list[str], list[str]]] = {}
    if run.catalogue_id:
        return list(orgs.filter(catalogues=run.catalogue_id)), extra
    Participant = apps.get_model("events", "Participant")
    participants = Participant.objects.filter(event_id=run.event_id, status="registered")
    for p in participants.only("organisation_id", "offer", "need"):
        offers, needs = extra.setdefault(p.organisation_id, ([], []))
        offers += [p.offer] if p.offer else []
        needs += [p.need] if p.need else []
    return list(orgs.filter(pk__in=list(extra))), extra


def matchmaking_run_execute(*, run_id: int) -> MatchmakingRun:
    run = MatchmakingRun.objects.get(pk=run_id)
    if run.is_finished:
        return run
    run.status, run.started_at = RunStatus.RUNNING, timezone.now()
    run.save(update_fields=["status", "started_at", "updated_at"])
    try:
        organisations, extra = _scope(run)
        core = []
        for org in organisations_to_core(organisations):
            offers, needs = extra.get(int(org.id), ([], []))
            if offers or needs:
                org = type(org)(
                    **{
                        **org.__dict__,
                        "offers": org.offers + tuple(offers),
                        "needs": org.needs + tuple(needs),
                    }
                )
            core.append(org)
        by_id = {str(o.pk): o for o in organisations}
        seekers = [
            o for o in organisations if not run.companies_only or o.kind == OrganisationKind.COMPANY
        ]
        dismissed: dict[int, set[str]] = {}
        for org_id, other in SuggestionFeedback.objects.filter(
            organisation__in=seekers, verdict=Verdict.NOT_RELEVANT
        ).values_list("organisation_id", "suggested_id"):
            dismissed.setdefault(org_id, set()).add(str(other))
        index = MatchIndex.build(core)
        run.total, run.done, rows = len(seekers), 0, []
        run.save(update_fields=["total", "done", "updated_at"])
        for seeker in seekers:
            query = MatchQuery(
                seeker_id=str(seeker.pk), exclude_ids=tuple(dismissed.get(seeker.pk, ()))
            )
            for rank, rec in enumerate(index.recommend(query, k=run.k), start=1):
                other = by_id[rec.org_id]
                rows.append(
                    {
                        "seeker_id": seeker.pk,
                        "seeker": seeker.name,
                        "seeker_country": seeker.country,
                        "rank": rank,
                        "org_id": other.pk,
                        "org": other.name,
                        "country": other.country,
                        "score": round(rec.score, 4),
                        "reasons": [[r.code, r.text] for r in rec.reasons],
                    }
                )
            run.done += 1
            if run.done % PROGRESS_EVERY == 0:
                run.save(update_fields=["done", "updated_at"])
        run.results, run.status, run.finished_at = rows, RunStatus.DONE, timezone.now()
        run.save(update_fields=["results", "status", "finished_at", "done", "updated_at"])
    except Exception as exc:  # the progress page must show failures, not spin forever
        logger.exception("matchmaking run %s failed", run_id)
        run.status, run.error, run.finished_at = RunStatus.FAILED, str(exc)[:2000], timezone.now()
        run.save(update_fields=["status", "error", "finished_at", "updated_at"])
    return run


def export_rows(run: MatchmakingRun) -> tuple[list[str], list[list[Any]]]:
    """Header and rows in the active language (reasons translated)."""
    header = [
        _("Company"),
        _("Company country"),
        _("Rank"),
        _("Suggested partner"),
        _("Country"),
        _("Score"),
        _("Reasons"),
        _("Company id"),
        _("Partner id"),
    ]
    rows = [
        [
            r["seeker"],
            r["seeker_country"],
            r["rank"],
            r["org"],
            r["country"],
            r["score"],
            "; ".join(translate_reason(code, text) for code, text in r["reasons"]),
            r["seeker_id"],
            r["org_id"],
        ]
        for r in run.results
    ]
    return header, rows


def _safe(value: Any) -> Any:
    # Spreadsheet formula injection: text starting with = + - @ is shown, never evaluated.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def export_csv(run: MatchmakingRun) -> bytes:
    header, rows = export_rows(run)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows([[_safe(v) for v in row] for row in rows])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def export_xlsx(run: MatchmakingRun) -> bytes:
    from openpyxl import Workbook

    header, rows = export_rows(run)
    wb = Workbook()
    ws = wb.active
    ws.title = _("Matchmaking")[:31]
    ws.append(header)
    for row in rows:
        ws.append([_safe(v) for v in row])
    ws.freeze_panes = "A2"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
