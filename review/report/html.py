"""The report as one self-contained HTML file: it opens offline and makes no outside request.

No ``<script>``, no external ``src``/``href``/``url()``, fonts from the system's own stack, and
every figure inline as ``<svg>``. Every user text goes through :func:`html.escape`, so markup or
a formula in a statement, comment or note is shown as the text it is. A print style sheet puts it
on A4 with the cover on a page of its own, for a reader who prints from the browser.
"""

from __future__ import annotations

from html import escape

from review.report.document import Block, Bullets, Chart, Document, Heading, Para, Table
from review.report.figures import to_svg

STYLE = """
:root{--ink:#1b1f24;--muted:#4b5563;--edge:#1f5fa8;--card:#f4f7fb;--line:#e5e7eb;--note:#fff8e6}
*{box-sizing:border-box}
body{margin:0;color:var(--ink);background:#fff;font:11pt/1.5 system-ui,-apple-system,"Segoe UI",Roboto,
"Helvetica Neue",Arial,"DejaVu Sans",sans-serif}
main{max-width:52rem;margin:0 auto;padding:2rem 1.5rem 4rem}
.cover{min-height:min(85vh,40rem);display:flex;flex-direction:column;justify-content:center;
border-bottom:1px solid var(--line);margin-bottom:2rem}
.cover .brand{letter-spacing:.3em;color:var(--edge);font-weight:700;margin:0}
.cover h1{font-size:2.2rem;margin:.5rem 0 0;color:var(--ink)}
.cover .subtitle{font-size:1.4rem;margin:.2rem 0 2rem;color:var(--muted)}
.cover dl{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1.5rem;margin:0 0 2rem}
.cover dt{color:var(--muted)}.cover dd{margin:0;font-weight:600}
.cover .tagline{border-left:4px solid var(--edge);background:var(--card);padding:.8rem 1rem;max-width:36rem}
.cover .made{color:var(--muted);font-size:.9rem}
h2{color:var(--edge);font-size:1.45rem;margin:2.5rem 0 .6rem;border-bottom:1px solid var(--line);padding-bottom:.2rem}
h3{font-size:1.15rem;margin:1.6rem 0 .4rem}
p{margin:.4rem 0 .8rem;white-space:pre-line}
p.muted{color:var(--muted)}
p.notice{background:var(--note);border-left:4px solid #E69F00;padding:.6rem .9rem}
p.label{font-weight:700;margin:1rem 0 .3rem}
p.quote{font-style:italic;color:var(--muted);margin:1rem 0 .2rem}
table{border-collapse:collapse;width:100%;margin:.6rem 0 1.2rem;font-size:.95rem}
th{text-align:left;background:var(--card);color:var(--ink);border-bottom:2px solid var(--edge);padding:.4rem .5rem}
th[scope=row]{background:none;font-weight:400;border-bottom:1px solid var(--line);vertical-align:top}
td{border-bottom:1px solid var(--line);padding:.35rem .5rem;vertical-align:top;white-space:pre-line}
.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
figure{margin:1rem 0 1.5rem}figure svg{width:100%;height:auto;display:block}
figcaption{color:var(--muted);font-size:.9rem;margin-top:.3rem}
ul,ol{margin:.2rem 0 .8rem 1.2rem;padding-left:1rem}li{margin:.15rem 0;white-space:pre-line}
@page{size:A4;margin:18mm 20mm}
@media print{body{font-size:10pt}main{max-width:none;padding:0}.cover{min-height:250mm;border:0;break-after:page}
h2,h3,p.label{break-after:avoid}figure,tr{break-inside:avoid}}
"""


CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"  # inline SVG and CSS only


def _block(block: Block) -> str:
    if isinstance(block, Heading):
        tag = "h2" if block.level == 1 else "h3"
        return f"<{tag}>{escape(block.text)}</{tag}>"
    if isinstance(block, Para):
        return f'<p class="{block.kind}">{escape(block.text)}</p>'
    if isinstance(block, Bullets):
        tag = "ol" if block.numbered else "ul"
        return f"<{tag}>" + "".join(f"<li>{escape(item)}</li>" for item in block.items) + f"</{tag}>"
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Chart):
        svg = to_svg(block.figure).replace("<svg ", f'<svg role="img" aria-label="{escape(block.alt)}" ', 1)
        return f"<figure>{svg}<figcaption>{escape(block.caption)}</figcaption></figure>"
    raise TypeError(type(block))


def _table(table: Table) -> str:
    numeric = table.numeric or (False,) * len(table.headers)
    total = sum(table.widths)

    def cell(tag: str, text: str, k: int, scope: str = "") -> str:
        css = ' class="num"' if numeric[k] else ""
        scoped = f' scope="{scope}"' if scope else ""
        return f"<{tag}{scoped}{css}>{escape(text)}</{tag}>"

    def row(values: list[str]) -> str:  # without a header row the table is label and value
        if head:
            return "".join(cell("td", v, k) for k, v in enumerate(values))
        return cell("th", values[0], 0, "row") + "".join(cell("td", v, k) for k, v in enumerate(values) if k)

    cols = "".join(f'<col style="width:{100 * w / total:.0f}%">' for w in table.widths)
    head = (
        ""
        if not any(table.headers)
        else "<thead><tr>" + "".join(cell("th", h, k, "col") for k, h in enumerate(table.headers)) + "</tr></thead>"
    )
    body = "".join(f"<tr>{row(values)}</tr>" for values in table.rows)
    return f"<table><colgroup>{cols}</colgroup>{head}<tbody>{body}</tbody></table>"


def render_html(doc: Document) -> str:
    """The whole document as one HTML string (UTF-8 when written)."""
    cover = doc.cover
    facts = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in cover.facts)
    parts = [
        "<!doctype html>",
        f'<html lang="{escape(doc.lang)}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        # belt and braces: even if something slipped through, the browser fetches and runs nothing
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        f"<title>{escape(cover.title)}: {escape(cover.subtitle)}</title>",
        f"<style>{STYLE}</style></head><body><main>",
        '<section class="cover"><p class="brand">REVIEW</p>',
        f'<h1>{escape(cover.title)}</h1><p class="subtitle">{escape(cover.subtitle)}</p>',
        f"<dl>{facts}</dl>",
        f'<p class="tagline">{escape(cover.tagline)}</p><p class="made">{escape(cover.made)}</p></section>',
        *(_block(b) for b in doc.blocks),
        "</main></body></html>",
    ]
    return "\n".join(parts)
