"""The PDF report is tagged for a screen reader, and the HTML has the same structure: both read back.

The structure tree is read from the PDF bytes with pypdf, independently of how it was written: the
roles in reading order, each element's /ActualText and /Alt, and, through the page content streams,
the text drawn inside each marked-content sequence. A document with every kind of block (a
paragraph and a table long enough to run onto the next page, a row longer than a page, a list, a
figure) and a real session report in both languages are checked.
"""

from __future__ import annotations

import io
import re
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from review.analysis.viewpoints import choose
from review.report import session_report
from review.report.content import Row
from review.report.document import Bullets, Cover, Document, Heading, Table
from review.report.figures import dot_figure
from review.report.pdf import render_pdf
from review.room.demo import create_demo_session
from review.store import Store

LONG_WORDS = "Wij bespreken fouten openlijk, zodat anderen ervan leren en het werk beter wordt. "


@dataclass
class Node:
    role: str
    actual: str | None = None
    alt: str | None = None
    scope: str | None = None
    marks: list[tuple[int, int]] = field(default_factory=list)  # (page index, MCID)
    kids: list[Node] = field(default_factory=list)

    def walk(self):
        yield self
        for kid in self.kids:
            yield from kid.walk()


@dataclass
class Tagged:
    root: Node
    drawn: dict[tuple[int, int | None], str]  # (page, MCID or None for artifacts) -> text drawn
    reader: PdfReader

    def nodes(self, role: str) -> list[Node]:
        return [n for n in self.root.walk() if n.role == role]

    def drawn_text(self, node: Node) -> str:
        return "".join(self.drawn[mark] for mark in node.marks)


def _read(pdf: bytes) -> Tagged:
    reader = PdfReader(io.BytesIO(pdf))
    pages = {page.indirect_reference.idnum: k for k, page in enumerate(reader.pages)}

    def node(obj, page: int | None) -> Node:
        obj = obj.get_object()
        if "/Pg" in obj:
            page = pages[obj.raw_get("/Pg").idnum]
        attributes = obj.get("/A")
        found = Node(
            role=str(obj["/S"])[1:],
            actual=str(obj["/ActualText"]) if "/ActualText" in obj else None,
            alt=str(obj["/Alt"]) if "/Alt" in obj else None,
            scope=str(attributes.get_object()["/Scope"])[1:] if attributes is not None else None,
        )
        kids = obj.get("/K", [])
        for kid in kids if isinstance(kids, list) else [kids]:
            if isinstance(kid, int):
                found.marks.append((page, int(kid)))
            elif "/MCID" in kid.get_object():
                mcr = kid.get_object()
                found.marks.append((pages[mcr.raw_get("/Pg").idnum], int(mcr["/MCID"])))
            else:
                found.kids.append(node(kid, page))
        return found

    tree = reader.trailer["/Root"]["/StructTreeRoot"]
    root = node(tree["/K"][0], None)
    drawn: dict[tuple[int, int | None], str] = defaultdict(str)
    for k, page in enumerate(reader.pages):
        stack: list[int | None] = []

        def before(op, args, cm, tm, stack=stack):
            if op == b"BDC":
                stack.append(int(args[1]["/MCID"]) if isinstance(args[1], DictionaryObject) else None)
            elif op == b"BMC":
                stack.append(None)
            elif op == b"EMC":
                stack.pop()

        def text(value, cm, tm, font, size, stack=stack, k=k):
            if value.strip():
                assert stack, f"text drawn outside any marked content on page {k + 1}: {value!r}"
                drawn[(k, stack[-1])] += value

        page.extract_text(visitor_operand_before=before, visitor_text=text)
    return Tagged(root, drawn, reader)


def _squeeze(text: str | None) -> str:
    """Text without its spaces: the drawn lines lose the space at each line break."""
    return re.sub(r"\s+", "", text or "")


