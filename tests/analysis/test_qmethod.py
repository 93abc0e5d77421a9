"""The Q analysis against R qmethod 1.8.4 (tests/golden), plus invariants and input rules."""

from __future__ import annotations

import functools
import itertools
import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from review.analysis import qmethod as qa
from review.analysis.qmethod import QAnalysis, QAnalysisError, extraction
from review.i18n import MESSAGES, t

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
CASES = sorted(p.name for p in GOLDEN.iterdir() if (p / "SOURCE.txt").exists())
TOL = 1e-4  # golden files hold 6 decimals; this leaves room for rounding and LAPACK differences
TOL_CENTROID_LOADINGS = 1e-3  # centroid loadings: the tolerance the product promises


# --- golden cases ------------------------------------------------------------------------------------------------


def r_call(case: str) -> tuple[int, str, str]:
    """nfactors, extraction and rotation from SOURCE.txt's R call."""
    text = (GOLDEN / case / "SOURCE.txt").read_text("utf-8")
    nfactors = int(re.search(r"nfactors\s*=\s*(\d+)", text).group(1))
    extraction = re.search(r"extraction\s*=\s*'(\w+)'", text).group(1)
    rotation = re.search(r"rotation\s*=\s*'(\w+)'", text).group(1)
    return nfactors, extraction, rotation


def golden(case: str, name: str) -> pd.DataFrame:
    return pd.read_csv(GOLDEN / case / f"{name}.csv", index_col=0, keep_default_na=name != "distinguishing_consensus")


@functools.cache
def result(case: str) -> QAnalysis:
    nfactors, extraction, rotation = r_call(case)
    return qa.analyze(golden(case, "sorts"), nfactors, extraction, rotation)


def align(reference: np.ndarray, candidate: np.ndarray) -> list[tuple[int, float]]:
    """For each reference (R) factor: (candidate factor, sign), choosing the one-to-one matching with the
    largest total |correlation| of loadings; sign is that of the correlation."""
    k = reference.shape[1]
    corr = np.corrcoef(reference.T, candidate.T)[:k, k:]
    best = max(itertools.permutations(range(k)), key=lambda p: sum(abs(corr[i, p[i]]) for i in range(k)))
    return [(best[i], 1.0 if corr[i, best[i]] >= 0 else -1.0) for i in range(k)]


def mapping(case: str) -> list[tuple[int, float]]:
    return align(golden(case, "loadings").to_numpy(), result(case).loadings.to_numpy())


def in_r_order(case: str, table: pd.DataFrame, signed: bool = True) -> np.ndarray:
    """A Python factor table rearranged into R's factor order (and R's signs)."""
    values = table.to_numpy(dtype=float)
    return np.column_stack([values[:, j] * (s if signed else 1.0) for j, s in mapping(case)])


def r_label_in_python_numbers(label: str, case: str) -> str:
    label = " ".join(label.split())
    to_py = {i + 1: j + 1 for i, (j, _) in enumerate(mapping(case))}
    only = re.fullmatch(r"Distinguishes f(\d+) only", label)
    if only:
        return f"Distinguishes f{to_py[int(only.group(1))]} only"
    numbers = [int(n) for n in re.findall(r"Distinguishes f(\d+)", label)]
    if numbers and label != "Distinguishes all":
        return " ".join(f"Distinguishes f{n}" for n in sorted(to_py[n] for n in numbers))
    return label


@pytest.mark.parametrize("case", CASES)
def test_golden_factor_order_and_sign_are_rs(case: str) -> None:
    # psych::principal's reorder + sign flip (PCA), none for centroid: Python numbers factors as R does
    assert mapping(case) == [(j, 1.0) for j in range(r_call(case)[0])]


@pytest.mark.parametrize("case", CASES)
def test_golden_loadings(case: str) -> None:
    tol = TOL_CENTROID_LOADINGS if r_call(case)[1] == "centroid" else TOL
    expected = golden(case, "loadings")
    np.testing.assert_allclose(in_r_order(case, result(case).loadings), expected.to_numpy(), atol=tol, rtol=0)
    assert list(result(case).loadings.index) == list(expected.index)


