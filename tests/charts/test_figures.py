"""The projector's figures: no text below 24 px, numbers on colour at 4.5:1 or more, user text escaped,
and every view within the projector's height. The browser test (tests/e2e/test_projector_readability.py)
measures the same on the rendered page."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pandas as pd
import pytest

from review.charts.analysis_figures import scree_figure
from review.charts.colours import CARD, HEAT, INK, MIN_CONTRAST, MUTED, PAGE, contrast, scale_colour, text_on
from review.charts.comparison_figures import gap_figure, subgroup_figure, theme_figure
from review.charts.condition_figures import (
    AGREEMENT_FRAME,
    AGREEMENT_ROWS,
    LABEL_GAP,
    agreement_figure,
    agreement_rows,
    extremes_figure,
    heatmap_figure,
    heatmap_rows,
)
from review.charts.layout import FONT, NOTICE_ROOM, PROJECTOR_HEIGHT, ROW_LINE, WRAP_HEATMAP, statement_label
from review.charts.statement_figures import PINS_SHOWN, pins_figure
from review.content.grid import Grid, column_label
from review.content.statements import Statement, StatementSet
from review.room.aggregates import SubgroupSplit, Summary, gaps, summarise, theme_means
from review.room.demo import demo_people

ROLE = "<b>Boss</b> & co"  # a role name that plotly would render as bold if unescaped


def summary_of(sorts: list[dict[int, int]], statement_set: StatementSet, grid: Grid, condition: str) -> Summary:
    rows = [(sid, value) for sort in sorts for sid, value in sort.items()]
    counts = pd.DataFrame(rows, columns=["statement_id", "position"]).value_counts().rename("n").reset_index()
    return summarise(counts, len(sorts), statement_set, grid, condition)


@pytest.fixture(scope="module")
def people(statement_set: StatementSet, grid: Grid) -> list:
    return demo_people(statement_set, grid, 12)


@pytest.fixture(scope="module")
def observed(people, statement_set, grid) -> Summary:
    return summary_of([o for o, _, _ in people], statement_set, grid, "observed")


@pytest.fixture(scope="module")
def desired(people, statement_set, grid) -> Summary:
    return summary_of([d for _, d, _ in people], statement_set, grid, "desired")


def all_figures(observed: Summary, desired: Summary, statement_set: StatementSet, grid: Grid, dark: bool):
    values = list(grid.values)
    both = {"Zoals het is": observed, "Zoals het moet": desired}
    split = SubgroupSplit(
        shown={ROLE: observed, "team": desired}, hidden={}, withheld=False, min_size=3, sizes={ROLE: 6, "team": 6}
    )
    return {
        "heatmap": heatmap_figure(observed, statement_set, "nl", dark, ends=12),
        "extremes": extremes_figure(observed, statement_set, "nl", dark=dark),
        "agreement": agreement_figure(observed, statement_set, "nl", dark=dark),
        "gap": gap_figure(gaps(observed, desired), statement_set, "nl", values, dark=dark),
        "subgroups": subgroup_figure(split, statement_set, "nl", values, dark=dark),
        "themes": theme_figure(theme_means({"Zoals het is": observed, ROLE: desired}), "nl", dark),
        "pins": pins_figure([44, 7, 23], both, statement_set, "nl", dark),
        "pins-many": pins_figure(statement_set.ids[:9], {"Zoals het is": observed}, statement_set, "en", dark),
        "pins-few": pins_figure([44, 7], {}, statement_set, "en", dark),
    }


def font_sizes(node: object, inside_font: bool = False) -> Iterator[float]:
    """Every font size set anywhere in a figure's JSON: ``size`` under any ``*font`` key, and
    ``font-size:Npx`` inside label markup."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "size" and inside_font and isinstance(value, int | float):
                yield float(value)
            yield from font_sizes(value, inside_font or key.endswith("font"))
    elif isinstance(node, list | tuple):
        for value in node:
            yield from font_sizes(value, inside_font)
    elif isinstance(node, str):
        yield from (float(px) for px in re.findall(r"font-size:\s*([\d.]+)px", node))


