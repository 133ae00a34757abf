"""Creating and changing booking pages, their goals and focus areas."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samverkan.catalog.models import Sector
from samverkan.common.services import audit_log_record
from samverkan.visits.models import BookingGoal, BookingPage, FocusArea, VisitRequest

LANGS = ["en", "sv", "fi"]


def _labels(parts: list[str]) -> dict[str, str]:
    return {lang: label for lang, label in zip(LANGS, parts, strict=False) if label}


@transaction.atomic
def booking_page_save(
    *,
    actor,
    page: BookingPage | None,
    organisation,
    slug: str,
    texts: dict[str, dict[str, str]],
    privacy_notice_version: str,
    notification_email: str,
    time_zone: str,
    is_active: bool,
    goals: list[list[str]],
    focus_areas: list[list[str]],
) -> BookingPage:
    """Create or update a page; choices are matched by code. A goal or focus area that
    requests already use cannot be removed (rename its labels instead)."""
    if BookingPage.objects.filter(slug=slug).exclude(pk=getattr(page, "pk", None)).exists():
        raise ValidationError({"slug": _("Another booking page uses this address.")})
    created = page is None
    page = page or BookingPage()
    page.organisation = organisation
    page.slug = slug
    page.titles = texts.get("title", {})
    page.intros = texts.get("intro", {})
    page.costs_notices = texts.get("costs_notice", {})
    page.privacy_notices = texts.get("privacy_notice", {})
    page.privacy_notice_version = privacy_notice_version
    page.notification_email = notification_email
    page.time_zone = time_zone
    page.is_active = is_active
    page.save()

    goal_codes = [row[0] for row in goals]
    removed_goals = page.goals.exclude(code__in=goal_codes)
    if VisitRequest.objects.filter(goal__in=removed_goals).exists():
        raise ValidationError({"goals": _("A goal that requests already use cannot be removed.")})
    removed_goals.delete()
    for position, row in enumerate(goals):
        BookingGoal.objects.update_or_create(
            page=page, code=row[0], defaults={"labels": _labels(row[1:4]), "position": position}
        )

    area_codes = [row[0] for row in focus_areas]
    removed_areas = page.focus_areas.exclude(code__in=area_codes)
    if VisitRequest.objects.filter(focus_areas__in=removed_areas).exists():
        raise ValidationError(
            {"focus_areas": _("A focus area that requests already use cannot be removed.")}
        )
    removed_areas.delete()
    for position, row in enumerate(focus_areas):
        row = row + [""] * (6 - len(row))
        area, _created = FocusArea.objects.update_or_create(
            page=page,
            code=row[0],
            defaults={"labels": _labels(row[1:4]), "keywords": row[4], "position": position},
        )
        codes = [code.strip() for code in row[5].split(",") if code.strip()]
        area.sectors.set(Sector.objects.filter(code__in=codes))
    audit_log_record(
        actor=actor,
        action="visits.page.create" if created else "visits.page.update",
        target=page,
        data={"slug": slug, "goals": goal_codes, "focus_areas": area_codes},
    )
    return page
