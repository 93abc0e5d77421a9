"""The trajectories page's parts: the list with a "new trajectory" form, and one trajectory with its
details, its meetings, placing sessions, and the comparisons across meetings and groups."""

from __future__ import annotations

import streamlit as st

from review.content.text import TITLE_LIMIT
from review.errors import ReviewError
from review.i18n import t
from review.room.sessions import CONDITIONS
from review.store import Session, Store
from review.store.trajectories import Trajectory
from review.trajectories.charts import movement_figure
from review.trajectories.movement import change_header, comparison_table, side_names
from review.trajectories.trajectory import (
    FACILITATOR_LIMIT,
    GROUPS_TEXT_LIMIT,
    INTAKE,
    MAX_MEETING,
    ORGANISATION_LIMIT,
    RECOMMENDATIONS_LIMIT,
    THEME_LIMIT,
    MeetingRow,
    Movement,
    TrajectoryOverview,
    count_text,
    create_trajectory,
    default_theme,
    edit_trajectory,
    free_sessions,
    group_comparison,
    meeting_label,
    movement,
    overview,
    place_session,
    remove_session,
    set_recommendations,
    shown_theme,
)
from ui.screens import style
from ui.screens.changes import apply
from ui.screens.lifecycle_view import trajectory_lifecycle
from ui.screens.report_links import trajectory_report_links
from ui.screens.text import error_text, html_text, md_message, md_text

_TIMELINE_CSS = """<style>
.traj-wrap { overflow-x: auto; }
.traj-table { border-collapse: collapse; font-size: 0.95rem; min-width: 100%; }
.traj-table th, .traj-table td { border: 1px solid rgba(128,128,128,0.35); padding: 0.45rem 0.6rem;
    vertical-align: top; text-align: left; }
.traj-table th { font-weight: 700; white-space: nowrap; }
.traj-table td div { white-space: nowrap; }
.traj-table .muted { opacity: 0.75; }
.traj-table .empty { opacity: 0.5; text-align: center; }
/* the movement figures: the projector-sized one on wide screens, the small-type one on phones */
@media (max-width: 700px) { .st-key-mv_chart_wide, .st-key-gc_chart_wide { display: none; } }
@media (min-width: 701px) { .st-key-mv_chart_narrow, .st-key-gc_chart_narrow { display: none; } }
</style>"""


def open_trajectory(trajectory_id: str | None) -> None:
    if trajectory_id is None:
        st.query_params.pop("t", None)
    else:
        st.query_params["t"] = trajectory_id
    st.rerun()


def _session_label(session: Session) -> str:
    return f"{session.title} · {session.code} · {session.created_at:%Y-%m-%d}"


# -- the list -------------------------------------------------------------------------------


def trajectory_list(store: Store, lang: str) -> None:
    st.title(t("traj.heading", lang), anchor=False)
    new, existing = st.columns([2, 3], gap="large")
    with new, st.form("new_trajectory"):
        st.header(t("traj.new", lang), anchor=False)
        organisation = st.text_input(t("traj.organisation", lang), max_chars=ORGANISATION_LIMIT, key="new_org")
        title = st.text_input(
            t("traj.title", lang), value=t("traj.title_default", lang), max_chars=TITLE_LIMIT, key="new_title"
        )
        facilitator = st.text_input(t("traj.facilitator", lang), max_chars=FACILITATOR_LIMIT, key="new_fac")
        groups = st.text_area(
            t("traj.groups", lang),
            value=t("traj.groups_default", lang),
            help=t("traj.groups_help", lang),
            max_chars=GROUPS_TEXT_LIMIT,
            height=90,
            key="new_groups",
        )
        if st.form_submit_button(t("traj.create", lang), type="primary", key="create_trajectory"):
            try:
                made = create_trajectory(store, organisation, title, facilitator, groups)
            except ReviewError as exc:
                st.error(error_text(exc, lang))
            else:
                open_trajectory(made.id)
    with existing:
        trajectories = store.trajectories()
        if not trajectories:
            st.info(t("traj.none", lang))
        placed = store.placed_sessions()
        for tr in trajectories:
            a, b = st.columns([5, 1], vertical_alignment="center")
            sessions = sum(1 for v in placed.values() if v == tr.id)
            summary = md_message(
                "traj.summary", lang, organisation=tr.organisation, groups=len(tr.groups), sessions=sessions
            )
            a.markdown(f"**{md_text(tr.title)}**  \n{summary}")
            if b.button(t("traj.open", lang), key=f"open_{tr.id}"):
                open_trajectory(tr.id)


