"""Import projects and partners from a CSV in the shape of the public Interreg participation
lists: one row per partner participation. Organisations are matched against the catalogue
(exact normalised name in the same country, else reported as a possible duplicate when a
similar name exists); unknown ones are created. All or nothing; a dry run changes nothing."""

from __future__ import annotations

import csv
import difflib
import io
import re
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samverkan.catalog import services as catalog_services
from samverkan.catalog.models import Organisation
from samverkan.programmes.models import PartnerRole, Programme, Project
from samverkan.programmes.services.programmes import partner_set, project_create

COLUMNS = [
    "programme",
    "project",
    "acronym",
    "organisation",
    "country",
    "role",
    "nuts3",
    "budget",
    "currency",
    "start",
    "end",
]
REQUIRED = ["programme", "project", "organisation", "country", "role"]
ROLE_ALIASES = {
    "LP": "LP",
    "LEAD PARTNER": "LP",
    "PP": "PP",
    "PARTNER": "PP",
    "PROJECT PARTNER": "PP",
    "AP": "AP",
    "ASSOCIATED PARTNER": "AP",
}
LEGAL_FORMS = re.compile(r"\b(ab|ab \(publ\)|oy|oyj|as|sia|ou|oü|ltd|gmbh|aps|asa)\b\.?")
SIMILAR = 0.88


class _DryRun(Exception):
    pass


def normalise_name(name: str) -> str:
    text = name.casefold().replace("&", " and ")
    text = LEGAL_FORMS.sub(" ", text)
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


@dataclass
class ImportReport:
    dry_run: bool
    rows: int = 0
    projects_created: list[str] = field(default_factory=list)
    partners_set: int = 0
    organisations_matched: int = 0
    organisations_created: list[str] = field(default_factory=list)
    possible_duplicates: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


class _Catalogue:
    def __init__(self) -> None:
        self.by_key: dict[tuple[str, str], Organisation] = {}
        for organisation in Organisation.objects.only("id", "name", "country", "slug"):
            self.by_key.setdefault(
                (normalise_name(organisation.name), organisation.country), organisation
            )

    def exact(self, name: str, country: str) -> Organisation | None:
        return self.by_key.get((normalise_name(name), country))

    def similar(self, name: str, country: str) -> list[Organisation]:
        key = normalise_name(name)
        return [
            organisation
            for (other, other_country), organisation in self.by_key.items()
            if other_country == country
            and difflib.SequenceMatcher(None, key, other).ratio() >= SIMILAR
        ]

    def add(self, organisation: Organisation) -> None:
        self.by_key[(normalise_name(organisation.name), organisation.country)] = organisation


def _row_error(number: int, message: str) -> str:
    return _("Line %(n)s: %(error)s") % {"n": number, "error": message}


def _parse_date(value: str) -> date | None:
    value = (value or "").strip()
    return date.fromisoformat(value) if value else None


def projects_import(*, actor, text: str, dry_run: bool = False) -> ImportReport:
    report = ImportReport(dry_run=dry_run)
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    headers = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [column for column in REQUIRED if column not in headers]
    if missing:
        report.errors.append(_("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)})
        return report
    programmes = {normalise_name(p.name): p for p in Programme.objects.all()}
    programmes.update({p.slug: p for p in programmes.values()})
    catalogue = _Catalogue()
    seen: set[tuple[str, int]] = set()
    try:
        with transaction.atomic():
            projects: dict[tuple[int, str], Project] = {}
            for number, raw in enumerate(reader, start=2):
                row = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items()}
                report.rows += 1
                try:
                    _import_row(actor, row, number, report, programmes, catalogue, projects, seen)
                except ValidationError as error:
                    report.errors.append(_row_error(number, "; ".join(error.messages)))
                except ValueError as error:
                    report.errors.append(_row_error(number, str(error)))
            if report.errors or dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return report


def _import_row(actor, row, number, report, programmes, catalogue, projects, seen) -> None:
    for column in REQUIRED:
        if not row.get(column):
            raise ValidationError(_("the column “%(column)s” is empty.") % {"column": column})
    programme = programmes.get(normalise_name(row["programme"])) or programmes.get(row["programme"])
    if programme is None:
        raise ValidationError(
            _("unknown programme “%(name)s”; create it first.") % {"name": row["programme"]}
        )
    role = ROLE_ALIASES.get(row["role"].upper())
    if role is None:
        raise ValidationError(_("the role must be LP, PP or AP."))
    country = row["country"].upper()
    project = projects.get((programme.pk, normalise_name(row["project"])))
    if project is None:
        project = Project.objects.filter(programme=programme, name__iexact=row["project"]).first()
        if project is None:
            start = _parse_date(row.get("start", "")) or date(programme.start_year, 1, 1)
            end = _parse_date(row.get("end", "")) or date(programme.end_year, 12, 31)
            project = project_create(
                actor=actor,
                programme=programme,
                name=row["project"],
                acronym=row.get("acronym", ""),
                start_date=start,
                end_date=end,
            )
            report.projects_created.append(project.name)
        projects[(programme.pk, normalise_name(row["project"]))] = project
    organisation = catalogue.exact(row["organisation"], country)
    if organisation is not None:
        report.organisations_matched += 1
    else:
        similar = catalogue.similar(row["organisation"], country)
        if similar:
            report.possible_duplicates.append(
                _(
                    "Line %(n)s: “%(name)s” resembles %(others)s; it was matched to the first. "
                    "Correct the name in the file if that is wrong."
                )
                % {
                    "n": number,
                    "name": row["organisation"],
                    "others": ", ".join(f"“{o.name}”" for o in similar),
                }
            )
            organisation = similar[0]
        else:
            data = {"name": row["organisation"], "country": country, "kind": "other"}
            if row.get("nuts3"):
                data["region"] = row["nuts3"]
            organisation = catalog_services.organisation_create(actor=actor, data=data)
            catalogue.add(organisation)
            report.organisations_created.append(organisation.name)
    if (project.slug, organisation.pk) in seen:
        raise ValidationError(
            _("“%(organisation)s” appears twice in project “%(project)s”.")
            % {"organisation": organisation.name, "project": project.name}
        )
    seen.add((project.slug, organisation.pk))
    partner_set(
        actor=actor,
        project=project,
        organisation=organisation,
        role=role,
        budget_amount=row.get("budget") or None,
        budget_currency=row.get("currency") or programme.currency,
    )
    report.partners_set += 1


__all__ = ["COLUMNS", "ImportReport", "PartnerRole", "normalise_name", "projects_import"]
