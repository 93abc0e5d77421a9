"""The viewpoints on the pages (AppTest against a real DuckDB file): the projector's viewpoints view and
the facilitator's factor panel, in words, in both languages. The same view is measured at 1920x1080 in a
real browser in tests/e2e/test_viewpoints_view.py."""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from review.analysis.viewpoints import choose
from review.i18n import t
from review.room.demo import create_demo_session
from review.store import AnalysisChoice, Store
from ui import state

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def shared_store(tmp_path: Path, monkeypatch) -> Store:
    """The app's own store (one DuckDB connection per process), and the facilitator's cookie taken as
    given (the cookie itself is tested with real cookies in tests/e2e and tests/test_room)."""
    monkeypatch.setenv("REVIEW_DB", str(tmp_path / "app.duckdb"))
    monkeypatch.delenv("REVIEW_PUBLIC_URL", raising=False)
    monkeypatch.setattr("ui.auth.is_facilitator", lambda: True)
    state.close_store()
    yield state.store()
    state.close_store()


def render(page: str, **params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "main.py"), default_timeout=60)
    for k, v in params.items():
        at.query_params[k] = v
    at.switch_page(page)
    return at.run()


def html(at: AppTest) -> str:
    return " ".join(str(h.proto.body) for h in at.html)


def page_text(at: AppTest) -> str:
    elements = [*at.markdown, *at.caption, *at.info, *at.warning, *at.error]
    return " ".join(str(e.value) for e in elements)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_projector_shows_the_viewpoints_in_words(shared_store: Store, lang: str) -> None:
    session = create_demo_session(shared_store, participants=12)
    statement = session.statement_set.by_id()
    choose(shared_store, session, "observed", "pca", "varimax", 3)
    shared_store.set_reveal(session.id, "viewpoints")
    at = render("pages/projector.py", session=session.code, lang=lang)
    assert not at.exception and not at.error
    body = html(at)
    columns = re.findall(r'data-viewpoint="(\d)"', body)
    assert columns == ["1", "2"]  # viewpoint 3 rests on one sort: left out (see test_viewpoints)
    assert t("q.viewpoint", lang, factor=1) in body and t("vp.shared", lang, n=5) in body
    assert t("vp.few", lang, n=3, min=3) in body
    assert t("vp.higher", lang) in body and t("vp.lower", lang) in body
    assert body.count('class="vp-card most"') == body.count('class="vp-card least"') == 6
    # statement texts, escaped, never bare ids: every card holds a statement's text
    cards = re.findall(r'class="vp-card (?:most|least)">([^<]+)<', body)
    known = {escape(s.in_language(lang)) for s in statement.values()}
    assert cards and all(c in known for c in cards), cards


def test_the_projector_says_calmly_when_the_view_has_too_few_sorts(shared_store: Store) -> None:
    session = create_demo_session(shared_store, participants=2)
    choose(shared_store, session, "observed", "pca", "varimax", 1)
    shared_store.set_reveal(session.id, "viewpoints")
    at = render("pages/projector.py", session=session.code, lang="nl")
    assert not at.exception
    assert [i.value for i in at.info] == [t("results.too_few", "nl", n=0, min=3)]  # two sorts wait unpublished
    assert 'data-testid="viewpoints"' not in html(at)


