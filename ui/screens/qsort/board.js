// The phone's Q-sort (Streamlit custom component v2: plain JS, no build step).
//
// Steps: (role) -> rough sort into three piles -> fine sort into the grid ->
// (comments on the outer cards) -> submit. Every change is kept in localStorage
// at once and sent to the server's /api/draft every few placements, so a reload,
// a locked phone or a closed tab loses nothing. Submitting is a fetch to
// /api/submit that is retried when the connection comes back; only after it
// succeeds does the board ask Streamlit for one page rerun.

// Server saves are the largest share of a room's load after the page runs, so they are
// batched: after this many changes (rough piles are quicker to redo than grid placements),
// or once a change has waited MAX_UNSAVED_MS, or when the page is hidden (phone locked,
// app switched, tab closed, reload). The localStorage copy is written on every change
// regardless, so the server's copy only matters for another browser: at worst it lacks
// the last 20 seconds or 10 placements. Every 10 instead of 5 placements: 8 saves per sort
// instead of 13 (bench/load.py).
const SAVE_EVERY = { role: 1, rough: 25, fine: 10, comments: 5 };
const MAX_UNSAVED_MS = 20000;
const RETRY_MS = 4000; // offline: try again this often (and on the "online" event)
const PILES = [-1, 0, 1]; // least / neutral / most characteristic

const FOCUS_KEYS = ["column", "head", "ov", "id", "pile", "action", "role"];
const fmt = (template, params) => template.replace(/\{(\w+)\}/g, (_, k) => (k in params ? String(params[k]) : ""));