# -- one trajectory -------------------------------------------------------------------------


def trajectory_page(store: Store, trajectory: Trajectory, lang: str, min_group: int) -> None:
    if st.button(t("traj.all", lang), type="tertiary", key="all_trajectories"):
        open_trajectory(None)
    st.title(md_text(trajectory.title), anchor=False)
    st.caption(" · ".join(md_text(x) for x in (trajectory.organisation, trajectory.facilitator) if x))
    with st.expander(t("traj.details", lang)):
        details_form(store, trajectory, lang)
    view = overview(store, trajectory.id, min_group, comparisons=False)  # the tabs compute what is picked
    st.header(t("traj.timeline", lang), anchor=False)
    if view.meetings:
        st.html(_TIMELINE_CSS + timeline_html(view, lang))
    else:
        st.info(t("traj.no_meetings", lang))
    left, right = st.columns(2, gap="large")
    with left, st.expander(t("traj.add", lang), expanded=not view.meetings):
        add_session(store, trajectory, lang, view.meetings)
    if view.meetings:
        with right, st.expander(t("traj.remove", lang)):
            remove_form(store, trajectory, view.meetings, lang)
        between, across = st.tabs([t("traj.compare_meetings", lang), t("traj.compare_groups", lang)])
        with between:
            compare_meetings(store, view, lang)
        with across:
            compare_groups(store, view, lang)
    report, keep = st.columns(2, gap="large")
    with report, st.expander(t("report.heading_trajectory", lang), expanded=bool(view.meetings)):
        recommendations_form(store, trajectory, lang)
        trajectory_report_links(trajectory.id, lang)
    with keep, st.expander(t("lifecycle.heading", lang)):
        trajectory_lifecycle(trajectory, lang)


def recommendations_form(store: Store, trajectory: Trajectory, lang: str) -> None:
    """The facilitator's recommendations, printed in the report's first section."""
    with st.form(f"recommendations_{trajectory.id}", border=False):
        text = st.text_area(
            t("traj.recommendations", lang),
            trajectory.recommendations,
            max_chars=RECOMMENDATIONS_LIMIT,
            help=t("traj.recommendations_help", lang),
            height=140,
        )
        if st.form_submit_button(t("traj.recommendations_save", lang)):
            apply(lambda: set_recommendations(store, trajectory, text), lang, "traj.recommendations_saved")


def details_form(store: Store, trajectory: Trajectory, lang: str) -> None:
    with st.form("edit_trajectory"):
        organisation = st.text_input(
            t("traj.organisation", lang), trajectory.organisation, max_chars=ORGANISATION_LIMIT
        )
        title = st.text_input(t("traj.title", lang), trajectory.title, max_chars=TITLE_LIMIT)
        facilitator = st.text_input(t("traj.facilitator", lang), trajectory.facilitator, max_chars=FACILITATOR_LIMIT)
        groups = st.text_area(
            t("traj.groups", lang),
            "\n".join(trajectory.groups),
            help=t("traj.groups_help", lang),
            max_chars=GROUPS_TEXT_LIMIT,
        )
        if st.form_submit_button(t("traj.save", lang), key="save_trajectory"):
            try:
                edit_trajectory(store, trajectory.id, organisation, title, facilitator, groups)
            except ReviewError as exc:
                st.error(error_text(exc, lang))
            else:
                st.rerun()