@pytest.mark.parametrize("case", CASES)
def test_golden_flags(case: str) -> None:
    got = in_r_order(case, result(case).flagged, signed=False).astype(bool)
    np.testing.assert_array_equal(got, golden(case, "flagged").to_numpy(dtype=bool))


@pytest.mark.parametrize("case", CASES)
def test_golden_zscores(case: str) -> None:
    expected = golden(case, "zscores").to_numpy(dtype=float)
    np.testing.assert_allclose(in_r_order(case, result(case).zscores), expected, atol=TOL, rtol=0)  # NaN == NaN


@pytest.mark.parametrize("case", CASES)
def test_golden_factor_arrays(case: str) -> None:
    expected = golden(case, "factor_arrays").to_numpy(dtype=float)
    got = in_r_order(case, result(case).factor_arrays.astype("float64"), signed=False)
    for j, (_, sign) in enumerate(mapping(case)):
        if sign < 0:  # a mirrored factor has the mirrored array (the golden grids are symmetric)
            got[:, j] = -got[:, j]
    np.testing.assert_array_equal(got, expected)


@pytest.mark.parametrize("case", CASES)
def test_golden_factor_characteristics(case: str) -> None:
    expected = golden(case, "factor_characteristics")
    got = result(case).characteristics.iloc[[j for j, _ in mapping(case)]]
    assert list(got.columns) == list(expected.columns) == list(qa.CHARACTERISTICS_COLUMNS)
    np.testing.assert_allclose(got.to_numpy(dtype=float), expected.to_numpy(dtype=float), atol=TOL, rtol=0)


@pytest.mark.parametrize("case", CASES)
def test_golden_distinguishing_consensus(case: str) -> None:
    expected = golden(case, "distinguishing_consensus")
    got = result(case).distinguishing
    labels = [r_label_in_python_numbers(label, case) for label in expected["dist.and.cons"]]
    assert list(got["dist_and_cons"]) == labels
    pairs = [c for c in expected.columns if re.fullmatch(r"f\d+_f\d+", c)]
    assert len(got.columns) == 1 + 2 * len(pairs)
    for pair in pairs:
        (ja, sa), (jb, sb) = (mapping(case)[int(n) - 1] for n in re.findall(r"\d+", pair))
        assert sa == sb, "pair differences only compare when both factors keep or both flip their sign"
        name = f"f{min(ja, jb) + 1}_f{max(ja, jb) + 1}"
        diff = got[name].to_numpy(dtype=float) * (1 if ja < jb else -1) * sa
        np.testing.assert_allclose(diff, expected[pair].to_numpy(dtype=float), atol=TOL, rtol=0)
        assert list(got[f"sig_{name}"]) == list(expected[f"sig_{pair}"])


def test_golden_undefined_factor_mirrors_r() -> None:
    res = result("group30_centroid")
    assert res.characteristics.loc["f3", "nload"] == 0
    assert res.characteristics.loc["f3", "reliability"] == 0
    assert np.isnan(res.characteristics.loc["f3", "se_fscores"])
    assert res.zscores["f3"].isna().all() and res.factor_arrays["f3"].isna().all()
    assert list(res.distinguishing.columns) == ["dist_and_cons", "f1_f2", "sig_f1_f2"]
    assert ("qanalysis.warn.undefined", {"n": 3}) in res.warnings
    negative = [w for w in res.warnings if w.key == "qanalysis.warn.negative"]
    assert negative and "p03" in negative[0].params["sorts"]
    assert "f3" in str(res.warnings[0]) and "no sort defines it" in str(res.warnings[0])  # the CLI's English


def test_warnings_are_message_keys_in_both_languages() -> None:
    res = result("group30_centroid")
    for warning in res.warnings:
        key, params = warning
        assert t(key, "nl", **params) == warning.message("nl") != warning.message("en") == str(warning)
    undefined = qa.AnalysisWarning("qanalysis.warn.undefined", {"n": 3})
    assert undefined.message("nl").startswith("Standpunt 3 (factor f3): geen sortering draagt het")
    assert qa.to_json(res)["warnings"] == [str(w) for w in res.warnings]


