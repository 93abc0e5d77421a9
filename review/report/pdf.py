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
from contextlib import nullcontext
from io import BytesIO
from pathlib import Path

import matplotlib
from fpdf import FPDF, ViewerPreferences
from fpdf.enums import XPos, YPos

from review.i18n import t
from review.report.document import Block, Bullets, Chart, Document, Heading, Para, Table
from review.report.figures import to_png
from review.report.tagged import Element, StructureTree

FONTS = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
FAMILY = "DejaVu"
MARGIN = 20  # mm; the A4 text width is 170 mm, what the figures are drawn for
BODY_PT, SMALL_PT = 10, 8.5
LINE = 5.2  # mm per body line at 10 pt
PAGE_NUMBER_WIDTH = 30  # mm at the right of the footer for "pagina 12 / 14"
KEEP_WITH_NEXT = 45  # mm: a heading closer than this to the page's foot moves to the next page
TABLE_PT, TABLE_LINE = 9, 4.6  # a table's text: pt, mm per line
CELL_PAD_X, CELL_PAD_Y = 1.6, 1.4  # mm inside a cell
INK, MUTED, EDGE = (27, 31, 36), (75, 85, 99), (31, 95, 168)
CARD, LINE_GREY, NOTE = (244, 247, 251), (209, 213, 219), (255, 248, 230)


class _Pdf(FPDF):
    def __init__(self, footer: str, page_text: str) -> None:
        super().__init__(format="A4", unit="mm")
        self.tags = self.struct_builder = StructureTree(self)
        self.total_alias = f"{{pages-{secrets.token_hex(6)}}}"  # no typed text can hold it
        self.alias_nb_pages(self.total_alias)
        self.footer_text, self.page_text = footer, page_text
        self.widths: dict[tuple[str, float, str], float] = {}  # a word's width per font and size
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, margin=MARGIN)
        for style, name in (("", "DejaVuSans.ttf"), ("B", "DejaVuSans-Bold.ttf"), ("I", "DejaVuSans-Oblique.ttf")):
            self.add_font(FAMILY, style, str(FONTS / name))

    def add_page(self, *args, **kwargs) -> None:
        with self.tags.page_break():  # a paragraph that runs on stays one element
            super().add_page(*args, **kwargs)

    def footer(self) -> None:
        if self.page_no() == 1:  # the cover has none
            return
        with self.tags.artifact():
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

    def width(self, text: str) -> float:
        key = (self.font_style, self.font_size_pt, text)
        found = self.widths.get(key)
        if found is None:
            found = self.widths[key] = self.get_string_width(text)
        return found


def _font(pdf: FPDF, style: str = "", size: float = BODY_PT, colour: tuple[int, int, int] = INK) -> None:
    pdf.set_font(FAMILY, style, size)
    pdf.set_text_color(*colour)


def _text(pdf: _Pdf, role: str, text: str, h: float, w: float = 0, **kwargs) -> None:
    """``text`` as one element of the structure tree (``role``: P, H2, Caption ...), written as a
    left-aligned block that may run onto the next page; its ``/ActualText`` keeps the words at each
    line break apart for a screen reader (the drawn lines lose the space between them)."""
    with pdf.tags.content(role, actual_text=text):
        pdf.multi_cell(w, h, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT, **kwargs)


def _lines(pdf: _Pdf, text: str, width: float) -> list[str]:
    """``text`` broken into lines no wider than ``width`` mm in the current font, at spaces, and
    inside a word only when the word alone is wider (fpdf2's rule, without its per-glyph layout)."""
    space = pdf.width(" ")
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line: str | None = None
        used = 0.0
        for word in paragraph.split(" "):
            size = pdf.width(word)
            if line is not None and used + space + size <= width:
                line, used = f"{line} {word}", used + space + size
                continue
            if line is not None:
                lines.append(line)
            while size > width and len(word) > 1:
                cut = len(word) - 1
                while cut > 1 and pdf.width(word[:cut]) > width:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
                size = pdf.width(word)
            line, used = word, size
        lines.append(line or "")
    return lines


