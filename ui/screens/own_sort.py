"""A sort shown back as the participant reads it: the texts at both ends."""

from __future__ import annotations

from review.content.grid import column_label
from review.i18n import t
from review.store import Session
from ui.screens.text import html_text


def own_ends_html(session: Session, placements: dict[int, int], lang: str) -> str:
    """The outermost columns with their statements' texts, most characteristic first: the part of a
    sort a participant remembers and talks about (the page keeps the whole grid behind an expander)."""
    texts = session.statement_set.by_id()
    blocks = []
    for value, name in ((max(session.grid.values), "board.most"), (min(session.grid.values), "board.least")):
        items = "".join(
            f"<li>{html_text(texts[sid].in_language(lang))}</li>" for sid, pos in placements.items() if pos == value
        )
        title = f'<div class="os-title">{html_text(column_label(value))} · {html_text(t(name, lang))}</div>'
        blocks.append(f'<div class="os-end" data-value="{value}">{title}<ul>{items}</ul></div>')
    return (
        "<style>.os-ends{display:flex;flex-direction:column;gap:0.5rem;margin:0.3rem 0 0.6rem}"
        ".os-end{border:1px solid rgba(128,128,128,.45);border-radius:10px;padding:0.5rem 0.8rem}"
        ".os-title{font-weight:700;font-size:0.9rem;margin-bottom:0.2rem}"
        ".os-end ul{margin:0;padding-left:1.1rem}.os-end li{margin:0.15rem 0}</style>"
        f'<div class="os-ends" data-testid="own-sort">{"".join(blocks)}</div>'
    )
