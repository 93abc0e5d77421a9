"""What an import may cost: every file is refused over its size, its row count or (an .xlsx) what
it unpacks to, before it is parsed or while it is read, with a message in both languages that
states the limit. The probe's own files, measured in a process of their own, are in
tests/e2e/test_hostile_uploads.py."""

from __future__ import annotations

import time
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest

from review.content.set_files import MAX_FILE_ROWS, MAX_UPLOAD_BYTES, read_rows
from review.content.set_files import MAX_XLSX_UNPACKED as SET_UNPACKED
from review.content.text import MB
from review.errors import ReviewError
from review.studies.import_study import MAX_FILE_BYTES, MAX_STATEMENTS, MAX_XLSX_UNPACKED, TABLE_ROWS, StudyImportError
from review.studies.imports import read_json, read_pqmethod, read_qmethod_csv, read_qmethod_xlsx
from tests.hostile_files import far_row_xlsx, many_rows_csv, many_rows_xlsx, unpacked_size

ROOT = Path(__file__).resolve().parents[2]


def refusal(read: Callable[[], object]) -> ReviewError:
    with pytest.raises(ReviewError) as caught:
        read()
    return caught.value


def test_the_upload_limit_is_what_the_study_import_takes() -> None:
    """Streamlit refuses what the import would refuse anyway; a statement set fits well inside."""
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["maxUploadSize"] * MB == MAX_FILE_BYTES
    assert MAX_UPLOAD_BYTES < MAX_FILE_BYTES


# -- studies ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("read", "kind"),
    [
        (lambda data: read_qmethod_csv(data), "CSV"),
        (lambda data: read_json(data), "JSON"),
        (lambda data: read_pqmethod(data), ".dat"),
        (lambda data: read_pqmethod(b"     1  3 T\n-1 0 1\nq1         1 0-1\n", data), ".sta"),
        (lambda data: read_qmethod_xlsx(b"PK\x03\x04" + data), "Excel"),
    ],
)
def test_a_study_file_over_5_mb_is_refused_before_it_is_read(read: Callable[[bytes], object], kind: str) -> None:
    error = refusal(lambda: read(b"\xff" * (MAX_FILE_BYTES + 1)))  # not UTF-8 either: the size is checked first
    assert isinstance(error, StudyImportError)
    assert error.message("en") == (
        f"The {kind} file is larger than 5 MB; an import may be at most 5 MB. Nothing was imported."
    )
    assert error.message("nl") == (
        f"Het {kind}-bestand is groter dan 5 MB; een import mag hoogstens 5 MB zijn. Er is niets geïmporteerd."
    )


def test_text_already_decoded_is_held_to_the_same_size() -> None:
    assert refusal(lambda: read_json(" " * (MAX_FILE_BYTES + 1))).key == "import.too_big"


def test_a_study_table_with_more_rows_than_statements_is_refused_as_it_is_read() -> None:
    """A million rows in 6 MB used to become a million Python lists before the count was checked."""
    error = refusal(lambda: read_qmethod_csv(many_rows_csv(150_000, ",a")))
    assert error.message("en") == (
        f"The CSV file has more than {MAX_STATEMENTS + 1} rows; a study in this layout holds at most "
        f"{MAX_STATEMENTS} statements (one row each, under the heading row). Nothing was imported."
    )
    assert error.message("nl") == (
        f"Het CSV-bestand heeft meer dan {MAX_STATEMENTS + 1} rijen; een studie in deze indeling heeft hoogstens "
        f"{MAX_STATEMENTS} uitspraken (één rij per uitspraak, onder de kop). Er is niets geïmporteerd."
    )


def test_empty_rows_count_too_past_the_table_limit() -> None:
    blank = ",a\n" + ",\n" * TABLE_ROWS + "s1,0\n"
    assert f"more than {TABLE_ROWS} rows" in refusal(lambda: read_qmethod_csv(blank)).message("en")
    assert read_qmethod_csv(",a\n" + ",\n" * (TABLE_ROWS - 2) + "s1,0\n").sorts  # one row fewer is read


@pytest.mark.parametrize(("data", "most"), [(many_rows_xlsx(5_000), MAX_STATEMENTS + 1), (far_row_xlsx(), TABLE_ROWS)])
def test_a_sheet_is_read_no_further_than_its_row_limit(data: bytes, most: int) -> None:
    """A cell in row 1,048,576 made openpyxl hand out a million empty rows of 5,002 cells each."""
    start = time.monotonic()
    error = refusal(lambda: read_qmethod_xlsx(data))
    assert time.monotonic() - start < 10  # without the limit: hours
    assert f"The Excel file has more than {most} rows" in error.message("en")
    assert f"Het Excel-bestand heeft meer dan {most} rijen" in error.message("nl")


def test_an_xlsx_that_unpacks_to_more_than_5_mb_is_refused_unparsed() -> None:
    data = many_rows_xlsx(120_000)
    assert len(data) < 30_000 and unpacked_size(data) > MAX_XLSX_UNPACKED
    error = refusal(lambda: read_qmethod_xlsx(data))
    assert error.message("en") == (
        "The Excel file unpacks to more than 5 MB (an .xlsx is a zip archive); an import may unpack to at most "
        "5 MB. Save just the table in a new workbook. Nothing was imported."
    )
    assert error.message("nl").startswith("Het Excel-bestand is uitgepakt groter dan 5 MB")


# -- statement sets ---------------------------------------------------------------------------


def test_a_set_file_with_more_than_200_rows_is_refused_as_it_is_read() -> None:
    error = refusal(lambda: read_rows(many_rows_csv(MAX_FILE_ROWS), "set.csv"))  # the heading makes 201
    assert error.message("en") == (
        f"This file has more than {MAX_FILE_ROWS} rows; a set holds at most 80 statements "
        "(one row each, under the heading row). Nothing was imported."
    )
    assert error.message("nl") == (
        f"Dit bestand heeft meer dan {MAX_FILE_ROWS} rijen; een set heeft hoogstens 80 uitspraken "
        "(één rij per uitspraak, onder de kop). Er is niets ingelezen."
    )
    assert len(read_rows(many_rows_csv(MAX_FILE_ROWS - 1), "set.csv")) == MAX_FILE_ROWS - 1


@pytest.mark.parametrize("data", [many_rows_xlsx(MAX_FILE_ROWS + 1), far_row_xlsx()])
def test_a_set_sheet_is_read_no_further_than_200_rows(data: bytes) -> None:
    assert refusal(lambda: read_rows(data, "set.xlsx")).key == "library.too_many_rows"


def test_a_set_xlsx_that_unpacks_to_more_than_2_mb_is_refused_unparsed() -> None:
    data = many_rows_xlsx(50_000)
    assert len(data) < MAX_UPLOAD_BYTES and unpacked_size(data) > SET_UNPACKED
    error = refusal(lambda: read_rows(data, "set.xlsx"))
    assert error.message("en") == (
        "This Excel file unpacks to more than 2 MB (an .xlsx is a zip archive); a set unpacks to at most 2 MB. "
        "Save just the table in a new workbook. Nothing was imported."
    )
    assert error.message("nl").startswith("Dit Excel-bestand is uitgepakt groter dan 2 MB")
