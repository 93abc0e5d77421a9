"""The default (group) export keeps docs/researchers.md's promise, read back from the files themselves:
no single sort, no role below the threshold, no comment the facilitator did not choose, no time
of day. The research export holds the single sorts and is reached only by its own route."""

from __future__ import annotations

import csv
import io
import json
import random
import re

import pytest
from openpyxl import load_workbook
from starlette.requests import Request

from review.access.login import COOKIE, cookie_secret, make_cookie
from review.room.live import feature_comment, refresh
from review.room.sessions import create_session, join, submit_sort
from review.store import Session, Store
from review.studies import exports, group_export
from tests.conftest import columns_of, run_async
from tests.content.test_grid import valid_sort

K = 3  # the threshold these tests run at
TIME_OF_DAY = re.compile(r"\d{1,2}:\d{2}")


def _submit(store: Store, session: Session, seed: int, role: str | None, comment: str) -> None:
    ids = list(session.statement_set.ids)
    random.Random(seed).shuffle(ids)
    sort = valid_sort(session.grid, ids)
    top = next(sid for sid, v in sort.items() if v == max(session.grid.values))
    submit_sort(store, session, join(store, session), "observed", columns_of(sort), {str(top): comment}, role)


def room(store: Store, statement_set, grid, roles: list[str | None]) -> tuple[Session, list[str], list[str]]:
    """A session whose people answered ``roles`` (in order), each with a comment; the first two
    published comments of a professional featured. Returns the session, the featured and the other comments."""
    session = create_session(store, "Team", statement_set, grid, ("observed",), ("manager", "professional"), True)
    texts = [f"comment {k} {role or 'none'} zegt iets" for k, role in enumerate(roles)]
    for k, (role, text) in enumerate(zip(roles, texts, strict=True)):
        _submit(store, session, k, role, text)
    refresh(store, session, K)
    shown = {c.text: c.key for c in store.shown_comments(session.id)}
    chosen = [x for x, role in zip(texts, roles, strict=True) if role == "professional" and x in shown][:2]
    for text in chosen:
        feature_comment(store, session, shown[text], True)
    return session, chosen, [x for x in texts if x not in chosen]


def _leaves(value: object) -> list[str]:
    if isinstance(value, dict):
        return [x for v in value.values() for x in _leaves(v)]
    if isinstance(value, list):
        return [x for v in value for x in _leaves(v)]
    return ["" if value is None else str(value)]


def every_default_file(store: Store, session: Session) -> dict[str, list[str]]:
    """Each default format as the cells a reader finds in it (every cell of every sheet, every
    value of the JSON), read back from the bytes."""
    book = load_workbook(io.BytesIO(group_export.to_xlsx(store, session, K, "en")))
    cells = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert not cell.is_date, (sheet.title, cell.coordinate)
                cells.append("" if cell.value is None else str(cell.value))
    table = list(csv.reader(io.StringIO(group_export.to_csv(store, session, K, "en"))))
    doc = json.loads(json.dumps(group_export.to_json(store, session, K, "en")))
    return {"csv": [c for row in table for c in row], "xlsx": cells, "json": _leaves(doc)}


def test_one_manager_among_professionals_is_nowhere_in_the_default_files(store: Store, statement_set, grid) -> None:
    """6 sorts: 1 manager, 5 professionals. The professionals' aggregate is held back too: the
    whole group minus the professionals would be the manager's sort."""
    session, chosen, unchosen = room(store, statement_set, grid, ["manager"] + ["professional"] * 5)
    files = every_default_file(store, session)
    for fmt, cells in files.items():
        text = "\n".join(cells)
        assert "manager" not in cells, fmt  # a statement may say "manager"; no cell is the role
        assert not any(comment in text for comment in unchosen), fmt
        assert not TIME_OF_DAY.search(text), (fmt, TIME_OF_DAY.search(text))
        assert not re.search(r"\bp0\d\b", text), fmt  # no pseudonym: no single sort
    for fmt in ("xlsx", "json"):
        assert all(comment in files[fmt] for comment in chosen), fmt
    rows = list(csv.DictReader(io.StringIO(group_export.to_csv(store, session, K, "en"))))
    assert len(rows) == len(statement_set.ids)  # one row per statement: the whole group only
    assert {(r["group"], r["role"], r["n_sorts"]) for r in rows} == {("all", "", "6")}
    assert "participant" not in rows[0]
    doc = group_export.to_json(store, session, K, "en")
    assert doc["session"]["date"] == f"{session.created_at:%Y-%m-%d}"
    assert any("no roles" in line for line in doc["about"])  # the file says why the roles are missing


