"""What every PDF (agendas, badges, itineraries, funder reports) shares.

DejaVu Sans ships with samverkan (licence in fonts/LICENSE-DejaVu.txt), so å/ä/ö, õ/š/ž
and ā/ē/ī print the same on every machine, with or without system fonts. Apps start their
documents with :func:`pdf_document` instead of setting up fpdf2 themselves.
"""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from fpdf import FPDF

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT_FAMILY = "DejaVu"

PdfT = TypeVar("PdfT", bound=FPDF)


def pdf_document(
    *,
    title: str,
    orientation: str = "P",
    page_format: str = "A4",
    pdf_class: type[PdfT] = FPDF,  # type: ignore[assignment]
    first_page: bool = True,
) -> PdfT:
    """An A4 fpdf2 document with the bundled Unicode font selected, ready to write on."""
    pdf = pdf_class(orientation=orientation, unit="mm", format=page_format)
    pdf.set_title(title)
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_font(FONT_FAMILY, "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font(FONT_FAMILY, "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    if first_page:
        pdf.add_page()
    pdf.set_font(FONT_FAMILY, "", 10)
    return pdf
