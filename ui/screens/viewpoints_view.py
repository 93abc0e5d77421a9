"""The viewpoints view: each viewpoint in the group in words, side by side on the projector.

Everything shown comes from :func:`review.analysis.viewpoints.room_viewpoints` (through the views'
table, :mod:`review.views.results`), which analyses the published copy and leaves out what the
anonymity threshold does not allow. Statement texts are escaped.
"""

from __future__ import annotations

from review.analysis.viewpoints import Distinction, RoomViewpoint, RoomViewpoints
from review.i18n import t
from review.store import Session
from ui.screens.text import html_text

# Three columns of 24 px text fit 1920x1080 under the projector's header: a statement takes one or two
# lines of about 50 characters. Cards carry a coloured edge (decoration only: the words say which end).
_CSS = """
<style>
.vp-grid { display: grid; gap: 0 2.2rem; align-items: start; margin-top: 0.2rem; }
.vp-col { min-width: 0; }
.vp-head { display: flex; align-items: baseline; justify-content: space-between; gap: 1rem;
           border-bottom: 3px solid var(--vp-rule); padding-bottom: 0.15rem; margin-bottom: 0.35rem; }
.vp-title { font-size: 2rem; font-weight: 800; line-height: 1.15; }
.vp-shared { font-size: 1.5rem; font-weight: 600; color: var(--vp-muted); white-space: nowrap; }
.vp-label { font-size: 1.5rem; font-weight: 700; line-height: 1.2; margin: 0.45rem 0 0.2rem; color: var(--vp-muted); }
.vp-card { font-size: 1.5rem; line-height: 1.22; padding: 0.22rem 0.6rem; margin: 0.22rem 0;
           border-left: 8px solid; border-radius: 6px; background: var(--vp-card); }
.vp-card.most { border-color: var(--vp-most); }
.vp-card.least { border-color: var(--vp-least); }
.vp-apart { list-style: none; margin: 0; padding: 0; }
.vp-apart li { font-size: 1.5rem; line-height: 1.22; margin: 0.18rem 0; padding-left: 1.5rem; text-indent: -1.5rem; }
.vp-arrow { display: inline-block; width: 1.5rem; text-indent: 0; font-weight: 800; }
.vp-text { font-size: 1.5rem; line-height: 1.3; margin: 0.3rem 0 0.5rem; }
.vp-notes { font-size: 1.5rem; line-height: 1.3; margin-top: 0.6rem; color: var(--vp-muted); }
.vp-small .vp-title { font-size: 1.3rem; }
.vp-small .vp-shared, .vp-small .vp-label, .vp-small .vp-text, .vp-small .vp-card, .vp-small .vp-apart li,
.vp-small .vp-notes { font-size: 1rem; }
</style>
"""
# colours per theme: muted text stays above 4.5:1 on its background (#4b5563 on white 7.6:1, #c5ccd6 on
# #0e1117 11:1); the card tint is faint enough to keep the text's own contrast
_LIGHT = "--vp-muted:#4b5563; --vp-rule:#1f5fa8; --vp-card:#f3f5f8; --vp-most:#1a7f4b; --vp-least:#b4532a;"
_DARK = "--vp-muted:#c5ccd6; --vp-rule:#7fb0f0; --vp-card:#1a1f2b; --vp-most:#4cc38a; --vp-least:#f08a5d;"


def viewpoints_html(data: RoomViewpoints, session: Session, lang: str, dark: bool = False, compact: bool = True) -> str:
    texts = {sid: s.in_language(lang) for sid, s in session.statement_set.by_id().items()}
    columns = "".join(_column(view, texts, lang) for view in data.shown)
    notes = "".join(f"<div>{html_text(t(key, lang, **params))}</div>" for key, params in data.notes)
    size = "" if compact else " vp-small"
    return (
        _CSS + f'<div class="vp{size}" style="{_DARK if dark else _LIGHT}" data-testid="viewpoints">'
        f'<div class="vp-grid" style="grid-template-columns: repeat({max(1, len(data.shown))}, minmax(0, 1fr))">'
        f"{columns}</div>"
        + (f'<div class="vp-notes" data-testid="viewpoints-notes">{notes}</div>' if notes else "")
        + "</div>"
    )


def _column(view: RoomViewpoint, texts: dict[int, str], lang: str) -> str:
    head = (
        f'<div class="vp-head"><span class="vp-title">{html_text(view.title(lang))}</span>'
        f'<span class="vp-shared">{html_text(t("vp.shared", lang, n=view.shared_by))}</span></div>'
    )
    parts = [head]
    if view.words:  # the facilitator kept words for the room: the paragraph tells what the lists would
        parts.append(f'<p class="vp-text" data-testid="viewpoint-text">{html_text(view.text(texts, lang))}</p>')
    else:
        for end, ids in (("most", view.most), ("least", view.least)):
            parts.append(f'<div class="vp-label">{html_text(t(f"chart.{end}", lang))}</div>')
            parts.extend(f'<div class="vp-card {end}">{html_text(texts[sid])}</div>' for sid in ids)
        parts.append(_apart(view.apart, texts, lang))
    return f'<section class="vp-col" data-viewpoint="{view.number}">{"".join(parts)}</section>'


def _apart(apart: list[Distinction], texts: dict[int, str], lang: str) -> str:
    """What sets the viewpoint apart, grouped by direction: the phrase once, then its statements."""
    out = []
    for higher, arrow, key in ((True, "▲", "vp.higher"), (False, "▼", "vp.lower")):
        items = [d for d in apart if d.higher == higher]
        if not items:
            continue
        out.append(f'<div class="vp-label">{arrow} {html_text(t(key, lang))}</div>')
        lis = "".join(
            f'<li><span class="vp-arrow">{arrow}</span>{html_text(texts[d.statement_id])}</li>' for d in items
        )
        out.append(f'<ul class="vp-apart" data-direction="{"higher" if higher else "lower"}">{lis}</ul>')
    return "".join(out)