def test_golden_clean_case_has_no_warnings() -> None:
    assert result("group30").warnings == ()


def test_golden_eigenvalues_are_all_unrotated() -> None:
    res = result("group30")
    assert len(res.eigenvalues) == len(res.sort_ids)
    assert np.all(np.diff(res.eigenvalues) <= 1e-12)
    assert res.eigenvalues.sum() == pytest.approx(len(res.sort_ids))  # trace of a correlation matrix
    # varimax moves variance between factors but keeps their total
    assert res.characteristics["eigenvals"].sum() == pytest.approx(res.eigenvalues[:3].sum())


def test_read_sorts_csv_reads_r_layout() -> None:
    for case in CASES:
        got = qa.read_sorts_csv(GOLDEN / case / "sorts.csv")
        expected = golden(case, "sorts")
        assert got.to_numpy().tolist() == expected.to_numpy().tolist()
        assert list(got.index) == list(expected.index) and list(got.columns) == list(expected.columns)


def test_to_json() -> None:
    doc = qa.to_json(result("group30_centroid"))
    assert set(doc) == {
        "loadings",
        "flagged",
        "zscores",
        "factor_arrays",
        "distinguishing_consensus",
        "distinguishing",
        "factor_characteristics",
        "eigenvalues",
        "warnings",
    }
    json.dumps(doc, allow_nan=False)
    assert list(doc["distinguishing"]) == ["f1_f2"]  # f3 no sort defines: left out, as R's qdc does
    assert doc["zscores"]["s01"][2] is None and doc["factor_arrays"]["s01"] == [-4, 3, None]
    assert doc["flagged"]["p01"] == [True, False, False]
    assert doc["distinguishing_consensus"]["s01"] == "Distinguishing"
    assert doc["factor_characteristics"][2]["nload"] == 0 and doc["factor_characteristics"][2]["se_fscores"] is None
    assert len(doc["loadings"]["p01"]) == 3


def test_steps_rerun_with_overridden_flags() -> None:
    sorts = golden("workshop12", "sorts")
    auto = result("workshop12")
    flags = auto.flagged.to_numpy().copy()
    flags[0, :] = False  # the researcher drops p01's flag
    res = qa.analyze(sorts, 2, flags=flags)
    assert res.characteristics["nload"].tolist() == [auto.characteristics["nload"]["f1"], 5]
    x = sorts.to_numpy()
    z = qa.factor_zscores(x, res.loadings.to_numpy(), flags)
    np.testing.assert_allclose(z, res.zscores.to_numpy())
    chars = qa.factor_characteristics(res.loadings.to_numpy(), flags, z)
    pd.testing.assert_frame_equal(chars, res.characteristics)
    dc = qa.distinguishing_consensus(z, chars["se_fscores"].to_numpy(), list(sorts.index))
    pd.testing.assert_frame_equal(dc, res.distinguishing)
    assert qa.factor_arrays(z, x[:, 0]).tolist() == res.factor_arrays.to_numpy(dtype=float).tolist()


def test_auto_flag_uses_absolute_loadings() -> None:
    loadings = np.array([[-0.7, 0.1], [0.2, 0.25], [0.5, 0.5], [0.3, -0.2]])
    # threshold 1.96 / sqrt(16) = 0.49: only the strong negative loading defines a factor
    assert qa.auto_flag(loadings, 16).tolist() == [[True, False], [False, False], [False, False], [False, False]]


def test_varimax_one_factor_and_communalities() -> None:
    one = np.array([[0.5], [-0.3]])
    np.testing.assert_array_equal(qa.varimax(one), one)
    unrotated, _ = qa.extract_pca(qa.correlate(golden("group30", "sorts").to_numpy()), 3)
    rotated = qa.varimax(unrotated)
    np.testing.assert_allclose((rotated**2).sum(axis=1), (unrotated**2).sum(axis=1))


