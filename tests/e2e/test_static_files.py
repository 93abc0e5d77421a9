"""A phone's first visit, as Debian's chromium fetches it: Streamlit's files arrive compressed once
(brotli), cached for a year, and the whole visit stays under the issue's 1.2 MB."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Playwright, expect

from tests.e2e.conftest import Server

FIRST_VISIT_LIMIT = 1_200_000  # bytes on the wire, issue 11


def first_visit(playwright: Playwright, browser: Browser, url: str) -> list[dict]:
    """Every response of a fresh phone's first visit, with its wire size from the DevTools protocol."""
    ctx = browser.new_context(**playwright.devices["Pixel 7"], locale="nl-NL")
    page = ctx.new_page()
    cdp = ctx.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    responses: dict[str, dict] = {}
    cdp.on("Network.responseReceived", lambda e: responses.setdefault(e["requestId"], {}).update(
        url=e["response"]["url"], headers={k.lower(): v for k, v in e["response"]["headers"].items()}
    ))  # fmt: skip
    cdp.on("Network.loadingFinished", lambda e: responses.setdefault(e["requestId"], {}).update(
        wire=e["encodedDataLength"]
    ))  # fmt: skip
    page.goto(url)
    expect(page.locator(".qs-pile-btn, button.qs-role").first).to_be_visible(timeout=30_000)
    page.wait_for_load_state("networkidle")
    ctx.close()
    return [r for r in responses.values() if "url" in r and "wire" in r]


@pytest.mark.browser_only
def test_a_phone_first_visit_is_compressed_cached_and_small(playwright: Playwright, browser: Browser, server: Server):
    seen = first_visit(playwright, browser, server.join_url("plain"))
    assets = [r for r in seen if "/static/js/" in r["url"] or "/static/css/" in r["url"]]
    assert len(assets) > 20, "the page did not load Streamlit's scripts"
    for r in assets:
        assert r["headers"].get("content-encoding") == "br", r["url"]
        assert "immutable" in r["headers"].get("cache-control", ""), r["url"]
        assert r["headers"].get("vary") == "Accept-Encoding", r["url"]
    total = sum(r["wire"] for r in seen)
    print(f"first visit: {len(seen)} responses, {total / 1e6:.2f} MB on the wire")
    assert total < FIRST_VISIT_LIMIT
