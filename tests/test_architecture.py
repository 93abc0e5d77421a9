"""The domain package never imports the UI (house style rule 1)."""

import ast
from pathlib import Path

REVIEW = Path(__file__).resolve().parent.parent / "review"
FORBIDDEN = ("streamlit", "starlette", "ui", "pages")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_review_does_not_import_ui() -> None:
    files = sorted(REVIEW.rglob("*.py"))
    assert len(files) >= 10
    offenders = {f.name: imported_modules(f) & set(FORBIDDEN) for f in files}
    assert {k: v for k, v in offenders.items() if v} == {}


def test_only_the_store_has_sql() -> None:
    """SQL lives in the store package (review/store/), nowhere else in the domain."""
    store = REVIEW / "store"
    assert (store / "core.py").exists()
    for f in REVIEW.rglob("*.py"):
        if store not in f.parents:
            text = f.read_text("utf-8")
            assert "SELECT " not in text and "INSERT " not in text, f.name