@pytest.mark.parametrize("extraction", qa.EXTRACTIONS)
@pytest.mark.parametrize("rotation", qa.ROTATIONS)
def test_degenerate_data_warns_instead_of_crashing(extraction: str, rotation: str) -> None:
    grid = [-2, -1, -1, 0, 0, 0, 1, 1, 2]
    sorts = pd.DataFrame({"a": grid, "b": grid[::-1], "c": grid, "d": grid[::-1]}, index=[f"s{i}" for i in range(9)])
    for nfactors in (1, 2, 4):
        res = qa.analyze(sorts, nfactors, extraction, rotation)
        json.dumps(qa.to_json(res), allow_nan=False)
        assert res.warnings  # a mirrored pair, an empty factor, or too few factors to compare


def test_review_module_does_not_import_streamlit() -> None:
    for module in Path(qa.__file__).parent.glob("*.py"):
        assert "streamlit" not in module.read_text("utf-8"), module.name


# --- the same numbers as before the SVD, and R's centroid on ties ------------------------------------------------

PREVIOUS = json.loads((GOLDEN / "previous_python" / "previous.json").read_text("utf-8"))
SAME_AS_BEFORE = 1e-10  # the SVD and the vectorised steps change rounding only, never a result


def numbers(frame: pd.DataFrame) -> np.ndarray:
    return frame.to_numpy(dtype=float, na_value=np.nan)


@pytest.mark.parametrize("key", sorted(PREVIOUS))
def test_results_equal_the_previous_implementation(key: str) -> None:
    """Every golden case, both extractions and both rotations, against the numbers the single-module
    implementation (eigen-decomposition of the full correlation matrix) gave before; see
    golden/previous_python/make.py for how they were written."""
    case, extraction, rotation = key.split()
    before = PREVIOUS[key]
    res = qa.analyze(golden(case, "sorts"), len(before["loadings"][0]), extraction, rotation)
    pairs = [c for c in res.distinguishing.columns if c != "dist_and_cons" and not c.startswith("sig_")]
    for name, got in [
        ("eigenvalues", res.eigenvalues),
        ("unrotated_loadings", numbers(res.unrotated_loadings)),
        ("loadings", numbers(res.loadings)),
        ("zscores", numbers(res.zscores)),
        ("factor_arrays", numbers(res.factor_arrays)),
        ("characteristics", numbers(res.characteristics)),
        ("differences", numbers(res.distinguishing[pairs])),
    ]:
        expected = np.array(before[name], dtype=float).reshape(np.shape(got))
        np.testing.assert_allclose(got, expected, atol=SAME_AS_BEFORE, rtol=0, err_msg=name)  # NaN == NaN
    assert res.flagged.to_numpy().tolist() == before["flagged"]
    assert res.distinguishing[[f"sig_{p}" for p in pairs]].to_numpy().tolist() == before["stars"]
    assert list(res.distinguishing["dist_and_cons"]) == before["labels"]
    assert [w.key for w in res.warnings] == before["warnings"]


@pytest.mark.parametrize("case", CASES)
def test_pca_from_the_data_equals_the_eigen_decomposition_of_the_correlations(case: str) -> None:
    x = golden(case, "sorts").to_numpy()
    for nfactors in (1, 3, x.shape[1]):  # x.shape[1]: past the rank, handed to extract_pca
        svd_loadings, svd_values = qa.pca_of_sorts(x, nfactors)
        eig_loadings, eig_values = qa.extract_pca(qa.correlate(x), nfactors)
        kept = min(nfactors, x.shape[0] - 1)
        np.testing.assert_allclose(svd_loadings[:, :kept], eig_loadings[:, :kept], atol=1e-12, rtol=0)
        np.testing.assert_allclose(svd_values, eig_values, atol=1e-12, rtol=0)
    np.testing.assert_allclose(qa.all_eigenvalues(x), np.linalg.eigvalsh(qa.correlate(x))[::-1], atol=1e-12)


