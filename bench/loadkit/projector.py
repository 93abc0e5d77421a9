"""Projector tabs: real chromium, logged in through the real form, a MutationObserver on the
"n of N submitted" count (``proj-count`` in pages/projector.py)."""

from __future__ import annotations

import os

from loadkit.app import App
from loadkit.phone import PhoneResult

CHROMIUM = os.environ.get("REVIEW_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip


OBSERVER_JS = """() => {
  window.__counts = [];
  let last = -1;
  const read = () => {
    const el = document.querySelector('[data-testid=proj-count]');
    const m = el && el.textContent.match(/\\d+/);
    if (m && +m[0] !== last) { last = +m[0]; window.__counts.push([Date.now(), last]); }
  };
  new MutationObserver(read).observe(document.body, {subtree: true, childList: true, characterData: true});
  read();
}"""


async def open_projector(browser, app: App):
    """A facilitator's projector tab, logged in through the real form, watching its count."""
    ctx = await browser.new_context(viewport={"width": 1920, "height": 1080}, locale="en-GB")
    page = await ctx.new_page()
    await page.goto(app.url + "/api/login")
    await page.get_by_label("Password").fill(app.password)
    await page.get_by_role("button", name="Log in").click()
    await page.wait_for_url(app.url + "/facilitator", wait_until="commit")  # logged in: its page is not needed
    await page.goto(f"{app.url}/projector?session={app.code}")
    await page.get_by_test_id("proj-count").wait_for(timeout=60_000)
    await page.evaluate(OBSERVER_JS)
    return page


def projector_latencies(results: list[PhoneResult], counts: list[list[tuple[float, int]]]) -> list[float]:
    """For the k-th acknowledged submit: from its sending until a projector first shows >= k
    (more than the count it showed at the start); the earliest of the projectors counts."""
    acked = sorted((r for r in results if r.acked_at is not None), key=lambda r: r.acked_at)
    out = []
    for k, r in enumerate(acked, start=1):
        seen = [t / 1000 for series in counts if series for t, n in series if n - series[0][1] >= k]
        if seen:
            out.append(max(0.0, min(seen) - r.sent_at))
    return out
