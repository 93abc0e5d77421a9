"""The by-person factor analysis of a session's sorts: the distinct viewpoints in a group.

Glue between the store and :mod:`review.analysis.qmethod`: the sorts of one condition
and round, in R qmethod's layout, with participants under the same pseudonyms
as in the exports (p01, p02, ... in order of submission). Also the room's side of it:
the analysis the facilitator chose (:func:`choose`) and what the projector shows of it,
in words and from the published copy only (:func:`room_viewpoints`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace

import numpy as np
import pandas as pd

from review.analysis.crib import CribSheet, crib_sheets, defined_factors, paragraph
from review.analysis.qmethod import (
    CORRELATIONS,
    EXTRACTIONS,
    ROTATIONS,
    STARS,
    AnalysisWarning,
    QAnalysis,
    QAnalysisError,
    analyze,
)
from review.content.text import CONTROL
from review.errors import ReviewError
from review.i18n import LANGUAGES as LANGS
from review.i18n import t
from review.room.anonymity import may_show, shown_count, threshold
from review.room.pseudonyms import pseudonyms
from review.room.sessions import has_choice
from review.room.sort_tables import long_table, wide
from review.store import AnalysisChoice, Session, Store, ViewpointWords
from review.timestamps import long_date

MAX_FACTORS = 7  # more viewpoints than this never helps a group of 8-12 talk
REASON_LIMIT = 300  # characters: why this number, in a sentence or two
ROOM_MAX = 3  # side by side on a 1920x1080 projector at 24 px; a fourth column wraps each statement onto 3 lines
STAR_LEVELS = tuple(STARS)  # "", "*", "**", "***", "6*": p < .05, .01, .001, .000001 (R qmethod's qdc)
ROOM_CARDS = 3  # most and least characteristic statements per viewpoint on the projector
APART_MIN, APART_MAX = 3, 5  # distinguishing statements per viewpoint: enough to talk about, few enough to read
UNDEFINED = ("qanalysis.warn.undefined", "qanalysis.warn.infinite")  # warnings that leave a factor without scores
NAME_LIMIT = 60  # a viewpoint's name shares a projector column's title line with "shared by N people"
TEXT_LIMIT = 600  # about five lines in a projector column at 24 px


def session_sorts(
    store: Store, session: Session, condition: str, round_no: int | None = None, published: bool = False
) -> pd.DataFrame:
    """Statements (rows) x pseudonymous Q-sorts (columns) for one condition and round.

    ``published``: the published copy the screens show (scope "all", which changes only in steps of at
    least the anonymity threshold), not the live sorts; its pseudonyms follow its own order of submission."""
    round_no = round_no or session.current_round
    if published:
        sorts = store.published_sorts(session.id, round_no)
        table = sorts.assign(participant=sorts["participant_id"].map(pseudonyms(sorts)))
    else:
        table = long_table(store, session)
    return wide(table, session.statement_set.ids, condition, round_no).astype(int)


def kaiser_count(eigenvalues: np.ndarray) -> int:
    """How many eigenvalues exceed 1 (the Kaiser-Guttman hint for the number of factors)."""
    return int((np.asarray(eigenvalues) > 1).sum())


def suggested_factors(eigenvalues: np.ndarray, n_sorts: int) -> int:
    """Kaiser's count, at least 1, at most 3 (a sensible start for a workshop) and fewer than the sorts."""
    return max(1, min(3, kaiser_count(eigenvalues), n_sorts - 1))


@dataclass(frozen=True)
class Distinction:
    """A statement that sets one viewpoint apart: it sits higher (or lower) there than in every other one."""

    statement_id: int
    higher: bool
    gap: float  # z-score distance to the nearest other viewpoint: how strongly it sets this one apart
    significant: bool  # p < .05 against every other viewpoint (R qmethod's qdc stars in each pair)
    stars: str = ""  # the weakest of its pairs' stars: "", "*", "**", "***" or "6*" (p < .05 ... < .000001)


@dataclass(frozen=True)
class Viewpoint:
    """One factor, told in statements: its model sort and what sets it apart."""

    factor: str
    array: dict[int, int]  # statement id -> grid position of the model sort
    most: list[int]  # highest z-scores first
    least: list[int]  # lowest z-scores first
    distinguishing: list[Distinction]  # the strongest first (see :func:`distinctions`)
    defined_by: list[str]  # pseudonyms of the sorts flagged on it
    n_loading: int

    @property
    def number(self) -> int:
        return int(self.factor[1:])