def test_roles_at_the_threshold_come_out_and_smaller_ones_pool_as_other_roles(
    store: Store, statement_set, grid
) -> None:
    """3 managers, 4 professionals and 3 without a role: each role whole, the three without a role
    pooled as 'other roles'; every group at or above the threshold, counts that add up."""
    session, _, _ = room(store, statement_set, grid, ["manager"] * 3 + ["professional"] * 4 + [None] * 3)
    rows = list(csv.DictReader(io.StringIO(group_export.to_csv(store, session, K, "en"))))
    sizes = {(r["group"], r["role"]): int(r["n_sorts"]) for r in rows}
    assert sizes == {("all", ""): 10, ("role", "manager"): 3, ("role", "professional"): 4, ("other roles", ""): 3}
    first = statement_set.ids[0]
    whole = next(r for r in rows if r["group"] == "all" and int(r["statement_id"]) == first)
    parts = [r for r in rows if r["group"] != "all" and int(r["statement_id"]) == first]
    for column in (c for c in whole if c.startswith("n_") and c != "n_sorts"):
        assert int(whole[column]) == sum(int(r[column]) for r in parts), column


def test_a_condition_below_the_threshold_is_left_out_and_said(store: Store, statement_set, grid) -> None:
    session, _, _ = room(store, statement_set, grid, ["professional", "professional"])
    assert list(csv.DictReader(io.StringIO(group_export.to_csv(store, session, K, "en")))) == []
    doc = group_export.to_json(store, session, K, "en")
    assert doc["statements"] == [] and doc["comments"] == []
    assert "Round 1, As it is: fewer than 3 sorts, left out." in doc["about"]


def test_the_research_export_holds_every_sort_as_it_is(store: Store, statement_set, grid) -> None:
    session, chosen, unchosen = room(store, statement_set, grid, ["manager"] + ["professional"] * 5)
    rows = list(csv.DictReader(io.StringIO(exports.to_csv(store, session, "en"))))
    assert {r["participant"] for r in rows} == {f"p{k:02d}" for k in range(1, 7)}
    assert {r["subgroup"] for r in rows} == {"manager", "professional"}
    assert sorted(r["comment"] for r in rows if r["comment"]) == sorted(chosen + unchosen)


# -- the HTTP routes ------------------------------------------------------------------------------


def _get(endpoint, code: str, fmt: str, cookie: str | None, query: str = "lang=en"):
    headers = [(b"cookie", f"{COOKIE}={cookie}".encode())] if cookie else []
    scope = {
        "type": "http",
        "method": "GET",
        "path": f"/api/export/{code}.{fmt}",
        "path_params": {"code": code, "fmt": fmt},
        "headers": headers,
        "client": ("203.0.113.7", 5000),
        "query_string": query.encode(),
    }
    return run_async(endpoint(Request(scope)))


@pytest.fixture
def served(shared_store: Store, statement_set, grid) -> tuple[Session, str]:
    session, _, _ = room(shared_store, statement_set, grid, ["manager"] + ["professional"] * 5)
    return session, make_cookie(cookie_secret(shared_store))


def test_the_default_route_gives_the_group_files_only(served) -> None:
    from ui.http.api_exports import group_download

    session, cookie = served
    for fmt in ("csv", "xlsx", "json"):
        response = _get(group_download, session.code, fmt, cookie)
        assert response.status_code == 200, response.body[:200]
        name = f"review-{session.code}.{fmt}"
        assert response.headers["content-disposition"] == f'attachment; filename="{name}"'
        assert _get(group_download, session.code, fmt, None).status_code == 403
    rows = list(csv.DictReader(io.StringIO(_get(group_download, session.code, "csv", cookie).body.decode())))
    assert {(r["group"], r["role"], r["n_sorts"]) for r in rows} == {("all", "", "6")}
    for fmt in ("dat", "sta"):  # single sorts: not a default format
        assert _get(group_download, session.code, fmt, cookie).status_code == 404


def test_the_research_route_is_its_own_choice_and_the_facilitators_only(served) -> None:
    from ui.http.api_exports import research_download

    session, cookie = served
    for fmt in ("csv", "xlsx", "json", "dat", "sta"):
        assert _get(research_download, session.code, fmt, None).status_code == 403
        assert _get(research_download, session.code, fmt, "1700000000.forged").status_code == 403
        response = _get(research_download, session.code, fmt, cookie)
        assert response.status_code == 200, response.body[:200]
        suffix = "-observed" if fmt in ("dat", "sta") else ""
        name = f"review-{session.code}{suffix}_research.{fmt}"
        assert response.headers["content-disposition"] == f'attachment; filename="{name}"'
    rows = list(csv.DictReader(io.StringIO(_get(research_download, session.code, "csv", cookie).body.decode())))
    assert len({r["participant"] for r in rows}) == 6 and "manager" in {r["subgroup"] for r in rows}
    dat = _get(research_download, session.code, "dat", cookie).body.decode("latin-1").splitlines()
    assert len(dat) == 2 + 6  # header, distribution, one line per Q-sort
    assert _get(research_download, session.code, "dat", cookie, "condition=desired").status_code == 400
