"""What a phone fetches and sends, prepared once for every phone: the first visit's files (the
recorded list, re-derived from today's index.html, entry script and stylesheet), the two reruns
as the browser sends them, and the board's autosave and submit bodies."""

from __future__ import annotations

import json
import re
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass

from streamlit.proto.BackMsg_pb2 import BackMsg

from loadkit.app import App
from loadkit.wire import header_lines

HASHED = re.compile(r"([\w.-]+?)\.([\w-]{8})\.(js|css|woff2|woff|ttf|svg|png)\b")


@dataclass
class Plan:
    """Everything a phone sends, prepared once: paths, protobuf bytes, request bodies."""

    app: App
    before_ws: list[str]  # static files and probes fetched before the websocket opens
    after_ws: list[str]  # chunks the page imports once the first deltas arrive
    first_rerun: bytes
    trigger: BackMsg
    drafts: list[tuple[float, str]]  # (fraction of the sort time, body with CODE/TOKEN placeholders)
    submit: tuple[float, str]
    head: str  # the recorded browser's request header lines (user agent, encodings, language)
    user_agent: str


def index_files(html: str) -> list[str]:
    """The files index.html makes a browser fetch at once: module script, modulepreloads,
    stylesheets, preloaded fonts and the icon (not ``service-desc`` or the PWA manifest)."""
    out = []
    for tag in re.findall(r"<(?:script|link)\b[^>]*>", html):
        rel = re.search(r'rel="([^"]+)"', tag)
        ref = re.search(r'(?:src|href)="\./([^"]+)"', tag)
        if ref and (tag.startswith("<script") or (rel and rel.group(1) in FETCHED_RELS)):
            out.append("/" + ref.group(1))
    return out


FETCHED_RELS = {"modulepreload", "stylesheet", "preload", "shortcut icon", "icon"}


def current_name(recorded: str, names: set[str]) -> str:
    """A recorded hashed path under today's hash (Streamlit may have been upgraded): kept when the
    entry script still names it, else renamed when exactly one file of that stem exists now."""
    folder, _, name = recorded.rpartition("/")
    m = HASHED.fullmatch(name)
    if not m or name in names:
        return recorded
    stem = m.group(1, 3)
    same = [n for n in names if (other := HASHED.fullmatch(n)) and other.group(1, 3) == stem]
    return f"{folder}/{same[0]}" if len(same) == 1 else recorded


def plan_visit(app: App, replay: dict) -> tuple[list[str], list[str]]:
    """Today's first-visit files: index.html's own, then Streamlit's probes, before the websocket;
    after it opens, the recorded chunks, fonts and icons the page imports as it renders, under the
    hashes the entry script and stylesheet name now. A recorded chunk the app no longer has
    answers 404, which each phone reports as an error: record again (``--record``)."""
    html = identity_get(app.url + "/")
    entry = index_files(html)
    text = html + "".join(identity_get(app.url + p) for p in entry if p.endswith((".js", ".css")) and "/index." in p)
    names = {m.group(0) for m in HASHED.finditer(text)}
    probes, after = [], []
    for item in replay["visit"]:
        path = item["path"]
        if path.startswith("/?"):
            continue  # the page itself, fetched first with the phone's own query string
        if path.startswith("/_stcore/"):
            probes.append(path)  # health and host-config: the page asks them before connecting
        elif (path := current_name(path, names)) not in entry:
            after.append(path)
    return entry + probes, after


def identity_get(url: str) -> str:
    """A file as plain text (asked uncompressed: this is only for reading names, and not counted)."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "identity"})
    with urllib.request.urlopen(request, timeout=10) as r:
        return r.read().decode("utf-8", "replace")


def make_plan(app: App, replay: dict) -> Plan:
    before, after = plan_visit(app, replay)
    first = BackMsg.FromString(bytes.fromhex(replay["first_rerun"]))
    first.rerun_script.query_string = f"s={app.code}"
    first.rerun_script.context_info.url = app.url + "/"
    trigger = BackMsg.FromString(bytes.fromhex(replay["trigger_rerun"]))
    trigger.rerun_script.context_info.url = app.url + "/"
    drafts = [(d["at"], d["body"]) for d in replay["drafts"]]
    headers = replay["headers"]
    submit = (replay["submit"]["at"], replay["submit"]["body"])
    return Plan(app, before, after, first.SerializeToString(), trigger, drafts, submit, header_lines(headers),
                headers["User-Agent"])  # fmt: skip


def trigger_bytes(plan: Plan, token: str, page_hash: str, cached: list[str]) -> bytes:
    """The board's ``setTriggerValue("submitted", Date.now())`` rerun, as this phone's browser sends it."""
    msg = BackMsg()
    msg.CopyFrom(plan.trigger)
    rerun = msg.rerun_script
    rerun.query_string = urllib.parse.urlencode({"s": plan.app.code, "p": token})
    rerun.widget_states.widgets[0].json_trigger_value = json.dumps(
        [{"event": "submitted", "value": int(time.time() * 1000)}], separators=(",", ":")
    )
    rerun.page_script_hash = page_hash or rerun.page_script_hash
    del rerun.cached_message_hashes[:]
    rerun.cached_message_hashes.extend(cached)
    return msg.SerializeToString()