def test_statement_markup_is_escaped_on_the_projector(shared_store: Store, monkeypatch) -> None:
    from review.content.statements import Statement

    session = create_demo_session(shared_store, participants=12)
    choose(shared_store, session, "observed", "pca", "varimax", 2)
    shared_store.set_reveal(session.id, "viewpoints")
    monkeypatch.setattr(Statement, "in_language", lambda self, lang: f"<img src=x>{self.id}")
    body = html(render("pages/projector.py", session=session.code, lang="en"))
    assert "<img" not in body and "&lt;img src=x&gt;" in body


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_facilitator_panel_speaks_in_statements(shared_store: Store, lang: str) -> None:
    session = create_demo_session(shared_store, participants=12)
    texts = {s.in_language(lang) for s in session.statement_set.statements}
    at = render("pages/facilitator.py", session=session.code, lang=lang)
    assert not at.exception
    markdown = [str(m.value) for m in at.markdown]
    assert t("q.viewpoint", lang, factor=1) in " ".join(markdown)
    ends = [m for m in markdown if m.startswith(f"**{t('chart.most', lang)}**")]
    assert ends and re.search(r"^- `\+4` ", ends[0], re.M)  # its column, then its text: no numbered ids
    apart = [m for m in markdown if m.startswith(("**▲", "**▼"))]
    assert apart
    shown = sum(m.count("\n- ") for m in apart)
    assert 3 * 2 <= shown <= 5 * 3  # 3-5 per viewpoint (the demo has 2-3 of them)
    assert not re.search(r"^\d+\. ", " ".join(markdown), re.M)
    model = [str(h.proto.body) for h in at.html if 'data-testid="model-sort"' in str(h.proto.body)]
    assert model and all(m.count("<li>") == 50 for m in model)
    assert all(escape(text) in model[0] for text in texts)  # all 50, as texts
    # nothing on the projector yet: no viewpoints step until the facilitator chooses this analysis
    assert "viewpoints" not in at.pills[0].options and t("view.viewpoints", lang) not in at.pills[0].options
    at.button(key="q_use").click().run()
    chosen = shared_store.session(session.id).analysis
    assert chosen == AnalysisChoice("observed", "pca", "varimax", at.slider[0].value)
    assert t("view.viewpoints", lang) in at.pills[0].options
    assert any(t("q.in_use", lang, condition="", extraction="", rotation="", n="")[:12] in str(c.value)
               for c in at.caption)  # fmt: skip
    at.button(key="q_stop").click().run()
    assert shared_store.session(session.id).analysis is None


def test_the_facilitator_sees_warnings_in_dutch(shared_store: Store) -> None:
    session = create_demo_session(shared_store, participants=12)
    at = render("pages/facilitator.py", session=session.code, lang="nl")
    at.selectbox(key="q_extraction").set_value("centroid").run()
    at.slider[0].set_value(5).run()  # more viewpoints than the group holds: two lack a defining sort; a mirrored one
    assert not at.exception
    shown = [str(w.value) for w in at.warning if "localhost" not in str(w.value)]
    fit = [w for w in shown if "de projector laat" in w and "weg" in w]  # the room's own warning, tested below
    warnings = [w for w in shown if not w.startswith("Dit verwijdert de sessie") and w not in fit]
    assert len(warnings) == 3, warnings
    assert len(fit) == 1 and "door minder dan 3 mensen gedeeld" in fit[0]
    assert warnings[0].startswith("Standpunt 3 (factor f3): geen sortering draagt het")
    assert "laden er negatief op" in warnings[2]
    assert not any("Q-sort" in w or "Factor f" in w for w in warnings)  # the English texts are gone
    assert at.button(key="q_use").disabled  # five viewpoints do not fit the projector
    assert t("vp.room_max", "nl", max=3) in [str(c.value) for c in at.caption]


def test_the_projector_names_a_viewpoint_no_sort_defines(shared_store: Store) -> None:
    session = create_demo_session(shared_store, participants=12)
    choose(shared_store, session, "observed", "centroid", "varimax", 3)
    shared_store.set_reveal(session.id, "viewpoints")
    body = html(render("pages/projector.py", session=session.code, lang="en"))
    assert re.findall(r'data-viewpoint="(\d)"', body) == ["1", "2"]
    assert escape(t("vp.undefined", "en", n=3)) in body and "z-score" not in body  # room words, not the analyst's


