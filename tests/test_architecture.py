"""The layers hold (docs/architecture.md), read from the code's own imports and calls.

- Imports go one way: ``app.py``, ``main.py`` and ``pages/`` may use ``ui/`` and ``review/``; ``ui/``
  may use ``review/``; ``review/`` uses neither, nor Streamlit or Starlette; ``review/store/`` uses
  only itself and the few plain modules it stores (grid, statements, errors, timestamps, faults).
- Between the folders, imports go down the table :data:`LAYERS` (docs/architecture.md draws it):
  ``content`` and ``access`` on the base modules, the store on ``content``, the room on the store,
  and so on up to the report, the command line and the app; every module belongs to a folder.
- No import cycle anywhere, imports inside functions included.
- The database drivers are imported only in ``review/store/``, and only the store has SQL.
- Pages never call the store: they hand it to the domain's functions.
- The charts (``review/charts/``) draw what they are handed: they read no store and no view.
- Each topic of the store uses only the members it declares or its base (``StoreBase``) does.
- Only the anonymity gate (``review/room/anonymity.py``) compares a count with the threshold.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCT = [ROOT / "app.py", ROOT / "main.py", *sorted((ROOT / "pages").glob("*.py"))]
PRODUCT += sorted((ROOT / "ui").rglob("*.py")) + sorted((ROOT / "review").rglob("*.py"))
DRIVERS = {"duckdb", "psycopg", "psycopg_pool"}

# Which top-level parts each part may import (besides itself and third-party libraries).
ALLOWED = {
    "app": {"ui", "review"},
    "main": {"ui", "review"},
    "pages": {"ui", "review"},
    "ui": {"review"},
    "review": set(),
}
UI_LIBRARIES = {"streamlit", "starlette", "uvicorn"}
# What the store may take from the rest of the domain: plain modules that import no store themselves.
STORE_USES = {"review.errors", "review.timestamps", "review.faults", "review.content.grid", "review.content.statements"}

# What the charts may use besides each other: the plain data they draw, its words and its numbers.
CHARTS_USE = {
    "review.room.aggregates",
    "review.content.grid",
    "review.i18n",
    "review.numbers",
    "review.content.statements",
}

# The folders of the product, each with the folders it may import (besides itself). "base" is the
# domain's plain modules at the top of review/; "cli" is the command line and its settings.
BASE = {"review.errors", "review.faults", "review.i18n", "review.numbers", "review.timestamps"}
CLI = {"review", "review.config", "review.__main__"}
LAYERS: dict[str, set[str]] = {
    "base": set(),
    "content": {"base"},
    "access": {"base"},
    "store": {"base", "content"},
    "room": {"base", "content", "access", "store"},
    "charts": {"base", "content", "room"},
    "studies": {"base", "content", "room", "store"},
    "library": {"base", "content", "room", "store"},
    "analysis": {"base", "content", "room", "store", "studies"},
    "trajectories": {"base", "content", "room", "store", "charts"},
    "views": {"base", "content", "room", "store", "charts", "library", "analysis"},
    "report": {"base", "content", "room", "store", "charts", "library", "analysis", "trajectories", "views"},
    "cli": {"base", "content", "access", "store", "room", "studies", "analysis", "report"},
}
DOMAIN = set(LAYERS)
LAYERS |= {
    "ui": DOMAIN,  # ui/state.py, auth.py, priority.py: what both halves of ui/ share
    "ui.http": DOMAIN | {"ui"},
    "ui.screens": DOMAIN | {"ui"},
    "pages": DOMAIN | {"ui", "ui.screens"},
    "app": DOMAIN | {"ui", "ui.http"},
    "main": DOMAIN | {"ui", "ui.screens"},
}


def folder(module: str) -> str:
    """The folder of :data:`LAYERS` a module belongs to (``review.room.live``: ``room``)."""
    parts = module.split(".")
    if module in CLI:
        return "cli"
    if ".".join(parts[:2]) in BASE:
        return "base"
    if parts[0] == "review":
        return parts[1]
    if parts[0] == "ui" and len(parts) > 2:
        return ".".join(parts[:2])
    return parts[0]


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


KNOWN = {module_name(p) for p in PRODUCT}


def imports(path: Path) -> Iterator[str]:
    """Every module ``path`` imports, anywhere in it (inside functions too), relative ones resolved."""
    package = module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, node.module] if node.module else base)
            submodules = [f"{module}.{alias.name}" for alias in node.names if f"{module}.{alias.name}" in KNOWN]
            yield from submodules or [module]  # `from ui import state` imports ui.state, not ui


def graph() -> dict[str, set[str]]:
    """Module -> the product modules it imports."""
    return {module_name(p): {m for m in imports(p) if m in KNOWN and m != module_name(p)} for p in PRODUCT}


def part(module: str) -> str:
    return module.split(".")[0]


def test_the_graph_is_read_at_all() -> None:
    edges = graph()
    assert (len(edges) > 80 and "review.store.core" in edges["review.room.live"]) or "review.store" in edges[
        "review.room.live"
    ]
    assert "ui.state" in edges["pages.join"]


def test_imports_go_one_way() -> None:
    wrong = []
    for module, path in ((module_name(p), p) for p in PRODUCT):
        for imported in imports(path):
            target = part(imported)
            if target in ALLOWED and target != part(module) and target not in ALLOWED[part(module)]:
                wrong.append(f"{module} imports {imported}")
            if part(module) == "review" and target in UI_LIBRARIES:
                wrong.append(f"{module} imports {imported} (the domain knows no web framework)")
    assert wrong == []


def test_every_module_is_in_a_folder_of_the_table() -> None:
    """A new module at the top of review/ (or a new folder) is placed in the table, not let through."""
    assert {module: folder(module) for module in KNOWN if folder(module) not in LAYERS} == {}
    assert {folder(m) for m in KNOWN} == set(LAYERS)  # and every folder of the table exists


def test_imports_go_down_the_folders() -> None:
    edges = graph()
    wrong = sorted(
        f"{module} ({folder(module)}) imports {imported} ({folder(imported)})"
        for module, targets in edges.items()
        for imported in targets
        if folder(imported) != folder(module) and folder(imported) not in LAYERS[folder(module)]
    )
    assert wrong == []


def test_the_store_builds_on_nothing_above_it() -> None:
    edges = graph()
    wrong = [
        f"{module} imports {imported}"
        for module, targets in edges.items()
        if module.startswith("review.store")
        for imported in targets
        if not imported.startswith("review.store") and imported not in STORE_USES
    ]
    assert wrong == []
    for plain in STORE_USES:  # and those plain modules do not reach back into the store
        assert not any(t.startswith("review.store") for t in edges[plain]), plain


def test_the_charts_draw_what_they_are_handed() -> None:
    edges = graph()
    charts = [m for m in edges if m.startswith("review.charts.")]
    assert "review.charts.layout" in edges["review.charts.condition_figures"]  # the charts are read at all
    wrong = [
        f"{module} imports {imported}"
        for module in charts
        for imported in edges[module]
        if not imported.startswith("review.charts.") and imported not in CHARTS_USE
    ]
    assert wrong == []


def test_no_import_cycle_anywhere() -> None:
    edges = graph()
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in edges[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    assert cycles == []


@pytest.mark.parametrize("path", PRODUCT, ids=lambda p: str(p.relative_to(ROOT)))
def test_database_drivers_only_in_the_store(path: Path) -> None:
    if (ROOT / "review" / "store") in path.parents:
        return
    assert not {part(m) for m in imports(path)} & DRIVERS


SQL = re.compile(r"\b(SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM|CREATE TABLE|ALTER TABLE)\b")


@pytest.mark.parametrize("path", PRODUCT, ids=lambda p: str(p.relative_to(ROOT)))
def test_only_the_store_has_sql(path: Path) -> None:
    if (ROOT / "review" / "store") in path.parents:
        return
    strings = [
        n.value
        for n in ast.walk(ast.parse(path.read_text("utf-8")))
        if isinstance(n, ast.Constant) and isinstance(n.value, str)
    ]
    assert not [s for s in strings if SQL.search(s)]


# The names the threshold goes by in the code: a comparison with one of them is the gate's job.
THRESHOLD_NAMES = {"threshold", "min_group", "min_size", "min_sorts", "k", "k_min", "MIN_GROUP"}
GATE = ROOT / "review" / "room" / "anonymity.py"


def threshold_comparisons(source: str) -> list[str]:
    """Every ordering comparison (<, <=, >, >=) with a name, attribute or call named like the threshold."""

    def name(node: ast.AST) -> str | None:
        if isinstance(node, ast.Call):
            node = node.func
        return node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else None

    return [
        ast.unparse(n)
        for n in ast.walk(ast.parse(source))
        if isinstance(n, ast.Compare)
        and any(isinstance(op, ast.Lt | ast.LtE | ast.Gt | ast.GtE) for op in n.ops)
        and any(name(side) in THRESHOLD_NAMES for side in (n.left, *n.comparators))
    ]


def test_threshold_comparisons_are_found() -> None:
    found = threshold_comparisons("a = n >= min_group\nb = x.shown < room.threshold\nc = 0 < rest < k\nd = i < n")
    assert found == ["n >= min_group", "x.shown < room.threshold", "0 < rest < k"]


@pytest.mark.parametrize("path", PRODUCT, ids=lambda p: str(p.relative_to(ROOT)))
def test_only_the_gate_compares_a_count_with_the_threshold(path: Path) -> None:
    """Whether a count may be shown is decided in one place: ``may_show``, ``shown_count``,
    ``separate_groups`` and ``complement_too_small`` in review/room/anonymity.py."""
    if path == GATE:
        return
    assert threshold_comparisons(path.read_text("utf-8")) == []


def test_pages_never_call_the_store() -> None:
    """A page may hand the store to the domain (``room.refresh(store, session)``), never call it."""
    calls = []
    for path in sorted((ROOT / "pages").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                owner = node.func.value
                if (isinstance(owner, ast.Name) and owner.id == "store") or (
                    isinstance(owner, ast.Call) and ast.unparse(owner.func) == "state.store"
                ):
                    calls.append(f"{path.name}:{node.lineno} {ast.unparse(node.func)}")
    assert calls == []


def _self_attributes(cls: ast.ClassDef, ctx: type[ast.expr_context]) -> set[str]:
    return {
        n.attr
        for n in ast.walk(cls)
        if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) and n.value.id == "self"
        if isinstance(n.ctx, ctx)
    }


def _declared(cls: ast.ClassDef) -> set[str]:
    """The members a class declares: its methods, class attributes, and what it sets on ``self``."""
    names = _self_attributes(cls, ast.Store)
    for node in cls.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names |= {t.id for t in node.targets if isinstance(t, ast.Name)}
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return names


def test_each_store_topic_uses_only_its_own_members_and_the_base() -> None:
    """A topic (a direct subclass of ``StoreBase``) never leans on another topic's members, so
    each is readable, and type-checkable, on its own; :class:`review.store.Store` joins them."""
    store = ROOT / "review" / "store"
    base = next(
        c for c in ast.walk(ast.parse((store / "base.py").read_text("utf-8")))
        if isinstance(c, ast.ClassDef) and c.name == "StoreBase"
    )  # fmt: skip
    topics = [
        (path.name, node)
        for path in sorted(store.glob("*.py"))
        for node in ast.walk(ast.parse(path.read_text("utf-8")))
        if isinstance(node, ast.ClassDef) and any(ast.unparse(b) == "StoreBase" for b in node.bases)
    ]
    assert len(topics) >= 10
    foreign = [
        f"{name} {topic.name} uses self.{member}"
        for name, topic in topics
        for member in sorted(_self_attributes(topic, ast.Load) - _declared(topic) - _declared(base))
    ]
    assert foreign == []
