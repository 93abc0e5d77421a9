"""The report as an A4 PDF, written with fpdf2.

Why fpdf2: it is pure Python (installed by ``pip install -r requirements.txt`` like everything else),
embeds TrueType fonts, and needs no browser or system library, so nothing is downloaded at run
time (HTML-to-PDF engines need Chromium or Pango/Cairo). The fonts are the DejaVu Sans files that
ship inside matplotlib, so Dutch and English text with any accent prints as typed; the figures are
the same matplotlib figures as the HTML's, as 200 dpi PNG.

User text (statements, comments, notes, names) is written as plain text: fpdf2's markdown is off,
and its page-count alias (which fpdf2 replaces anywhere on the page) is a random token per report
instead of ``{nb}``, so a note that says ``{nb}`` stays ``{nb}``.
"""

from __future__ import annotations

import secrets
from io import BytesIO
from pathlib import Path

import matplotlib
from fpdf import FPDF, FontFace
from fpdf.enums import TableBordersLayout, XPos, YPos

from review.i18n import t
from review.report.document import Block, Bullets, Chart, Document, Heading, Para, Table
from review.report.figures import to_png

FONTS = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
FAMILY = "DejaVu"
MARGIN = 20  # mm; the A4 text width is 170 mm, what the figures are drawn for
BODY_PT, SMALL_PT = 10, 8.5
LINE = 5.2  # mm per body line at 10 pt
PAGE_NUMBER_WIDTH = 30  # mm at the right of the footer for "pagina 12 / 14"
KEEP_WITH_NEXT = 45  # mm: a heading closer than this to the page's foot moves to the next page
INK, MUTED, EDGE = (27, 31, 36), (75, 85, 99), (31, 95, 168)
CARD, LINE_GREY, NOTE = (244, 247, 251), (209, 213, 219), (255, 248, 230)


class _Pdf(FPDF):
    def __init__(self, footer: str, page_text: str) -> None:
        super().__init__(format="A4", unit="mm")
        self.total_alias = f"{{pages-{secrets.token_hex(6)}}}"  # no typed text can hold it
        self.alias_nb_pages(self.total_alias)
        self.footer_text, self.page_text = footer, page_text
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, margin=MARGIN)
        for style, name in (("", "DejaVuSans.ttf"), ("B", "DejaVuSans-Bold.ttf"), ("I", "DejaVuSans-Oblique.ttf")):
            self.add_font(FAMILY, style, str(FONTS / name))

    def footer(self) -> None:
        if self.page_no() == 1:  # the cover has none
            return
        self.set_y(-13)
        self.set_font(FAMILY, "", 7.5)
        self.set_text_color(*MUTED)
        page = self.page_text.format(n=self.page_no(), total=self.total_alias)
        self.set_x(MARGIN)
        self.cell(self.epw - PAGE_NUMBER_WIDTH, 5, self.footer_text, align="L")
        # left-aligned in a box at the right: fpdf2 puts in the page total after the layout, so a
        # right-aligned number would be aligned for the placeholder's width, not the number's
        self.set_x(self.w - MARGIN - PAGE_NUMBER_WIDTH + 6)
        self.cell(PAGE_NUMBER_WIDTH - 6, 5, page, align="L")


def _font(pdf: FPDF, style: str = "", size: float = BODY_PT, colour: tuple[int, int, int] = INK) -> None:
    pdf.set_font(FAMILY, style, size)
    pdf.set_text_color(*colour)


