// One note field of the discussion page (Streamlit custom component v2: plain JS, no build step).
//
// Saved as typed: each keystroke is kept in localStorage at once and posted to /api/notes/CODE
// DEBOUNCE_MS after the last one (and at once on blur, or when the page is hidden), one request
// at a time, retried while the server cannot be reached. What this page has typed and not yet
// saved wins over the body a page rerun brings, so a rerun never undoes a keystroke. Text is set
// with .value and .textContent only, never as HTML.

const DEBOUNCE_MS = 500;
const RETRY_MS = [2000, 4000, 8000, 15000, 30000]; // then every 30 s, and at once when back online

// Per note (code:point:kind) for the life of the browser tab: the state outlives a component
// instance, so a rerun that mounts the field again finds the text being typed and the save on its way.
const notes = (window.__reviewNotes ||= new Map());

function apiUrl(code) {
  // The discussion page lives next to the app's root; keep any proxy prefix before it.
  const path = window.location.pathname.replace(/[^/]*$/, "");
  return window.location.origin + path + "api/notes/" + encodeURIComponent(code);
}

const storageKey = (key) => "review-note:" + key;
function readLocal(key) {
  try {
    return JSON.parse(window.localStorage.getItem(storageKey(key)) || "null");
  } catch (e) {
    return null;
  }
}
function writeLocal(key, value) {
  try {
    window.localStorage.setItem(storageKey(key), JSON.stringify(value));
  } catch (e) {
    /* private mode or full storage: the server copy still holds what was saved */
  }
}
function dropLocal(key) {
  try {
    window.localStorage.removeItem(storageKey(key));
  } catch (e) {
    /* nothing to drop */
  }
}

function show(entry, state, message) {
  entry.state = state;
  entry.message = message || "";
  const el = entry.statusEl;
  if (!el) return;
  const T = entry.text;
  el.dataset.state = state;
  el.textContent =
    state === "saving" ? T.saving :
    state === "saved" ? T.saved :
    state === "retrying" ? T.retrying :
    state === "refused" ? T.refused.replace("{message}", entry.message) : "";
}

function schedule(entry) {
  clearTimeout(entry.timer);
  entry.timer = setTimeout(() => flush(entry), DEBOUNCE_MS);
}

function retryLater(entry) {
  clearTimeout(entry.retryTimer);
  const wait = RETRY_MS[Math.min(entry.retries, RETRY_MS.length - 1)];
  entry.retries += 1;
  entry.retryTimer = setTimeout(() => {
    entry.retryTimer = null;
    flush(entry);
  }, wait);
  show(entry, "retrying");
}

async function flush(entry) {
  clearTimeout(entry.timer);
  entry.timer = null;
  if (entry.inFlight) {
    entry.again = true; // typed while a save was on its way: send the newest text after it
    return;
  }
  const value = entry.value;
  if (value === entry.saved || value === entry.refused) return;
  entry.inFlight = true;
  entry.again = false;
  show(entry, "saving");
  try {
    const response = await fetch(apiUrl(entry.code), {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ point: entry.point, kind: entry.kind, body: value, lang: entry.lang }),
      credentials: "same-origin",
      keepalive: value.length < 16000, // the browser caps keepalive bodies at 64 kB in all
    });
    if (response.ok) {
      entry.saved = value;
      entry.retries = 0;
      clearTimeout(entry.retryTimer);
      entry.retryTimer = null;
      if (entry.value === value) dropLocal(entry.key);
      show(entry, "saved");
    } else if (response.status >= 500 || response.status === 429 || response.status === 408) {
      retryLater(entry); // the server could not store it now (a full disk, a restart): try again
    } else {
      // A rule broken or the login gone: sending the same text again would be refused again.
      let message = "";
      try {
        message = (await response.json()).message || "";
      } catch (e) {
        message = String(response.status);
      }
      entry.refused = value;
      show(entry, "refused", message);
    }
  } catch (e) {
    retryLater(entry); // offline: the text stays here and in localStorage
  } finally {
    entry.inFlight = false;
    if (entry.again || (entry.value !== entry.saved && entry.value !== entry.refused && !entry.retryTimer)) {
      entry.again = false;
      flush(entry);
    }
  }
}

function flushAll() {
  for (const entry of notes.values()) if (entry.timer || entry.retryTimer) flush(entry);
}
if (!window.__reviewNotesListening) {
  window.__reviewNotesListening = true;
  window.addEventListener("pagehide", flushAll);
  document.addEventListener("visibilitychange", () => document.visibilityState === "hidden" && flushAll());
  window.addEventListener("online", () => {
    for (const entry of notes.values()) {
      if (entry.retryTimer) {
        clearTimeout(entry.retryTimer);
        entry.retryTimer = null;
        flush(entry);
      }
    }
  });
}

function entryFor(data) {
  let entry = notes.get(data.key);
  const unsaved = entry && (entry.value !== entry.saved || entry.inFlight || entry.timer || entry.retryTimer);
  if (entry && unsaved) return entry; // this page's typing wins over the rerun's copy
  if (!entry) {
    entry = { key: data.key, timer: null, retryTimer: null, inFlight: false, again: false, retries: 0, state: "" };
    notes.set(data.key, entry);
  }
  Object.assign(entry, { code: data.code, point: data.point, kind: data.kind, lang: data.lang, text: data.text });
  entry.value = data.body;
  entry.saved = data.body;
  entry.refused = null;
  // Typed here before a reload that the server never got (offline): offer it again, but only if
  // the server still holds what that text was typed over (else another tab has moved on since).
  const local = readLocal(data.key);
  if (local && local.base === data.body && local.value !== data.body) {
    entry.value = local.value;
    schedule(entry);
  } else if (local) {
    dropLocal(data.key);
  }
  return entry;
}

export default function (component) {
  const { data, parentElement } = component;
  const root = parentElement.querySelector(".rn-root");
  const entry = entryFor(data);
  entry.text = data.text;
  entry.lang = data.lang;

  let area = root.querySelector("textarea");
  if (!area || area.dataset.key !== data.key) {
    root.replaceChildren();
    const id = "rn-" + data.key.replace(/[^A-Za-z0-9_-]/g, "_");
    const label = document.createElement("label");
    label.className = "rn-label";
    label.htmlFor = id;
    label.textContent = data.label;
    area = document.createElement("textarea");
    area.id = id;
    area.className = "rn-area";
    area.dataset.key = data.key;
    area.rows = data.rows || 3;
    area.maxLength = data.max;
    area.placeholder = data.placeholder;
    area.spellcheck = true;
    area.setAttribute("aria-describedby", id + "-status");
    const status = document.createElement("div");
    status.className = "rn-status";
    status.id = id + "-status";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    root.append(label, area, status);
  }
  if (area.value !== entry.value) area.value = entry.value;
  entry.statusEl = root.querySelector(".rn-status");
  show(entry, entry.state, entry.message);

  const onInput = () => {
    entry.value = area.value;
    entry.refused = null;
    writeLocal(entry.key, { value: entry.value, base: entry.saved });
    if (entry.state !== "retrying") show(entry, "");
    schedule(entry);
  };
  const onBlur = () => flush(entry);
  area.addEventListener("input", onInput);
  area.addEventListener("blur", onBlur);

  return () => {
    area.removeEventListener("input", onInput);
    area.removeEventListener("blur", onBlur);
    if (entry.statusEl && !root.isConnected) entry.statusEl = null;
    if (entry.timer) flush(entry); // unmounted mid-pause: save now rather than when the timer fires
  };
}