def timeline_html(view: TrajectoryOverview, lang: str) -> str:
    """Groups down, meetings across; each cell the session, its theme and its sort counts (a count
    below the threshold reads "fewer than 3"). Every user text is escaped."""
    numbers = sorted({m.meeting.meeting for m in view.meetings})
    cells = {(m.meeting.group, m.meeting.meeting): m for m in view.meetings}
    head = "".join(f"<th>{html_text(meeting_label(n, lang))}</th>" for n in numbers)
    rows = []
    for group in view.trajectory.groups:
        tds = []
        for n in numbers:
            m = cells.get((group, n))
            tds.append(_cell(m, view.min_group, lang) if m else '<td class="empty">·</td>')
        rows.append(f"<tr><th>{html_text(group)}</th>{''.join(tds)}</tr>")
    return (
        f'<div class="traj-wrap"><table class="traj-table" data-testid="traj-timeline"><thead><tr>'
        f"<th>{html_text(t('traj.group', lang))}</th>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


def _cell(m: MeetingRow, min_group: int, lang: str) -> str:
    s = m.session
    counts = " · ".join(
        f"{html_text(t(f'chart.{c}', lang))}: {html_text(count_text(n, min_group, lang))}"
        for c, n in m.submitted.items()
    )
    lines = [
        f"<div><b>{html_text(s.title)}</b></div>",
        f'<div class="muted">{html_text(s.code)} · {s.created_at:%Y-%m-%d}</div>',
        f"<div>{html_text(shown_theme(m.meeting.theme, lang))}</div>" if m.meeting.theme else "",
        f'<div class="muted">{counts}</div>',
    ]
    return f"<td>{''.join(lines)}</td>"


def _meeting_option(n: int, lang: str) -> str:
    theme = default_theme(n, lang)
    return meeting_label(n, lang) if n == INTAKE or not theme else f"{meeting_label(n, lang)} · {theme}"


def add_session(store: Store, trajectory: Trajectory, lang: str, meetings: list[MeetingRow]) -> None:
    """Not a form: the theme field follows the meeting number chosen (its default, then as typed).
    The meeting offered first is the group's first one still free (the intake in a new trajectory);
    archived sessions come last in the menu."""
    free = sorted(free_sessions(store), key=lambda s: s.archived)  # stable: newest first otherwise
    if not free:
        st.info(t("traj.no_free", lang))
        return
    session = st.selectbox(t("traj.session", lang), free, format_func=_session_label, key="add_session")
    group = st.selectbox(t("traj.group", lang), trajectory.groups, key="add_group")
    taken = {m.meeting.meeting for m in meetings if m.meeting.group == group}
    first_free = next((n for n in range(INTAKE, MAX_MEETING + 1) if n not in taken), INTAKE)
    meeting = st.selectbox(
        t("traj.meeting", lang),
        range(INTAKE, MAX_MEETING + 1),
        index=first_free - INTAKE,
        format_func=lambda n: _meeting_option(n, lang),
        key="add_meeting",
    )
    theme = st.text_input(
        t("traj.theme", lang), default_theme(meeting, lang), max_chars=THEME_LIMIT, key=f"add_theme_{meeting}"
    )
    if st.button(t("traj.add_button", lang), type="primary", key="add_button"):
        try:
            place_session(store, trajectory, session, group, meeting, theme)
        except ReviewError as exc:
            st.error(error_text(exc, lang))
        else:
            st.rerun()


def remove_form(store: Store, trajectory: Trajectory, meetings: list[MeetingRow], lang: str) -> None:
    chosen = st.selectbox(
        t("traj.session", lang),
        meetings,
        format_func=lambda m: f"{m.meeting.group} · {meeting_label(m.meeting.meeting, lang)} · {m.session.title}",
        key="remove_pick",
    )
    if st.button(t("traj.remove_button", lang), help=t("traj.remove_help", lang), key="remove_button"):
        try:
            remove_session(store, trajectory, chosen.session)
        except ReviewError as exc:
            st.error(error_text(exc, lang))
        else:
            st.rerun()


# -- comparisons ----------------------------------------------------------------------------


def _condition(lang: str, key: str) -> str:
    return st.radio(
        t("traj.condition", lang), CONDITIONS, format_func=lambda c: t(f"chart.{c}", lang), horizontal=True, key=key
    )


def compare_meetings(store: Store, view: TrajectoryOverview, lang: str) -> None:
    by_group: dict[str, list[MeetingRow]] = {}
    for m in view.meetings:
        by_group.setdefault(m.meeting.group, []).append(m)
    groups = [g for g in view.trajectory.groups if len(by_group.get(g, [])) >= 2]
    if not groups:
        st.info(t("traj.need_two_meetings", lang))
        return
    a, b, c = st.columns(3)
    group = a.selectbox(t("traj.group", lang), groups, key="mv_group")
    rows = by_group[group]
    label = lambda m: meeting_label(m.meeting.meeting, lang)  # noqa: E731
    first = b.selectbox(t("traj.from", lang), rows, index=0, format_func=label, key=f"mv_from_{group}")
    last = c.selectbox(t("traj.to", lang), rows, index=len(rows) - 1, format_func=label, key=f"mv_to_{group}")
    condition = _condition(lang, "mv_condition")
    if first.session.id == last.session.id:
        st.info(t("traj.same_meeting", lang))
        return
    moved = movement(store, first.session, last.session, condition, view.min_group)
    show_comparison(moved, (label(first), label(last)), lang, "mv")


def compare_groups(store: Store, view: TrajectoryOverview, lang: str) -> None:
    at: dict[int, dict[str, MeetingRow]] = {}
    for m in view.meetings:
        at.setdefault(m.meeting.meeting, {})[m.meeting.group] = m
    shared = sorted((n for n, g in at.items() if len(g) >= 2), reverse=True)
    if not shared:
        st.info(t("traj.need_two_groups", lang))
        return
    a, b, c = st.columns(3)
    number = a.selectbox(t("traj.meeting", lang), shared, format_func=lambda n: meeting_label(n, lang), key="gc_at")
    groups = [g for g in view.trajectory.groups if g in at[number]]
    group_a = b.selectbox(t("traj.group_a", lang), groups, index=0, key=f"gc_a_{number}")
    group_b = c.selectbox(t("traj.group_b", lang), groups, index=1, key=f"gc_b_{number}")
    condition = _condition(lang, "gc_condition")
    if group_a == group_b:
        st.info(t("traj.same_group", lang))
        return
    compared = group_comparison(
        store, at[number][group_a].session, at[number][group_b].session, condition, view.min_group
    )
    show_comparison(compared, (group_a, group_b), lang, "gc")


def show_comparison(moved: Movement, labels: tuple[str, str], lang: str, key: str) -> None:
    """The notices first (mixed sets, withheld), then the figure and the full table."""
    mixed = moved.mixed_message(lang)
    if mixed:
        st.info(mixed)
    if moved.withheld:
        st.info(moved.withheld_message(lang))
        return
    st.caption(
        md_message("traj.sorts_each", lang, a=moved.n_before, b=moved.n_after, label_a=labels[0], label_b=labels[1])
    )
    # Both versions are drawn; the page's width picks one (CSS below): Python cannot see the screen.
    for size, compact in (("wide", False), ("narrow", True)):
        fig = movement_figure(moved, lang, labels, dark=style.dark_theme(), compact=compact)
        if fig is not None:
            with st.container(key=f"{key}_chart_{size}"):
                st.plotly_chart(fig, theme=None, key=f"{key}_chart_{size}_fig", config={"displayModeBar": False})
    # numbers as the language writes them (the styler's), still sorted as numbers; a column format
    # here would override them with printf's decimal point
    before, after = side_names(labels)
    number = st.column_config.NumberColumn(width="small")
    columns = {
        "#": st.column_config.NumberColumn(width=40),
        t("traj.col_statement", lang): st.column_config.TextColumn(width="large"),
        before: number,
        after: number,
        change_header(moved, labels, lang): number,
    }
    table = comparison_table(moved, labels, lang)
    st.dataframe(table, hide_index=True, width="stretch", key=f"{key}_table", column_config=columns)
