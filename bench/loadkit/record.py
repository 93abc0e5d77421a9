"""Recording one real phone (chromium, Pixel 7 emulation, the taps of tests/e2e/phone.py) and
turning it into the small replay list every emulated phone repeats."""

from __future__ import annotations

import asyncio
import json
import time

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from loadkit.app import App, process_cpu_s
from loadkit.projector import CHROMIUM, CHROMIUM_ARGS
from loadkit.wire import BROWSER_HEADERS


def decode(raw: bytes, sent: bool) -> dict:
    """A websocket frame as what matters here: direction, type, size, and a rerun's bytes."""
    msg = BackMsg.FromString(raw) if sent else ForwardMsg.FromString(raw)
    out = {"sent": sent, "type": msg.WhichOneof("type"), "bytes": len(raw)}
    if sent and out["type"] == "rerun_script":
        out["hex"] = raw.hex()
    if not sent and out["type"] == "script_finished":
        out["status"] = msg.script_finished
    return out


async def record_phone(app: App) -> dict:
    """Sort once with a real phone (Pixel 7 emulation, taps) and keep every request and frame."""
    from playwright.async_api import async_playwright

    requests: list[dict] = []
    frames: list[dict] = []
    start = time.monotonic()
    pending: list[asyncio.Future] = []

    async def finished(request) -> None:
        sizes = await request.sizes()
        path = request.url.replace(app.url, "")
        item = {"t": time.monotonic() - start, "started_ms": request.timing["startTime"], "method": request.method,
                "path": path, "wire": sizes["responseBodySize"] + sizes["responseHeadersSize"]}  # fmt: skip
        if request.method == "POST":
            item["body"] = request.post_data
        if path.startswith("/static/js/"):
            item["headers"] = await request.all_headers()
        requests.append(item)

    def watch(ws) -> None:
        ws.on("framesent", lambda p: frame(p, True))
        ws.on("framereceived", lambda p: frame(p, False))

    def frame(payload: bytes | str, sent: bool) -> None:
        raw = payload.encode("latin-1") if isinstance(payload, str) else payload
        frames.append({"t": time.monotonic() - start, **decode(raw, sent)})

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        phone = {**pw.devices["Pixel 7"], "locale": "en-GB"}
        # A first visitor after a start gets one more navigation message than everyone after it
        # (Streamlit learns the pages then): a warm-up phone takes it, so the recording is typical.
        warm = await (await browser.new_context(**phone)).new_page()
        await warm.goto(f"{app.url}/?s={app.code}")
        await warm.locator(".qs-pile-btn").first.wait_for(timeout=30_000)
        await warm.context.close()
        start, cpu = time.monotonic(), process_cpu_s(app.pid)
        page = await (await browser.new_context(**phone)).new_page()
        page.on("requestfinished", lambda r: pending.append(asyncio.ensure_future(finished(r))))
        page.on("websocket", watch)
        await page.goto(f"{app.url}/?s={app.code}")
        await sort_with_taps(page)
        await page.wait_for_timeout(3000)  # the rerun after the submit
        await asyncio.gather(*pending)
        await browser.close()
    cpu = process_cpu_s(app.pid) - cpu
    requests.sort(key=lambda r: r["started_ms"])  # the order the browser asked in
    return {"requests": requests, "frames": frames, "server_cpu_s": cpu}


async def sort_with_taps(page) -> None:
    """tests/e2e/phone.py's whole sort with the async API: rough piles, the grid, submit."""
    from playwright.async_api import expect

    from tests.e2e.phone import GRID_COUNTS, ROUGH_PATTERN

    await expect(page.locator(".qs-pile-btn")).to_have_count(3, timeout=30_000)
    for pile in ROUGH_PATTERN:
        await page.locator(f'.qs-pile-btn[data-pile="{pile}"]').tap()
    targets = page.locator("button.qs-target")
    await expect(targets).to_have_count(9, timeout=15_000)
    for i, count in enumerate(GRID_COUNTS):
        for _ in range(count):
            await targets.nth(i).tap()
    await page.locator("button.qs-submit").tap()
    await expect(page.locator(".qs-root")).to_have_count(0, timeout=20_000)


def replay_from(recording: dict, code: str) -> dict:
    """The small replay list: the visit in order, the two reruns, the autosaves and the submit
    (bodies with @CODE@/@TOKEN@), and the recorded totals the emulation is checked against."""
    frames, requests = recording["frames"], recording["requests"]
    board = next(f["t"] for f in frames if f.get("status") == 0)
    posts = [r for r in requests if r["method"] == "POST"]
    submit = next(r for r in posts if r["path"] == "/api/submit")
    token = json.loads(submit["body"])["p"]
    sort_s = submit["t"] - board
    visit = [r for r in requests if r["method"] == "GET" and not r["path"].startswith("blob:")]

    def body(r: dict) -> str:
        return r["body"].replace(token, "@TOKEN@").replace(f'"s":"{code}"', '"s":"@CODE@"')

    reruns = [f for f in frames if f["sent"] and f["type"] == "rerun_script"]
    sent = next(r["headers"] for r in visit if "headers" in r)
    return {
        "recorded": {
            "with": "chromium, Pixel 7 emulation, taps (tests/e2e/phone.py's sort)",
            "requests": len(visit), "wire": sum(r["wire"] for r in visit),
            "ws_bytes": sum(f["bytes"] for f in frames), "drafts": len(posts) - 1,
        },
        "headers": {name: sent[name.lower()] for name in BROWSER_HEADERS},
        "visit": [{"path": r["path"].replace(code, "@CODE@"), "wire": r["wire"]}
                  for r in visit],
        "first_rerun": reruns[0]["hex"],
        "trigger_rerun": reruns[-1]["hex"],
        "drafts": [{"at": round((r["t"] - board) / sort_s, 4), "body": body(r)}
                   for r in posts if r["path"] == "/api/draft"],
        "submit": {"at": 1.0, "body": body(submit)},
    }  # fmt: skip
