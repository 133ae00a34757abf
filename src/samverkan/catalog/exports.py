"""Export a (filtered) list of organisations to CSV or XLSX, in the import's columns, so an
exported file can be edited and imported again (rows merge by registration number)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator

from django.db.models import Prefetch, QuerySet

from samverkan.catalog.imports import COLUMNS
from samverkan.catalog.models import Organisation, Person


def export_rows(organisations: QuerySet) -> Iterator[list[str]]:
    yield COLUMNS
    people = Prefetch("people", queryset=Person.objects.order_by("created_at", "id"))
    queryset = organisations.prefetch_related("texts", "sectors", "target_markets", people)
    for organisation in queryset.iterator(chunk_size=500):
        yield _row(organisation)


def _row(organisation: Organisation) -> list[str]:
    values = {
        "name": organisation.name,
        "legal_name": organisation.legal_name,
        "registration_number": organisation.registration_number,
        "vat_number": organisation.vat_number,
        "kind": organisation.kind,
        "size_class": organisation.size_class,
        "founded_year": str(organisation.founded_year or ""),
        "website": organisation.website,
        "street_address": organisation.street_address,
        "postal_code": organisation.postal_code,
        "city": organisation.city,
        "country": organisation.country,
        "region": organisation.region_id or "",
        "sectors": ", ".join(sector.code for sector in organisation.sectors.all()),
        "keywords": organisation.keywords,
        "target_markets": ", ".join(c.code for c in organisation.target_markets.all()),
        "languages": ", ".join(organisation.languages),
        "visibility": organisation.visibility,
        "invented": "yes" if organisation.is_demo else "",
    }
    for text in organisation.texts.all():
        for field in ("description", "offers", "needs"):
            values[f"{field}_{text.language}"] = getattr(text, field)
    person = next(iter(organisation.people.all()), None)
    if person is not None:
        values.update(
            contact_name=person.name,
            contact_role=person.role,
            contact_email=person.email,
            contact_phone=person.phone,
            contact_consent="yes" if person.listing_consent_at else "no",
        )
    return [values.get(column, "") for column in COLUMNS]


PHONE_OR_NUMBER = re.compile(r"[+-][\d\s().-]*")


def _safe(cell: str) -> str:
    """Cells starting with = + - @ would run as formulas in spreadsheet programs; phone
    numbers such as +46 90 123 are kept as they are."""
    if cell[:1] in ("=", "@") or (cell[:1] in ("+", "-") and not PHONE_OR_NUMBER.fullmatch(cell)):
        return "'" + cell
    return cell


def to_csv(rows: Iterable[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([_safe(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(rows: Iterable[list[str]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("organisations")
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