def distinctions(result: QAnalysis, factor: str) -> list[Distinction]:
    """The 3-5 statements that set ``factor`` apart most, strongest first.

    Candidates sit higher than in *every* other defined viewpoint, or lower than in every one (with
    three viewpoints, "higher than one, lower than the other" says nothing a room can use). The
    direction is the sign of z(this) - z(other); the strength is the smallest such gap. Significant
    ones (p < .05 in every pair, as R qmethod's ``qdc`` marks them) come first, at most
    :data:`APART_MAX`; when fewer than :data:`APART_MIN` are significant, the strongest others fill
    up to :data:`APART_MIN`, marked as not significant. No other viewpoint: no distinctions."""
    defined = defined_factors(result)
    if factor not in defined or len(defined) < 2:
        return []
    z = result.zscores
    others = [f for f in defined if f != factor]
    diff = z[others].rsub(z[factor], axis=0)  # z(this) - z(other), one column per other viewpoint
    higher, lower = (diff > 0).all(axis=1), (diff < 0).all(axis=1)
    gap = diff.abs().min(axis=1)
    pairs = [c for c in result.distinguishing.columns if c.startswith("sig_") and factor in c[4:].split("_")]
    levels = result.distinguishing[pairs].map(STAR_LEVELS.index).min(axis=1)
    candidates = [
        Distinction(int(s), bool(higher[s]), float(gap[s]), bool(levels[s] > 0), STAR_LEVELS[int(levels[s])])
        for s in z.index
        if higher[s] or lower[s]
    ]
    ranked = sorted(candidates, key=lambda d: (not d.significant, -d.gap))
    chosen = [d for d in ranked if d.significant][:APART_MAX]
    return chosen if len(chosen) >= APART_MIN else ranked[:APART_MIN]


def viewpoints(result: QAnalysis, k: int = 3) -> list[Viewpoint]:
    """The factors sorts define, each with its ``k`` most and least characteristic statements."""
    out = []
    for factor in defined_factors(result):
        order = result.zscores[factor].sort_values(ascending=False, kind="stable")
        out.append(
            Viewpoint(
                factor=factor,
                array={int(s): int(v) for s, v in result.factor_arrays[factor].items() if pd.notna(v)},
                most=[int(s) for s in order.index[:k]],
                least=[int(s) for s in order.index[::-1][:k]],
                distinguishing=distinctions(result, factor),
                defined_by=[s for s, f in result.flagged[factor].items() if f],
                n_loading=int(result.flagged[factor].sum()),
            )
        )
    return out


def analyse_session(
    store: Store,
    session: Session,
    condition: str,
    nfactors: int,
    extraction: str = "pca",
    rotation: str = "varimax",
    published: bool = False,
    correlation: str = "pearson",
) -> QAnalysis:
    sorts = session_sorts(store, session, condition, published=published)
    return analyze(sorts, nfactors, extraction, rotation, correlation=correlation)


# -- the room: the facilitator's choice, and what the projector shows of it ---------------------------------------


def choose(
    store: Store,
    session: Session,
    condition: str,
    extraction: str,
    rotation: str,
    nfactors: int,
    reason: str = "",
    correlation: str = "pearson",
) -> None:
    """The analysis the projector's viewpoints view runs; once chosen, the reveal cycle has that step.
    ``reason``: why this number of viewpoints, as the facilitator puts it (kept with the choice)."""
    for what, value, choices in (
        ("condition", condition, session.conditions),
        ("extraction", extraction, EXTRACTIONS),
        ("rotation", rotation, ROTATIONS),
        ("correlation", correlation, CORRELATIONS),
    ):
        if value not in choices:
            raise QAnalysisError("qanalysis.unknown_method", what=what, value=value, choices=", ".join(choices))
    if isinstance(nfactors, bool) or not isinstance(nfactors, int | np.integer) or nfactors < 1:
        raise QAnalysisError("qanalysis.bad_nfactors", nfactors=nfactors)
    if nfactors > ROOM_MAX:
        raise ReviewError("vp.room_max", max=ROOM_MAX)
    reason = " ".join(CONTROL.sub(" ", reason or "").split())
    if len(reason) > REASON_LIMIT:
        raise ReviewError("q.reason_long", max=REASON_LIMIT, n=len(reason))
    choice = AnalysisChoice(condition, extraction, rotation, int(nfactors), reason, correlation)
    if choice == session.analysis:
        return
    same = session.analysis is not None and replace(session.analysis, reason=reason) == choice  # the reason alone
    if not same and session.viewpoint_words:  # other viewpoints: the old names may not fit
        store.set_viewpoint_words(session.id, ())
    store.set_analysis(session.id, choice)
    store.log_analysis(session.id, session.current_round, "reason" if same else "chosen", asdict(choice))