function seededOrder(ids, seedText) {
  // Cards are dealt shuffled (as in a paper Q-sort), the same way on every reload.
  let h = 2166136261;
  for (const ch of seedText) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  const out = ids.slice();
  for (let i = out.length - 1; i > 0; i--) {
    h = Math.imul(h ^ (h >>> 15), 2246822507) >>> 0;
    const j = h % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

const hasCards = (draft) =>
  Boolean(draft && (Object.keys(draft.rough || {}).length || Object.keys(draft.placed || {}).length));

const storageKey = (key) => "review-draft:" + key;
function readLocal(key) {
  try {
    return JSON.parse(window.localStorage.getItem(storageKey(key)) || "null");
  } catch (e) {
    return null;
  }
}
function writeLocal(key, draft) {
  try {
    window.localStorage.setItem(storageKey(key), JSON.stringify(draft));
  } catch (e) {
    /* private mode or full storage: the server copy still protects the draft */
  }
}
function dropLocal(key) {
  try {
    window.localStorage.removeItem(storageKey(key));
  } catch (e) {
    /* nothing to drop */
  }
}

function apiUrl(name) {
  // The participant page is the app's root page; keep any proxy prefix before it.
  const path = window.location.pathname.replace(/[^/]*$/, "");
  return window.location.origin + path + "api/" + name;
}

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  const root = parentElement.querySelector(".qs-root");
  const T = data.text;
  const byId = new Map(data.statements.map((s) => [s.id, s]));
  const capacity = new Map(data.columns.map((c) => [c.value, c.count]));
  const values = data.columns.map((c) => c.value);
  const minV = values[0];
  const maxV = values[values.length - 1];
  const labelOf = (v) => data.columns.find((c) => c.value === v).label;
  const dealt = seededOrder(
    data.statements.map((s) => s.id),
    data.key
  );

  // ---- state -------------------------------------------------------------
  // The phone may hold changes the server has not seen yet (saved just before a reload): set by
  // restore(), and sent once the board is up.
  let localAhead = false;
  let d = restore();
  let selected = null;
  let notice = "";
  let noticeKind = "info";
  let unsaved = 0;
  let saveTimer = null;
  let retryTimer = null;
  let sending = false;
  // Honest counts: the server counts a participant as sorting once a draft with a card in it
  // arrives, so the first placed card (pile or grid) is sent at once; later ones are batched.
  let serverHasCards = hasCards(data.serverDraft);
  // What the last tap asked for beyond the draft itself (none of it is stored):
  let swapCol = null; // a full column offering its cards to swap with the selected one
  let confirmUnchanged = false; // the desired sort is still the observed one: ask before submitting
  let anchor = null; // selector of the tapped control a notice belongs next to
  let scrollToId = null; // a card just placed: bring it into view once drawn
  let focusNext = null; // selector to focus after drawing (keyboard users follow the action)

  function fresh() {
    const initial = data.initial || {};
    if (Object.keys(initial).length) {
      // changing a submitted sort, or "desired" starting from a copy of "observed"
      const placed = {};
      const rough = {};
      for (const [sid, v] of Object.entries(initial)) {
        placed[sid] = v;
        rough[sid] = Math.sign(v);
      }
      return { stage: "fine", role: data.role || null, rough, placed, comments: {}, updated: 0 };
    }
    const stage = data.roles.length && !data.role ? "role" : "rough";
    return { stage, role: data.role || null, rough: {}, placed: {}, comments: {}, updated: 0 };
  }

  function sanitize(x) {
    // A stored draft from an older board or another set must not break this one.
    const out = fresh();
    if (!x || typeof x !== "object") return out;
    out.stage = ["role", "rough", "fine", "comments"].includes(x.stage) ? x.stage : out.stage;
    out.role = data.roles.includes(x.role) ? x.role : out.role;
    out.updated = Number(x.updated) || 0;
    out.pending = Boolean(x.pending);
    out.rough = {};
    for (const [sid, p] of Object.entries(x.rough || {})) if (byId.has(+sid) && PILES.includes(p)) out.rough[sid] = p;
    out.placed = {};
    for (const [sid, v] of Object.entries(x.placed || {})) {
      if (!byId.has(+sid) || !capacity.has(v)) continue;
      if (Object.values(out.placed).filter((w) => w === v).length < capacity.get(v)) out.placed[sid] = v;
    }
    out.comments = {};
    for (const [sid, c] of Object.entries(x.comments || {})) if (byId.has(+sid) && typeof c === "string") out.comments[sid] = c;
    if (out.stage === "role" && (out.role || !data.roles.length)) out.stage = "rough";
    return out;
  }

  function restore() {
    const local = readLocal(data.key);
    const server = data.serverDraft;
    localAhead = (local?.updated || 0) > (server?.updated || 0);
    return sanitize(localAhead ? local : server || local);
  }

  function changed(placements = 1) {
    d.updated = Date.now();
    writeLocal(data.key, d);
    if (!unsaved && !saveTimer) saveTimer = setTimeout(saveToServer, MAX_UNSAVED_MS);
    unsaved += Math.max(placements, 0.2); // stage switches and comment typing count a little
    if (unsaved >= (SAVE_EVERY[d.stage] || 5) || (!serverHasCards && hasCards(d))) saveToServer();
  }

  async function post(name, body) {
    const response = await fetch(apiUrl(name), {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ ...data.api, ...body }),
      keepalive: true,
    });
    let payload = {};
    try {
      payload = await response.json();
    } catch (e) {
      payload = { message: T.server_error };
    }
    return { ok: response.ok, status: response.status, payload };
  }

  // The draft request on its way, if any: a submit waits for it, so no draft can land after
  // the sort it belongs to (the server also refuses drafts older than the latest submit).
  let draftInFlight = null;

  function saveToServer() {
    clearTimeout(saveTimer);
    saveTimer = null;
    if (!unsaved || sending || d.pending || draftInFlight) return draftInFlight;
    const count = unsaved;
    unsaved = 0;
    if (hasCards(d)) serverHasCards = true; // on failure, the retry below sends it again
    draftInFlight = (async () => {
      try {
        const r = await post("draft", { draft: d });
        if (!r.ok && r.status >= 500) {
          unsaved += count; // the server could not store it (e.g. a full disk): try again shortly
          scheduleRetry();
        } else if (!r.ok && r.payload.retry) {
          unsaved += count; // paused: the local copy holds it; the next save or the submit takes it along
        }
      } catch (e) {
        unsaved += count; // offline: the local copy holds it; try again later
        scheduleRetry();
      } finally {
        draftInFlight = null;
        // changes made while it was on its way go with the next save
        if (unsaved && !saveTimer) saveTimer = setTimeout(saveToServer, MAX_UNSAVED_MS);
      }
    })();
    return draftInFlight;
  }

  function scheduleRetry() {
    clearTimeout(retryTimer);
    // a pending sort was confirmed when it was first submitted (an unchanged copy included): resend as is
    retryTimer = setTimeout(() => (d.pending ? submit(true) : saveToServer()), RETRY_MS);
  }
  const onOnline = () => (d.pending ? submit(true) : saveToServer());
  window.addEventListener("online", onOnline);
  // A phone that locks, switches app or reloads hides the page first: save then.
  const onHide = () => {
    if (document.visibilityState === "hidden" && unsaved) saveToServer();
  };
  document.addEventListener("visibilitychange", onHide);
  window.addEventListener("pagehide", onHide);

  // ---- derived ------------------------------------------------------------
  const roughDone = () => dealt.filter((id) => id in d.rough).length;
  const inColumn = (v) => dealt.filter((id) => d.placed[id] === v);
  const pileOrder = () => {
    // poles first: the "most" pile, then "least", then the undecided ones
    const rank = { 1: 0, "-1": 1, 0: 2, undefined: 2 };
    return dealt.slice().sort((a, b) => rank[d.rough[a]] - rank[d.rough[b]]);
  };
  const unplaced = () => pileOrder().filter((id) => !(id in d.placed));
  const extremes = () => dealt.filter((id) => d.placed[id] === minV || d.placed[id] === maxV);
  // The desired sort starts from the observed one: how many cards are no longer where they were.
  const baseline = data.baseline && Object.keys(data.baseline).length ? data.baseline : null;
  const movedCount = () => (baseline ? dealt.filter((id) => d.placed[id] !== baseline[id]).length : 0);
  const movedText = () => {
    const n = movedCount();
    return n === 0 ? T.moved_none : n === 1 ? T.moved_one : fmt(T.moved, { n });
  };

  // ---- actions ------------------------------------------------------------
  function chooseRole(role) {
    d.role = role;
    d.stage = "rough";
    changed(0);
    render();
  }

  function rough(pile) {
    const id = dealt.find((x) => !(x in d.rough));
    if (id === undefined) return;
    d.rough[id] = pile;
    if (roughDone() === dealt.length) {
      d.stage = "fine";
      notice = T.fine_intro;
      noticeKind = "info";
      anchor = null;
      selected = unplaced()[0] ?? null;
    }
    changed();
    render();
  }

  function roughBack() {
    const done = dealt.filter((x) => x in d.rough);
    if (!done.length) return;
    delete d.rough[done[done.length - 1]];
    changed(0);
    render();
  }

  function backToRough() {
    d.stage = "rough";
    const done = dealt.filter((x) => x in d.rough);
    if (done.length) delete d.rough[done[done.length - 1]];
    changed(0);
    render();
  }

  function clearNotice() {
    notice = "";
    anchor = null;
    swapCol = null;
    confirmUnchanged = false;
  }

  function place(v, from = null) {
    if (selected === null || d.placed[selected] === v) return;
    if (inColumn(v).length >= capacity.get(v)) {
      // A full column offers its cards: tap one and the two cards trade places.
      notice = fmt(T.full_swap, { column: labelOf(v) });
      noticeKind = "warn";
      swapCol = v;
      anchor = from;
      confirmUnchanged = false;
      focusNext = `.qs-col[data-value="${v}"] .qs-card.is-swap`;
      render();
      scrollColumnIntoView(v);
      return;
    }
    d.placed[selected] = v;
    clearNotice();
    scrollToId = selected;
    selected = unplaced()[0] ?? null;
    changed();
    render();
  }

  function swapWith(other) {
    const v = swapCol;
    const from = d.placed[selected];
    d.placed[selected] = v;
    if (from === undefined) delete d.placed[other];
    else d.placed[other] = from;
    clearNotice();
    scrollToId = selected;
    // a card that came from the pile sends the other one back there: it is the next in hand
    selected = from === undefined ? other : unplaced()[0] ?? null;
    changed(2);
    render();
  }

  function unplace() {
    if (selected === null) return;
    delete d.placed[selected];
    clearNotice();
    changed();
    render();
  }

  function jumpTo(v) {
    clearNotice();
    focusNext = `[data-head="${v}"]`; // keyboard users land on the column they asked for
    render();
    scrollColumnIntoView(v);
  }

  const smooth = () => (window.matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth");
  function scrollColumnIntoView(v) {
    root.querySelector(`.qs-col[data-value="${v}"]`)?.scrollIntoView({ behavior: smooth(), block: "start" });
  }
  function bringIntoView(node) {
    // Only when the card is hidden (off screen or under the sticky bars), and only as far as
    // needed: the participant's own scrolling is left alone otherwise.
    const r = node.getBoundingClientRect();
    const top = root.querySelector(".qs-head")?.getBoundingClientRect().bottom ?? 0;
    const bottom = root.querySelector(".qs-tray")?.getBoundingClientRect().top ?? window.innerHeight;
    if (r.top >= top && r.bottom <= Math.min(bottom, window.innerHeight)) return;
    node.scrollIntoView({ behavior: smooth(), block: "center" });
  }

  async function submit(confirmed = false) {
    if (sending) return;
    if (baseline && !confirmed && movedCount() === 0) {
      confirmUnchanged = true; // the tray asks first: submitting a copy unchanged is rarely meant
      notice = "";
      render();
      return;
    }
    confirmUnchanged = false;
    const columns = {};
    for (const v of values) columns[v] = inColumn(v);
    const comments = {};
    if (data.askComments) for (const id of extremes()) if ((d.comments[id] || "").trim()) comments[id] = d.comments[id];
    sending = true;
    d.pending = true;
    writeLocal(data.key, d);
    notice = "";
    render();
    clearTimeout(saveTimer);
    saveTimer = null;
    unsaved = 0; // the submit carries everything a draft would
    try {
      if (draftInFlight) await draftInFlight;
      const r = await post("submit", { columns, comments, role: d.role });
      sending = false;
      if (r.ok) {
        d.pending = false;
        dropLocal(data.key);
        d.stage = "sent";
        render();
        setTriggerValue("submitted", Date.now());
        return;
      }
      notice = r.payload.message || T.server_error;
      noticeKind = "warn";
      anchor = "tray";
      if (r.status >= 500 || r.payload.retry) {
        // the server could not take it now (a full disk; the facilitator paused the session): keep
        // it and try again, so it goes through by itself as the offline case does
        scheduleRetry();
      } else {
        d.pending = false;
        writeLocal(data.key, d);
      }
    } catch (e) {
      sending = false;
      notice = T.offline; // keep d.pending: retried when the connection is back
      noticeKind = "warn";
      anchor = "tray";
      scheduleRetry();
    }
    render();
  }

  // ---- rendering ------------------------------------------------------------
  const el = (tag, cls, text) => {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const button = (cls, text, onclick, attrs = {}) => {
    const b = el("button", cls, text);
    b.type = "button";
    b.onclick = onclick;
    for (const [k, v] of Object.entries(attrs)) b.setAttribute(k, v);
    return b;
  };

  function header(step, progressText, done, total, extra = null) {
    const head = el("div", "qs-head");
    const line = el("div", "qs-line");
    line.append(el("span", "qs-step" + (baseline && d.stage === "fine" ? " qs-moved" : ""), step));
    const progress = el("span", "qs-progress", fmt(progressText, { n: done, total }));
    progress.setAttribute("role", "status");
    progress.setAttribute("aria-live", "polite");
    line.append(progress);
    head.append(line);
    if (extra) head.append(extra);
    else {
      const bar = el("div", "qs-bar");
      const fill = el("div", "qs-bar-fill");
      fill.style.width = (100 * done) / total + "%";
      bar.append(fill);
      head.append(bar);
    }
    return head;
  }

  function overview() {
    // The whole grid at a glance, least characteristic on the left: one small pyramid of cells,
    // filled as cards land; tapping a column scrolls the board to it.
    const nav = el("nav", "qs-overview");
    nav.setAttribute("aria-label", T.overview);
    for (const col of data.columns) {
      const n = inColumn(col.value).length;
      const b = button("qs-ov-col", "", () => jumpTo(col.value), {
        "data-ov": col.value,
        "aria-label": fmt(T.overview_col, { column: col.label, n, count: col.count }),
      });
      if (n >= col.count) b.classList.add("is-full");
      if (selected !== null && d.placed[selected] === col.value) b.classList.add("is-current");
      if (swapCol === col.value) b.classList.add("is-swap");
      const cells = el("span", "qs-ov-cells");
      for (let i = 0; i < col.count; i++) cells.append(el("span", "qs-ov-cell" + (i < n ? " is-filled" : "")));
      b.append(cells, el("span", "qs-ov-label", col.label));
      b.onkeydown = arrowKeys(nav, b);
      nav.append(b);
    }
    return nav;
  }

  const arrowKeys = (row, b) => (e) => {
    const step = { ArrowLeft: -1, ArrowRight: 1 }[e.key];
    if (!step) return;
    const sibs = Array.from(row.children);
    sibs[Math.max(0, Math.min(sibs.length - 1, sibs.indexOf(b) + step))].focus();
    e.preventDefault();
  };

  function noticeBox() {
    if (!notice) return null;
    const n = el("div", "qs-notice qs-notice-" + noticeKind, notice);
    n.setAttribute("role", noticeKind === "warn" ? "alert" : "status");
    return n;
  }

  function toast() {
    // A notice caused by a tap, shown next to the control that was tapped (placed after drawing).
    const box = el("div", "qs-toast qs-notice-" + noticeKind);
    box.setAttribute("role", "alert");
    box.append(el("span", "qs-toast-text", notice));
    if (swapCol !== null)
      box.append(
        button("qs-toast-btn", T.swap_cancel, () => {
          clearNotice();
          render();
        }, { "data-action": "swap-cancel" })
      );
    return box;
  }

  function placeToast() {
    const box = root.querySelector(".qs-toast");
    if (!box) return;
    const target = anchor && anchor !== "tray" ? root.querySelector(anchor) : null;
    const vh = window.innerHeight;
    const r = target?.getBoundingClientRect();
    const onScreen = r && r.bottom > 0 && r.top < vh;
    const h = box.offsetHeight;
    let top;
    if (onScreen && r.top - h - 8 >= 0) top = r.top - h - 8; // just above the finger
    else if (onScreen) top = Math.min(r.bottom + 8, vh - h - 8); // or just below it
    else top = (root.querySelector(".qs-tray")?.getBoundingClientRect().top ?? vh) - h - 8;
    box.style.top = Math.max(8, top) + "px";
  }

  function renderRole() {
    root.append(el("p", "qs-welcome", fmt(T.welcome, { n: dealt.length })));
    root.append(el("h2", "qs-question", T.role_question));
    const list = el("div", "qs-roles");
    data.roles.forEach((r) => list.append(button("qs-role", r, () => chooseRole(r), { "data-role": r })));
    root.append(list, el("p", "qs-hint", T.role_hint));
  }

  function renderRough() {
    const total = dealt.length;
    const done = roughDone();
    root.append(header(T.step_rough, T.progress_rough, done, total));
    if (done === 0 && !data.roles.length) root.append(el("p", "qs-welcome", fmt(T.welcome, { n: total })));
    if (done === 0) root.append(el("p", "qs-hint", T.intro_rough));
    const id = dealt.find((x) => !(x in d.rough));
    const card = el("div", "qs-big-card", byId.get(id).text);
    card.setAttribute("aria-live", "polite");
    root.append(card);
    const row = el("div", "qs-piles");
    row.append(
      button("qs-pile-btn qs-least", T.least, () => rough(-1), { "data-pile": "-1", "aria-keyshortcuts": "1" }),
      button("qs-pile-btn qs-neutral", T.neutral, () => rough(0), { "data-pile": "0", "aria-keyshortcuts": "2" }),
      button("qs-pile-btn qs-most", T.most, () => rough(1), { "data-pile": "1", "aria-keyshortcuts": "3" })
    );
    root.append(row);
    const counts = PILES.map((p) => Object.values(d.rough).filter((x) => x === p).length);
    root.append(el("p", "qs-hint", fmt(T.pile_counts, { least: counts[0], neutral: counts[1], most: counts[2] })));
    const back = button("qs-back", T.previous, roughBack, { "data-action": "rough-back" });
    back.disabled = done === 0;
    root.append(back);
  }

  function cardButton(id, cls) {
    const swappable = swapCol !== null && d.placed[id] === swapCol && id !== selected;
    const b = button("qs-card " + cls, byId.get(id).text, () => {
      if (swappable) return swapWith(id);
      selected = selected === id ? null : id;
      clearNotice();
      render();
    });
    b.dataset.id = id;
    b.setAttribute("aria-pressed", String(selected === id));
    if (selected === id) b.classList.add("is-selected");
    if (swappable) {
      b.classList.add("is-swap");
      b.setAttribute("aria-label", fmt(T.swap_with, { text: byId.get(id).text }));
    }
    if (canDrag) {
      b.draggable = true;
      b.ondragstart = (e) => {
        e.dataTransfer.setData("text/plain", String(id));
        e.dataTransfer.effectAllowed = "move";
      };
    }
    return b;
  }

  // With a mouse, cards can also be dragged onto a column (or back onto the pile);
  // on touch screens tapping is quicker and never fights with scrolling.
  const canDrag = window.matchMedia("(pointer: fine)").matches;
  function dropZone(node, onDrop) {
    if (!canDrag) return;
    node.ondragover = (e) => {
      e.preventDefault();
      node.classList.add("is-drop");
    };
    node.ondragleave = () => node.classList.remove("is-drop");
    node.ondrop = (e) => {
      e.preventDefault();
      const id = Number(e.dataTransfer.getData("text/plain"));
      if (byId.has(id)) onDrop(id);
    };
  }

  function renderFine() {
    const total = dealt.length;
    const rest = unplaced();
    const step = baseline ? movedText() : T.step_fine;
    root.append(header(step, T.progress, total - rest.length, total, overview()));
    if (notice && !anchor) root.append(noticeBox());

    const grid = el("div", "qs-grid");
    for (const col of data.columns.slice().reverse()) {
      const ids = inColumn(col.value);
      const section = el("section", "qs-col" + (ids.length >= col.count ? " is-full" : ""));
      if (swapCol === col.value) section.classList.add("is-swap");
      section.dataset.value = col.value;
      const h = button("qs-col-head", "", () => place(col.value, `[data-head="${col.value}"]`), {
        "data-head": col.value,
      });
      const name = col.value === maxV ? T.most : col.value === minV ? T.least : "";
      h.append(el("span", "qs-col-label", col.label), el("span", "qs-col-name", name));
      h.append(el("span", "qs-col-left", fmt(T.count, { n: ids.length, count: col.count })));
      section.append(h);
      const body = el("div", "qs-col-body");
      ids.forEach((id) => body.append(cardButton(id, "is-placed")));
      for (let i = ids.length; i < col.count; i++) body.append(el("div", "qs-slot"));
      section.append(body);
      dropZone(section, (id) => {
        selected = id;
        place(col.value, `[data-head="${col.value}"]`);
      });
      grid.append(section);
    }
    root.append(grid);

    if (rest.length) {
      const pile = el("section", "qs-pile");
      pile.append(el("h2", "qs-pile-title", fmt(T.pile, { n: rest.length })));
      rest.forEach((id) => pile.append(cardButton(id, "is-loose pile" + (d.rough[id] ?? 0))));
      root.append(pile);
    }
    const pileSection = root.querySelector(".qs-pile");
    if (pileSection)
      dropZone(pileSection, (id) => {
        selected = id;
        unplace();
      });
    const again = button("qs-link", T.redo_rough, backToRough, { "data-action": "redo-rough" });
    if (!Object.keys(data.initial || {}).length) root.append(again);

    const tray = el("div", "qs-tray");
    if (notice && anchor === "tray") tray.append(noticeBox());
    if (selected !== null) {
      tray.append(el("div", "qs-hand", byId.get(selected).text));
      const row = el("div", "qs-targets");
      row.setAttribute("role", "group");
      row.setAttribute("aria-label", T.place);
      const pile = d.rough[selected] ?? 0;
      for (const col of data.columns) {
        const left = col.count - inColumn(col.value).length;
        const b = button("qs-target", "", () => place(col.value, `[data-column="${col.value}"]`), {
          "data-column": col.value,
          "aria-label": fmt(left > 0 ? T.target_label : T.target_full, { column: col.label, left }),
        });
        const leftText = left > 0 ? fmt(T.free, { n: left }) : T.no_free;
        b.append(el("span", "qs-target-label", col.label), el("span", "qs-target-left", leftText));
        if (d.placed[selected] === col.value) b.classList.add("is-current");
        else if (left <= 0) b.classList.add("is-full");
        if (swapCol === col.value) b.classList.add("is-swap");
        if (Math.sign(col.value) === pile || (pile === 0 && Math.abs(col.value) <= 1)) b.classList.add("is-suggested");
        b.onkeydown = arrowKeys(row, b);
        row.append(b);
      }
      tray.append(row);
      const ends = el("div", "qs-ends");
      ends.append(el("span", "", "← " + T.least), el("span", "", T.most + " →"));
      tray.append(ends);
      if (selected in d.placed) tray.append(button("qs-back", T.back, unplace, { "data-action": "unplace" }));
    } else if (rest.length === 0) {
      if (confirmUnchanged) tray.append(confirmBox());
      else if (data.askComments) {
        tray.append(
          button("qs-submit", T.to_comments, () => {
            d.stage = "comments";
            clearNotice();
            changed(0);
            render();
          }, { "data-action": "to-comments" })
        );
      } else {
        tray.append(submitButton());
      }
    } else {
      tray.append(
        button("qs-start", fmt(T.start, { n: rest.length }), () => {
          selected = unplaced()[0] ?? null;
          clearNotice();
          render();
        })
      );
    }
    root.append(tray);
    if (notice && anchor && anchor !== "tray") root.append(toast());
  }

  function confirmBox() {
    const box = el("div", "qs-confirm");
    box.setAttribute("role", "alertdialog");
    const text = el("p", "qs-notice qs-notice-warn", T.confirm_unchanged);
    text.id = "qs-confirm-text";
    box.setAttribute("aria-describedby", text.id);
    box.append(
      text,
      button("qs-submit", T.keep_sorting, () => {
        confirmUnchanged = false;
        if (d.stage === "comments") d.stage = "fine";
        render();
        root.querySelector(".qs-grid")?.scrollIntoView({ behavior: smooth(), block: "start" });
      }, { "data-action": "keep-sorting" }),
      button("qs-back", T.submit_unchanged, () => submit(true), { "data-action": "submit-unchanged" })
    );
    return box;
  }

  function submitButton() {
    const b = button("qs-submit", sending ? T.sending : d.pending ? T.waiting : T.submit, () => submit(), {
      "data-action": "submit",
    });
    b.disabled = sending;
    return b;
  }

  function renderComments() {
    root.append(el("h2", "qs-question", T.comments_title));
    root.append(el("p", "qs-hint", fmt(T.comments_hint, { limit: data.commentLimit })));
    for (const v of [maxV, minV]) {
      root.append(el("h3", "qs-comments-col", labelOf(v) + " · " + (v === maxV ? T.most : T.least)));
      for (const id of inColumn(v)) {
        const wrap = el("label", "qs-comment");
        wrap.append(el("span", "qs-comment-card", byId.get(id).text));
        const area = el("textarea", "qs-comment-text");
        area.maxLength = data.commentLimit;
        area.rows = 2;
        area.value = d.comments[id] || "";
        area.dataset.id = id;
        area.oninput = () => {
          d.comments[id] = area.value;
          changed(0);
        };
        wrap.append(area);
        root.append(wrap);
      }
    }
    const box = noticeBox();
    const tray = el("div", "qs-tray");
    if (box) tray.append(box);
    if (confirmUnchanged) {
      tray.append(confirmBox());
    } else {
      tray.append(submitButton());
      tray.append(
        button("qs-back", T.back_to_grid, () => {
          d.stage = "fine";
          clearNotice();
          changed(0);
          render();
        }, { "data-action": "back-to-grid" })
      );
    }
    root.append(tray);
  }

  function renderSent() {
    root.append(el("div", "qs-notice qs-notice-info", T.sent));
  }

  function render() {
    const active = parentElement.activeElement;
    const focusAttr = active && FOCUS_KEYS.find((k) => active.dataset[k] !== undefined);
    const focusKey = focusAttr && active.dataset[focusAttr];
    root.replaceChildren();
    root.dataset.stage = d.stage;
    if (d.stage === "role") renderRole();
    else if (d.stage === "rough") renderRough();
    else if (d.stage === "fine") renderFine();
    else if (d.stage === "comments") renderComments();
    else renderSent();
    placeToast();
    const next = focusNext && root.querySelector(focusNext);
    focusNext = null;
    if (next && (focusAttr || active === null || active === undefined)) {
      next.focus({ preventScroll: true });
    } else if (focusAttr) {
      // keep keyboard users where they were; if that control is gone, go to the next useful one
      const again =
        root.querySelector(`[data-${focusAttr}="${CSS.escape(String(focusKey))}"]`) ||
        root.querySelector(".qs-target, .qs-pile-btn, .qs-submit, .qs-start, .qs-role");
      again?.focus({ preventScroll: true });
    }
    const card = scrollToId !== null && root.querySelector(`.qs-grid .qs-card[data-id="${scrollToId}"]`);
    scrollToId = null;
    if (card) bringIntoView(card);
  }

  function onKey(e) {
    if (e.key === "Escape" && (swapCol !== null || notice)) {
      clearNotice();
      render();
      return;
    }
    if (d.stage !== "rough" || e.target.tagName === "TEXTAREA") return;
    const pile = { 1: -1, 2: 0, 3: 1 }[e.key];
    if (pile !== undefined) {
      rough(pile);
      e.preventDefault();
    } else if (e.key === "Backspace") {
      roughBack();
      e.preventDefault();
    }
  }
  root.addEventListener("keydown", onKey);

  if (d.stage === "fine") selected = unplaced()[0] ?? null;
  render();
  if (d.pending) submit(true); // a submit that was waiting for the connection when the page went away
  else if (localAhead) {
    unsaved = 1;
    saveToServer();
  }

  return () => {
    clearTimeout(saveTimer);
    clearTimeout(retryTimer);
    window.removeEventListener("online", onOnline);
    document.removeEventListener("visibilitychange", onHide);
    window.removeEventListener("pagehide", onHide);
    root.removeEventListener("keydown", onKey);
    if (unsaved) saveToServer();
  };
}
