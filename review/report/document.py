"""The report as a list of blocks (headings, paragraphs, tables, figures), in the report language.

One composition, two renderers: :mod:`review.report.html` and :mod:`review.report.pdf` draw the
same blocks, so the HTML file and the PDF never say different things. Every user text (titles,
statements, comments, notes, names) stays a plain string here; each renderer escapes it for its
own medium.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from matplotlib.figure import Figure

from review import numbers
from review.content.grid import column_label
from review.content.text import joined
from review.i18n import t
from review.timestamps import long_date, utc_now

DECIMALS = 1  # positions are whole columns: a tenth is the finest difference worth saying


@dataclass(frozen=True)
class Cover:
    title: str
    subtitle: str
    facts: list[tuple[str, str]]
    tagline: str
    made: str


@dataclass(frozen=True)
class Heading:
    text: str
    level: int  # 1: a numbered section, 2: a subsection


@dataclass(frozen=True)
class Para:
    text: str
    kind: str = "body"  # body, muted, notice (why something is not shown), label (a small heading), quote


@dataclass(frozen=True)
class Bullets:
    items: list[str]
    numbered: bool = False


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[list[str]]
    widths: tuple[int, ...]  # relative column widths
    numeric: tuple[bool, ...] = ()  # right-aligned columns


@dataclass(frozen=True)
class Chart:
    figure: Figure
    caption: str
    alt: str  # what the figure shows, for a reader who cannot see it (PDF /Alt, SVG aria-label)


Block = Heading | Para | Bullets | Table | Chart


@dataclass
class Document:
    """Blocks with section and figure numbering; ``footer`` names the client and the report on every PDF page."""

    lang: str
    cover: Cover
    footer: str
    blocks: list[Block] = field(default_factory=list)
    sections: int = 0
    subsections: int = 0
    figures: int = 0

    def section(self, text: str) -> None:
        self.sections, self.subsections = self.sections + 1, 0
        self.blocks.append(Heading(f"{self.sections}. {text}", 1))

    def subsection(self, text: str) -> None:
        self.subsections += 1
        self.blocks.append(Heading(f"{self.sections}.{self.subsections} {text}", 2))

    def para(self, text: str, kind: str = "body") -> None:
        self.blocks.append(Para(text, kind))

    def table(self, headers: list[str], rows: list[list[str]], widths: tuple[int, ...], numeric=()) -> None:
        if rows:
            self.blocks.append(Table(headers, rows, widths, tuple(numeric)))

    def chart(self, figure: Figure, caption: str, rows: int, series: list[str], unit: str = "statements") -> None:
        """A figure of ``rows`` statements (or themes: ``unit``), one mark per series; the table after
        it holds the same numbers, which its description says."""
        self.figures += 1
        alt = t(f"report.alt.{unit}", self.lang, n=rows, series=joined(series, self.lang))
        self.blocks.append(Chart(figure, f"{t('report.figure', self.lang, n=self.figures)} {caption}", alt))


def number(value: float | None, lang: str) -> str:
    """A mean or shift as the report prints it: +1.8 (en), +1,8 (nl), 0.0 unsigned; a dash for no value."""
    return numbers.number(value, lang, DECIMALS, signed=True)


def spread(value: float | None, lang: str) -> str:
    return numbers.number(value, lang, DECIMALS)


def made_line(lang: str) -> str:
    return t("report.made", lang, date=long_date(utc_now(), lang))


def or_not_given(text: str, lang: str) -> str:
    return text.strip() or t("report.not_given", lang)


def how_to_read(doc: Document, n_statements: int, low: int, high: int, min_group: int) -> None:
    """The short unnumbered section a reader meets first: the scale, the spread, anonymity, the mirror."""
    lang = doc.lang
    doc.blocks.append(Heading(t("report.howto.title", lang), 1))
    doc.para(t("report.howto.sort", lang, n=n_statements, low=column_label(low), high=column_label(high)))
    doc.para(t("report.howto.spread", lang))
    doc.para(t("report.howto.anonymity", lang, min=min_group))
    doc.para(t("report.howto.mirror", lang))