def test_centroid_reflects_every_sort_tied_for_the_smallest_column_sum() -> None:
    """golden/twins_centroid: workshop12 plus p13, a copy of p03. The twins tie for the smallest column
    sum, and R's centroid() reflects both at once (``which(min(colSums) == colSums)``); reflecting only
    the first, as this project did before, moved loadings by 0.12, 14 factor-array cells and 1 label."""
    res = result("twins_centroid")
    loadings = res.loadings
    # R's reflection of two sorts at once leaves the matrix unsymmetric, so even the twins end up with
    # loadings of their own (p03 0.716, p13 0.737 on f1); this follows R, not symmetry
    assert loadings.loc["p03", "f1"] != pytest.approx(loadings.loc["p13", "f1"], abs=0.01)
    expected = golden("twins_centroid", "loadings").to_numpy()
    np.testing.assert_allclose(loadings.to_numpy(), expected, atol=1e-6, rtol=0)  # R's 6 decimals, same order
    assert (
        res.factor_arrays.to_numpy(dtype=float).tolist()
        == golden("twins_centroid", "factor_arrays").to_numpy(dtype=float).tolist()
    )
    labels = golden("twins_centroid", "distinguishing_consensus")["dist.and.cons"].str.strip()
    assert list(res.distinguishing["dist_and_cons"]) == list(labels)


def test_centroid_reflection_fills_columns_as_r_assigns_a_matrix() -> None:
    # R: vec <- tmat[oo,] * -1; tmat[oo,] <- vec; tmat[,oo] <- vec. With oo = c(1, 2) (0-based 0, 1)
    # the 2 x 3 block of negated rows fills the 3 x 2 block of columns by its values, column by column.
    tmat = np.array([[0.0, 1.0, 2.0], [3.0, 0.0, 4.0], [5.0, 6.0, 0.0]])
    extraction._reflect(tmat, np.array([0, 1]))
    # vec = [[-0, -1, -2], [-3, -0, -4]]; read by column: -0, -3, -1, -0, -2, -4
    assert tmat.tolist() == [[-0.0, -0.0, -2.0], [-3.0, -2.0, -4.0], [-1.0, -4.0, 0.0]]


# --- invariants --------------------------------------------------------------------------------------------------


