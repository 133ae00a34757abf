"""Import organisations and people from CSV/XLSX, and export any list in the same columns.

Steps: `import_job_create` reads the file and guesses a column mapping; `import_check` (the dry
run) validates every row and lists each bad row with its reasons, changing nothing;
`import_commit` re-checks and writes all rows in one transaction, or nothing at all. A row
whose registration number (or folded name in the same country) matches an existing
organisation is a duplicate; the operator chooses per row (`import_decisions_set`): merge into
it (the default: the file's non-empty cells overwrite, the rest is kept), create a new
organisation anyway, or skip the row.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.catalog.models import Catalogue, ImportJob, ImportStatus, Organisation
from samverkan.catalog.services import (
    TEXT_FIELDS,
    catalogue_add_organisations,
    organisation_clean,
    organisation_create,
    organisation_update,
    person_clean,
    person_create,
)
from samverkan.catalog.text import fold
from samverkan.catalog.validators import normalise_registration_number
from samverkan.common.services import audit_log_record

MAX_ROWS = 10_000
PROFILE_COLUMNS = [
    "name", "legal_name", "registration_number", "vat_number", "kind", "size_class",
    "founded_year", "website", "street_address", "postal_code", "city", "country", "region",
    "sectors", "keywords", "target_markets", "languages", "visibility",
]  # fmt: skip
TEXT_COLUMNS = [f"{f}_{code}" for code, _n in settings.LANGUAGES for f in TEXT_FIELDS]
PERSON_COLUMNS = [
    "contact_name",
    "contact_role",
    "contact_email",
    "contact_phone",
    "contact_consent",
]
COLUMNS = [*PROFILE_COLUMNS, *TEXT_COLUMNS, *PERSON_COLUMNS, "invented"]
ALIASES = {
    "company": "name", "organisation": "name", "foretag": "name", "yritys": "name",
    "org_nr": "registration_number", "orgnr": "registration_number",
    "organisationsnummer": "registration_number", "y_tunnus": "registration_number",
    "business_id": "registration_number", "vat": "vat_number", "momsnummer": "vat_number",
    "nace": "sectors", "nace_codes": "sectors", "sector": "sectors", "nuts": "region",
    "nuts3": "region", "size": "size_class", "founded": "founded_year", "email": "contact_email",
    "e_mail": "contact_email", "contact": "contact_name", "markets": "target_markets",
    "description": "description_en", "offers": "offers_en", "needs": "needs_en",
}  # fmt: skip
LEGAL_SUFFIXES = re.compile(r"\b(ab|oy|oyj|ab oy|as|ou|sia|ltd|gmbh|aps|asa|publ)\b")
MERGE, CREATE, SKIP = "merge", "create", "skip"
DECISIONS = (MERGE, CREATE, SKIP)
TRUE = {"1", "yes", "ja", "kyllä", "kylla", "true", "x", "y"}


def _header_key(header: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", fold(header)).strip("_")


def guess_mapping(headers: list[str]) -> dict[str, str]:
    """{column in the file: target field} for the headers we recognise."""
    mapping = {}
    for header in headers:
        key = _header_key(header)
        target = key if key in COLUMNS else ALIASES.get(key)
        if target and target not in mapping.values():
            mapping[header] = target
    return mapping


def read_table(*, file_name: str, content: bytes) -> tuple[list[str], list[list[str]]]:
    if file_name.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).active
        except Exception as error:  # openpyxl raises many kinds for a damaged file
            raise ValidationError(_("This is not a readable XLSX file.")) from error
        rows = [
            ["" if cell is None else str(cell).replace("\x00", "").strip() for cell in row]
            for row in sheet.iter_rows(values_only=True)
        ]
    elif file_name.lower().endswith(".csv"):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = content.decode("cp1252", errors="replace")
        text = text.replace("\x00", "")
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        try:
            rows = [
                [cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), dialect)
            ]
        except csv.Error as error:
            raise ValidationError(_("This is not a readable CSV file.")) from error
    else:
        raise ValidationError(_("Upload a .csv or .xlsx file."))
    rows = [row for row in rows if any(row)]
    if not rows:
        raise ValidationError(_("The file is empty."))
    if len(rows) - 1 > MAX_ROWS:
        raise ValidationError(_("At most %(n)d rows per import.") % {"n": MAX_ROWS})
    return rows[0], rows[1:]


def import_job_create(*, actor, file_name: str, content: bytes, catalogue=None) -> ImportJob:
    headers, _rows = read_table(file_name=file_name, content=content)
    job = ImportJob.objects.create(
        created_by=actor,
        file_name=file_name[:255],
        content=content,
        headers=headers,
        mapping=guess_mapping(headers),
        catalogue=catalogue,
    )
    audit_log_record(actor=actor, action="catalog.import.upload", target=job)
    return job


def import_mapping_set(*, actor, job: ImportJob, mapping: dict[str, str]) -> ImportJob:
    mapping = {column: target for column, target in mapping.items() if target}
    unknown = [t for t in mapping.values() if t not in COLUMNS]
    missing = [c for c in mapping if c not in job.headers]
    targets = list(mapping.values())
    if unknown or missing:
        raise ValidationError(_("The mapping names unknown columns or fields."))
    if len(targets) != len(set(targets)):
        raise ValidationError(_("Each field may be mapped from one column only."))
    if "name" not in targets or "country" not in targets:
        raise ValidationError(_("Map at least the name and the country columns."))
    job.mapping = mapping
    job.status = ImportStatus.UPLOADED
    job.save(update_fields=["mapping", "status", "updated_at"])
    return job


def _name_key(name: str) -> str:
    return " ".join(LEGAL_SUFFIXES.sub(" ", fold(name)).split())


def _rows(job: ImportJob) -> list[tuple[int, dict[str, str]]]:
    headers, rows = read_table(file_name=job.file_name, content=bytes(job.content))
    index = {header: position for position, header in enumerate(headers)}
    return [
        (
            number,
            {
                target: (row[index[column]] if index[column] < len(row) else "")
                for column, target in job.mapping.items()
                if column in index
            },
        )
        for number, row in enumerate(rows, start=2)  # row 1 holds the headers
    ]


def _plan(job: ImportJob) -> tuple[list[dict], list[dict], list[dict]]:
    """Validate every row. Returns (plans, errors, duplicates); a plan says create or merge
    into whom; each duplicate names the existing organisation, why, and the decision. Skipped
    rows are neither planned nor checked."""
    existing_numbers = {
        (country, number): pk
        for pk, country, number in Organisation.objects.exclude(registration_number="").values_list(
            "pk", "country", "registration_number"
        )
    }
    existing_names = {}
    for pk, country, name in Organisation.objects.values_list("pk", "country", "name"):
        existing_names.setdefault((country, _name_key(name)), pk)
    seen_numbers: dict[tuple, int] = {}
    seen_names: dict[tuple, int] = {}
    plans, errors, duplicates = [], [], []
    for number, row in _rows(job):
        messages = []
        country = row.get("country", "").strip().upper()
        data = {key: row[key] for key in PROFILE_COLUMNS if key in row}
        data["country"] = country
        try:
            regno = normalise_registration_number(
                country=country, number=row.get("registration_number", "")
            )
        except ValidationError:
            regno = row.get("registration_number", "").strip()
        key_name = (country, _name_key(row.get("name", "")))
        target, reason = None, ""
        if regno:
            if (country, regno) in seen_numbers:
                messages.append(
                    _("Duplicate registration number %(number)s (also on row %(row)d).")
                    % {"number": regno, "row": seen_numbers[(country, regno)]}
                )
            seen_numbers.setdefault((country, regno), number)
            target = existing_numbers.get((country, regno))
            reason = "registration_number" if target else ""
        if key_name in seen_names and not regno:
            messages.append(
                _("Duplicate organisation name in this file (also on row %(row)d).")
                % {"row": seen_names[key_name]}
            )
        seen_names.setdefault(key_name, number)
        if target is None and key_name[1]:
            target = existing_names.get(key_name)
            reason = "name" if target else ""
        match = Organisation.objects.filter(pk=target).first() if target else None
        decision = job.decisions.get(str(number), MERGE) if match else CREATE
        if match is not None:
            duplicates.append(
                {
                    "row": number,
                    "name": row.get("name", ""),
                    "into": match.name,
                    "into_id": match.pk,
                    "into_slug": match.slug,
                    "reason": reason,
                    "decision": decision,
                }
            )
        if decision == SKIP:
            continue
        instance = match if decision == MERGE else None
        if instance is not None:
            data = {key: value for key, value in data.items() if value not in ("", None)}
        try:
            organisation_clean(data=data, instance=instance)
        except ValidationError as error:
            for field, field_errors in error.message_dict.items():
                messages += [f"{field}: {message}" for message in field_errors]
        person = None
        if row.get("contact_name") or row.get("contact_email"):
            person = {
                "name": row.get("contact_name", ""),
                "role": row.get("contact_role", ""),
                "email": row.get("contact_email", ""),
                "phone": row.get("contact_phone", ""),
            }
            try:
                person_clean(data=person)
            except ValidationError as error:
                for field, field_errors in error.message_dict.items():
                    messages += [f"contact_{field}: {message}" for message in field_errors]
        if messages:
            errors.append({"row": number, "name": row.get("name", ""), "messages": messages})
            continue
        texts = {
            code: {field: row.get(f"{field}_{code}", "") for field in TEXT_FIELDS}
            for code, _n in settings.LANGUAGES
            if any(row.get(f"{field}_{code}") for field in TEXT_FIELDS)
        }
        plans.append(
            {
                "row": number,
                "data": data,
                "texts": texts,
                "person": person,
                "consent": row.get("contact_consent", "").strip().lower() in TRUE,
                "invented": row.get("invented", "").strip().lower() in TRUE,
                "merge_into": instance.pk if instance else None,
                "merge_name": instance.name if instance else "",
            }
        )
    return plans, errors, duplicates


def import_decisions_set(*, actor, job: ImportJob, decisions: dict) -> ImportJob:
    """Record the operator's choice for duplicate rows: {row number: merge/create/skip}."""
    if job.status == ImportStatus.COMMITTED:
        raise ValidationError(_("This file was already imported."))
    duplicates = {str(d["row"]): d for d in _plan(job)[2]}
    cleaned = {}
    for row, decision in decisions.items():
        row = str(row)
        if decision not in DECISIONS:
            raise ValidationError(
                _("Choose merge, create or skip for row %(row)s.") % {"row": row[:10]}
            )
        if row not in duplicates:
            raise ValidationError(
                _("Row %(row)s does not match an existing organisation.") % {"row": row[:10]}
            )
        cleaned[row] = decision
    job.decisions = {**job.decisions, **cleaned}
    job.save(update_fields=["decisions", "updated_at"])
    audit_log_record(
        actor=actor, action="catalog.import.decisions", target=job, data={"decisions": cleaned}
    )
    return job


