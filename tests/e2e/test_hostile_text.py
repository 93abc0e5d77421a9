"""Hostile text in a real browser: a session whose title, statements, roles and comments are links,
outside images, HTML, huge styled text, a script, Markdown and Streamlit's own syntax
(``tests/ui/screens/test_markup.py`` builds it), opened on every page and every reveal step in both languages,
and URLs whose query parameters carry the same.

On every page the browser itself must show: no request to any host but the app's, no link or image
pointing at ``ev.il``, no ``javascript:`` link, no script run (``window.__pwned``), no text larger than
the page's own largest heading, and the hostile text on screen as the characters typed.
"""

from __future__ import annotations

import json
import urllib.parse
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from review.room.live import available_views
from review.store import Store
from tests.e2e.conftest import SHOTS, Reruns, Server, running_app, wait_settled
from tests.ui.screens.test_markup import HOSTILE_PARAMS, LITERAL, ROLES, build_hostile, hostile_statements

# One language per page in the browser (what a browser makes of text does not depend on the language
# around it); tests/ui/screens/test_markup.py walks every page in both languages.
LANGS = {"join": "nl", "facilitator": "en", "projector": "en"}
TEXTS = {s.in_language("en") for s in hostile_statements().statements}

# What the page reports about itself: links and images to the outside, a script that ran, text larger
# than the largest heading or title the page draws itself, and the visible text (word joiners removed).
OWN_TITLES = ".proj-title, .proj-scan, .proj-empty, .join-code, .vp-title, .qs-big-card"  # the pages' own big type
INSPECT = """
() => {
  const out = { links: [], images: [], pwned: typeof window.__pwned !== "undefined", big: [], heading: 0, text: [] };
  // the page and every shadow root in it (the board is a custom component)
  const roots = [document];
  for (let i = 0; i < roots.length; i++) {
    for (const e of roots[i].querySelectorAll("*")) if (e.shadowRoot) roots.push(e.shadowRoot);
  }
  const all = (selector) => roots.flatMap((r) => Array.from(r.querySelectorAll(selector)));
  const bad = (url) => /ev\\.il/i.test(url || "") || /^\\s*javascript:/i.test(url || "");
  for (const a of all("a")) {
    const href = a.getAttribute("href") || a.getAttributeNS("http://www.w3.org/1999/xlink", "href");
    if (bad(href)) out.links.push(href);
  }
  for (const img of all("img, image, source, iframe, video, audio, object, embed")) {
    const src = ["src", "href", "srcset", "data"].map((name) => img.getAttribute(name) || "").join(" ");
    if (bad(src)) out.images.push(src);
  }
  // the largest heading or title the page draws itself (the board's card is one); else Streamlit's h1 size
  for (const h of all("h1, h2, h3, h4, h5, h6, " + OWN_TITLES)) {
    out.heading = Math.max(out.heading, parseFloat(getComputedStyle(h).fontSize));
  }
  out.heading = out.heading || 2.75 * parseFloat(getComputedStyle(document.documentElement).fontSize);
  for (const root of roots) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      const text = node.textContent.replace(/\\u2060/g, "");
      if (!text.trim() || !el || el.closest("script, style, noscript, template, title")) continue;
      const range = document.createRange(); range.selectNodeContents(node);
      const visible = Array.from(range.getClientRects()).some((r) => r.width >= 1 && r.height >= 1);
      if (!visible || getComputedStyle(el).visibility === "hidden") continue;
      out.text.push(text);
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (size > out.heading + 0.5) out.big.push({ size, text: text.slice(0, 60) });
    }
  }
  out.text = out.text.join("");  // Markdown splits a line into several text nodes
  return out;
}
""".replace("OWN_TITLES", json.dumps(OWN_TITLES))


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, dict]]:
    """One hostile session per reveal step (the server then owns the file: nothing changes later)."""
    db = tmp_path_factory.mktemp("hostile") / "review.duckdb"
    store = Store.open(db)
    first = build_hostile(store)
    seeded = {"": first}
    for view in available_views(first.session):
        seeded[view] = build_hostile(store, view)
    store.close()
    with running_app(db) as srv:
        yield srv, seeded


