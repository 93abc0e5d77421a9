import subprocess
import sys
from pathlib import Path

import pytest

from review.room.summaries import condition_summary
from review.store import Store

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, env_db: Path | None = None) -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin", "HOME": "/tmp"}
    if env_db:
        env["REVIEW_DB"] = str(env_db)
    return subprocess.run([sys.executable, "-m", "review", *args], capture_output=True, text=True, cwd=ROOT, env=env)


def test_demo_creates_a_filled_session(tmp_path: Path) -> None:
    db = tmp_path / "demo.duckdb"
    out = run("demo", "--participants", "30", "--db", str(db))
    assert out.returncode == 0, out.stderr
    code = out.stdout.strip()
    assert len(code) == 6
    store = Store.open(db)
    session = store.session_by_code(code)
    summary = condition_summary(store, session, "observed", scope=None)
    assert summary.n_sorts == 30
    assert summary.counts.sum(axis=0).tolist() == [30 * c for c in session.grid.counts]
    store.close()


def test_demo_uses_review_db_from_the_environment(tmp_path: Path) -> None:
    db = tmp_path / "env.duckdb"
    out = run("demo", env_db=db)
    assert out.returncode == 0, out.stderr
    assert db.exists() and "12 people" in out.stderr


def test_demo_is_reproducible_per_seed(tmp_path: Path) -> None:
    from review.content.grid import load_grid
    from review.content.statements import load_statement_set
    from review.room.demo import demo_sorts

    a = demo_sorts(load_statement_set(), load_grid(), 5, seed=3)
    assert a == demo_sorts(load_statement_set(), load_grid(), 5, seed=3)
    assert a != demo_sorts(load_statement_set(), load_grid(), 5, seed=4)


def test_bad_arguments_exit_non_zero(tmp_path: Path) -> None:
    out = run("demo", "--participants", "-3", "--db", str(tmp_path / "x.duckdb"))
    assert out.returncode == 2 and "0 to 5000" in out.stderr


def test_a_locked_database_is_reported(tmp_path: Path) -> None:
    db = tmp_path / "locked.duckdb"
    holder = Store.open(db)
    out = run("demo", "--db", str(db))
    holder.close()
    assert out.returncode == 2
    assert "in use by another program" in out.stderr


def test_summary_json_matches_the_screens(tmp_path: Path) -> None:
    import json

    db = tmp_path / "s.duckdb"
    code = run("demo", "--participants", "12", "--db", str(db)).stdout.strip()
    out = run("summary", code, "--db", str(db))
    assert out.returncode == 0, out.stderr
    body = json.loads(out.stdout)
    assert body["n_submitted"] == 12
    assert set(body["statements"]) == {str(i) for i in range(1, 51)}
    s1 = body["statements"]["1"]
    assert set(s1) >= {"counts", "mean", "sd", "disagreement_rank"}
    assert sum(s1["counts"].values()) == 12
    ranks = sorted(s["disagreement_rank"] for s in body["statements"].values())
    assert ranks == list(range(1, 51))
    store = Store.open(db)
    summary = condition_summary(store, store.session_by_code(code), "observed", scope=None)
    store.close()
    assert s1["mean"] == summary.stats.loc[1, "mean"]  # one function computes both
    assert body["most_characteristic"] == summary.by_mean()[:5]


