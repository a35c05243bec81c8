"""Loading many maps in worker processes gives what loading them one by one gives."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from argmap.batch import PARALLEL_FROM, load_documents, worker_count
from argmap.errors import InputError
from argmap.lint import lint_map
from argmap.loader import Document, find_maps, load_document
from conftest import FIXTURES

PAIR = FIXTURES / "pair"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """PARALLEL_FROM + 8 maps sharing a vocabulary, two of them broken in different ways."""
    shutil.copy(PAIR / "questions.yaml", tmp_path / "questions.yaml")
    for index in range(PARALLEL_FROM + 6):
        source = PAIR / ("alpha.yaml" if index % 2 else "beta.yaml")
        shutil.copy(source, tmp_path / f"map-{index:03}.yaml")
    (tmp_path / "map-010.yaml").write_text(
        "source: {authors: []}\nthesis: {id: t, text: x}\n", encoding="utf-8"
    )
    (tmp_path / "map-020.yaml").write_text("a: [unclosed\n", encoding="utf-8")
    (tmp_path / "map-100.json").write_text(
        (PAIR / "alpha.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (tmp_path / "map-101.json").write_text(
        '{"source": {"authors": ["A"]}, "thesis": {"id": "t", "text": "x"}}'
    )
    return tmp_path


def _summary(item: Document | InputError) -> object:
    if isinstance(item, InputError):
        return [str(problem) for problem in item.problems]
    return item.map.model_dump(), [str(finding) for finding in lint_map(item, None, None)]


def test_workers_load_what_one_process_loads(corpus: Path) -> None:
    """Same maps, same errors, same order; node positions still resolve to file lines."""
    files = find_maps([corpus])
    assert worker_count(len(files), None) >= 1
    alone = load_documents(files, jobs=1)
    together = load_documents(files, jobs=2)
    assert [_summary(item) for item in together] == [_summary(item) for item in alone]
    broken = [item for item in together if isinstance(item, InputError)]
    assert len(broken) == 3  # the empty authors, the unclosed list, YAML saved as .json
    for path, item in zip(files, together, strict=True):
        if isinstance(item, InputError):
            with pytest.raises(InputError) as one_by_one:
                load_document(path)
            assert item.lines() == one_by_one.value.lines()
    first = next(item for item in together if isinstance(item, Document))
    assert first.where(first.map.thesis)[0] is not None


def test_progress_is_advanced_once_per_map(corpus: Path) -> None:
    files = find_maps([corpus])
    calls: list[int] = []
    load_documents(files, jobs=2, advance=lambda: calls.append(1))
    assert len(calls) == len(files)


def test_few_maps_are_read_in_this_process() -> None:
    assert worker_count(PARALLEL_FROM - 1, None) == 1
    assert worker_count(3, 8) == 3


def test_matrix_output_does_not_depend_on_jobs(run: Callable[..., Result], tmp_path: Path) -> None:
    shutil.copy(PAIR / "questions.yaml", tmp_path / "questions.yaml")
    for index in range(PARALLEL_FROM + 2):
        shutil.copy(PAIR / ("alpha.yaml" if index % 2 else "beta.yaml"), tmp_path / f"m{index:03}.yaml")
    outputs = {jobs: run("matrix", str(tmp_path), "--format", "csv", "-j", jobs) for jobs in ("1", "2", "0")}
    assert all(result.exit_code == 0 for result in outputs.values())
    assert outputs["1"].output == outputs["2"].output == outputs["0"].output
    assert outputs["1"].output.count("\n") > 1


def test_matrix_reports_every_broken_map(run: Callable[..., Result], corpus: Path) -> None:
    result = run("matrix", str(corpus), "-j", "2")
    assert result.exit_code == 2
    for name in ("map-010.yaml", "map-020.yaml", "map-100.json"):
        assert name in result.output


def test_a_worker_that_dies_is_an_error_not_a_wait(corpus: Path) -> None:
    """A worker killed mid-file (as by the out-of-memory killer) stops the load with an error."""
    script = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from argmap import batch\n"
        "from argmap.loader import find_maps\n"
        "def _dies(path):\n"
        "    if path.name == 'map-005.yaml':\n"
        "        os._exit(9)\n"
        "    return LOAD(path)\n"
        "LOAD, batch._load = batch._load, _dies\n"
        "batch.load_documents(find_maps([Path(sys.argv[1])]), jobs=2)\n"
    )
    finished = subprocess.run(
        [sys.executable, "-c", script, str(corpus)], capture_output=True, text=True, timeout=120, check=False
    )
    assert finished.returncode != 0
    assert "BrokenProcessPool" in finished.stderr
