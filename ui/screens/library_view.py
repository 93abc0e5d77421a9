"""The statement set library on screen: the list of sets, and the editor of one set (statements,
themes, grid), with import and export. The rules live in :mod:`review.content.sets` and
:mod:`review.content.set_files`.

The editor's draft lives in ``st.session_state`` (``lib_draft``) and the editors keep their own
state under keys that only change when the draft is replaced (new, copy, import), so a Save that
is refused loses nothing typed.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from review.content.grid import MAX_SPAN, column_label
from review.content.set_files import MAX_FILE_ROWS, MAX_UPLOAD_BYTES, export_csv, export_xlsx, import_rows
from review.content.sets import (
    FIELDS,
    SetProblems,
    build_set,
    build_themes,
    clamp_grid,
    new_set_id,
    set_rows,
    slug,
    theme_rows,
)
from review.content.statements import NO_THEME, StatementSet, default_themes
from review.content.text import NAME_LIMIT
from review.errors import ReviewError
from review.i18n import LANGUAGES, t
from review.library.statement_sets import SetChoice, builtin_choices, save_set, taken_ids
from review.store import Store
from ui.screens.text import error_text, md_text

DRAFT = "lib_draft"
EMPTY_ROWS = 5  # a new set starts with a few empty rows; the editor adds more
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _draft(statement_set: StatementSet | None, counts: tuple[int, ...], **fields: Any) -> dict[str, Any]:
    rows = set_rows(statement_set) if statement_set else [dict.fromkeys(FIELDS, "") for _ in range(EMPTY_ROWS)]
    themes = statement_set.themes if statement_set else default_themes()
    name = dict(statement_set.name) if statement_set else {}
    # fresh editor keys, never used before in this browser session: the new draft's data, not old edits
    token = _next_token()
    base = {"id": None, "version": None, "sessions": 0, "notice": None}
    typed = {"rows": rows, "rows_now": rows, "themes": theme_rows(themes), "name": name, "counts": list(counts)}
    return {
        **base,
        **typed,
        **fields,
        "themes_now": typed["themes"],
        "counts_now": list(counts),
        "token": token,
        "theme_ids": tuple(themes),
    }


def _next_token() -> int:
    token = st.session_state["lib_token"] = st.session_state.get("lib_token", 0) + 1
    return token


def _bump(draft: dict[str, Any], **changes: Any) -> None:
    """New editor keys over the draft as typed so far (the editors' own state starts afresh from it)."""
    draft.update(rows=draft["rows_now"], themes=draft["themes_now"], counts=draft["counts_now"], token=_next_token())
    draft.update(changes)
    st.rerun()


def _open(draft: dict[str, Any]) -> None:
    st.session_state[DRAFT] = draft
    st.rerun()


def _export_buttons(statement_set: StatementSet, lang: str, key: str) -> None:
    """Made when clicked (a callable), so a long list costs nothing."""
    name = slug(statement_set.id)
    a, b = st.columns(2)
    a.download_button(
        t("library.export_csv", lang), lambda: export_csv(statement_set), f"{name}.csv", "text/csv", key=f"csv_{key}"
    )
    b.download_button(
        t("library.export_xlsx", lang), lambda: export_xlsx(statement_set), f"{name}.xlsx", XLSX_MIME, key=f"x_{key}"
    )


def library_list(store: Store, lang: str) -> None:
    """Every library set (latest version) and the shipped ones: edit, copy, archive, export; a new set."""
    if st.button(t("library.new", lang), type="primary", key="lib_new"):
        _open(
            _draft(
                None, clamp_grid(20).counts, name={"nl": t("library.new_name", "nl"), "en": t("library.new_name", "en")}
            )
        )
    archived = st.toggle(t("library.show_archived", lang), key="lib_archived")
    for entry in store.library_sets(include_archived=archived):
        sset = entry.statement_set
        with st.container(border=True):
            title = md_text(sset.name.get(lang) or sset.id)
            st.markdown(f"**{title}**" + (f" · _{t('library.archived', lang)}_" if entry.archived else ""))
            st.caption(
                t(
                    "library.row",
                    lang,
                    n=len(sset.statements),
                    version=entry.version,
                    versions=entry.versions,
                    sessions=entry.sessions,
                )
            )
            a, b, c, d = st.columns(4)
            if a.button(t("library.edit", lang), key=f"edit_{entry.id}", width="stretch"):
                _open(_draft(sset, entry.grid.counts, id=entry.id, version=entry.version, sessions=entry.sessions))
            if b.button(t("library.copy", lang), key=f"copy_{entry.id}", width="stretch"):
                _open(_copy(sset, entry.grid.counts))
            flip = "library.unarchive" if entry.archived else "library.archive"
            if c.button(t(flip, lang), key=f"archive_{entry.id}", width="stretch"):
                store.archive_statement_set(entry.id, not entry.archived)
                st.rerun()
            with d.popover(t("library.export", lang), width="stretch"):
                _export_buttons(sset, lang, entry.id)
    for choice in builtin_choices():
        _builtin_row(choice, lang)


def _copy(sset: StatementSet, counts: tuple[int, ...]) -> dict[str, Any]:
    name = {lang: t("library.copy_of", lang, name=sset.name.get(lang) or sset.id) for lang in LANGUAGES}
    return _draft(sset, counts, name=name)


def _builtin_row(choice: SetChoice, lang: str) -> None:
    sset = choice.statement_set
    with st.container(border=True):
        st.markdown(f"**{md_text(sset.name.get(lang) or sset.id)}** · _{t('library.builtin', lang)}_")
        st.caption(f"{t('library.n_statements', lang, n=len(sset.statements))} · {t('library.builtin_note', lang)}")
        a, b = st.columns(2)
        if a.button(t("library.copy", lang), key=f"copy_builtin_{sset.id}", width="stretch"):
            _open(_copy(sset, choice.grid.counts))
        with b.popover(t("library.export", lang), width="stretch"):
            _export_buttons(sset, lang, f"builtin_{sset.id}")


# -- the editor ---------------------------------------------------------------------------


def _loose_themes(rows: list[dict[str, Any]]) -> dict[str, dict[str, str]]:
    """The themes as typed so far, for the statements' theme menu (checked properly on Save)."""
    out: dict[str, dict[str, str]] = {}
    for row in rows:
        names = {lang: str(row.get(lang) or "").strip() for lang in LANGUAGES}
        theme = slug(str(row.get("id") or ""), "") or slug(names["nl"] or names["en"], "")
        if theme:
            out.setdefault(theme, names)
    return out


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{k: (None if pd.isna(v) else v) for k, v in r.items()} for r in frame.to_dict("records")]