@pytest.mark.parametrize("dark", [False, True])
def test_no_text_below_24_px_and_every_view_fits_the_projector(observed, desired, statement_set, grid, dark) -> None:
    for name, fig in all_figures(observed, desired, statement_set, grid, dark).items():
        spec = fig.to_plotly_json()
        sizes = list(font_sizes(spec))
        assert spec["layout"]["font"]["size"] >= FONT, name
        assert sizes and min(sizes) >= FONT, (name, sorted(sizes)[:3])
        # a notice may stand above subgroups and themes (a role left out), so they leave room for it
        room = PROJECTOR_HEIGHT - (NOTICE_ROOM if name in ("subgroups", "themes") else 0)
        assert fig.layout.height <= room, (name, fig.layout.height)


def test_the_size_check_can_fail(observed, statement_set) -> None:
    fig = heatmap_figure(observed, statement_set, "en", ends=12)
    fig.update_traces(textfont={"size": 16}, selector={"type": "scatter"})
    assert min(font_sizes(fig.to_plotly_json())) == 16
    fig = extremes_figure(observed, statement_set, "en")
    fig.add_annotation(text="<span style='font-size:12px'>small</span>", font={"size": 30})
    assert min(font_sizes(fig.to_plotly_json())) == 12


@pytest.mark.parametrize("dark", [False, True])
def test_black_or_white_reads_on_every_colour_of_the_heatmap_scale(dark) -> None:
    for step in range(1001):
        fill = scale_colour(step / 1000, dark)
        assert contrast(text_on(fill), fill) >= MIN_CONTRAST, fill
    assert scale_colour(0, dark) == HEAT[dark][0] and scale_colour(1, dark) == HEAT[dark][-1]


@pytest.mark.parametrize("dark", [False, True])
def test_each_heatmap_number_takes_the_colour_that_reads_on_its_own_cell(observed, statement_set, dark) -> None:
    fig = heatmap_figure(observed, statement_set, "en", dark, ends=12)
    heat, numbers = fig.data
    peak = heat.zmax
    cell = {
        (column, label): value
        for label, row in zip(heat.y, heat.z, strict=True)
        for column, value in zip(heat.x, row, strict=True)
    }
    colours = numbers.textfont.color
    assert len(set(colours)) == 2  # both black and white are needed on this scale
    for column, label, text, colour in zip(numbers.x, numbers.y, numbers.text, colours, strict=True):
        value = cell[(column, label)]
        assert int(text) == value
        fill = scale_colour(value / peak, dark)
        assert contrast(colour, fill) >= MIN_CONTRAST, (label, column, colour, fill)
    # the scale plotly draws is the one the colours were chosen from
    assert [c for _, c in heat.colorscale] == list(HEAT[dark])
    assert heat.zmin == 0


def test_text_on_picks_the_better_of_black_and_white() -> None:
    assert text_on("#ffffff") == "#000000" and text_on("#08306b") == "#ffffff"
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # the classic just-failing grey


@pytest.mark.parametrize("dark", [False, True])
def test_numbers_on_bubbles_read_on_their_bubble(observed, statement_set, dark) -> None:
    fig = agreement_figure(observed, statement_set, "en", dark=dark)
    for trace in fig.data:
        assert trace.marker.opacity == 1  # a see-through bubble would fade the white number
        assert contrast(trace.textfont.color, trace.marker.color) >= MIN_CONTRAST


def test_projector_heatmap_keeps_the_rows_that_fit(observed, statement_set) -> None:
    fig = heatmap_figure(observed, statement_set, "en", ends=12)
    rows = list(fig.data[0].y)
    ends = heatmap_rows(12)
    assert len(rows) == 2 * ends + 1 and ends >= 10  # both ends and the line saying how many are left out
    assert "30 statements in between" in rows[ends]
    assert fig.layout.height <= PROJECTOR_HEIGHT
    full = heatmap_figure(observed, statement_set, "en")  # the facilitator's: all 50
    assert len(full.data[0].y) == 50


