"""The report's first page (review.report.story): made from the report's content by templates, in the
report's language, and rewritten by the facilitator per language; then the methods box at the end."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from review.analysis.viewpoints import choose, name_viewpoints
from review.errors import ReviewError
from review.i18n import t
from review.library.questions import default_questions
from review.report import session_report
from review.report.content import Row, session_content
from review.report.story import LIMIT, keep_story, story, told
from review.room.demo import create_demo_session
from review.store import Store
from review.trajectories.agreements import make_agreement
from review.views.discussion import starting_points

MIN = 3


@pytest.fixture
def told_session(tmp_path: Path):
    store = Store.open(tmp_path / "story.duckdb")
    session = create_demo_session(store, participants=12)
    choose(store, session, "observed", "pca", "varimax", 2)
    session_content(store, session, MIN, "en")  # publishes
    name_viewpoints(store, store.session(session.id), {1: ("The careful ones", "")}, MIN)
    store.set_pins(session.id, [27, 7])  # 27 is a starting point (disputed), 7 is not
    store.save_note(session.id, "disputed:27", "note", "We pick this up next time.")
    make_agreement(store, session, "We discuss mistakes in the weekly meeting", "team lead")
    yield store, store.session(session.id)
    store.close()


def test_the_story_tells_each_part_from_the_content(told_session) -> None:
    store, session = told_session
    content = session_content(store, session, MIN, "en")
    said = story(content)
    observed = next(c for c in content.conditions if c.condition == "observed")
    first = said[0]
    assert first.startswith("As it is (12 sorts): recognised most were “")
    assert all(f"“{r.text.rstrip('.')}”" in first for r in observed.most[:3])
    assert all(f"“{r.text.rstrip('.')}”" in first for r in observed.least[:3])
    assert said[1].startswith("As it should be (12 sorts)")
    assert said[2].startswith("Opinions differ most on “") and "The group agrees most on “" in said[2]
    top_gap = content.gaps[0]
    assert said[3].startswith("The largest gaps between how it is and how it should be: “" + top_gap.text.rstrip("."))
    assert (
        said[4]
        == "The theme Responsibility stands out: its statements lie at +0.7 on average; the group recognises them."
    )
    assert said[5].startswith("Viewpoint 1: The careful ones. This viewpoint puts “")
    assert said[6].startswith("Viewpoint 2. This viewpoint puts “")
    texts = session.statement_set.by_id()
    first_pin, second_pin = (f"“{texts[sid].in_language('en').rstrip('.')}”, with the question: " for sid in (27, 7))
    assert said[7].startswith(f"2 statements were pinned for the discussion. {first_pin}")
    assert f"? Noted: We pick this up next time. {second_pin}" in said[7] and said[7].endswith("?")
    # a pin that is one of the discussion's starting points carries the question the page showed;
    # another gets one of its spread's kind that the page did not show
    questions = default_questions()
    points = {p.statement_id: p.question.en for p in starting_points(store, session, MIN, questions)}
    for sid, (_, question, _) in zip((27, 7), content.pinned, strict=True):
        if sid in points:
            assert question == points[sid]
        else:
            offered = [q.en for kind in ("disputed", "consensus") for q in questions.of_kind(kind)]
            assert question in offered and question not in points.values()
    assert sorted(sid in points for sid in (27, 7)) == [False, True]  # both cases
    assert said[8] == "Agreed: “We discuss mistakes in the weekly meeting” (team lead, at the next meeting)."
    nl = story(session_content(store, session, MIN, "nl"))
    assert nl[0].startswith("Zoals het is (12 sorteringen): het meest herkend werden ‘")
    assert nl[4] == (
        "Het thema Verantwoordelijkheid springt eruit: de uitspraken ervan liggen gemiddeld op +0,7, "
        "de groep herkent ze."
    )


def test_a_theme_stands_out_only_far_enough_from_the_middle(told_session) -> None:
    store, session = told_session
    content = session_content(store, session, MIN, "en")
    calm = [Row(0, name, (v, None)) for name, v in (("Craft", 0.4), ("Care", -0.2))]
    assert story(replace(content, themes=calm))[4] == (
        "No theme stands out: per theme, the mean position lies between -0.2 and +0.4."
    )
    low = [Row(0, "Care", (-0.5, None)), Row(0, "Craft", (0.1, None))]  # 0.5 of a half-width of 4: stands out
    assert story(replace(content, themes=low))[4].startswith("The theme Care stands out: its statements lie at -0.5")


def test_too_few_sorts_tell_no_story(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "few.duckdb")
    session = create_demo_session(store, participants=2)
    assert story(session_content(store, session, MIN, "en")) == [t("story.too_few", "en", min=MIN)]
    store.close()


def test_the_facilitators_story_is_kept_per_language_and_goes_back_to_the_made_one(told_session) -> None:
    store, session = told_session
    content = session_content(store, session, MIN, "nl")
    made = story(content)
    assert told(store, content) == (made, False)
    keep_story(store, session, "nl", "Een goede middag.\r\n\r\n  Wij  gaan\u202e verder. \n\n\n", made)
    assert told(store, content) == (["Een goede middag.", "Wij gaan verder."], True)
    english = session_content(store, session, MIN, "en")
    assert told(store, english) == (story(english), False)  # another language: the made story
    keep_story(store, session, "nl", "\n\n".join(made), made)  # the made text itself: back to made
    assert told(store, content) == (made, False) and store.report_story(session.id) == {}
    keep_story(store, session, "nl", "Eigen tekst", made)
    keep_story(store, session, "nl", "   ", made)  # emptied: back to made
    assert told(store, content) == (made, False)


def test_a_story_too_long_is_refused_and_the_kept_one_stays(told_session) -> None:
    store, session = told_session
    made = story(session_content(store, session, MIN, "en"))
    keep_story(store, session, "en", "Ours.", made)
    with pytest.raises(ReviewError) as err:
        keep_story(store, session, "en", "x" * (LIMIT + 1), made)
    assert err.value.message("en") == f"The summary can have at most {LIMIT} characters (about one A4 page)."
    assert store.report_story(session.id) == {"en": "Ours."}
    keep_story(store, session, "en", "x" * LIMIT, made)  # the limit itself passes


def test_the_report_opens_with_the_story_and_ends_with_the_methods(told_session) -> None:
    store, session = told_session
    html = session_report(store, session, MIN, "en", "html").decode()
    assert html.index("In brief") < html.index("How to read this report") < html.index("About the method")
    methods = html[html.index("About the method") :]
    for fact in ("Good Work: 50 statements", "-4: 2, -3: 4", "As it is: 12; As it should be: 12", "at least 3 sorts",
                 "extraction PCA, rotation varimax", "Viewpoint 1: The careful ones: ", "R qmethod 1.8.4"):  # fmt: skip
        assert fact in methods, fact
    viewpoints = html[html.index("Viewpoints in the group") : html.index("About the method")]
    assert "PCA" not in viewpoints  # the jargon is in the methods box
    keep_story(store, session, "en", "Our own first page.", story(session_content(store, session, MIN, "en")))
    html = session_report(store, session, MIN, "en", "html").decode()
    assert "Our own first page." in html and "recognised most were" not in html


def test_the_methods_box_says_how_the_number_of_viewpoints_was_chosen(told_session) -> None:
    store, session = told_session
    choose(store, session, "observed", "pca", "varimax", 2, "Two lie above chance; each is shared by four or more.")
    session = store.session(session.id)
    content = session_content(store, session, MIN, "en")
    assert content.reason == "Two lie above chance; each is shared by four or more."
    assert set(content.keeps) == {"kaiser", "parallel", "humphrey", "loaders", "people"}
    html = session_report(store, session, MIN, "en", "html").decode()
    assert "2 viewpoints, chosen by the facilitator; a viewpoint fewer people share" in html
    assert "Why: Two lie above chance; each is shared by four or more." in html
    assert f"eigenvalue above 1 (Kaiser) {content.keeps['kaiser']}; above chance" in html
    assert f"above chance (parallel analysis with random sorts in this grid) {content.keeps['parallel']};" in html
    dutch = session_report(store, session, MIN, "nl", "html").decode()
    assert "2 standpunten, gekozen door de begeleider" in dutch and "Waarom: Two lie above chance" in dutch
    assert "rotation varimax, correlation Pearson." in html
    choose(store, session, "observed", "pca", "varimax", 2, "Ranks only.", "spearman")
    spearman = session_report(store, store.session(session.id), MIN, "en", "html").decode()
    assert "rotation varimax, correlation Spearman (ranks)." in spearman
    assert '<th scope="row">Analysis log</th>' in html
    assert ": As it is, PCA, varimax, 2 viewpoints chosen for the room\n" in html  # the fixture's choice
    assert ": the reason for 2 viewpoints changed; why: Two lie above chance; each is shared by four" in html