def import_check(*, job: ImportJob) -> dict[str, Any]:
    """The dry run: a report of what would be created, merged, and every bad row. No writes
    except the report on the job itself."""
    plans, errors, duplicates = _plan(job)
    skipped = [d for d in duplicates if d["decision"] == SKIP]
    report = {
        "rows": len(plans) + len(errors) + len(skipped),
        "create": sum(1 for plan in plans if plan["merge_into"] is None),
        "merge": [
            {"row": plan["row"], "name": plan["data"].get("name", ""), "into": plan["merge_name"]}
            for plan in plans
            if plan["merge_into"]
        ],
        "skip": [d["row"] for d in skipped],
        "duplicates": duplicates,
        "errors": errors,
    }
    job.report = report
    job.status = ImportStatus.CHECKED
    job.save(update_fields=["report", "status", "updated_at"])
    return report


@transaction.atomic
def import_commit(*, actor, job: ImportJob) -> dict[str, Any]:
    """Write every row or none: any bad row raises ValidationError and nothing is changed."""
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    if job.status == ImportStatus.COMMITTED:
        raise ValidationError(_("This file was already imported."))
    plans, errors, _duplicates = _plan(job)
    if errors:
        raise ValidationError(
            _("%(n)d rows have errors; fix them and upload the file again.") % {"n": len(errors)}
        )
    touched = []
    for plan in plans:
        if plan["merge_into"]:
            organisation = Organisation.objects.get(pk=plan["merge_into"])
            organisation_update(
                actor=actor, organisation=organisation, data=plan["data"], texts=plan["texts"]
            )
        else:
            organisation = organisation_create(
                actor=actor, data=plan["data"], texts=plan["texts"], is_demo=plan["invented"]
            )
        person = plan["person"]
        if (
            person
            and not organisation.people.filter(
                name=person["name"], email=person["email"].lower()
            ).exists()
        ):
            person_create(
                actor=actor,
                organisation=organisation,
                data=person,
                consent=plan["consent"],
                is_demo=plan["invented"],
            )
        touched.append(organisation)
    if job.catalogue_id:
        catalogue = Catalogue.objects.get(pk=job.catalogue_id)
        catalogue_add_organisations(actor=actor, catalogue=catalogue, organisations=touched)
    job.status = ImportStatus.COMMITTED
    job.committed_at = timezone.now()
    job.report = {**job.report, "imported": len(touched)}
    job.save(update_fields=["status", "committed_at", "report", "updated_at"])
    audit_log_record(
        actor=actor, action="catalog.import.commit", target=job, data={"rows": len(touched)}
    )
    return job.report