def long_set(statement_set: StatementSet) -> StatementSet:
    """The default set with one statement of 150 characters and one with markup in it."""
    texts = {1: "Wij " + "zeggen het heel uitgebreid " * 5 + "<b>vet</b> & co", 2: "<img src=x> & <b>bold</b>"}
    return StatementSet(
        id="long",
        name={"nl": "lang", "en": "long"},
        statements=tuple(
            Statement(s.id, s.theme, {"nl": texts[s.id], "en": texts[s.id]}) if s.id in texts else s
            for s in statement_set.statements
        ),
    )


def test_long_statements_wrap_and_the_heatmap_still_fits(observed, statement_set) -> None:
    odd = long_set(statement_set)
    labels = {sid: statement_label(odd, sid, "nl", WRAP_HEATMAP) for sid in (1, 2)}
    assert labels[1].count("<br>") == 1  # two lines, no more
    for label in labels.values():
        assert all(len(line) <= WRAP_HEATMAP + 20 for line in label.split("<br>"))
    fig = heatmap_figure(observed, odd, "nl", ends=12)
    assert fig.layout.height <= PROJECTOR_HEIGHT
    assert len(fig.data[0].y) == 2 * heatmap_rows(12, lines=2) + 1 < 2 * heatmap_rows(12) + 1


def test_user_text_is_escaped_for_plotly(observed, desired, statement_set, grid) -> None:
    odd = long_set(statement_set)
    label = statement_label(odd, 2, "en")
    assert "<img" not in label and "&lt;img src=x&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in label
    for name, fig in all_figures(observed, desired, odd, grid, False).items():
        spec = str(fig.to_plotly_json())
        assert "<img" not in spec and "<b>vet</b>" not in spec and "<b>Boss</b>" not in spec, name
    fig = subgroup_figure(
        SubgroupSplit(shown={ROLE: observed, "team": desired}, hidden={}, withheld=False, min_size=3), odd, "en",
        list(grid.values),
    )  # fmt: skip
    assert fig.data[0].name.startswith("&lt;b&gt;Boss&lt;/b&gt; &amp; co")
    pins = pins_figure([2], {}, odd, "en")
    assert "&lt;img src=x&gt;" in pins.layout.annotations[0].text


def test_pins_show_cards_bars_per_condition_and_how_many_more(observed, desired, statement_set) -> None:
    both = {"As it is": observed, "As it should be": desired}
    fig = pins_figure([44, 7, 23], both, statement_set, "en")
    assert len(fig.layout.shapes) == 3  # a card per pin
    assert len(fig.data) == 3 * 2  # per card a bar trace per condition
    assert list(fig.data[0].y) == list(observed.counts.loc[44])
    assert [trace.showlegend for trace in fig.data].count(True) == 2  # one legend entry per condition
    many = pins_figure(statement_set.ids[:9], both, statement_set, "en")
    assert len(many.layout.shapes) == PINS_SHOWN
    assert any("+ 3 more pinned statements" in a.text for a in many.layout.annotations)
    few = pins_figure([44, 7], {}, statement_set, "en")  # too few sorts: the statements, no bars
    assert len(few.data) == 0 and len(few.layout.shapes) == 2
    assert few.layout.height <= PROJECTOR_HEIGHT - NOTICE_ROOM


@pytest.mark.parametrize("dark", [False, True])
def test_chart_text_colours_read_on_the_page(dark) -> None:
    page = PAGE[dark]
    for colour in (INK[dark], MUTED[dark]):
        assert contrast(colour, page) >= MIN_CONTRAST
        assert contrast(colour, CARD[dark]) >= MIN_CONTRAST


# -- numbers as the language writes them ----------------------------------------------------


def strings(node: object) -> Iterator[str]:
    """Every string anywhere in a figure's JSON."""
    if isinstance(node, dict):
        for value in node.values():
            yield from strings(value)
    elif isinstance(node, list | tuple):
        for value in node:
            yield from strings(value)
    elif isinstance(node, str):
        yield node


DUTCH_NUMBER = re.compile(r"^(?:[+-]?\d+(?:,\d+)?|0)$")  # +1,7 -0,25 0 ... never a point
ENGLISH_NUMBER = re.compile(r"^(?:[+-]?\d+(?:\.\d+)?|0)$")