def _filled(rows: list[dict[str, Any]]) -> int:
    return sum(1 for r in rows if any(str(r.get(f) if r.get(f) is not None else "").strip() for f in FIELDS))


def _grid_bars(counts: list[int]) -> None:
    """The grid's shape as a small row of bars (numbers only: nothing typed goes into this HTML)."""
    top = max(counts) or 1
    bars = "".join(
        f'<div style="flex:1;text-align:center;font-size:.8rem">'
        f'<div style="height:{round(60 * c / top)}px;background:#0072B2;margin:0 2px"></div>{c}</div>'
        for c in counts
    )
    st.html(f'<div style="display:flex;align-items:flex-end;max-width:640px">{bars}</div>')


def editor(store: Store, lang: str) -> None:
    draft = st.session_state[DRAFT]
    tok = draft["token"]
    shown = draft["name"].get(lang) or draft["name"].get("nl") or "…"
    st.header(t("library.editing", lang, name=md_text(shown)), anchor=False)
    if draft["sessions"]:
        st.info(t("library.in_use", lang, sessions=draft["sessions"], next=(draft["version"] or 0) + 1))
    if draft["notice"]:
        st.success(draft["notice"])
        draft["notice"] = None
    a, b = st.columns(2)
    name = {
        "nl": a.text_input(
            t("library.name_nl", lang), draft["name"].get("nl", ""), max_chars=NAME_LIMIT, key=f"lib_nl_{tok}"
        ),
        "en": b.text_input(
            t("library.name_en", lang), draft["name"].get("en", ""), max_chars=NAME_LIMIT, key=f"lib_en_{tok}"
        ),
    }
    draft["name"] = name  # kept as typed when the editors are renewed

    with st.expander(t("library.themes", lang)):
        st.caption(t("library.themes_help", lang))
        theme_frame = st.data_editor(
            pd.DataFrame(draft["themes"], columns=["id", *LANGUAGES]),
            num_rows="dynamic",
            hide_index=True,
            placeholder="",  # an empty cell reads as empty, not as "None"
            key=f"lib_themes_{tok}",
            column_config={
                "id": st.column_config.TextColumn("id"),
                "nl": st.column_config.TextColumn(t("library.col_nl", lang)),
                "en": st.column_config.TextColumn(t("library.col_en", lang)),
            },
        )
    theme_input = _records(theme_frame)
    draft["themes_now"] = theme_input
    themes = _loose_themes(theme_input)
    if tuple(themes) != draft["theme_ids"]:  # a new theme menu: carry the statements typed so far over
        _bump(draft, theme_ids=tuple(themes))

    st.markdown(f"**{t('library.statements', lang)}**")
    options = [NO_THEME, *themes]
    frame = st.data_editor(
        pd.DataFrame(draft["rows"], columns=list(FIELDS)),
        num_rows="dynamic",
        hide_index=True,
        placeholder="",  # an empty cell reads as empty, not as "None"
        key=f"lib_rows_{tok}",
        column_config={
            "id": st.column_config.NumberColumn(t("library.col_id", lang), min_value=1, step=1, format="%d", width=70),
            "nl": st.column_config.TextColumn(t("library.col_nl", lang), width="large"),
            "en": st.column_config.TextColumn(t("library.col_en", lang), width="large"),
            "theme": st.column_config.SelectboxColumn(
                t("library.col_theme", lang),
                options=options,
                format_func=lambda th: (themes.get(th, {}).get(lang) or th) if th else "—",
            ),
        },
    )
    rows = _records(frame)
    draft["rows_now"] = rows
    n = _filled(rows)

    counts = _grid_editor(draft, n, lang)
    _import(draft, themes, lang)

    save, close = st.columns(2)
    if save.button(t("library.save", lang), type="primary", key="lib_save", width="stretch"):
        _save(store, draft, name, rows, theme_input, counts, lang)
    if close.button(t("library.close", lang), key="lib_close", width="stretch"):
        st.session_state.pop(DRAFT, None)
        st.rerun()
    if draft["id"] and draft["version"]:
        with st.expander(t("library.export", lang)):
            sset = store.library_set(draft["id"], draft["version"])[0]
            _export_buttons(sset, lang, "editor")