def _cover(pdf: _Pdf, doc: Document) -> None:
    cover, tags = doc.cover, pdf.tags
    pdf.add_page()
    pdf.set_y(60)
    _font(pdf, "B", 12, EDGE)
    with tags.content("P", actual_text="REVIEW"):  # spaced out for the eye, one word for the ear
        pdf.cell(0, 8, "R E V I E W", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    _font(pdf, "B", 26)
    _text(pdf, "H1", cover.title, 12)
    _font(pdf, "", 16, MUTED)
    _text(pdf, "P", cover.subtitle, 8)
    pdf.ln(12)
    for label, value in cover.facts:
        fact = tags.add("P", actual_text=f"{label}: {value}")
        _font(pdf, "", 11, MUTED)
        with tags.mark(fact):
            pdf.cell(42, 7, label)
        _font(pdf, "B", 11)
        with tags.mark(fact):
            pdf.multi_cell(0, 7, value, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_y(max(pdf.get_y() + 16, 200))
    pdf.set_fill_color(*CARD)
    pdf.set_draw_color(*EDGE)
    _font(pdf, "", 11)
    top = pdf.get_y()
    pdf.set_x(MARGIN + 4)
    _text(pdf, "P", cover.tagline, 6, pdf.epw - 4, fill=True, padding=3)
    with tags.artifact():
        pdf.set_line_width(1.2)
        pdf.line(MARGIN + 1, top, MARGIN + 1, pdf.get_y())
        pdf.set_line_width(0.2)
    pdf.ln(6)
    _font(pdf, "", 9, MUTED)
    _text(pdf, "P", cover.made, 5)
    pdf.add_page()


def _room(pdf: FPDF, mm: float) -> None:
    if pdf.get_y() + mm > pdf.h - MARGIN:
        pdf.add_page()


def _heading(pdf: _Pdf, block: Heading) -> None:
    """A section is H2 and a subsection H3, under the cover's H1 (as in the HTML)."""
    _room(pdf, KEEP_WITH_NEXT)
    if block.level == 1:
        pdf.ln(5 if pdf.get_y() > MARGIN + 1 else 0)
        _font(pdf, "B", 15, EDGE)
        _text(pdf, "H2", block.text, 8)
        with pdf.tags.artifact():
            pdf.set_draw_color(*LINE_GREY)
            pdf.line(MARGIN, pdf.get_y() + 0.5, pdf.w - MARGIN, pdf.get_y() + 0.5)
        pdf.ln(3)
    else:
        pdf.ln(3)
        _font(pdf, "B", 12)
        _text(pdf, "H3", block.text, 7)
        pdf.ln(1)


def _para(pdf: _Pdf, block: Para) -> None:
    if block.kind == "notice":
        _font(pdf, "", BODY_PT)
        pdf.set_fill_color(*NOTE)
        _text(pdf, "P", block.text, LINE, fill=True, padding=2.5)
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
    _text(pdf, "P", block.text, LINE)
    pdf.ln(1 if block.kind in ("label", "quote") else 2)


def _bullets(pdf: _Pdf, block: Bullets) -> None:
    _font(pdf, "", BODY_PT)
    tags = pdf.tags
    with tags.group("L"):
        for k, item in enumerate(block.items, 1):
            with tags.group("LI"):
                pdf.set_x(MARGIN + 2)
                with tags.content("Lbl"):
                    pdf.cell(6, LINE, f"{k}." if block.numbered else "•")
                _text(pdf, "LBody", item, LINE)
            pdf.ln(0.8)
    pdf.ln(2)


def _table(pdf: _Pdf, block: Table) -> None:
    """A table drawn cell by cell: a row stays on one page unless it is longer than a page, the
    header row comes back at the top of each page (as decoration: it is read once), and every cell
    is a TH or TD of its row. A cell's ``/ActualText`` is its text as written: the words at a line
    break stay two words for a screen reader (the drawn lines lose the space between them)."""
    numeric = block.numeric or (False,) * len(block.headers)
    total = sum(block.widths)
    widths = [pdf.epw * w / total for w in block.widths]
    headings = any(block.headers)
    _room(pdf, 30)
    pdf.set_draw_color(*LINE_GREY)
    tags = pdf.tags
    head = _broken(pdf, block.headers, widths, header=True) if headings else None
    with tags.group("Table"):
        if head is not None:
            with tags.group("TR"):
                cells = [tags.add("TH", actual_text=text) for text in block.headers]
                for cell in cells:
                    cell.a = "<</O /Table /Scope /Column>>"
                _row(pdf, head, widths, numeric, cells, header=True, ruled=True)
        for row in block.rows:
            with tags.group("TR"):
                # without a header row the table is label and value: the label heads its row
                cells = [tags.add("TD" if headings or k else "TH", actual_text=text) for k, text in enumerate(row)]
                if not headings:
                    cells[0].a = "<</O /Table /Scope /Row>>"
                _row(pdf, _broken(pdf, row, widths, header=False), widths, numeric, cells, False, headings, head)
    pdf.ln(4)


def _broken(pdf: _Pdf, texts: list[str], widths: list[float], header: bool) -> list[list[str]]:
    """A row's cells broken into lines in its font (bold for the header)."""
    _font(pdf, "B" if header else "", TABLE_PT)
    return [_lines(pdf, text, w - 2 * CELL_PAD_X) for text, w in zip(texts, widths, strict=True)]


def _row(
    pdf: _Pdf,
    lines: list[list[str]],
    widths: list[float],
    numeric: tuple[bool, ...],
    cells: list[Element],
    header: bool,
    ruled: bool,
    repeat: list[list[str]] | None = None,
) -> None:
    """A row's cells, broken into lines; onto the next page (with the header's lines again) when it does not fit."""
    _font(pdf, "B" if header else "", TABLE_PT)
    count = max(len(cell) for cell in lines)
    bottom = pdf.h - MARGIN
    start, fresh = 0, False
    while start < count:
        room = int((bottom - pdf.get_y() - 2 * CELL_PAD_Y) // TABLE_LINE)
        rest = count - start
        if room < rest and not fresh and (room <= 0 or rest * TABLE_LINE + 2 * CELL_PAD_Y <= bottom - MARGIN):
            pdf.add_page()  # the row moves whole to the next page, or what is left of a very long one
            if repeat is not None:
                with pdf.tags.artifact():
                    _font(pdf, "B", TABLE_PT)
                    _draw_row(pdf, repeat, widths, numeric, None, header=True, ruled=True)
                _font(pdf, "", TABLE_PT)
            fresh = True
            continue
        take = max(1, min(room, rest))
        _draw_row(pdf, [cell[start : start + take] for cell in lines], widths, numeric, cells, header, ruled)
        start, fresh = start + take, False


def _draw_row(
    pdf: _Pdf,
    lines: list[list[str]],
    widths: list[float],
    numeric: tuple[bool, ...],
    cells: list[Element] | None,
    header: bool,
    ruled: bool,
) -> None:
    """One row's lines at the current height, each cell's text tied to its element; the fill and
    rules are decoration."""
    top = pdf.get_y()
    height = max(len(cell) for cell in lines) * TABLE_LINE + 2 * CELL_PAD_Y
    with pdf.tags.artifact():
        if header:
            pdf.set_fill_color(*CARD)
            pdf.rect(MARGIN, top, pdf.epw, height, style="F")
        if ruled:
            pdf.line(MARGIN, top + height, MARGIN + pdf.epw, top + height)
            if header:
                pdf.line(MARGIN, top, MARGIN + pdf.epw, top)
    rise = TABLE_LINE / 2 + 0.3 * pdf.font_size  # from a line's top to its baseline, as fpdf2's cell
    x = MARGIN
    for k, cell_lines in enumerate(lines):
        with pdf.tags.mark(cells[k]) if cells is not None else nullcontext():
            for i, text in enumerate(cell_lines):
                left = x + widths[k] - CELL_PAD_X - pdf.width(text) if numeric[k] else x + CELL_PAD_X
                pdf.text(left, top + CELL_PAD_Y + i * TABLE_LINE + rise, text)
        x += widths[k]
    pdf.set_y(top + height)


def _chart(pdf: _Pdf, block: Chart, png: bytes) -> None:
    w_in, h_in = block.figure.get_size_inches()
    height = pdf.epw * h_in / w_in
    _room(pdf, height + 12)
    with pdf.tags.content("Figure", alt=block.alt):
        pdf.image(BytesIO(png), x=MARGIN, w=pdf.epw, h=height)
    _font(pdf, "I", SMALL_PT, MUTED)
    _text(pdf, "Caption", block.caption, 4.2)
    pdf.ln(4)


def _layout(doc: Document, pngs: dict[int, bytes]) -> _Pdf:
    pdf = _Pdf(doc.footer, t("report.page", doc.lang, n="{n}") + " / {total}")
    pdf.set_title(f"{doc.cover.title}: {doc.cover.subtitle}")
    pdf.set_creator("REVIEW")
    pdf.set_lang(doc.lang)
    pdf.viewer_preferences = ViewerPreferences(display_doc_title=True)  # the title, not the file name
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
