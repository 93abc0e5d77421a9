"""A participant's own sort, shown back to that participant only, as a compact grid."""

from __future__ import annotations

from html import escape

from review.grid import column_label
from review.store import Session


def own_sort_html(session: Session, placements: dict[int, int]) -> str:
    """A small pyramid of statement numbers, least characteristic on the left."""
    columns = []
    for value, count in zip(session.grid.values, session.grid.counts, strict=True):
        ids = sorted(sid for sid, pos in placements.items() if pos == value)
        chips = "".join(f'<span class="os-chip">{sid}</span>' for sid in ids[:count])
        columns.append(f'<div class="os-col"><b>{escape(column_label(value))}</b>{chips}</div>')
    return (
        "<style>.os-grid{display:flex;gap:3px;align-items:flex-start;margin:0.4rem 0 0.8rem}"
        ".os-col{flex:1;display:flex;flex-direction:column;gap:3px;align-items:stretch;text-align:center;"
        "font-size:0.8rem;min-width:0}.os-chip{border:1px solid rgba(128,128,128,.55);border-radius:4px;"
        "padding:2px 0;font-variant-numeric:tabular-nums}</style>"
        f'<div class="os-grid" data-testid="own-sort">{"".join(columns)}</div>'
    )
