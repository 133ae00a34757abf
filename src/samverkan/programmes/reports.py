"""Funder reports per project and period: XLSX (openpyxl) and PDF (fpdf2).

Amounts are written as Decimal values (XLSX number cells with two decimals, never floats in our
code) together with their currency; totals are in the programme currency with the rates used.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.common.pdf import FONT_FAMILY, pdf_document
from samverkan.programmes import selectors
from samverkan.programmes.indicators.compute import IndicatorResult, indicator_results

# fpdf2 subsets embedded fonts with fontTools, which logs every glyph at INFO.
logging.getLogger("fontTools").setLevel(logging.WARNING)


@dataclass
class ReportData:
    project: object
    start: date | None
    end: date | None
    summary: selectors.BudgetSummary
    partners: list
    contributions: list
    activities: list
    results: list[IndicatorResult]

    @property
    def filename(self) -> str:
        period = ""
        if self.start or self.end:
            period = f"-{self.start or ''}_{self.end or ''}"
        return f"report-{self.project.slug}{period}"

    @property
    def period_label(self) -> str:
        start = self.start or self.project.start_date
        end = self.end or self.project.end_date
        return f"{start.isoformat()} - {end.isoformat()}"


def report_data(*, project, start: date | None = None, end: date | None = None) -> ReportData:
    activities = [
        activity
        for activity in selectors.project_activities(project=project)
        if (not start or activity.starts_on >= start) and (not end or activity.starts_on <= end)
    ]
    return ReportData(
        project=project,
        start=start,
        end=end,
        summary=selectors.project_budget_summary(project=project),
        partners=list(project.partners.all()),
        contributions=list(project.contributions.all()),
        activities=activities,
        results=indicator_results(
            programme=project.programme, project=project, start=start, end=end
        ),
    )


def _rates_text(data: ReportData) -> list[str]:
    lines = []
    for total in (data.summary.budget, data.summary.funding, data.summary.spent):
        for conversion in total.rates_used:
            line = _("%(rate)s (rate of %(date)s)") % {
                "rate": conversion.rate_text,
                "date": conversion.rate_date.isoformat(),
            }
            if line not in lines:
                lines.append(line)
    return lines


def report_xlsx(data: ReportData) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    money_format = "#,##0.00"
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Summary")[:31]
    project = data.project
    bold = Font(bold=True)
    rows = [
        (_("Project"), project.name),
        (_("Acronym"), project.acronym),
        (_("Programme"), project.programme.name),
        (_("Period"), data.period_label),
        (_("Status"), project.get_status_display()),
        (_("Budget"), data.summary.budget.total.amount, data.summary.budget.currency),
        (_("Funding"), data.summary.funding.total.amount, data.summary.funding.currency),
        (_("Spent"), data.summary.spent.total.amount, data.summary.spent.currency),
        (_("Generated"), timezone.localtime().strftime("%Y-%m-%d %H:%M")),
    ]
    for row in rows:
        sheet.append(list(row))
    for line in _rates_text(data):
        sheet.append([_("Exchange rate used"), line])
    for cell in sheet["A"]:
        cell.font = bold
    for cell in sheet["B"]:
        if not isinstance(cell.value, str):
            cell.number_format = money_format

    def table(title: str, header: list[str], body: list[list], money_columns=()):
        ws = workbook.create_sheet(title[:31])
        ws.append(header)
        for cell in ws[1]:
            cell.font = bold
        for row in body:
            ws.append(row)
        for column in money_columns:
            for row_cells in ws.iter_rows(min_row=2, min_col=column, max_col=column):
                row_cells[0].number_format = money_format
        return ws

    table(
        _("Partners"),
        [_("Organisation"), _("Role"), _("Country"), _("Budget"), _("Currency")],
        [
            [
                p.organisation.name,
                p.get_role_display(),
                p.organisation.country,
                p.budget_amount,
                p.budget_currency,
            ]
            for p in data.partners
        ],
        money_columns=[4],
    )
    table(
        _("Funding"),
        [_("Funder"), _("For partner"), _("Amount"), _("Currency"), _("Share (%)")],
        [
            [
                c.funder_label,
                str(c.partner.organisation) if c.partner else "",
                c.amount,
                c.currency,
                c.share,
            ]
            for c in data.contributions
        ],
        money_columns=[3],
    )
    table(
        _("Activities"),
        [_("Date"), _("Kind"), _("Title"), _("Participants"), _("Meetings")],
        [
            [
                a.starts_on,
                a.get_kind_display(),
                a.title,
                len(a.participations.all()),
                a.meeting_count,
            ]
            for a in data.activities
        ],
    )
    table(
        _("Indicators"),
        [
            _("Code"),
            _("Indicator"),
            _("Unit"),
            _("Baseline"),
            _("Target"),
            _("Value"),
            _("Progress (%)"),
        ],
        [
            [
                r.indicator.code,
                r.indicator.name,
                r.indicator.unit,
                r.indicator.baseline,
                r.indicator.target,
                r.value,
                r.progress_percent,
            ]
            for r in data.results
        ],
    )
    table(
        _("Records"),
        [
            _("Indicator"),
            _("Source"),
            _("Date"),
            _("Record"),
            _("Country"),
            _("Value"),
            _("Detail"),
        ],
        [
            [
                r.indicator.code,
                record.kind,
                record.day,
                record.label,
                record.country,
                record.value,
                record.detail,
            ]
            for r in data.results
            for record in r.records
        ],
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _pdf(title: str):
    return pdf_document(title=title), FONT_FAMILY


def report_pdf(data: ReportData) -> bytes:
    from fpdf.fonts import FontFace

    pdf, family = _pdf(str(data.project))
    t = str  # every text is printable: the bundled font covers all our languages
    project = data.project
    pdf.set_font(family, "B", 16)
    acronym = f" ({project.acronym})" if project.acronym else ""
    pdf.multi_cell(0, 8, t(f"{project.name}{acronym}"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(family, "", 10)
    pdf.multi_cell(
        0,
        5,
        t(f"{project.programme.name} · {_('Period')}: {data.period_label}"),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(2)
    for label, total in (
        (_("Budget"), data.summary.budget),
        (_("Funding"), data.summary.funding),
        (_("Spent"), data.summary.spent),
    ):
        pdf.cell(0, 5, t(f"{label}: {total.total}"), new_x="LMARGIN", new_y="NEXT")
    for line in _rates_text(data):
        pdf.cell(0, 5, t(line), new_x="LMARGIN", new_y="NEXT")

    def section(title: str, header: list[str], rows: list[list], widths: tuple):
        pdf.ln(3)
        pdf.set_font(family, "B", 12)
        pdf.cell(0, 7, t(title), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(family, "", 8)
        with pdf.table(
            col_widths=widths, headings_style=FontFace(emphasis="BOLD"), line_height=4.5
        ) as table:
            table.row([t(h) for h in header])
            for row in rows:
                table.row([t("" if value is None else value) for value in row])

    section(
        _("Partners"),
        [_("Organisation"), _("Role"), _("Country"), _("Budget")],
        [
            [p.organisation.name, p.get_role_display(), p.organisation.country, str(p.budget or "")]
            for p in data.partners
        ],
        (60, 30, 15, 35),
    )
    section(
        _("Funding"),
        [_("Funder"), _("Amount"), _("Share (%)")],
        [[c.funder_label, str(c.money or ""), c.share or ""] for c in data.contributions],
        (70, 40, 20),
    )
    section(
        _("Activities"),
        [_("Date"), _("Kind"), _("Title"), _("Participants")],
        [
            [a.starts_on.isoformat(), a.get_kind_display(), a.title, len(a.participations.all())]
            for a in data.activities
        ],
        (22, 30, 90, 20),
    )
    section(
        _("Indicators"),
        [_("Indicator"), _("Unit"), _("Target"), _("Value"), _("Progress")],
        [
            [
                r.indicator.name,
                r.indicator.unit,
                r.indicator.target or "",
                r.value,
                f"{r.progress_percent} %" if r.progress_percent is not None else "",
            ]
            for r in data.results
        ],
        (75, 25, 20, 20, 20),
    )
    return bytes(pdf.output())
