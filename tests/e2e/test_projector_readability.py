"""The projector read from the back of a room: every view at 1920x1080, light and dark, Dutch and
English, measured in the real browser.

For every visible text node, HTML and SVG (plotly) alike, the page itself reports:
- the rendered font size in CSS px (computed font-size, times the SVG's screen scale for SVG text);
- the WCAG 2 contrast ratio of the text colour (with its opacity) against what is really under it:
  for HTML the first opaque background up the tree (semi-transparent layers blended in), for SVG
  text the topmost filled shape under the text's centre (a heatmap cell is sampled from plotly's
  heatmap image, pixel for pixel), else the page behind the chart;
- whether the page or any inner container scrolls, and whether any text lies outside the screen.

Thresholds: 24 px for every text, and 4.5:1 for every text. All projector text is at least 24 px,
which WCAG counts as "large text" (3:1 would do); we hold the normal-text level of 4.5:1 because a
projector in a lit room loses much of the contrast a monitor shows.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from review.content.grid import load_grid
from review.content.statements import load_statement_set
from review.room.demo import create_demo_session, demo_people
from review.room.sessions import create_session
from review.store import Store
from tests.e2e.conftest import ROOT, SETTLED_JS, SHOTS, Reruns, Server, running_app, wait_settled

MIN_PX = 24  # the smallest text a back row reads on a 1080p projector
MIN_CONTRAST = 4.5  # WCAG AA for normal text, held for large text too: projectors wash contrast out
TITLE = "Team 3. Zorg (Noord) & *co* <img src=x>"  # markdown specials and HTML that must show as typed
VIEWS = ("heatmap", "extremes", "agreement", "gap", "subgroups", "themes", "pins")

# what each seeded session shows; the name is also the screenshot's name
CASES = {
    "waiting": "",
    **{view: view for view in VIEWS},
    "pins-many": "pins",
    "pins-empty": "pins",
    "pins-few": "pins",
    "few": "heatmap",
    "readme": "heatmap",  # the README's projector picture, with an ordinary title
}
README_TITLE = "Team 3. Zorg (Noord)"

MEASURE = """
async () => {
  await (__SETTLED__)();  // measure what a person sees, not a fade between two refreshes
  const parse = (c) => {
    const m = /rgba?\\(([^)]+)\\)/.exec(c || "");
    if (!m) return null;
    const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
    return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
  };
  const channel = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  const lum = (c) => 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const over = (top, under) => ({
    r: top.r * top.a + under.r * (1 - top.a), g: top.g * top.a + under.g * (1 - top.a),
    b: top.b * top.a + under.b * (1 - top.a), a: 1,
  });
  const hex = (c) => "#" + [c.r, c.g, c.b].map((v) => Math.round(v).toString(16).padStart(2, "0")).join("");
  const opacity = (el) => {
    let o = 1;
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) o *= parseFloat(getComputedStyle(e).opacity);
    return o;
  };
  // layers from the top down to the first opaque one, blended onto the canvas's white
  const blend = (layers) => {
    let bg = { r: 255, g: 255, b: 255, a: 1 };
    for (const c of layers.slice().reverse()) bg = over(c, bg);
    return bg;
  };
  const htmlLayers = (el) => {
    const layers = [];
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (!c || c.a === 0) continue;
      layers.push({ ...c, a: c.a * parseFloat(getComputedStyle(e).opacity) });
      if (layers.at(-1).a >= 1) break;
    }
    return layers;
  };
  // plotly draws a heatmap as one <image>: read its pixels
  const canvases = new Map();
  for (const img of document.querySelectorAll(".js-plotly-plot svg image")) {
    const src = img.getAttribute("href") || img.getAttributeNS("http://www.w3.org/1999/xlink", "href");
    if (!src) continue;
    const im = new Image(); im.src = src; await im.decode();
    const cv = document.createElement("canvas"); cv.width = im.naturalWidth; cv.height = im.naturalHeight;
    cv.getContext("2d").drawImage(im, 0, 0); canvases.set(img, cv);
  }
  const fills = [];
  const shapes = ".js-plotly-plot svg rect, .js-plotly-plot svg path, .js-plotly-plot svg image";
  for (const e of document.querySelectorAll(shapes)) {
    if (e.closest("defs, clipPath, pattern, mask")) continue;
    const r = e.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) continue;
    fills.push({ e, r });
  }
  const fillAt = (f, x, y) => {
    const cs = getComputedStyle(f.e);
    if (cs.visibility === "hidden" || cs.display === "none") return null;
    const o = opacity(f.e);
    if (f.e.tagName === "image") {
      const cv = canvases.get(f.e); if (!cv) return null;
      const px = Math.floor(((x - f.r.left) / f.r.width) * cv.width);
      const py = Math.floor(((y - f.r.top) / f.r.height) * cv.height);
      const d = cv.getContext("2d").getImageData(Math.min(px, cv.width - 1), Math.min(py, cv.height - 1), 1, 1).data;
      return { r: d[0], g: d[1], b: d[2], a: d[3] / 255 * o };
    }
    const c = parse(cs.fill);
    if (!c) return null;
    return { ...c, a: c.a * parseFloat(cs.fillOpacity) * o };
  };
  const svgLayers = (textEl, x, y) => {
    const layers = [];
    for (let i = fills.length - 1; i >= 0; i--) {
      const f = fills[i];
      if (!(textEl.compareDocumentPosition(f.e) & Node.DOCUMENT_POSITION_PRECEDING)) continue;
      if (x < f.r.left || x > f.r.right || y < f.r.top || y > f.r.bottom) continue;
      const c = fillAt(f, x, y);
      if (c && c.a > 0.01) { layers.push(c); if (c.a >= 1) return layers; }
    }
    return layers.concat(htmlLayers(textEl.closest(".js-plotly-plot")));
  };
  const out = { texts: 0, min_px: 1e9, min_contrast: 1e9, small: [], low: [], offscreen: [], scroll: [] };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const W = innerWidth, H = innerHeight;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent.trim();
    const el = node.parentElement;
    if (!text || !el || el.closest("script, style, noscript, template, title, defs")) continue;
    const range = document.createRange(); range.selectNodeContents(node);
    const rects = Array.from(range.getClientRects()).filter((r) => r.width >= 2 && r.height >= 2);
    const own = el.getBoundingClientRect();  // a skip link is clipped to 1x1 px until focused
    if (!rects.length || own.width < 2 || own.height < 2) continue;
    const cs = getComputedStyle(el);
    const o = opacity(el);
    if (cs.visibility === "hidden" || o === 0) continue;
    const svg = el instanceof SVGElement;
    let size = parseFloat(cs.fontSize);
    if (svg) { const m = el.getScreenCTM(); if (m) size *= Math.hypot(m.b, m.d); }
    const box = range.getBoundingClientRect();
    const x = box.left + box.width / 2, y = box.top + box.height / 2;
    const fg = parse(svg ? cs.fill : cs.color);
    if (!fg) continue;
    fg.a *= o * (svg ? parseFloat(cs.fillOpacity) : 1);
    const bg = blend(svg ? svgLayers(el, x, y) : htmlLayers(el));
    const contrast = ratio(over(fg, bg), bg);
    const item = { text: text.slice(0, 60), size, contrast, fg: hex(fg) + " a" + fg.a.toFixed(2), bg: hex(bg) };
    out.texts++;
    out.min_px = Math.min(out.min_px, size);
    out.min_contrast = Math.min(out.min_contrast, contrast);
    if (size < __MIN_PX__ - 0.05) out.small.push(item);
    if (contrast < __MIN_CONTRAST__) out.low.push(item);
    if (box.bottom > H + 1 || box.right > W + 1 || box.top < -1 || box.left < -1)
      out.offscreen.push({ ...item, rect: [box.left, box.top, box.right, box.bottom].map(Math.round) });
  }
  const root = document.scrollingElement;
  if (root.scrollHeight > innerHeight) out.scroll.push("document " + root.scrollHeight + " > " + innerHeight);
  for (const e of document.querySelectorAll("*")) {
    const cs = getComputedStyle(e);
    if (["auto", "scroll"].includes(cs.overflowY) && e.scrollHeight > e.clientHeight + 1 && e.clientHeight > 0)
      out.scroll.push((e.dataset.testid || e.className || e.tagName) + " " + e.scrollHeight + " > " + e.clientHeight);
  }
  return out;
}
"""
MEASURE = (
    MEASURE.replace("__MIN_PX__", str(MIN_PX))
    .replace("__MIN_CONTRAST__", str(MIN_CONTRAST))
    .replace("__SETTLED__", SETTLED_JS)
)


def seed(db: Path) -> dict[str, str]:
    """One session per case, revealed before the server starts (only one process opens the file)."""
    store = Store.open(db)
    statement_set, grid = load_statement_set(), load_grid()
    longest = sorted(statement_set.ids, key=lambda i: -len(statement_set.by_id()[i].in_language("nl")))
    codes = {}
    for name, view in CASES.items():
        if name in ("few", "pins-few"):
            session = create_session(store, TITLE, statement_set, grid, ("observed",))
            for k, (observed, _, _) in enumerate(demo_people(statement_set, grid, 2)):
                store.add_participant(session.id, f"few-{k}", "nl")
                store.save_sort(session.id, f"few-{k}", "observed", observed)
        else:
            session = create_demo_session(store, participants=12, title=README_TITLE if name == "readme" else TITLE)
        store.set_reveal(session.id, view)
        if name in ("pins", "pins-few"):
            store.set_pins(session.id, [longest[0], 7, longest[1], 23])
        if name == "pins-many":
            store.set_pins(session.id, longest[:9])
        codes[name] = session.code
    store.close()
    return codes


@pytest.fixture(scope="module")
def projector_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, dict[str, str]]]:
    db = tmp_path_factory.mktemp("projector") / "review.duckdb"
    codes = seed(db)
    with running_app(db) as srv:
        yield srv, codes


def open_case(page: Page, server: Server, code: str, view: str, theme: str, lang: str) -> None:
    with Reruns(page) as runs:
        page.goto(f"{server.url}/projector?session={code}&lang={lang}" + ("&theme=dark" if theme == "dark" else ""))
        if view:
            expect(page.get_by_test_id("proj-view")).to_have_attribute("data-view", view, timeout=20_000)
        else:
            expect(page.get_by_test_id("join-code")).to_be_visible(timeout=20_000)
        page.wait_for_load_state("networkidle")
        if page.locator(".js-plotly-plot").count():
            page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=30_000)
        runs.refreshes(1)  # one projector refresh goes by
    wait_settled(page)  # and plotly's automargin redraw is done


# both themes and both languages, in two runs (each run is about 40 s of a 2-core machine)
@pytest.mark.parametrize(("theme", "lang"), [("light", "en"), ("dark", "nl")])
def test_every_view_reads_from_the_back_row(
    browser: Browser, projector_server: tuple[Server, dict[str, str]], theme: str, lang: str
) -> None:
    server, codes = projector_server
    ctx = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="en-GB")
    page = ctx.new_page()
    server.login(page)
    SHOTS.mkdir(exist_ok=True)
    problems, report = [], {}
    for name, view in CASES.items():
        open_case(page, server, codes[name], view, theme, lang)
        page.screenshot(path=str(SHOTS / f"projector-{name}-{theme}-{lang}.png"))
        m = page.evaluate(MEASURE)
        report[name] = {k: m[k] for k in ("min_px", "min_contrast", "texts", "scroll")}
        assert m["texts"] > 0, f"{name}: no text measured"
        for item in m["small"]:
            problems.append(f"{name}: {item['size']:.1f} px < {MIN_PX}: {item['text']!r}")
        for item in m["low"]:
            problems.append(
                f"{name}: contrast {item['contrast']:.2f} < {MIN_CONTRAST}: {item['text']!r} "
                f"{item['fg']} on {item['bg']}"
            )
        for item in m["offscreen"]:
            problems.append(f"{name}: text outside the 1920x1080 screen: {item['text']!r} at {item['rect']}")
        if m["scroll"]:
            problems.append(f"{name}: the page scrolls: {m['scroll']}")
        # the title is plain text: no markdown backslashes, no HTML rendered from it
        title = page.locator(".proj-title")
        expect(title).to_have_text(README_TITLE if name == "readme" else TITLE)
        assert title.locator("img").count() == 0
        if name == "pins-few":  # two sorts: the statements, the notice, and no distribution
            notice = page.get_by_test_id("stAlertContainer")
            expect(notice).to_contain_text("so far. Results appear" if lang == "en" else "Resultaten verschijnen vanaf")
            assert page.locator(".js-plotly-plot .barlayer .point").count() == 0
        if name == "pins":  # four cards, each with its bars for both conditions
            assert page.locator(".js-plotly-plot .barlayer .trace").count() == 4 * 2
    ctx.close()
    summary = {
        "min_px": min(r["min_px"] for r in report.values()),
        "min_contrast": min(r["min_contrast"] for r in report.values()),
    }
    print(f"\nprojector {theme} {lang}: smallest text {summary['min_px']:.1f} px, "
          f"lowest contrast {summary['min_contrast']:.2f}:1")  # fmt: skip
    (SHOTS / f"projector-readability-{theme}-{lang}.json").write_text(
        json.dumps({"summary": summary, "views": report}, indent=1)
    )
    assert not problems, "\n".join(problems)


@pytest.mark.screens  # a picture for the README, not a check: `python -m pytest -m screens`
def test_readme_projector_picture(browser: Browser, projector_server: tuple[Server, dict[str, str]]) -> None:
    from PIL import Image

    server, codes = projector_server
    ctx = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="en-GB")
    page = ctx.new_page()
    server.login(page)
    open_case(page, server, codes["readme"], "heatmap", "light", "en")
    full = SHOTS / "projector-readme-full.png"
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(full))
    target = ROOT / "docs" / "img" / "projector.png"
    small = Image.open(full).convert("RGB").resize((960, 540), Image.LANCZOS)
    small.quantize(colors=128).save(target, optimize=True)  # a small PNG in the repo
    assert target.stat().st_size < 120_000
