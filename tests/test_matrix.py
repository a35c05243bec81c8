"""`argmap matrix` and :func:`argmap.matrix.matrix`: authors by questions, in text, JSON and CSV."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

import pytest
from click.testing import Result

from argmap.compare import compare, shared_vocabulary
from argmap.loader import load_document
from argmap.matrix import matrix
from conftest import ARGUMENTS, FIXTURES, assert_golden

PAIR = FIXTURES / "pair"
ALPHA, BETA = str(PAIR / "alpha.yaml"), str(PAIR / "beta.yaml")
JOSCELYN = ARGUMENTS / "joscelyn-2020-most-dangerous-alliance.yaml"
GABUEV = ARGUMENTS / "gabuev-2017-good-cop-bad-cop.yaml"
flagship = pytest.mark.skipif(
    not (JOSCELYN.exists() and GABUEV.exists()), reason="flagship maps not written yet"
)


def test_pair_golden(run: Callable[..., Result]) -> None:
    """The fixture folder prints as a table of positions with a legend at 80 columns."""
    result = run("matrix", str(PAIR), "--width", "80")
    assert result.exit_code == 0
    assert_golden("terminal/matrix-pair-80.txt", result.stdout)


def test_csv_has_a_column_per_author(run: Callable[..., Result]) -> None:
    """--format csv gives question id, text and each author's position id, empty where not addressed."""
    rows = list(csv.reader(io.StringIO(run("matrix", ALPHA, BETA, "--format", "csv").stdout)))
    assert rows[0] == ["question", "text", "Alpha 2020", "Beta 2017"]
    assert rows[1] == ["nature", "What is the nature of the relationship?", "alliance", "transactional"]
    assert rows[4] == ["economy", "Does one depend on the other economically?", "", "dependent"]


def test_json_cells(run: Callable[..., Result]) -> None:
    """--format json names the columns and gives each cell's position, or null."""
    data = json.loads(run("matrix", ALPHA, BETA, "--format", "json").stdout)
    assert data["kind"] == "argmap-matrix"
    assert [column["label"] for column in data["columns"]] == ["Alpha 2020", "Beta 2017"]
    economy = next(row for row in data["rows"] if row["question"] == "economy")
    assert economy["cells"][0] is None
    assert economy["cells"][1]["position"] == {"id": "dependent", "label": "dependent"}


def _agree(first: str, second: str) -> None:
    documents = [load_document(first), load_document(second)]
    vocabulary = shared_vocabulary(documents)
    by_question = {row.question: row for row in matrix(documents, vocabulary).rows}
    comparison = compare(*documents, vocabulary)
    assert set(by_question) == {row.question for row in comparison.rows}
    for row in comparison.rows:
        cells = by_question[row.question].cells
        for cell, stance in zip(cells, (row.a, row.b), strict=True):
            assert (cell.position if cell else None) == (stance.position if stance else None)


def test_matrix_agrees_with_compare_on_the_pair() -> None:
    """With two maps every cell is the position compare gives, and the same questions appear."""
    _agree(ALPHA, BETA)


@flagship
def test_matrix_agrees_with_compare_on_the_flagship_maps() -> None:
    """On Joscelyn and Gabuev the matrix and the comparison give the same positions."""
    _agree(str(JOSCELYN), str(GABUEV))


@flagship
def test_flagship_golden(run: Callable[..., Result]) -> None:
    """The matrix of the flagship folder at 80 columns reads as reviewed."""
    result = run("matrix", str(JOSCELYN), str(GABUEV), "--width", "80")
    assert result.exit_code == 0
    assert_golden("terminal/matrix-flagship-80.txt", result.stdout)


def test_repeated_labels_are_numbered() -> None:
    """Two maps with the same author and year get distinct column labels."""
    document = load_document(ALPHA)
    assert [column.label for column in matrix([document, document]).columns] == [
        "Alpha 2020 (1)",
        "Alpha 2020 (2)",
    ]


def test_no_progress_bar_when_stderr_is_not_a_terminal(run: Callable[..., Result]) -> None:
    """Loading shows no progress output in a pipe."""
    result = run("matrix", str(PAIR))
    assert result.exit_code == 0
    assert result.stderr == ""


def test_bad_map_is_bad_input(run: Callable[..., Result], tmp_path: object) -> None:
    """A folder holding an invalid map exits 2 with the loader's located message."""
    from pathlib import Path

    folder = Path(str(tmp_path))
    (folder / "broken.yaml").write_text("source: {authors: []}\n", encoding="utf-8")
    result = run("matrix", str(folder))
    assert result.exit_code == 2
    assert "broken.yaml" in result.output


def test_csv_cells_cannot_run_as_spreadsheet_formulas() -> None:
    """Question texts and author labels that start like a formula are written as text."""
    from argmap.matrix import Column, Matrix, MatrixRow

    table = Matrix(
        columns=(Column("=HYPERLINK(1)", ("x",), None, None),),
        rows=(MatrixRow("q", "+1 what?", (), (None,)),),
    )
    lines = table.to_csv().splitlines()
    assert lines == ["question,text,'=HYPERLINK(1)", "q,'+1 what?,"]


def test_too_many_authors_for_the_width_are_counted_per_position(run: Callable[..., Result]) -> None:
    """When the columns would be narrower than a position label, each position's authors are counted."""
    result = run("matrix", str(PAIR), "--width", "40")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].startswith("2 authors do not fit side by side in 40")
    counted = {line.split()[0]: line.split()[-1] for line in lines if "█" in line or "·" in line}
    # Alpha and Beta both say lasting; one says alliance and the other transactional; Beta skips the UN.
    assert counted["lasting"] == "2"
    assert counted["alliance"] == "1"
    assert counted["transactional"] == "1"
    assert counted["not"] == "1"  # "not addressed"
    wide = run("matrix", str(PAIR), "--width", "80")
    assert "do not fit" not in wide.output
    assert "┃ Question" in wide.output


def test_progress_bar_on_a_terminal_after_a_moment(monkeypatch: pytest.MonkeyPatch) -> None:
    """On a terminal, the bar appears once loading has lasted PROGRESS_AFTER, and is gone at the end."""
    import io

    from rich.console import Console

    from argmap.cli import options
    from argmap.render import terminal

    screen = io.StringIO()
    monkeypatch.setattr(
        terminal, "console", lambda width=None, file=None: Console(file=screen, force_terminal=True, width=60)
    )
    monkeypatch.setattr(options, "PROGRESS_AFTER", 0.0)
    with options.progress(3, "Loading maps") as advance:
        for _ in range(3):
            advance()
    assert "Loading maps" in screen.getvalue()

    quiet = io.StringIO()
    monkeypatch.setattr(
        terminal, "console", lambda width=None, file=None: Console(file=quiet, force_terminal=True, width=60)
    )
    monkeypatch.setattr(options, "PROGRESS_AFTER", 60.0)
    with options.progress(3, "Loading maps") as advance:
        advance()
    assert quiet.getvalue() == ""  # a moment's work shows nothing