def _document() -> Document:
    cover = Cover("Verslag van de sessie", "Team Noord", [("Organisatie", "Zorggroep")], "Een spiegel.", "Gemaakt.")
    doc = Document("nl", cover, "Zorggroep · Team Noord")
    doc.section("Wat de groep herkent")
    doc.para(LONG_WORDS * 12)
    doc.subsection("Zoals het is")
    rows = [Row(k, f"Uitspraak {k}: {LONG_WORDS[: 20 + k]}", (k / 3 - 2,)) for k in range(8)]
    doc.chart(dot_figure(rows, ["Zoals het is"], -4, 4, "positie"), "Gemiddelde positie.", len(rows), ["Zoals het is"])
    doc.table(["Uitspraak", "Gemiddeld"], [[r.text, f"{r.values[0]:+.1f}"] for r in rows], (80, 20), (False, True))
    doc.blocks.append(Bullets(["Eerste afspraak", "Tweede afspraak, " + LONG_WORDS]))
    doc.section("Opmerkingen")
    doc.para(LONG_WORDS * 70)  # runs onto the next page
    doc.table(["Uitspraak", "Opmerking"], [[f"Rij {k}", LONG_WORDS * (1 + k % 3)] for k in range(40)], (30, 70))
    doc.table(["Uitspraak", "Opmerking"], [["Een rij langer dan een pagina", LONG_WORDS * 60]], (30, 70))
    doc.table(["", ""], [["Datum", "7 december 2026"], ["Begeleider", "Anna"]], (30, 70))
    return doc


@pytest.fixture(scope="module")
def made() -> tuple[Document, Tagged]:
    doc = _document()
    return doc, _read(render_pdf(doc))


def test_the_catalog_says_tagged_with_its_language_and_title(made) -> None:
    _, tagged = made
    catalog = tagged.reader.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"] is True or str(catalog["/MarkInfo"]["/Marked"]) == "True"
    assert catalog["/Lang"] == "nl"
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"]
    assert tagged.reader.metadata.title == "Verslag van de sessie: Team Noord"
    assert tagged.reader.pdf_header >= "%PDF-1.5"


def test_the_headings_come_in_reading_order_with_their_levels(made) -> None:
    doc, tagged = made
    headings = [(n.role, n.actual) for n in tagged.root.walk() if n.role in ("H1", "H2", "H3")]
    expected = [("H1", doc.cover.title)] + [
        ("H2" if b.level == 1 else "H3", b.text) for b in doc.blocks if isinstance(b, Heading)
    ]
    assert headings == expected
    assert [n.role for n in tagged.root.kids[:3]] == ["P", "H1", "P"]  # the brand, the title, the subtitle


def test_every_element_holds_the_text_drawn_for_it(made) -> None:
    _, tagged = made
    brand, *others = [node for node in tagged.root.walk() if node.actual is not None]
    assert brand.actual == "REVIEW" and tagged.drawn_text(brand) == "R E V I E W"
    for node in others:  # a cover fact reads "label: value", drawn as two cells
        drawn, said = _squeeze(tagged.drawn_text(node)), _squeeze(node.actual)
        assert drawn in (said, said.replace(":", "", 1)), node.role
    assert {"H1", "H2", "H3", "P", "TH", "TD", "LBody", "Caption"} <= {node.role for node in others}
    assert len(others) > 100


def test_a_paragraph_that_runs_on_stays_one_element_across_pages(made) -> None:
    _, tagged = made
    longest = max(tagged.nodes("P"), key=lambda n: len(n.actual or ""))
    assert len({page for page, _ in longest.marks}) == 2
    assert _squeeze(tagged.drawn_text(longest)) == _squeeze(LONG_WORDS * 70)


def test_footers_rules_and_repeated_headers_are_artifacts(made) -> None:
    _, tagged = made
    artifacts = "".join(text for (_, mcid), text in tagged.drawn.items() if mcid is None)
    assert "Zorggroep · Team Noord" in artifacts and "pagina 2 /" in artifacts
    heads = [n for n in tagged.nodes("TH") if n.actual == "Opmerking"]
    assert len(heads) == 2  # once per table, though the long table's header is drawn on each page
    assert artifacts.count("Opmerking") >= 2


