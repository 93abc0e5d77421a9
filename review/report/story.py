"""The first page of a session report: the story of the session in a few paragraphs, in the report's
language, made from the report's own content by written templates (no model, no network).

What the group recognised most and least, where it is divided and where it agrees, the largest
gaps between as it is and as it should be, whether a theme stands out (saying so when none does),
the viewpoints by name with their paragraph, the statements pinned for the talk with the notes on
them, and the agreements. Everything comes from :class:`review.report.content.SessionContent`,
which holds only what passed the anonymity threshold. The facilitator may rewrite the story before
downloading (:func:`keep_story`); the report in that language then prints their text.
"""

from __future__ import annotations

from review.content.text import CONTROL, listed, quoted
from review.errors import ReviewError
from review.i18n import t
from review.numbers import number
from review.report.content import SessionContent
from review.store import Session, Store
from review.trajectories.agreements import STATUSES

SAY = 3  # statements named at each end
SAY_SPLIT = 2  # statements named for division and for agreement
SAY_GAPS = 3
STANDS_OUT = 1 / 8  # a theme stands out this far from the middle, as a share of the grid's half-width (0.5 of 4)
LIMIT = 4000  # characters of a story the facilitator keeps: about one A4 page


def story(content: SessionContent) -> list[str]:
    """The story's paragraphs, in ``content.lang``."""
    lang = content.lang
    shown = [c for c in content.conditions if c.shown]
    if not shown:
        return [t("story.too_few", lang, min=content.min_group)]
    paragraphs = []
    for part in shown:
        label = t(f"chart.{part.condition}", lang)
        paragraphs.append(
            t("story.ends", lang, condition=label, n=part.n_sorts, most=listed([r.text for r in part.most[:SAY]], lang))
            + " "
            + t("story.least", lang, least=listed([r.text for r in part.least[:SAY]], lang))
        )
    first = shown[0]
    if first.disagree and first.agree:
        paragraphs.append(
            t(
                "story.split",
                lang,
                disagree=listed([r.text for r in first.disagree[:SAY_SPLIT]], lang),
                agree=listed([r.text for r in first.agree[:SAY_SPLIT]], lang),
            )
        )
    if content.gaps:
        paragraphs.append(_gaps(content, lang))
    if content.themes and (themes := _themes(content, lang)):
        paragraphs.append(themes)
    for view in content.viewpoints:
        paragraphs.append(f"{view.title}. {view.text}")
    pinned = _pinned(content, lang)
    if pinned:
        paragraphs.append(pinned)
    paragraphs.append(_agreements(content, lang))
    return paragraphs


def _gaps(content: SessionContent, lang: str) -> str:
    said = []
    for row in content.gaps[:SAY_GAPS]:
        shift = row.values[2] or 0.0
        key = "story.gap_up" if shift > 0 else "story.gap_down"
        said.append(t(key, lang, statement=quoted(row.text, lang), shift=number(shift, lang, signed=True)))
    return t("story.gaps", lang, gaps="; ".join(said))


def _themes(content: SessionContent, lang: str) -> str:
    """Whether a theme stands out in the first shown condition (its column in the themes table)."""
    grid = content.session.grid.values
    half = (max(grid) - min(grid)) / 2
    means = [(row.text, row.values[0]) for row in content.themes if row.values and row.values[0] is not None]
    if not means:  # the first shown condition has no theme means: nothing to say
        return ""
    name, mean = max(means, key=lambda m: abs(m[1]))
    if abs(mean) < STANDS_OUT * half:
        low, high = min(m for _, m in means), max(m for _, m in means)
        return t("story.no_theme", lang, low=number(low, lang, signed=True), high=number(high, lang, signed=True))
    key = "story.theme_high" if mean > 0 else "story.theme_low"
    return t(key, lang, theme=name, mean=number(mean, lang, signed=True))


def _pinned(content: SessionContent, lang: str) -> str:
    if not content.pinned:
        return ""
    items = []
    for text, question, notes in content.pinned:
        noted = "; ".join(note.strip() for note in notes)
        noted += "" if noted.endswith((".", "!", "?")) else "."
        said = t("story.pinned_notes", lang, notes=noted) if notes else ""
        items.append(t("story.pinned_one", lang, statement=quoted(text, lang), question=question, notes=said))
    return t("story.pinned", lang, n=len(items)) + " " + " ".join(items)


def _agreements(content: SessionContent, lang: str) -> str:
    if not content.agreements:
        said = t("story.no_agreements", lang)
    else:
        said = t(
            "story.agreements",
            lang,
            agreements="; ".join(f"{quoted(a.text, lang)} ({a.owner}, {a.review})" for a in content.agreements),
        )
    if content.reviewed:
        counts = {s: sum(a.status_key == s for a in content.reviewed) for s in STATUSES}
        said += " " + t("story.reviewed", lang, **counts)
    return said


def told(store: Store, content: SessionContent) -> tuple[list[str], bool]:
    """The story the report prints: the facilitator's text in this language if they kept one (True),
    else the one made from the content."""
    kept = store.report_story(content.session.id).get(content.lang, "")
    return ([p for p in kept.split("\n\n") if p.strip()], True) if kept else (story(content), False)


def keep_story(store: Store, session: Session, lang: str, text: object, made: list[str]) -> None:
    """Keep the facilitator's story for the report in ``lang``; the made story itself (``made``) or
    an empty text goes back to the made one, so it follows new sorts and notes."""
    cleaned = CONTROL.sub("", str(text or "").replace("\r\n", "\n")).strip()
    if len(cleaned) > LIMIT:
        raise ReviewError("story.too_long", limit=LIMIT)
    paragraphs = [" ".join(p.split()) for p in cleaned.split("\n\n") if p.strip()]
    stories = dict(store.report_story(session.id))
    if not paragraphs or paragraphs == made:
        stories.pop(lang, None)
    else:
        stories[lang] = "\n\n".join(paragraphs)
    store.set_report_story(session.id, stories)
