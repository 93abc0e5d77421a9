"""The README and docs/ stay true to the code: the commands, the settings and the links.

Each test computes what the code offers and what the documents say, and names what is missing.
"""

from __future__ import annotations

import argparse
import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
DOCS = ROOT / "docs"

# The running app and its launcher: every REVIEW_* name these read is a setting an operator may
# set, so docs/operations.md lists it in its settings table.
APP_SOURCES = ("review", "ui", "pages", "app.py", "main.py", "deploy")
# What runs the tests and the benchmarks: names only these read are for developers, so
# docs/testing.md or docs/capacity.md documents them (operations.md need not).
HARNESS_SOURCES = ("scripts", "bench", "tests", ".ci")
HARNESS_DOCS = ("testing.md", "capacity.md")

NAME = re.compile(r"^REVIEW_[A-Z0-9_]+$")
SHELL_NAME = re.compile(r"\$\{?(REVIEW_[A-Z0-9_]+)")
MENTION = re.compile(r"\bREVIEW_[A-Z0-9_]+\b")
FENCE = re.compile(r"^(```|~~~)")


def documents() -> list[Path]:
    return [README, *sorted(DOCS.glob("*.md"))]


def text_of(paths: list[Path]) -> str:
    return "\n".join(p.read_text("utf-8") for p in paths)


# ---- the command line ---------------------------------------------------------------------------


def cli_commands() -> dict[str, list[str]]:
    """Every subcommand of ``python -m review`` with the options it takes (not ``--help``)."""
    from review.__main__ import _parser
    from review.config import Settings

    parser = _parser(Settings.from_env({}))
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return {
        name: [o for action in command._actions for o in action.option_strings if o not in ("-h", "--help")]
        for name, command in sub.choices.items()
    }


def lines_running(command: str, text: str) -> list[str]:
    """The documents' lines that run ``python -m review COMMAND``."""
    runs = re.compile(rf"python -m review {re.escape(command)}(?![\w-])")
    return [line for line in text.splitlines() if runs.search(line)]


def test_every_command_is_documented_in_a_line_that_runs_it() -> None:
    """Each subcommand of ``python -m review`` appears in the README or docs/ in a line that runs it."""
    commands = cli_commands()
    text = text_of(documents())
    assert len(commands) >= 9
    missing = [c for c in commands if not lines_running(c, text)]
    assert missing == [], f"commands not shown as `python -m review COMMAND` in README.md or docs/: {missing}"


def test_every_option_is_documented_with_its_command() -> None:
    """Each option of each subcommand appears in a line of the README or docs/ that runs that
    subcommand (docs/operations.md's command table has one such line per command)."""
    text = text_of(documents())
    missing = []
    for command, options in cli_commands().items():
        lines = "\n".join(lines_running(command, text))
        missing += [f"{command} {o}" for o in options if not re.search(rf"{re.escape(o)}(?![\w-])", lines)]
    assert missing == [], f"options not documented beside their command: {missing}"


# ---- the settings -------------------------------------------------------------------------------


def source_files(roots: tuple[str, ...]) -> list[Path]:
    files: list[Path] = []
    for root in roots:
        path = ROOT / root
        if path.is_file():
            files.append(path)
        else:
            files += [p for p in path.rglob("*") if p.is_file() and (p.suffix in (".py", ".sh") or p.name == "run")]
    return files


def names_in_code(roots: tuple[str, ...]) -> set[str]:
    """``REVIEW_*`` names the code uses as names: a Python string that is exactly one (what
    ``os.environ.get(...)`` and ``env[...]`` take), or a shell variable (``$REVIEW_X``,
    ``${REVIEW_X:-...}``). A name only mentioned inside a docstring or a message does not count."""
    found: set[str] = set()
    for path in source_files(roots):
        text = path.read_text("utf-8")
        if path.suffix == ".py":
            found |= {
                node.value
                for node in ast.walk(ast.parse(text))
                if isinstance(node, ast.Constant) and isinstance(node.value, str) and NAME.match(node.value)
            }
        else:
            found |= set(SHELL_NAME.findall(text))
    return found


def settings_table(doc: Path) -> set[str]:
    """The names in the first column of a markdown table: ``| `REVIEW_X` | ...``."""
    return set(re.findall(r"^\| `(REVIEW_[A-Z0-9_]+)` \|", doc.read_text("utf-8"), flags=re.M))


def test_the_code_reads_the_settings_this_test_expects() -> None:
    """The scan itself works: it finds the settings every start reads (else the tests below
    would pass on nothing)."""
    every_start = {"REVIEW_DB", "REVIEW_DATABASE_URL", "REVIEW_MIN_GROUP", "REVIEW_BODY_SECONDS"}
    assert every_start <= names_in_code(APP_SOURCES)
    assert "REVIEW_TEST_DATABASE_URL" in names_in_code(HARNESS_SOURCES)