@pytest.mark.parametrize(("lang", "pattern", "separators"), [("nl", DUTCH_NUMBER, ",."), ("en", ENGLISH_NUMBER, ".,")])
def test_figures_write_numbers_as_their_language_does(observed, desired, statement_set, lang, pattern, separators):
    themes = theme_figure(theme_means({"a": observed, "b": desired}), lang)
    assert themes.layout.separators == separators  # hover values (%{x:.2f}) follow the language too
    values = [v for trace in themes.data for v in trace.x]
    assert min(values) < 0 < max(values)  # the check below sees negative and positive bars
    for trace in themes.data:
        assert all(pattern.match(text) for text in trace.text), trace.text
    axis = themes.layout.xaxis
    assert axis.tickmode == "array" and all(pattern.match(text) for text in axis.ticktext), axis.ticktext
    assert any(text.startswith("-") for text in axis.ticktext) and "0" in axis.ticktext
    extremes = extremes_figure(observed, statement_set, lang)
    mean_sd = re.compile(r"(?:gemiddeld|mean) (\S+) · (?:spreiding|spread) (\S+)</span>")
    figures = [m.groups() for a in extremes.layout.annotations if (m := mean_sd.search(a.text))]
    assert len(figures) == 10 and all(pattern.match(x) for pair in figures for x in pair), figures
    scree = scree_figure([3.456, 1.25, 0.5], lang, chosen=2)
    assert list(scree.data[0].text) == (["3,46", "1,25", "0,50"] if lang == "nl" else ["3.46", "1.25", "0.50"])


@pytest.mark.parametrize("dark", [False, True])
def test_no_figure_mixes_in_a_second_minus_sign(observed, desired, statement_set, grid, dark) -> None:
    """Plotly's own tick labels use U+2212; every numeric axis here carries its own labels instead,
    so the projector shows one minus, the grid's "-"."""
    for name, fig in all_figures(observed, desired, statement_set, grid, dark).items():
        spec = fig.to_plotly_json()
        assert spec["layout"]["separators"] == (".," if name in ("pins-many", "pins-few") else ",."), name
        assert not any("\u2212" in s for s in strings(spec)), name
        for key, axis in spec["layout"].items():  # a numeric axis that could go negative has its own labels
            if key.startswith("xaxis") and axis.get("range") and axis["range"][0] < 0:
                assert axis.get("ticktext"), (name, key)


def test_agreement_rows_leave_room_between_wrapped_labels(observed, statement_set) -> None:
    """Two labels of two lines each once touched: a row is now as tall as its label and a gap, and the
    view shows fewer statements rather than squeeze them."""
    fig = agreement_figure(observed, statement_set, "nl")
    labels = {trace.y[0] for trace in fig.data}
    assert len(labels) == 10 and all(label.count("<br>") == 0 for label in labels)  # the default set: one line
    wordy = StatementSet(
        id="wordy",
        name={"nl": "lang", "en": "long"},
        statements=tuple(
            Statement(s.id, s.theme, {lang: f"{text} en dat zeggen we hier met nog veel meer woorden erbij, echt waar"
                                      for lang, text in s.text.items()})
            for s in statement_set.statements
        ),
    )  # fmt: skip
    fig = agreement_figure(observed, wordy, "nl")
    labels = {trace.y[0] for trace in fig.data}
    lines = max(label.count("<br>") + 1 for label in labels)
    assert lines == 2
    per_half = len(labels) // 2
    assert per_half == agreement_rows(2, 5) < 5
    # each half gets its share of the plot area; every row holds its label and the gap
    half = (fig.layout.height - AGREEMENT_FRAME) * AGREEMENT_ROWS / 2
    assert half / per_half >= ROW_LINE * lines + LABEL_GAP
    assert fig.layout.height <= PROJECTOR_HEIGHT
    hover = fig.data[0]
    assert list(hover.customdata) == [column_label(v) for v in hover.x]  # "-2", not plotly's "−2"