def test_summary_text_and_desired(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    code = run("demo", "--db", str(db)).stdout.strip()
    out = run("summary", code, "--condition", "desired", "--format", "text", "--db", str(db))
    assert out.returncode == 0, out.stderr
    assert "desired: 12 sorts" in out.stdout
    assert len(out.stdout.strip().splitlines()) == 52


def test_summary_of_an_unknown_code(tmp_path: Path) -> None:
    out = run("summary", "ABCDEF", "--db", str(tmp_path / "e.duckdb"))
    assert out.returncode == 2 and "no open session with code ABCDEF" in out.stderr


def test_export_every_format_and_import_it_back(tmp_path: Path) -> None:
    db = tmp_path / "x.duckdb"
    code = run("demo", "--db", str(db)).stdout.strip()
    for fmt in ("csv", "xlsx", "json", "pqmethod"):
        where = str(tmp_path / f"study.{fmt}")
        out = run("export", code, "--format", fmt, "--research", "--out", where, "--db", str(db))
        assert out.returncode == 0, out.stderr
    assert (tmp_path / "study.dat").exists() and (tmp_path / "study.sta").exists()
    dat = run("import-pqmethod", str(tmp_path / "study.dat"), "--sta", str(tmp_path / "study.sta"), "--db", str(db))
    js = run("import-json", str(tmp_path / "study.json"), "--title", "Kopie", "--db", str(db))
    csv = run("import-csv", str(ROOT / "tests" / "golden" / "workshop12" / "sorts.csv"), "--db", str(db))
    xlsx = run("import-xlsx", str(tmp_path / "study.xlsx"), "--db", str(db))  # its first sheet: observed
    for out in (dat, js, csv, xlsx):
        assert out.returncode == 0, out.stderr
        assert "imported 12 Q-sorts of 50 statements" in out.stderr
    store = Store.open(db)
    assert store.session_by_code(js.stdout.strip()).title == "Kopie"
    store.close()


def test_the_default_export_is_the_group_results_and_pqmethod_needs_research(tmp_path: Path) -> None:
    db = tmp_path / "x.duckdb"
    code = run("demo", "--db", str(db)).stdout.strip()
    out = run("export", code, "--format", "csv", "--out", str(tmp_path / "group.csv"), "--db", str(db))
    assert out.returncode == 0, out.stderr
    header = (tmp_path / "group.csv").read_text().splitlines()[0]
    assert header.startswith("round,condition,group,role,n_sorts,statement_id") and "participant" not in header
    refused = run("export", code, "--format", "pqmethod", "--out", str(tmp_path / "s"), "--db", str(db))
    assert refused.returncode == 2 and "--research" in refused.stderr
    assert not (tmp_path / "s.dat").exists()


def test_import_errors_exit_non_zero_and_import_nothing(tmp_path: Path) -> None:
    db = tmp_path / "x.duckdb"
    bad = tmp_path / "bad.dat"
    bad.write_text("  0  2  3 x: y\n -1  1\np1         1 0-1\np2         1 0\n")
    out = run("import-pqmethod", str(bad), "--db", str(db))
    assert out.returncode == 2 and "line 4" in out.stderr
    missing = run("import-csv", str(tmp_path / "nope.csv"), "--db", str(db))
    assert missing.returncode == 2 and "No such file" in missing.stderr
    store = Store.open(db)
    assert store.sessions() == []
    store.close()


def test_analyze_matches_r_on_the_workshop_case() -> None:
    import json

    import pandas as pd

    golden = ROOT / "tests" / "golden" / "workshop12"
    out = run("analyze", str(golden / "sorts.csv"), "--factors", "2")
    assert out.returncode == 0, out.stderr
    body = json.loads(out.stdout)
    assert set(body) >= {"loadings", "flagged", "zscores", "factor_arrays", "distinguishing_consensus"}
    assert set(body) >= {"factor_characteristics", "warnings"}
    r_loadings = pd.read_csv(golden / "loadings.csv", index_col=0)
    for sort_id, row in r_loadings.iterrows():  # same order and sign as R here
        assert body["loadings"][sort_id] == pytest.approx(list(row), abs=1e-4)
    r_labels = pd.read_csv(golden / "distinguishing_consensus.csv", index_col=0, keep_default_na=False)
    assert {k: v.strip() for k, v in body["distinguishing_consensus"].items()} == {
        k: v.strip() for k, v in r_labels["dist.and.cons"].items()
    }
    text = run("analyze", str(golden / "sorts.csv"), "--factors", "2", "--format", "text")
    assert text.returncode == 0 and "2 factors (pca, varimax, pearson)" in text.stdout
    for pair in ("f1_f2",):  # R's qdc stars, pair by pair
        assert body["distinguishing"][pair]["stars"] == {k: v.strip() for k, v in r_labels[f"sig_{pair}"].items()}
        assert body["distinguishing"][pair]["difference"] == pytest.approx(dict(r_labels[pair]), abs=1e-4)
    assert "stars per pair" in text.stdout and "f1_f2" in text.stdout
    kendall = run("analyze", str(golden / "sorts.csv"), "--factors", "2", "--cor", "kendall")
    r_kendall = pd.read_csv(
        ROOT / "tests" / "golden" / "correlation" / "workshop12_kendall_pca" / "loadings.csv", index_col=0
    )
    for sort_id, row in r_kendall.iterrows():  # R's cor.method = "kendall"
        assert json.loads(kendall.stdout)["loadings"][sort_id] == pytest.approx(list(row), abs=1e-10)


def test_the_cli_picks_no_number_of_factors_and_lays_out_the_evidence() -> None:
    import json

    sorts = ROOT / "tests" / "golden" / "group30" / "sorts.csv"  # three factors made in R
    unasked = run("analyze", str(sorts))
    assert unasked.returncode == 2 and "--factors" in unasked.stderr and unasked.stdout == ""
    out = run("factors", str(sorts), "--format", "json")
    assert out.returncode == 0, out.stderr
    body = json.loads(out.stdout)
    assert [f["k"] for f in body["factors"]] == list(range(1, 8))
    assert body["keeps"]["parallel"] == 3 and body["keeps"]["kaiser"] > 3  # noise passes Kaiser, not chance
    assert body["n_sorts"] == 30 and body["random_sets"] == 200 and body["percentile"] == 95
    assert run("factors", str(sorts), "--format", "json").stdout == out.stdout  # the same seed, the same figures
    text = run("factors", str(sorts))
    assert text.returncode == 0 and "kept: kaiser" in text.stdout and "the choice is yours" in text.stdout
    assert len(text.stdout.strip().splitlines()) == 2 + 7 + 1


@pytest.mark.parametrize(
    ("csv", "message"),
    [
        (",a,b\ns1,1,0\ns2,x,1\ns3,-1,-1\n", "line 3"),
        (",a,b\ns1,1,1\ns2,0,1\ns3,-1,-1\n", "b"),
    ],
)
def test_analyze_bad_input_exits_non_zero(tmp_path: Path, csv: str, message: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(csv)
    out = run("analyze", str(path), "--factors", "1")
    assert out.returncode == 2 and message in out.stderr and out.stdout == ""


def test_the_cli_offers_the_report_formats_it_imports_lazily() -> None:
    from review.__main__ import REPORT_FORMATS
    from review.report import FORMATS

    assert REPORT_FORMATS == FORMATS