def test_the_facilitator_names_a_viewpoint_and_the_projector_and_discussion_use_it(shared_store: Store) -> None:
    session = create_demo_session(shared_store, participants=12)
    choose(shared_store, session, "observed", "pca", "varimax", 2)
    at = render("pages/facilitator.py", session=session.code, lang="en")
    assert not at.exception
    cribs = [str(h.proto.body) for h in at.html if 'data-testid="crib-sheet"' in str(h.proto.body)]
    assert len(cribs) == 2 and all(t(f"crib.{name}", "en") in cribs[0] for name in ("highest", "lowest"))
    names = [w for w in at.text_input if w.label.startswith("Name of viewpoint")]
    paragraphs = [w for w in at.text_area if w.label.startswith("Description of viewpoint")]
    assert [w.label for w in names] == ["Name of viewpoint 1", "Name of viewpoint 2"]
    assert all(p.value.startswith("This viewpoint puts “") for p in paragraphs)
    names[0].input("The careful ones")
    paragraphs[1].input("They speak up first.")
    next(b for b in at.button if b.key and "FormSubmitter:vp_words" in b.key).click().run()
    assert not at.exception and not at.error
    kept = shared_store.session(session.id).viewpoint_words
    assert [(w.number, w.name, w.text) for w in kept] == [(1, "The careful ones", ""), (2, "", "They speak up first.")]
    # the form starts again from what was kept
    assert [w.value for w in at.text_input if w.label.startswith("Name of viewpoint")] == ["The careful ones", ""]

    shared_store.set_reveal(session.id, "viewpoints")
    body = html(render("pages/projector.py", session=session.code, lang="nl"))
    assert "Standpunt 1: The careful ones" in body
    texts = re.findall(r'data-testid="viewpoint-text">([^<]+)<', body)
    assert texts[0].startswith("Dit standpunt zet ") and texts[1] == "They speak up first."  # kept made text follows nl
    drawn = body[body.index('data-testid="viewpoints"') :]  # after the style sheet
    assert (
        t("vp.higher", "nl") not in drawn and 'class="vp-card' not in drawn
    )  # the paragraph tells what the lists would

    at = render("pages/discussion.py", session=session.code, lang="en")
    assert not at.exception
    said = page_text(at)
    assert "**Viewpoint 1: The careful ones**" in said and "They speak up first\\." in said  # escaped Markdown


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_panel_lays_out_the_evidence_for_the_number_and_keeps_the_reason(shared_store: Store, lang: str) -> None:
    session = create_demo_session(shared_store, participants=12)
    at = render("pages/facilitator.py", session=session.code, lang=lang)
    assert not at.exception
    evidence = next(h for h in html_parts(at) if 'data-testid="number-evidence"' in h)
    assert evidence.count("<tr") == 8  # the header and factors 1..7
    chosen = at.slider[0].value
    assert f'<tr class="chosen" data-k="{chosen}">' in evidence and evidence.count('class="chosen"') == 1
    for column in ("eigen", "random", "humphrey", "loaders", "defining"):
        assert t(f"q.number.col.{column}", lang) in evidence
    captions = " ".join(str(c.value) for c in at.caption)
    assert t("q.number.keeps", lang, kaiser=0, parallel=0, humphrey=0, loaders=0, people=0)[:20] in captions
    at.text_input(key="q_reason").input("Twee boven toeval.").run()
    at.button(key="q_use").click().run()
    assert shared_store.session(session.id).analysis.reason == "Twee boven toeval."
    at.text_input(key="q_reason").input("Twee boven toeval, elk door vier gedeeld.").run()
    assert at.button(key="q_use").label == t("q.save_reason", lang) and not at.button(key="q_use").disabled
    at.button(key="q_use").click().run()
    assert shared_store.session(session.id).analysis.reason == "Twee boven toeval, elk door vier gedeeld."
    assert at.button(key="q_use").disabled  # saved: nothing left to save
    at.text_input(key="q_reason").input("x" * 300).run()  # the field holds at most the limit
    assert at.text_input(key="q_reason").proto.max_chars == 300
    at.selectbox(key="q_correlation").set_value("kendall").run()
    assert not at.exception and at.button(key="q_use").label == t("q.use", lang)  # another analysis
    at.button(key="q_use").click().run()
    assert shared_store.session(session.id).analysis.correlation == "kendall"
    assert [e.detail["correlation"] for e in shared_store.analysis_log(session.id)] == ["pearson", "pearson", "kendall"]


def html_parts(at: AppTest) -> list[str]:
    return [str(h.proto.body) for h in at.html]