@st.composite
def q_sorts(draw: st.DrawFn) -> tuple[pd.DataFrame, int]:
    counts = draw(st.lists(st.integers(1, 4), min_size=3, max_size=7))
    low = -(len(counts) // 2)
    grid = [v for v, c in zip(range(low, low + len(counts)), counts, strict=True) for _ in range(c)]
    n_sorts = draw(st.integers(3, 10))
    columns = [draw(st.permutations(grid)) for _ in range(n_sorts)]
    nfactors = draw(st.integers(1, min(3, n_sorts - 1)))
    frame = pd.DataFrame(
        np.array(columns).T,
        index=[f"s{i:02d}" for i in range(len(grid))],
        columns=[f"p{i:02d}" for i in range(n_sorts)],
    )
    return frame, nfactors


@settings(max_examples=40, deadline=None, derandomize=True)
@given(q_sorts(), st.sampled_from(qa.EXTRACTIONS))
def test_factor_arrays_reproduce_the_grid(data: tuple[pd.DataFrame, int], extraction: str) -> None:
    sorts, nfactors = data
    res = qa.analyze(sorts, nfactors, extraction)
    grid = sorted(sorts.iloc[:, 0])
    for name in res.factor_arrays.columns:
        column = res.factor_arrays[name]
        if res.zscores[name].notna().all():
            assert sorted(column.astype(int)) == grid
        else:
            assert column.isna().all()


@settings(max_examples=40, deadline=None, derandomize=True)
@given(q_sorts(), st.randoms(use_true_random=False))
def test_sort_order_does_not_change_results(data: tuple[pd.DataFrame, int], rnd) -> None:
    sorts, nfactors = data
    first = qa.analyze(sorts, nfactors)
    a = first.loadings.to_numpy()
    eig = first.eigenvalues
    # skip knife edges where a tie legitimately allows another answer
    assume(nfactors == len(eig) or eig[nfactors - 1] - eig[nfactors] > 1e-6)
    assume(np.abs(a).max() < 1 - 1e-6)
    threshold = qa.Z_05 / np.sqrt(len(sorts))
    sq = a**2
    assume(np.abs(sq - (sq.sum(axis=1, keepdims=True) - sq)).min() > 1e-6)
    assume(np.abs(np.abs(a) - threshold).min() > 1e-6)
    order = list(sorts.columns)
    rnd.shuffle(order)
    second = qa.analyze(sorts[order], nfactors)
    back = second.loadings.loc[list(sorts.columns)]
    pairs = align(a, back.to_numpy())
    for i, (j, sign) in enumerate(pairs):
        np.testing.assert_allclose(back.iloc[:, j] * sign, a[:, i], atol=1e-8)
        assert (second.flagged.loc[list(sorts.columns)].iloc[:, j] == first.flagged.iloc[:, i]).all()
        np.testing.assert_allclose(second.zscores.iloc[:, j] * sign, first.zscores.iloc[:, i], atol=1e-8)


# --- bad input ---------------------------------------------------------------------------------------------------


def small() -> pd.DataFrame:
    grid = [-1, 0, 0, 1]
    return pd.DataFrame(
        {"p1": grid, "p2": grid[::-1], "p3": [0, -1, 1, 0], "p4": [0, 1, -1, 0]}, index=["s1", "s2", "s3", "s4"]
    )


def test_valid_small_input_passes() -> None:
    assert qa.analyze(small(), 2).nfactors == 2


def test_rejects_non_integer_values() -> None:
    sorts = small().astype(float)
    sorts.loc["s2", "p3"] = 0.5
    with pytest.raises(QAnalysisError, match=r"p3.*s2.*not a whole number") as err:
        qa.analyze(sorts, 1)
    assert err.value.key == "qanalysis.not_integer"
    text = small().astype(object)
    text.loc["s3", "p1"] = "x"
    with pytest.raises(QAnalysisError, match="'x'"):
        qa.analyze(text, 1)


def test_rejects_missing_values() -> None:
    sorts = small().astype(float)
    sorts.loc["s4", "p2"] = np.nan
    with pytest.raises(QAnalysisError, match=r"(?i)sort p2 has no value for statement s4"):
        qa.analyze(sorts, 1)


def test_rejects_a_sort_that_breaks_the_grid() -> None:
    sorts = small()
    sorts["p4"] = [1, 1, -1, 0]
    with pytest.raises(
        QAnalysisError, match=r"(?i)sort p4 does not fit.*1 card\(s\) in column 0, where that grid holds 2"
    ):
        qa.analyze(sorts, 1)


def test_rejects_fewer_sorts_than_factors() -> None:
    with pytest.raises(QAnalysisError, match=r"5 factor.*at least 5 Q-sorts; there are 4") as err:
        qa.analyze(small(), 5)
    assert err.value.key == "qanalysis.too_few_sorts"
    with pytest.raises(QAnalysisError, match="at least 2 Q-sorts"):
        qa.analyze(small()[["p1"]], 1)


def test_rejects_a_constant_sort() -> None:
    sorts = small()
    sorts["p3"] = 0
    with pytest.raises(QAnalysisError, match=r"(?i)sort p3 puts every statement in the same column \(0\)"):
        qa.analyze(sorts, 1)


def test_rejects_duplicate_statement_ids() -> None:
    sorts = small()
    sorts.index = ["s1", "s2", "s2", "s4"]
    with pytest.raises(QAnalysisError, match=r"(?i)statement id s2 occurs more than once"):
        qa.analyze(sorts, 1)


def test_rejects_duplicate_sort_ids() -> None:
    sorts = small()
    sorts.columns = ["p1", "p2", "p1", "p4"]
    with pytest.raises(QAnalysisError, match=r"(?i)sort id p1 occurs more than once"):
        qa.analyze(sorts, 1)


def test_rejects_too_few_statements_bad_nfactors_methods_and_flags() -> None:
    with pytest.raises(QAnalysisError, match="at least 2 statements"):
        qa.analyze(small().iloc[:1], 1)
    for bad in (0, 1.5, True):
        with pytest.raises(QAnalysisError, match="number of factors"):
            qa.analyze(small(), bad)
    with pytest.raises(QAnalysisError, match="Unknown extraction 'ml'"):
        qa.analyze(small(), 1, extraction="ml")
    with pytest.raises(QAnalysisError, match="Unknown rotation 'promax'"):
        qa.analyze(small(), 1, rotation="promax")
    with pytest.raises(QAnalysisError, match=r"4 x 2 table"):
        qa.analyze(small(), 2, flags=np.ones((4, 3), dtype=bool))


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sorts.csv"
    path.write_text(text, "utf-8")
    return path


HEADER = '"","p1","p2","p3","p4"\n'
ROWS = ['"s1",-1,1,0,0\n', '"s2",0,0,-1,1\n', '"s3",0,0,1,-1\n', '"s4",1,-1,0,0\n']


def test_read_sorts_csv_valid(tmp_path: Path) -> None:
    sorts = qa.read_sorts_csv(write(tmp_path, HEADER + "".join(ROWS)))
    assert sorts.to_numpy().tolist() == small().to_numpy().tolist()


@pytest.mark.parametrize(
    ("line", "replacement", "message"),
    [
        (3, '"s2",0,,-1,1\n', r"line 3, column p2: sort p2 has no value for statement s2"),
        (4, '"s3",0,0,1.5,-1\n', r"line 4, column p3: .*'1.5'.*not a whole number"),
        (5, '"s4",1,-1,zero,0\n', r"line 5, column p3: .*'zero'"),
        (5, '"s2",1,-1,0,0\n', r"line 5: statement id s2 occurs more than once"),
        (2, '"s1",-1,1,0\n', r"line 2: this line has 4 fields; the header has 5"),
        (5, '"s4",1,-1,0,1\n', r"^Sort p4 does not fit"),
    ],
)
def test_read_sorts_csv_names_line_and_column(tmp_path: Path, line: int, replacement: str, message: str) -> None:
    rows = list(ROWS)
    rows[line - 2] = replacement
    with pytest.raises(QAnalysisError, match=message):
        qa.read_sorts_csv(write(tmp_path, HEADER + "".join(rows)))


def test_read_sorts_csv_reads_semicolons_as_the_import_does(tmp_path: Path) -> None:
    # one reader of R qmethod's layout (review.studies.import_tables.qmethod_csv_rows) for the analysis and the import
    text = (HEADER + "".join(ROWS)).replace(",", ";").encode("utf-8-sig")
    path = tmp_path / "dutch.csv"
    path.write_bytes(text)
    assert qa.read_sorts_csv(path).to_numpy().tolist() == small().to_numpy().tolist()


def test_read_sorts_csv_duplicate_sort_and_empty(tmp_path: Path) -> None:
    with pytest.raises(QAnalysisError, match=r"line 1: sort id p1 occurs more than once"):
        qa.read_sorts_csv(write(tmp_path, '"","p1","p2","p1","p4"\n' + "".join(ROWS)))
    with pytest.raises(QAnalysisError, match="no sorts"):
        qa.read_sorts_csv(write(tmp_path, HEADER))


def test_errors_speak_dutch_too() -> None:
    sorts = small().astype(float)
    sorts.loc["s4", "p2"] = np.nan
    with pytest.raises(QAnalysisError) as err:
        qa.analyze(sorts, 1)
    assert err.value.message("nl").startswith("Sortering p2 heeft geen waarde voor uitspraak s4")
    assert not hasattr(qa, "QMESSAGES")  # one message table: review/i18n/
    assert all(set(texts) == {"nl", "en"} for key, texts in MESSAGES.items() if key.startswith("qanalysis."))


def test_a_heywood_case_is_named_under_centroid_and_never_arises_under_pca() -> None:
    """workshop12 with two copies of p01 added: R's centroid (and ours) gives an unrotated loading of
    1.369 on three factors, a communality of 2.22, which no correlation can give."""
    sorts = golden("workshop12", "sorts")
    data = sorts.assign(c1=sorts["p01"], c2=sorts["p01"])
    res = qa.analyze(data, 3, "centroid", "varimax")
    assert np.abs(res.unrotated_loadings.to_numpy()).max() == pytest.approx(1.369, abs=1e-3)
    heywood = [w for w in res.warnings if w.key == "qanalysis.warn.heywood"]
    assert len(heywood) == 1
    named = heywood[0].params["sorts"]
    communality = (res.loadings.to_numpy() ** 2).sum(axis=1)
    assert named == ", ".join(f"{s} ({c:.2f})" for s, c in zip(res.sort_ids, communality, strict=True) if c > 1)
    assert named.startswith("p01 (1.18)") and named.endswith("c2 (2.22)")
    assert "a Heywood case" in str(heywood[0]) and "een Heywood-geval" in heywood[0].message("nl")
    pca = qa.analyze(data, 3, "pca", "varimax")
    assert not any(w.key == "qanalysis.warn.heywood" for w in pca.warnings)
    assert not any(w.key == "qanalysis.warn.heywood" for c in CASES for w in result(c).warnings)


CORRELATION = GOLDEN / "correlation"


@pytest.mark.parametrize("case", sorted(p.name for p in CORRELATION.iterdir() if p.is_dir()))
def test_correlation_methods_match_r(case: str) -> None:
    """Spearman's and Kendall's (tau-b) correlations, as R's qmethod(..., cor.method =) uses them:
    loadings, flags, z-scores and factor arrays (tests/golden/correlation/README.txt)."""
    study, method, extraction = case.split("_")
    nfactors = 2 if study == "workshop12" else 3
    res = qa.analyze(golden(study, "sorts"), nfactors, extraction, "varimax", correlation=method)
    assert res.correlation == method

    def r(name: str) -> pd.DataFrame:
        return pd.read_csv(CORRELATION / case / f"{name}.csv", index_col=0)

    expected = r("loadings").to_numpy()
    order = align(expected, res.loadings.to_numpy())
    assert order == [(j, 1.0) for j in range(nfactors)]  # R's factor order and signs
    tol = TOL_CENTROID_LOADINGS if extraction == "centroid" else 1e-10
    np.testing.assert_allclose(res.loadings.to_numpy(), expected, atol=tol, rtol=0)
    np.testing.assert_array_equal(res.flagged.to_numpy(), r("flagged").to_numpy(dtype=bool))
    np.testing.assert_allclose(res.zscores.to_numpy(), r("zscores").to_numpy(), atol=1e-10 if tol < 1e-3 else TOL)
    np.testing.assert_array_equal(res.factor_arrays.to_numpy(dtype=float), r("factor_arrays").to_numpy(dtype=float))


def test_kendalls_tau_b_and_spearman_by_hand() -> None:
    """Three sorts of five statements with ties: tau-b and rho as a textbook computes them."""
    x = np.array([[2, 1, 2], [1, 2, 1], [0, 0, 0], [-1, -2, 0], [-2, -1, -2]], dtype=float)
    tau = extraction.correlate(x, "kendall")
    # sorts 1 and 2: of 10 pairs, 8 concordant and 2 discordant, no ties: (8 - 2) / 10
    assert tau[0, 1] == pytest.approx(0.6)
    # sorts 1 and 3: sort 3 ties rows 3 and 4 (0, 0): one tied pair; the other 9 are concordant
    concordant, discordant, ties_3 = 9, 0, 1
    assert tau[0, 2] == pytest.approx((concordant - discordant) / np.sqrt(10 * (10 - ties_3)))
    rho = extraction.correlate(x, "spearman")
    ranks = pd.DataFrame(x).rank().to_numpy()
    assert rho[0, 2] == pytest.approx(np.corrcoef(ranks[:, 0], ranks[:, 2])[0, 1])
    with pytest.raises(QAnalysisError):
        qa.analyze(pd.DataFrame(x), 1, correlation="maximal")
