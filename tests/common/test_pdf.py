"""Every PDF starts from the same document: bundled Unicode font, A4, a first page."""

from fpdf import FPDF

from samverkan.common.pdf import FONT_FAMILY, pdf_document


class Custom(FPDF):
    pass


def test_document_prints_baltic_and_nordic_letters():
    pdf = pdf_document(title="Kvarken to Tallinn")
    pdf.cell(0, 8, "Västerås, Jõhvi, Rēzekne, Šiauliai, Ørsta")
    data = bytes(pdf.output())
    assert data.startswith(b"%PDF-")
    assert pdf.pages_count == 1
    assert pdf.font_family == FONT_FAMILY.lower()
    assert b"DejaVu" in data


def test_document_class_orientation_and_no_first_page():
    pdf = pdf_document(title="Badges", pdf_class=Custom, orientation="L", first_page=False)
    assert isinstance(pdf, Custom)
    assert pdf.pages_count == 0
    pdf.add_page()
    assert pdf.w > pdf.h