def test_every_setting_the_app_reads_is_in_the_operations_settings_table() -> None:
    """Every REVIEW_* name the app or its launcher (review/, ui/, pages/, app.py, main.py, deploy/)
    uses is a row of the settings table in docs/operations.md."""
    missing = sorted(names_in_code(APP_SOURCES) - settings_table(DOCS / "operations.md"))
    assert missing == [], f"settings the app reads but docs/operations.md's table lacks: {missing}"


def test_every_variable_of_the_tests_and_benchmarks_is_documented() -> None:
    """REVIEW_* names that only the test and benchmark harness (scripts/, bench/, tests/, .ci/)
    uses are for developers: docs/testing.md or docs/capacity.md mentions each."""
    harness_only = names_in_code(HARNESS_SOURCES) - names_in_code(APP_SOURCES)
    documented = set(MENTION.findall(text_of([DOCS / name for name in HARNESS_DOCS])))
    missing = sorted(harness_only - documented)
    assert missing == [], f"test or benchmark variables not in docs/testing.md or docs/capacity.md: {missing}"


def test_every_documented_setting_exists_in_the_code() -> None:
    """No REVIEW_* name in the README or docs/ that the code does not use (a renamed or removed
    setting, or a typo)."""
    mentioned = set(MENTION.findall(text_of(documents())))
    unknown = sorted(mentioned - names_in_code(APP_SOURCES + HARNESS_SOURCES))
    assert unknown == [], f"REVIEW_* names in the documents that no code uses: {unknown}"


# ---- the links ----------------------------------------------------------------------------------


def prose(text: str) -> str:
    """The text without fenced code blocks and inline code, where brackets are not links."""
    lines, fenced = [], False
    for line in text.splitlines():
        if FENCE.match(line.strip()):
            fenced = not fenced
            continue
        lines.append("" if fenced else re.sub(r"`[^`]*`", "", line))
    return "\n".join(lines)


def links(doc: Path) -> list[str]:
    """Markdown links and images, and HTML ``src``/``href`` attributes."""
    text = prose(doc.read_text("utf-8"))
    return re.findall(r"\]\(([^)\s]+)\)", text) + re.findall(r"\b(?:src|href)=\"([^\"]+)\"", text)


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link keeps its words
    text = re.sub(r"[`*_]", "", text).strip().lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def anchors(doc: Path) -> set[str]:
    """The anchors of a markdown file's headings (outside code blocks); repeats get -1, -2, ..."""
    seen: dict[str, int] = {}
    out: set[str] = set()
    fenced = False
    for line in doc.read_text("utf-8").splitlines():
        if FENCE.match(line.strip()):
            fenced = not fenced
            continue
        heading = re.match(r"^#{1,6}\s+(.*?)\s*#*\s*$", line)
        if heading and not fenced:
            base = slug(heading.group(1))
            n = seen.get(base, 0)
            seen[base] = n + 1
            out.add(base if n == 0 else f"{base}-{n}")
    return out


def broken_links(doc: Path) -> list[str]:
    broken = []
    for target in links(doc):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target):  # http:, https:, mailto:: not ours to check
            continue
        path_part, _, anchor = target.partition("#")
        path = (doc.parent / path_part).resolve() if path_part else doc
        if not path.exists():
            broken.append(f"{target} (no such file)")
        elif anchor and (path.suffix != ".md" or anchor not in anchors(path)):
            broken.append(f"{target} (no heading #{anchor} in {path.relative_to(ROOT)})")
    return broken


def test_the_slugs_are_githubs() -> None:
    assert slug("Set up on a fresh machine (Python 3.11, Debian)") == "set-up-on-a-fresh-machine-python-311-debian"
    assert slug("Extra phones (the threat model)") == "extra-phones-the-threat-model"
    assert slug("The method: `bench/load.py`") == "the-method-benchloadpy"


def test_every_relative_link_resolves() -> None:
    """Every relative link and image in the README and docs/ points at a file that exists, and an
    ``#anchor`` at a heading of that markdown file."""
    found = {str(doc.relative_to(ROOT)): links(doc) for doc in documents()}
    assert sum(len(v) for v in found.values()) >= 10  # the scan finds links at all
    broken = {str(doc.relative_to(ROOT)): broken_links(doc) for doc in documents()}
    assert {k: v for k, v in broken.items() if v} == {}


def test_the_readme_links_every_document() -> None:
    """A newcomer finds every page of docs/ from the README."""
    linked = {(README.parent / t.partition("#")[0]).resolve() for t in links(README)}
    missing = sorted(str(d.relative_to(ROOT)) for d in DOCS.glob("*.md") if d.resolve() not in linked)
    assert missing == [], f"docs/ pages the README does not link: {missing}"
