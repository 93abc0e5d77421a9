"""The client's report of a session or a trajectory, as one self-contained HTML file or an A4 PDF.

Public API::

    session_report(store, session, min_group, lang="nl", fmt="html") -> bytes
    trajectory_report(store, trajectory_id, min_group, lang="nl", fmt="html") -> bytes
    report_filename(name, when, fmt) -> str

The pipeline is content (plain data from the published copy, :mod:`.content`), then document (the
blocks in the report language, :mod:`.session`, :mod:`.trajectory`), then a renderer
(:mod:`.html`, :mod:`.pdf`) with the figures of :mod:`.figures`. Engines: fpdf2 for the PDF and
matplotlib for the figures, both pure pip installs that download nothing at run time (see their
modules for why).
"""

from __future__ import annotations

import re
from datetime import datetime

from review.errors import ReviewError
from review.report.content import session_content
from review.report.document import Document
from review.report.html import render_html
from review.report.pdf import render_pdf
from review.report.session import session_document
from review.report.story import told
from review.room.anonymity import threshold
from review.store import Session, Store

FORMATS = ("html", "pdf")

__all__ = ["FORMATS", "render", "report_filename", "session_report", "trajectory_report"]


def render(doc: Document, fmt: str) -> bytes:
    """The document as file bytes: UTF-8 HTML or PDF."""
    if fmt == "html":
        return render_html(doc).encode("utf-8")
    if fmt == "pdf":
        return render_pdf(doc)
    raise ReviewError("report.bad_format", fmt=str(fmt)[:20], choices=", ".join(FORMATS))


def session_report(
    store: Store, session: Session, min_group: int | str | None, lang: str = "nl", fmt: str = "html"
) -> bytes:
    """A session's report (its current round), never resting on fewer than ``min_group`` sorts; its
    first page tells the story (the facilitator's, if they rewrote it in ``lang``)."""
    content = session_content(store, session, threshold(min_group), lang)
    return render(session_document(content, told(store, content)[0]), fmt)


def trajectory_report(
    store: Store, trajectory_id: str, min_group: int | str | None, lang: str = "nl", fmt: str = "html"
) -> bytes:
    """A trajectory's report: its meetings, the movement per group, groups compared, each meeting in brief."""
    from review.report.trajectory import trajectory_document

    return render(trajectory_document(store, trajectory_id, threshold(min_group), lang), fmt)


def report_filename(name: str, when: datetime, fmt: str) -> str:
    """A safe download name such as ``review-K7QX3M-2026-11-30.pdf``: letters, digits and dashes only."""
    safe = re.sub(r"[^A-Za-z0-9-]+", "-", name).strip("-")[:40] or "report"
    return f"review-{safe}-{when:%Y-%m-%d}.{fmt}"