@dataclass(frozen=True)
class RoomFit:
    """Whether an analysis can go on the projector whole: ``small`` of its viewpoints are defined by
    fewer than the threshold of sorts (the projector leaves those out); ``fits`` is the most
    viewpoints, up to the number asked, that the room would see all of (0: not even one)."""

    small: int
    fits: int


def room_fit(store: Store, session: Session, choice: AnalysisChoice, configured: int | str | None = None) -> RoomFit:
    """How many of ``choice``'s viewpoints the projector could show, on the published copy it would
    run on, and the largest number of viewpoints it could show all of."""
    k = threshold(configured)
    sorts = session_sorts(store, session, choice.condition, published=True)
    if not may_show(sorts.shape[1], k):
        return RoomFit(small=0, fits=0)

    def small(nfactors: int) -> int | None:
        try:
            views = viewpoints(
                analyze(sorts, nfactors, choice.extraction, choice.rotation, correlation=choice.correlation), 1
            )
        except ReviewError:
            return None
        # a factor no sort defines is not shown either (review.analysis.viewpoints.room_viewpoints notes it)
        return sum(not may_show(v.n_loading, k) for v in views) + (nfactors - len(views)) if views else None

    asked = small(choice.nfactors) or 0
    fits = next((n for n in range(min(choice.nfactors, ROOM_MAX), 0, -1) if small(n) == 0), 0)
    return RoomFit(small=asked, fits=fits)


def forget_choice(store: Store, session: Session) -> None:
    """No viewpoints step any more; if the projector shows it, it goes back to hiding the results."""
    if session.analysis is not None:
        store.log_analysis(session.id, session.current_round, "forgotten", asdict(session.analysis))
    store.set_analysis(session.id, None)
    store.set_viewpoint_words(session.id, ())
    if session.reveal == "viewpoints":
        store.set_reveal(session.id, "")


def log_lines(store: Store, session: Session, lang: str) -> list[str]:
    """The analysis log of the session's current round, a line per step, oldest first."""
    lines = []
    for entry in store.analysis_log(session.id):
        if entry.round != session.current_round:
            continue
        d = entry.detail
        why = t("log.why", lang, reason=d["reason"]) if d.get("reason") else ""
        lines.append(
            t(
                f"log.{entry.step}",
                lang,
                when=long_date(entry.at, lang),
                condition=t(f"chart.{d['condition']}", lang),
                extraction=d["extraction"].upper(),
                rotation=d["rotation"],
                n=d["nfactors"],
                why=why,
            )
        )
    return lines


Note = tuple[str, dict[str, object]]  # a message key and its parameters, said in the screen's language


@dataclass(frozen=True)
class RoomViewpoint:
    """One viewpoint as the room sees it: words only, and a count of people only from the threshold on."""

    number: int
    most: list[int]
    least: list[int]
    apart: list[Distinction]
    shared_by: int  # sorts that define it; a viewpoint below the threshold is never a RoomViewpoint
    crib: CribSheet | None = None
    words: ViewpointWords | None = None  # the facilitator's name and paragraph; None: not written
    explained: float = 0.0  # percent of the variance among the sorts it explains (R's expl_var)

    @property
    def name(self) -> str:
        return self.words.name if self.words else ""

    def title(self, lang: str) -> str:
        """ "Viewpoint 2", or "Viewpoint 2: <name>" once the facilitator named it."""
        number = t("q.viewpoint", lang, factor=self.number)
        return f"{number}: {self.name}" if self.name else number

    def text(self, texts: dict[int, str], lang: str) -> str:
        """The facilitator's paragraph, or the one the crib sheet gives in ``lang`` (texts: id -> text)."""
        if self.words and self.words.text:
            return self.words.text
        return paragraph(self.crib, texts, lang) if self.crib else ""


@dataclass(frozen=True)
class RoomViewpoints:
    """What the projector's viewpoints view shows. ``problem``: why it shows nothing (a calm note)."""

    n_sorts: int
    shown: list[RoomViewpoint]
    notes: list[Note]
    warnings: tuple[AnalysisWarning, ...] = ()
    problem: Note | None = None


