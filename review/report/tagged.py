"""The PDF's logical structure: the tree a screen reader walks (PDF 1.7, sections 14.7 and 14.8).

fpdf2 2.8 tags only a flat list of figures and outline titles, each on one page. A report needs
the whole tree: a ``Document`` of headings, paragraphs, lists (``L`` > ``LI`` > ``Lbl`` +
``LBody``), tables (``Table`` > ``TR`` > ``TH``/``TD``, each header cell scoped to its column) and
figures with their description, in reading order. :class:`StructureTree` stands in for fpdf2's
builder (``pdf.struct_builder``): fpdf2's output writes whatever objects it yields and marks the
catalog ``/MarkInfo << /Marked true >>``.

Content is tied to the tree by marked-content sequences (``/P <</MCID 3>> BDC … EMC``), numbered
per page. A sequence cannot cross a page, so :meth:`StructureTree.page_break` closes the open one
before a new page and opens a new sequence for the same element after it: a paragraph that runs
onto the next page stays one ``P`` with two pieces. What only decorates (rules, page footers,
repeated table headers) is marked ``/Artifact`` and stays out of the tree.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from fpdf import FPDF
from fpdf.structure_tree import StructTreeRoot
from fpdf.syntax import PDFArray, PDFObject, PDFString


@dataclass(frozen=True)
class _Mark:
    """One marked-content sequence of an element: its page and its number on that page."""

    pdf: FPDF
    page: int
    mcid: int
    own_page: bool  # on the element's /Pg: written as the bare number

    def serialize(self, **_: object) -> str:
        if self.own_page:
            return str(self.mcid)
        return f"<</Type /MCR /Pg {self.pdf.pages[self.page].ref} /MCID {self.mcid}>>"


class Element(PDFObject):
    """A structure element. Public attributes are written as the PDF dictionary (fpdf2's rule:
    ``actual_text`` becomes ``/ActualText``); ``None`` is left out."""

    def __init__(self, role: str, parent: PDFObject, alt: str | None = None, actual_text: str | None = None) -> None:
        super().__init__()
        self.type = "/StructElem"
        self.s = f"/{role}"
        self.p = parent
        self.k = PDFArray()
        self.alt = None if alt is None else PDFString(alt)
        self.actual_text = None if actual_text is None else PDFString(actual_text)
        self.a: str | None = None  # attributes, e.g. a header cell's scope
        self.pg: PDFObject | None = None
        self._page: int | None = None

    def children(self) -> list[Element]:
        """The elements inside this one (its ``/K`` also holds its marked-content sequences)."""
        return [kid for kid in self.k if isinstance(kid, Element)]


class StructureTree:
    """The tree of one :class:`fpdf.FPDF` document; set it as ``pdf.struct_builder`` before drawing."""

    def __init__(self, pdf: FPDF) -> None:
        self.pdf = pdf
        self.root = StructTreeRoot()
        self.document = Element("Document", self.root)
        self.root.k.append(self.document)
        self._containers: list[Element] = [self.document]
        self._by_page: dict[int, list[Element]] = {}  # page -> its elements, index = MCID
        self._open: Element | None = None
        self._artifact = False
        pdf.pdf_version = max(pdf.pdf_version, "1.5")  # table attributes (/Scope) are PDF 1.5

    # what fpdf2's output asks of its builder
    class _NoFlatElements:
        k: tuple = ()

    doc_struct_elem = _NoFlatElements()  # fpdf2 sets /Pg on these; ours set their own

    def empty(self) -> bool:
        return not self.document.k

    def __iter__(self) -> Iterator[PDFObject]:
        yield self.root
        yield self.root.parent_tree
        yield from self._walk(self.document)

    def _walk(self, element: Element) -> Iterator[Element]:
        yield element
        for child in element.children():
            yield from self._walk(child)

    # building
    def add(self, role: str, alt: str | None = None, actual_text: str | None = None) -> Element:
        """A new element at the end of the current container."""
        parent = self._containers[-1]
        element = Element(role, parent, alt, actual_text)
        parent.k.append(element)
        return element

    @contextmanager
    def group(self, role: str) -> Iterator[Element]:
        """An element that holds others (``Table``, ``TR``, ``L``, ``LI``): what is added inside goes in it."""
        element = self.add(role)
        self._containers.append(element)
        try:
            yield element
        finally:
            self._containers.pop()

    @contextmanager
    def content(self, role: str, alt: str | None = None, actual_text: str | None = None) -> Iterator[Element]:
        """A new element whose content is what is drawn inside the block."""
        element = self.add(role, alt, actual_text)
        with self.mark(element):
            yield element

    @contextmanager
    def mark(self, element: Element) -> Iterator[None]:
        """Tie what is drawn inside the block to ``element`` (again, e.g. a table cell on its next page)."""
        if self._open is not None or self._artifact:
            raise RuntimeError("marked content does not nest here")
        self._begin(element)
        try:
            yield
        finally:
            self._end()

    @contextmanager
    def artifact(self) -> Iterator[None]:
        """What is drawn inside the block decorates (a rule, a footer) and is not read out."""
        if self._artifact:  # already inside one
            yield
            return
        with self.page_break():  # the open sequence, if any, pauses around it
            self._artifact = True
            self.pdf._out("/Artifact BMC")
            try:
                yield
            finally:
                self.pdf._out("EMC")
                self._artifact = False

    @contextmanager
    def page_break(self) -> Iterator[None]:
        """Around fpdf2's ``add_page`` (or an artifact): the open sequence ends before and goes on
        after, on the new page as a new sequence of the same element."""
        suspended = self._open
        if suspended is not None:
            self._end()
        yield
        if suspended is not None:
            self._begin(suspended)

    def _begin(self, element: Element) -> None:
        page = self.pdf.page
        on_page = self._by_page.get(page)
        if on_page is None:
            on_page = self._by_page[page] = []
            self.pdf.pages[page].struct_parents = len(self._by_page) - 1
            self.root.parent_tree.nums[len(self._by_page) - 1] = on_page
        if element._page is None:
            element._page = page
            element.pg = self.pdf.pages[page]
        mcid = len(on_page)
        on_page.append(element)
        element.k.append(_Mark(self.pdf, page, mcid, own_page=page == element._page))
        self.pdf._out(f"{element.s} <</MCID {mcid}>> BDC")
        self._open = element

    def _end(self) -> None:
        self.pdf._out("EMC")
        self._open = None


__all__ = ["Element", "StructureTree"]
