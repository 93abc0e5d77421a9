"""What is particular to the PostgreSQL backend: its parameters, its messages, its frames.

Everything else the store does is tested on both backends by the ``store`` fixture."""

from __future__ import annotations

import pandas as pd
import pytest

from review.errors import StoreUnavailable
from review.faults import store_failure
from review.store import Store
from review.store.backend_postgres import _bind, shown, translate
from tests.conftest import postgres_url


def test_parameters_are_translated_for_psycopg() -> None:
    assert translate("SELECT ? , ?::INTEGER[]") == ("SELECT %s , %s::INTEGER[]", None)
    # $n may repeat and come in any order: each becomes %s, with the order to pass them in
    assert translate("SELECT $2, $1 WHERE a = $2") == ("SELECT %s, %s WHERE a = %s", (1, 0, 1))
    # a ? or $1 or % inside quotes is text, and a % outside is doubled (psycopg reads %s)
    assert translate("SELECT '?', 'a''$1', x % 2 FROM t WHERE y = ?") == (
        "SELECT '?', 'a''$1', x %% 2 FROM t WHERE y = %s",
        None,
    )


def test_a_statement_without_parameters_goes_as_it_is() -> None:
    """psycopg reads no placeholders without parameters: a migration's % or quote stays as written."""
    sql = "SELECT 7 % 2 -- a discussion point's key"
    assert _bind(sql, None) == (sql, None)
    assert _bind("SELECT $2 || $1", ["a", "b"]) == ("SELECT %s || %s", ["b", "a"])


def test_a_failure_names_the_database_by_its_url_not_as_a_file() -> None:
    error = store_failure(RuntimeError("boom"), "postgresql://review:***@db.example/review")
    assert "The database postgresql://review:***@db.example/review does not work (boom)" in error.message("en")


def test_the_password_never_shows() -> None:
    assert (
        shown("postgresql://review:s3cret@db.example:5432/review") == "postgresql://review:***@db.example:5432/review"
    )
    assert shown("postgresql://db.example/review") == "postgresql://db.example/review"


def _with(url: str, **parts: str) -> str:
    from urllib.parse import urlsplit, urlunsplit

    split = urlsplit(url)
    user = parts.get("user", split.username or "")
    password = parts.get("password", split.password or "")
    netloc = f"{user}:{password}@{split.hostname}:{parts.get('port', split.port or 5432)}"
    return urlunsplit(split._replace(netloc=netloc))


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"user": "no_such_role", "password": "not-the-password"}, '"no_such_role"'),
        ({"port": "1"}, "Connection refused"),
    ],
)
def test_a_database_that_cannot_be_reached_says_why_in_one_sentence(change, words) -> None:
    url = _with(postgres_url(), **change)
    with pytest.raises(StoreUnavailable) as raised:
        Store.open(url)
    error = raised.value
    assert error.key == "error.database_unreachable"
    for lang in ("en", "nl"):
        message = error.message(lang)
        assert words in message and "REVIEW_DATABASE_URL" in message
        assert "not-the-password" not in message


def test_both_backends_give_the_exports_the_same_frames(tmp_path, statement_set, grid) -> None:
    """The same sorts in both: every frame the store gives (exports, heatmaps, the published
    copy) has the same columns, types and values, NULLs included."""
    from review.room.demo import create_demo_session
    from review.room.live import refresh
    from tests.conftest import postgres_schema
    from tests.content.test_grid import valid_sort

    with postgres_schema() as url:
        stores = [Store.open(tmp_path / "same.duckdb"), Store.open(url)]
        frames = []
        for store in stores:
            session = create_demo_session(store, participants=12, seed=7, title="Zelfde")
            ids = statement_set.ids
            comments = {ids[0]: "Eerst, met 'quotes' en een é", ids[1]: "Tweede"}
            store.save_sort(session.id, "zonder-rol", "observed", valid_sort(grid, ids), comments)  # a NULL role
            store.add_participant(session.id, "joined-only", "nl")  # and one with no sort
            refresh(store, session)
            frames.append(
                {
                    "all_sorts": store.all_sorts(session.id).drop(columns=["joined_at", "submitted_at"]),
                    "all_comments": store.all_comments(session.id),
                    "counts": store.position_counts(session.id, "observed"),
                    "by_role": store.position_counts(session.id, "observed", by_role=True),
                    "published": store.published_sorts(session.id).drop(columns=["submitted_at"]),
                }
            )
            assert str(store.all_sorts(session.id)["submitted_at"].dtype) == "datetime64[us]"
        for name, frame in frames[0].items():
            assert len(frame) > 0, name
            pd.testing.assert_frame_equal(frame, frames[1][name], check_dtype=True, obj=name)
        for store in stores:
            store.close()


