// Tap-to-place Q-sort board (Streamlit custom component v2, plain JS, no build step).
// Tap a card, then tap a column; columns refuse cards beyond their capacity.
// The draft lives in localStorage under data.key, so a reload restores it, and
// no server rerun happens per tap: only "submit" talks to Python.

function fmt(template, params) {
  return template.replace(/\{(\w+)\}/g, (_, k) => (k in params ? String(params[k]) : ""));
}

function seededOrder(ids, seedText) {
  // Deterministic shuffle per participant (cards in a Q-sort are dealt shuffled),
  // stable across reloads because the seed is the draft key.
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

function loadDraft(key) {
  try {
    return JSON.parse(window.localStorage.getItem("review-draft:" + key) || "null");
  } catch (e) {
    return null;
  }
}

function saveDraft(key, placed) {
  try {
    window.localStorage.setItem("review-draft:" + key, JSON.stringify(placed));
  } catch (e) {
    /* private mode or full storage: the board still works, only without restore */
  }
}

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  const root = parentElement.querySelector(".qs-root");
  const T = data.text;
  const byId = new Map(data.statements.map((s) => [s.id, s]));
  const capacity = new Map(data.columns.map((c) => [c.value, c.count]));
  const order = seededOrder(
    data.statements.map((s) => s.id),
    data.key
  );

  // placed: statement id -> column value
  let placed = {};
  const draft = loadDraft(data.key);
  const source = draft && Object.keys(draft).length ? draft : data.initial || {};
  for (const [sid, value] of Object.entries(source)) {
    const id = Number(sid);
    if (byId.has(id) && capacity.has(value)) placed[id] = value;
  }
  // drop anything a stale draft put beyond a column's capacity
  for (const [value, count] of capacity) {
    const inCol = Object.keys(placed).filter((id) => placed[id] === value);
    inCol.slice(count).forEach((id) => delete placed[id]);
  }
  let selected = null;
  let notice = data.error || "";

  const el = (tag, cls, text) => {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const inColumn = (value) => order.filter((id) => placed[id] === value);
  const unplaced = () => order.filter((id) => !(id in placed));
  const nextUnplaced = () => unplaced()[0] ?? null;

  function place(value) {
    if (selected === null) return;
    if (placed[selected] === value) return;
    if (inColumn(value).length >= capacity.get(value)) {
      notice = fmt(T.full, { column: labelOf(value) });
      render();
      return;
    }
    placed[selected] = value;
    notice = "";
    saveDraft(data.key, placed);
    selected = nextUnplaced();
    render();
  }

  function unplace() {
    if (selected === null) return;
    delete placed[selected];
    saveDraft(data.key, placed);
    render();
  }

  const labelOf = (value) => data.columns.find((c) => c.value === value).label;

  function cardButton(id, cls) {
    const b = el("button", "qs-card " + cls, byId.get(id).text);
    b.type = "button";
    b.dataset.id = id;
    b.setAttribute("aria-pressed", String(selected === id));
    if (selected === id) b.classList.add("is-selected");
    b.onclick = () => {
      selected = selected === id ? null : id;
      notice = "";
      render();
    };
    return b;
  }

  function render() {
    const focusedId = parentElement.activeElement?.dataset?.id;
    root.replaceChildren();
    const total = data.statements.length;
    const done = total - unplaced().length;

    const head = el("div", "qs-head");
    const progress = el("div", "qs-progress", fmt(T.progress, { n: done, total }));
    progress.setAttribute("role", "status");
    const bar = el("div", "qs-bar");
    const fill = el("div", "qs-bar-fill");
    fill.style.width = (100 * done) / total + "%";
    bar.append(fill);
    head.append(progress, bar);
    root.append(head);

    // Columns from most to least characteristic: the poles are what people fill first.
    const grid = el("div", "qs-grid");
    for (const col of data.columns.slice().reverse()) {
      const ids = inColumn(col.value);
      const section = el("section", "qs-col");
      section.dataset.value = col.value;
      const h = el("button", "qs-col-head");
      h.type = "button";
      h.dataset.column = col.value;
      const extreme =
        col.value === data.columns[data.columns.length - 1].value ? T.most : col.value === data.columns[0].value ? T.least : "";
      h.append(el("span", "qs-col-label", col.label), el("span", "qs-col-name", extreme));
      h.append(el("span", "qs-col-left", fmt(T.count, { n: ids.length, count: col.count })));
      if (ids.length >= col.count) section.classList.add("is-full");
      h.onclick = () => place(col.value);
      section.append(h);
      const body = el("div", "qs-col-body");
      ids.forEach((id) => body.append(cardButton(id, "is-placed")));
      for (let i = ids.length; i < col.count; i++) body.append(el("div", "qs-slot"));
      section.append(body);
      grid.append(section);
    }
    root.append(grid);

    const rest = unplaced();
    if (rest.length) {
      const pile = el("section", "qs-pile");
      pile.append(el("h3", "qs-pile-title", fmt(T.pile, { n: rest.length })));
      rest.forEach((id) => pile.append(cardButton(id, "is-loose")));
      root.append(pile);
    }

    // Sticky tray: the card in hand and the columns to put it in, or the submit button.
    const tray = el("div", "qs-tray");
    if (notice) {
      const n = el("div", "qs-notice", notice);
      n.setAttribute("role", "alert");
      tray.append(n);
    }
    if (selected !== null) {
      tray.append(el("div", "qs-hand", byId.get(selected).text));
      const row = el("div", "qs-targets");
      row.setAttribute("role", "group");
      row.setAttribute("aria-label", T.place);
      for (const col of data.columns) {
        const left = col.count - inColumn(col.value).length;
        const b = el("button", "qs-target");
        b.type = "button";
        b.dataset.column = col.value;
        b.setAttribute("aria-label", fmt(T.target_label, { column: col.label, left }));
        b.append(el("span", "qs-target-label", col.label), el("span", "qs-target-left", String(left)));
        if (placed[selected] === col.value) b.classList.add("is-current");
        if (left <= 0 && placed[selected] !== col.value) b.classList.add("is-full");
        b.onclick = () => place(col.value);
        b.onkeydown = (e) => {
          const step = { ArrowLeft: -1, ArrowRight: 1 }[e.key];
          if (!step) return;
          const next = b.parentElement.children[Array.from(b.parentElement.children).indexOf(b) + step];
          if (next) next.focus();
          e.preventDefault();
        };
        row.append(b);
      }
      tray.append(row);
      const ends = el("div", "qs-ends");
      ends.append(el("span", "", "← " + T.least), el("span", "", T.most + " →"));
      tray.append(ends);
      if (selected in placed) {
        const back = el("button", "qs-back", T.back);
        back.type = "button";
        back.onclick = unplace;
        tray.append(back);
      }
    } else if (rest.length === 0) {
      const submit = el("button", "qs-submit", T.submit);
      submit.type = "button";
      submit.dataset.action = "submit";
      submit.onclick = () => {
        const columns = {};
        for (const col of data.columns) columns[col.value] = inColumn(col.value);
        submit.disabled = true;
        submit.textContent = T.sending;
        setTriggerValue("submit", { columns });
      };
      tray.append(submit);
    } else {
      const start = el("button", "qs-start", fmt(T.start, { n: rest.length }));
      start.type = "button";
      start.onclick = () => {
        selected = nextUnplaced();
        render();
      };
      tray.append(start);
    }
    root.append(tray);

    if (focusedId) parentElement.querySelector(`[data-id="${focusedId}"]`)?.focus();
  }

  if (unplaced().length) selected = nextUnplaced();
  render();
}