def room_viewpoints(store: Store, session: Session, configured: int | str | None = None) -> RoomViewpoints:
    """The chosen analysis, run on the published copy (never the live sorts, so a new sort cannot be read
    off the screen), told in statements.

    A viewpoint that fewer than the anonymity threshold of sorts define is left out with a note: its
    z-scores are then a weighted mean of one or two sorts, and with one they *are* that sort's order,
    so its cards would show one person's sort. Factors no sort defines are left out with a note too."""
    k = threshold(configured)
    if not has_choice(session):
        return RoomViewpoints(0, [], [], problem=("vp.not_chosen", {}))
    choice = session.analysis
    sorts = session_sorts(store, session, choice.condition, published=True)
    n = sorts.shape[1]
    if not may_show(n, k):
        return RoomViewpoints(n, [], [], problem=("results.too_few", {"n": n, "min": k}))
    try:
        result = analyze(sorts, choice.nfactors, choice.extraction, choice.rotation, correlation=choice.correlation)
    except ReviewError:
        return RoomViewpoints(n, [], [], problem=("vp.failed", {}))
    notes: list[Note] = [("vp.undefined", {"n": w.params["n"]}) for w in result.warnings if w.key in UNDEFINED]
    shown = []
    views = viewpoints(result, ROOM_CARDS)
    sheets = crib_sheets(result, [v.factor for v in views if may_show(v.n_loading, k)])
    words = {w.number: w for w in session.viewpoint_words}
    for view in views:
        if not may_show(view.n_loading, k):
            notes.append(("vp.few", {"n": view.number, "min": k}))
            continue
        j = list(result.loadings.columns).index(view.factor)
        mirrored = int((result.matrices.flagged[:, j] & (result.matrices.loadings[:, j] < 0)).sum())
        if mirrored:  # a bipolar viewpoint: some who define it hold its mirror image
            count = shown_count(mirrored, k)
            notes.append(
                ("vp.mirror", {"n": view.number, "m": count, "of": view.n_loading})
                if count
                else ("vp.mirror_few", {"n": view.number, "of": view.n_loading, "min": k})
            )
        shown.append(
            RoomViewpoint(
                view.number,
                view.most,
                view.least,
                view.distinguishing,
                view.n_loading,
                sheets.get(view.factor),
                words.get(view.number),
                float(result.characteristics.loc[view.factor, "expl_var"]),
            )
        )
    if len(views) == 1 and shown:
        notes.append(("vp.one", {}))
    if shown and any(w.key == "qanalysis.warn.heywood" for w in result.warnings):
        notes.append(("vp.heywood", {}))
    notes.sort(key=lambda note: note[1].get("n", 0))
    return RoomViewpoints(n, shown, notes, result.warnings)


def name_viewpoints(
    store: Store, session: Session, written: dict[int, tuple[str, str]], configured: int | str | None = None
) -> None:
    """Keep the facilitator's name and paragraph per room viewpoint (number -> (name, text)).

    A text equal to the paragraph the crib sheet gives in either language is kept as "" (so each
    screen and report says it in its own language); a viewpoint with neither name nor text is
    forgotten. Only viewpoints the room is shown can be named: the others are not on any screen."""
    if not has_choice(session):
        raise ReviewError("vp.not_chosen")
    room = room_viewpoints(store, session, configured)
    shown = {v.number: v for v in room.shown}
    texts = {lang: {sid: s.in_language(lang) for sid, s in session.statement_set.by_id().items()} for lang in LANGS}
    kept = []
    for number, (name, text) in sorted(written.items()):
        if number not in shown:
            raise ReviewError("vp.name_unknown", n=number)
        name, text = CONTROL.sub("", " ".join((name or "").split())), CONTROL.sub("", (text or "").strip())
        if len(name) > NAME_LIMIT:
            raise ReviewError("vp.name_too_long", limit=NAME_LIMIT)
        if len(text) > TEXT_LIMIT:
            raise ReviewError("vp.text_too_long", limit=TEXT_LIMIT)
        view = shown[number]
        if view.crib and any(" ".join(text.split()) == paragraph(view.crib, texts[lang], lang) for lang in LANGS):
            text = ""
        if name or text:
            kept.append(ViewpointWords(number, name, text, room.n_sorts))
    store.set_viewpoint_words(session.id, tuple(kept))