def test_exports_reports_and_the_analysis_are_the_same_bytes_from_either_backend(
    tmp_path, statement_set, grid, monkeypatch
) -> None:
    """One study (two conditions, roles, comments) imported into a DuckDB file and a PostgreSQL
    database: the CSV, JSON and PQMethod exports, the xlsx's sheets, the HTML report and the
    factor analysis are the same, byte for byte."""
    import io
    import json
    from datetime import datetime

    from review.analysis.qmethod.result import to_json as analysis_json
    from review.analysis.viewpoints import analyse_session
    from review.report import session_report
    from review.room import sessions
    from review.room.demo import create_demo_session
    from review.room.live import refresh
    from review.studies import group_export, imports
    from review.studies.exports import to_csv, to_json, to_pqmethod, to_xlsx
    from review.studies.import_json import read_json
    from tests.conftest import postgres_schema
    from tests.content.test_grid import valid_sort

    source = Store.open(tmp_path / "source.duckdb")
    made = create_demo_session(source, participants=12, seed=7, title="Zelfde uitkomst")
    ids = statement_set.ids
    sort = valid_sort(grid, ids)
    extremes = [i for i, p in sort.items() if p in (min(grid.values), max(grid.values))]
    comments = {extremes[0]: "Zo is 't — écht waar", extremes[-1]: "ja"}
    source.save_sort(made.id, "met-opmerking", "observed", sort, comments)
    study = read_json(json.dumps(to_json(source, made)))
    source.close()
    monkeypatch.setattr(sessions, "new_code", lambda: "ZELFDE")  # review.room.sessions.free_code draws it
    fixed = datetime(2026, 11, 30, 9, 30)
    results = []
    with postgres_schema() as url:
        for target in (str(tmp_path / "copy.duckdb"), url):
            store = Store.open(target)
            session = imports.store_study(store, study)
            with store._transaction() as tx:  # the import's own moment: the same in both
                tx.execute("UPDATE sessions SET created_at = ?", [fixed])
                tx.execute("UPDATE participants SET joined_at = ?", [fixed])
            session = store.session(session.id)
            refresh(store, session, 3)
            xlsx = pd.read_excel(io.BytesIO(to_xlsx(store, session, "en")), sheet_name=None)
            results.append(
                {
                    "csv nl": to_csv(store, session, "nl").encode(),
                    "csv en": to_csv(store, session, "en").encode(),
                    "json": json.dumps(to_json(store, session), ensure_ascii=False).encode(),
                    "pqmethod": "\n".join(to_pqmethod(store, session, "observed")).encode(),
                    "xlsx": "\n".join(f"{name}\n{frame.to_csv()}" for name, frame in xlsx.items()).encode(),
                    "group csv": group_export.to_csv(store, session, 3, "nl").encode(),
                    "group json": json.dumps(group_export.to_json(store, session, 3, "en")).encode(),
                    "report": session_report(store, session, 3, "nl", "html"),
                    "analysis": json.dumps(analysis_json(analyse_session(store, session, "observed", 2))).encode(),
                }
            )
            store.close()
    duck, postgres = results
    assert b"Zo is 't" in duck["csv nl"] and len(duck["report"]) > 10_000
    # desired: the whole group and both roles; observed: the whole group only, since its one sort
    # without a role would be the whole minus the two roles
    assert len(duck["group csv"].splitlines()) == 1 + 50 * (3 + 1)
    for name in duck:
        assert duck[name] == postgres[name], name