def _grid_editor(draft: dict[str, Any], n: int, lang: str) -> list[int]:
    """Counts per column, editable; the proposed shape for the number of statements on request."""
    st.markdown(f"**{t('library.grid', lang)}**")
    st.caption(t("library.grid_help", lang, n=n))
    span_now = len(draft["counts"]) // 2
    a, b, _ = st.columns([2, 1, 3], vertical_alignment="bottom")
    span = a.number_input(t("library.columns", lang), 1, MAX_SPAN, span_now, key=f"lib_span_{draft['token']}")
    if b.button(t("library.propose", lang), key="lib_propose") or span != span_now:
        _bump(draft, counts=list(clamp_grid(n, int(span)).counts))
    labels = [column_label(v) for v in range(-span_now, span_now + 1)]
    grid_frame = st.data_editor(
        pd.DataFrame([draft["counts"]], columns=labels),
        hide_index=True,
        key=f"lib_grid_{draft['token']}",
        column_config={c: st.column_config.NumberColumn(c, min_value=1, max_value=80, step=1) for c in labels},
    )
    counts = [int(v) if pd.notna(v) else 0 for v in grid_frame.iloc[0].tolist()]
    draft["counts_now"] = counts
    _grid_bars(counts)
    cells = sum(counts)
    if cells == n or n == 0:  # an empty new set: nothing to warn about before the first statement
        st.caption(t("library.grid_sum", lang, cells=cells, n=n))
    else:
        st.warning(
            t("library.grid_sum", lang, cells=cells, n=n) + " · " + t("library.grid_mismatch", lang, cells=cells, n=n)
        )
    return counts


def _show_problems(problems: list[ReviewError], lang: str) -> None:
    lines = "\n".join(f"- {error_text(p, lang)}" for p in problems)
    st.error(f"{t('library.problems', lang, count=len(problems))}\n\n{lines}")


def _save(
    store: Store,
    draft: dict[str, Any],
    name: dict[str, str],
    rows: list[dict[str, Any]],
    theme_input: list[dict[str, Any]],
    counts: list[int],
    lang: str,
) -> None:
    problems: list[ReviewError] = []
    try:
        themes = build_themes(theme_input)
    except SetProblems as exc:
        problems.extend(exc.problems)
        themes = _loose_themes(theme_input)
    set_id = draft["id"] or new_set_id(name.get("nl") or name.get("en") or "set", taken_ids(store))
    try:
        sset, grid = build_set(set_id, name, rows, themes, counts)
    except SetProblems as exc:
        problems.extend(exc.problems)
    if problems:
        _show_problems(problems, lang)  # the editors keep what was typed
        return
    version, new = save_set(store, sset, grid, draft["version"])
    notice = t("library.saved" if new else "library.unchanged", lang, version=version)
    draft.update(id=set_id, version=version, name=name, notice=notice)
    st.rerun()


def _import(draft: dict[str, Any], themes: dict[str, dict[str, str]], lang: str) -> None:
    """A CSV/XLSX file replaces the statements in the editor when every row is right; nothing is saved
    until Save, and a refused file leaves the editor as it was."""
    with st.expander(t("library.import", lang)):
        st.caption(t("library.import_help", lang, mb=MAX_UPLOAD_BYTES // 1_048_576, rows=MAX_FILE_ROWS))
        upload = st.file_uploader(
            t("library.import_file", lang),
            key=f"lib_upload_{draft['token']}",
            max_upload_size=MAX_UPLOAD_BYTES // 1_048_576,  # the widget then says the same limit as the help
        )
        if upload is None:
            return
        try:
            rows = import_rows(upload.getvalue(), upload.name, themes)
        except SetProblems as exc:
            _show_problems(list(exc.problems), lang)
            st.caption(t("library.import_problems", lang))
            return
        except ReviewError as exc:
            st.error(error_text(exc, lang))
            st.caption(t("library.import_problems", lang))
            return
        n = _filled(rows)
        draft["rows_now"] = rows
        _bump(draft, counts=list(clamp_grid(n).counts), notice=t("library.imported", lang, n=n))


def library_page(store: Store, lang: str) -> None:
    st.page_link("pages/facilitator.py", label=t("library.back", lang))
    st.title(t("library.heading", lang), anchor=False)
    if st.session_state.get(DRAFT):
        editor(store, lang)
    else:
        library_list(store, lang)