def _cover(pdf: _Pdf, doc: Document) -> None:
    cover = doc.cover
    pdf.add_page()
    pdf.set_y(60)
    _font(pdf, "B", 12, EDGE)
    pdf.cell(0, 8, "R E V I E W", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    _font(pdf, "B", 26)
    pdf.multi_cell(0, 12, cover.title, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    _font(pdf, "", 16, MUTED)
    pdf.multi_cell(0, 8, cover.subtitle, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(12)
    for label, value in cover.facts:
        _font(pdf, "", 11, MUTED)
        pdf.cell(42, 7, label)
        _font(pdf, "B", 11)
        pdf.multi_cell(0, 7, value, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_y(max(pdf.get_y() + 16, 200))
    pdf.set_fill_color(*CARD)
    pdf.set_draw_color(*EDGE)
    _font(pdf, "", 11)
    top = pdf.get_y()
    pdf.set_x(MARGIN + 4)
    pdf.multi_cell(pdf.epw - 4, 6, cover.tagline, fill=True, padding=3, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_line_width(1.2)
    pdf.line(MARGIN + 1, top, MARGIN + 1, pdf.get_y())
    pdf.set_line_width(0.2)
    pdf.ln(6)
    _font(pdf, "", 9, MUTED)
    pdf.multi_cell(0, 5, cover.made, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.add_page()


def _room(pdf: FPDF, mm: float) -> None:
    if pdf.get_y() + mm > pdf.h - MARGIN:
        pdf.add_page()


def _heading(pdf: FPDF, block: Heading) -> None:
    _room(pdf, KEEP_WITH_NEXT)
    if block.level == 1:
        pdf.ln(5 if pdf.get_y() > MARGIN + 1 else 0)
        _font(pdf, "B", 15, EDGE)
        pdf.multi_cell(0, 8, block.text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_draw_color(*LINE_GREY)
        pdf.line(MARGIN, pdf.get_y() + 0.5, pdf.w - MARGIN, pdf.get_y() + 0.5)
        pdf.ln(3)
    else:
        pdf.ln(3)
        _font(pdf, "B", 12)
        pdf.multi_cell(0, 7, block.text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(1)


def _para(pdf: FPDF, block: Para) -> None:
    if block.kind == "notice":
        _font(pdf, "", BODY_PT)
        pdf.set_fill_color(*NOTE)
        pdf.multi_cell(0, LINE, block.text, align="L", fill=True, padding=2.5, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(3)
        return
    if block.kind == "label":
        _room(pdf, 25)
        _font(pdf, "B", BODY_PT)
        pdf.ln(1)
    elif block.kind == "quote":
        _room(pdf, 20)
        _font(pdf, "I", BODY_PT, MUTED)
        pdf.ln(1)
    elif block.kind == "muted":
        _font(pdf, "", BODY_PT, MUTED)
    else:
        _font(pdf, "", BODY_PT)
    pdf.multi_cell(0, LINE, block.text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(1 if block.kind in ("label", "quote") else 2)


def _bullets(pdf: FPDF, block: Bullets) -> None:
    _font(pdf, "", BODY_PT)
    for k, item in enumerate(block.items, 1):
        mark = f"{k}." if block.numbered else "•"
        pdf.set_x(MARGIN + 2)
        pdf.cell(6, LINE, mark)
        pdf.multi_cell(0, LINE, item, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(0.8)
    pdf.ln(2)


def _table(pdf: FPDF, block: Table) -> None:
    numeric = block.numeric or (False,) * len(block.headers)
    headings = any(block.headers)
    _room(pdf, 30)
    _font(pdf, "", 9)
    pdf.set_draw_color(*LINE_GREY)
    pdf.set_fill_color(255, 255, 255)  # fpdf2 fills body cells with the current colour (a notice's, the cover's)
    with pdf.table(
        col_widths=block.widths,
        text_align=tuple("RIGHT" if n else "LEFT" for n in numeric),
        borders_layout=TableBordersLayout.HORIZONTAL_LINES if headings else TableBordersLayout.NONE,
        first_row_as_headings=headings,
        headings_style=FontFace(emphasis="BOLD", fill_color=CARD, color=INK),
        line_height=4.6,
        padding=(1.4, 1.6),
        v_align="TOP",
        width=pdf.epw,
    ) as table:
        if headings:
            table.row(block.headers)
        for row in block.rows:
            table.row(row)
    pdf.ln(4)


def _chart(pdf: FPDF, block: Chart, png: bytes) -> None:
    w_in, h_in = block.figure.get_size_inches()
    height = pdf.epw * h_in / w_in
    _room(pdf, height + 12)
    pdf.image(BytesIO(png), x=MARGIN, w=pdf.epw, h=height)
    _font(pdf, "I", SMALL_PT, MUTED)
    pdf.multi_cell(0, 4.2, block.caption, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(4)


def _layout(doc: Document, pngs: dict[int, bytes]) -> _Pdf:
    pdf = _Pdf(doc.footer, t("report.page", doc.lang, n="{n}") + " / {total}")
    pdf.set_title(f"{doc.cover.title}: {doc.cover.subtitle}")
    pdf.set_creator("REVIEW")
    pdf.set_lang(doc.lang)
    _cover(pdf, doc)
    blocks = doc.blocks
    for k, block in enumerate(blocks):
        if isinstance(block, Heading | Para) and block_is_title(block):
            _room(pdf, _needed(blocks[k + 1 : k + 5]))  # keep a heading with its figure or table
        _draw(pdf, block, pngs)
    return pdf


def block_is_title(block: Heading | Para) -> bool:
    return isinstance(block, Heading) or block.kind in ("label", "quote")


def _needed(following: list[Block]) -> float:
    """Room (mm) a heading needs below it: the next figure whole, or a table's first rows."""
    need = 20.0
    for block in following:
        if isinstance(block, Heading | Para) and block_is_title(block):
            need += 12
            continue
        if isinstance(block, Chart):
            w_in, h_in = block.figure.get_size_inches()
            return need + (170 * h_in / w_in) + 12
        if isinstance(block, Table):
            return need + 30
        if isinstance(block, Para):
            need += 12
    return KEEP_WITH_NEXT


def _draw(pdf: _Pdf, block: Block, pngs: dict[int, bytes]) -> None:
    if isinstance(block, Heading):
        _heading(pdf, block)
    elif isinstance(block, Para):
        _para(pdf, block)
    elif isinstance(block, Bullets):
        _bullets(pdf, block)
    elif isinstance(block, Table):
        _table(pdf, block)
    elif isinstance(block, Chart):
        _chart(pdf, block, pngs[id(block)])


def render_pdf(doc: Document) -> bytes:
    """The document as PDF bytes, with "page n / N" in the footer of every page after the cover."""
    pngs = {id(b): to_png(b.figure) for b in doc.blocks if isinstance(b, Chart)}
    return bytes(_layout(doc, pngs).output())


__all__ = ["render_pdf"]