class Watch:
    """Every request the page makes, from the moment it opens."""

    def __init__(self, page: Page, server: Server) -> None:
        self.server = server
        self.outside: list[str] = []
        page.on("request", self.record)

    def record(self, request) -> None:
        url = request.url
        if url.startswith(("data:", "blob:", "about:")):
            return
        if urllib.parse.urlsplit(url).netloc != urllib.parse.urlsplit(self.server.url).netloc:
            self.outside.append(url)


def settle(page: Page, runs: Reruns, ready: str) -> None:
    page.locator(ready).first.wait_for(timeout=30_000)
    page.wait_for_load_state("networkidle")
    if page.locator(".js-plotly-plot").count():
        page.locator(".js-plotly-plot .main-svg").first.wait_for(state="attached", timeout=30_000)
    drawn(page, runs)


def drawn(page: Page, runs: Reruns) -> None:
    """One refresh of the page's live views goes by (where it has any), then plotly's redraw ends."""
    if runs.live:
        runs.refreshes(1)
    wait_settled(page)


def open_expanders(page: Page, runs: Reruns) -> None:
    closed = page.locator('[data-testid="stExpander"] details:not([open]) > summary')
    for _ in range(12):  # each click opens one; the locator then finds the next closed one
        left = closed.count()
        if not left:
            break
        wait_settled(page)  # the last one opened to its end (the next may be inside it)
        closed.first.click()
        expect(closed).to_have_count(left - 1)  # open before the next click, which would close it again
    page.wait_for_load_state("networkidle")
    if page.locator(".js-plotly-plot").count():
        page.locator(".js-plotly-plot .main-svg").last.wait_for(state="attached", timeout=30_000)
    drawn(page, runs)


def verify(page: Page, watch: Watch, where: str, literal: str | None = LITERAL) -> list[str]:
    """What is wrong on the page now, as sentences (empty: nothing)."""
    seen = page.evaluate(INSPECT)
    found = [f"{where}: a request to {url}" for url in watch.outside]
    found += [f"{where}: a link to {href}" for href in seen["links"]]
    found += [f"{where}: an image from {src}" for src in seen["images"]]
    found += [f"{where}: the script ran"] if seen["pwned"] else []
    found += [f"{where}: {b['size']:.0f} px > {seen['heading']:.0f} px: {b['text']!r}" for b in seen["big"]]
    if page.get_by_test_id("stException").count():
        found.append(f"{where}: a traceback")
    if literal and literal not in seen["text"]:
        found.append(f"{where}: {literal!r} is not on screen as text")
    watch.outside.clear()
    return found