def test_tables_have_rows_and_scoped_header_cells(made) -> None:
    doc, tagged = made
    tables = tagged.nodes("Table")
    written = [b for b in doc.blocks if isinstance(b, Table)]
    assert len(tables) == len(written)
    for node, table in zip(tables, written, strict=True):
        rows = [[cell.actual for cell in row.kids] for row in node.kids]
        assert all(row.role == "TR" for row in node.kids)
        if any(table.headers):
            assert rows == [table.headers, *table.rows]
            assert [c.scope for c in node.kids[0].kids] == ["Column"] * len(table.headers)
            assert {c.role for row in node.kids[1:] for c in row.kids} == {"TD"}
        else:  # label and value: the label heads its row
            assert rows == table.rows
            assert [(row.kids[0].role, row.kids[0].scope) for row in node.kids] == [("TH", "Row")] * len(rows)
    very_long = tables[-2].kids[1].kids[1]
    assert len({page for page, _ in very_long.marks}) >= 2


def test_a_figure_has_a_description_and_a_caption_and_a_list_its_items(made) -> None:
    _, tagged = made
    (figure,) = tagged.nodes("Figure")
    assert figure.alt.startswith("Grafiek van 8 uitspraken") and "Zoals het is" in figure.alt
    assert "De tabel hierna geeft dezelfde getallen" in figure.alt
    kids = [n.role for n in tagged.root.kids]
    assert kids[kids.index("Figure") + 1] == "Caption"
    (items,) = tagged.nodes("L")
    assert [[k.role for k in item.kids] for item in items.kids] == [["Lbl", "LBody"]] * 2
    assert items.kids[0].kids[1].actual == "Eerste afspraak"


def test_the_parent_tree_finds_the_element_of_every_marked_sequence(made) -> None:
    _, tagged = made
    reader = tagged.reader
    nums = reader.trailer["/Root"]["/StructTreeRoot"]["/ParentTree"]["/Nums"]
    by_key = {int(nums[k]): nums[k + 1] for k in range(0, len(nums), 2)}
    owners = {mark: node for node in tagged.root.walk() for mark in node.marks}
    for k, page in enumerate(reader.pages):
        if "/StructParents" not in page:
            continue
        elements = by_key[int(page["/StructParents"])]
        for mcid, ref in enumerate(elements):
            owner = owners[(k, mcid)]
            assert str(ref.get_object()["/S"])[1:] == owner.role


class _Outline(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.headings: list[tuple[str, str]] = []
        self.labels: list[str] = []
        self.scopes: list[str] = []
        self._open: str | None = None

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        if tag in ("h1", "h2", "h3"):
            self._open = tag
            self.headings.append((tag.upper(), ""))
        elif tag == "svg" and found.get("role") == "img":
            self.labels.append(found["aria-label"])
        elif tag == "th":
            self.scopes.append(found.get("scope", ""))

    def handle_data(self, data):
        if self._open:
            role, text = self.headings[-1]
            self.headings[-1] = (role, text + data)

    def handle_endtag(self, tag):
        if tag == self._open:
            self._open = None


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_session_report_is_tagged_and_its_html_has_the_same_structure(tmp_path, lang) -> None:
    store = Store.open(tmp_path / "tagged.duckdb")
    session = create_demo_session(store, participants=12, title="Team Noord")
    choose(store, session, "observed", "pca", "varimax", 2)
    session = store.session(session.id)
    tagged = _read(session_report(store, session, 3, lang, "pdf"))
    outline = _Outline()
    outline.feed(session_report(store, session, 3, lang, "html").decode())
    store.close()

    assert tagged.reader.trailer["/Root"]["/Lang"] == lang
    pdf_headings = [(n.role, n.actual) for n in tagged.root.walk() if n.role in ("H1", "H2", "H3")]
    assert pdf_headings == outline.headings and len(pdf_headings) > 10
    figures = tagged.nodes("Figure")
    assert [f.alt for f in figures] == outline.labels and len(figures) >= 4
    columns = [n for n in tagged.root.walk() if n.role == "TH" and n.scope == "Column"]
    rows = [n for n in tagged.root.walk() if n.role == "TH" and n.scope == "Row"]
    assert (outline.scopes.count("col"), outline.scopes.count("row")) == (len(columns), len(rows))
    for node in tagged.root.walk():
        if node.role in ("H2", "H3", "TD", "TH", "Caption"):
            assert _squeeze(tagged.drawn_text(node)) == _squeeze(node.actual)