@pytest.mark.parametrize("lang", [LANGS["join"]])
def test_the_join_page_shows_hostile_text_as_text(
    browser: Browser, hostile_server: tuple[Server, dict], shots, lang: str
) -> None:
    server, seeded = hostile_server
    built = seeded[""]
    code = built.session.code
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = ctx.new_page()
    watch = Watch(page, server)
    runs = Reruns(page)
    problems = []
    # a newcomer: the board asks for a role (the role names are buttons), then deals the statements
    page.goto(f"{server.url}/?s={code}&lang={lang}")
    settle(page, runs, ".qs-role")
    problems += verify(page, watch, "the board's roles", literal=ROLES[0])
    page.locator(".qs-role").first.tap()
    card = page.locator(".qs-big-card")
    expect(card).to_be_visible()
    assert card.inner_text() in TEXTS, "a statement, as typed"
    assert card.locator("*").count() == 0, "text only: no element inside the card"
    page.screenshot(path=str(SHOTS / f"hostile-join-board-{lang}.png"))
    problems += verify(page, watch, "the board")
    # someone who sent both sorts: their ends, then every column and their comments
    page.goto(f"{server.url}/?s={code}&p={built.submitted[0]}&lang={lang}")
    settle(page, runs, '[data-testid="own-sort"]')
    open_expanders(page, runs)
    page.screenshot(path=str(SHOTS / f"hostile-join-done-{lang}.png"), full_page=True)
    problems += verify(page, watch, "done")
    problems += verify(page, watch, "done, a comment", literal='<a href="//ev.il/c">c</a>')
    # the URL's own parameters: a code that is no code, a token that is no token, a language
    for value in HOSTILE_PARAMS:
        quoted = urllib.parse.quote(value, safe="")
        page.goto(f"{server.url}/?s={quoted}&lang={lang}")
        settle(page, runs, '[data-testid="stAlertContainer"]')
        problems += verify(page, watch, f"s={value}", literal=value)
        page.goto(f"{server.url}/?s={code}&p={quoted}&lang={quoted}")
        settle(page, runs, '[data-testid="stAlertContainer"]')
        problems += verify(page, watch, f"p={value}", literal=None)
    ctx.close()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", [LANGS["facilitator"]])
def test_the_facilitator_page_shows_hostile_text_as_text(
    browser: Browser, hostile_server: tuple[Server, dict], shots, lang: str
) -> None:
    server, seeded = hostile_server
    ctx = browser.new_context(viewport={"width": 1440, "height": 900})
    page = ctx.new_page()
    watch = Watch(page, server)
    runs = Reruns(page)
    server.login(page)
    problems = []
    page.goto(f"{server.url}/facilitator?lang={lang}")
    settle(page, runs, "h1")
    problems += verify(page, watch, "the list of sessions")
    for view in ("comments", "heatmap"):
        page.goto(f"{server.url}/facilitator?session={seeded[view].session.code}&lang={lang}")
        settle(page, runs, '[data-testid="stMetric"]')
        open_expanders(page, runs)  # participants, comments, statement tools, the viewpoints' analysis
        problems += verify(page, watch, f"session ({view})")
    page.screenshot(path=str(SHOTS / f"hostile-facilitator-{lang}.png"), full_page=True)
    problems += verify(page, watch, "a comment", literal='<a href="//ev.il/c">c</a>')
    for value in HOSTILE_PARAMS[:2]:
        page.goto(f"{server.url}/facilitator?session={urllib.parse.quote(value, safe='')}&lang={lang}")
        settle(page, runs, '[data-testid="stAlertContainer"]')
        problems += verify(page, watch, f"session={value}", literal=value)
    ctx.close()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", [LANGS["projector"]])
def test_the_projector_shows_hostile_text_at_every_step(
    browser: Browser, hostile_server: tuple[Server, dict], shots, lang: str
) -> None:
    server, seeded = hostile_server
    ctx = browser.new_context(viewport={"width": 1920, "height": 1080})
    page = ctx.new_page()
    watch = Watch(page, server)
    runs = Reruns(page)
    server.login(page)
    problems = []
    for view, built in seeded.items():
        page.goto(f"{server.url}/projector?session={built.session.code}&lang={lang}")
        if view:
            expect(page.get_by_test_id("proj-view")).to_have_attribute("data-view", view, timeout=30_000)
        settle(page, runs, '[data-testid="proj-view"]' if view else '[data-testid="join-code"]')
        page.screenshot(path=str(SHOTS / f"hostile-projector-{view or 'waiting'}-{lang}.png"))
        problems += verify(page, watch, f"projector {view or 'waiting'}")
    for value in HOSTILE_PARAMS[:2]:
        page.goto(f"{server.url}/projector?session={urllib.parse.quote(value, safe='')}&lang={lang}")
        settle(page, runs, '[data-testid="stAlertContainer"]')
        problems += verify(page, watch, f"projector session={value}", literal=value)
    ctx.close()
    assert not problems, "\n".join(problems)
