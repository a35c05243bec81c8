"""The benchmark suite (bench/) runs end to end at its smallest sizes, so it cannot rot.

No timing is asserted anywhere: benchmarks are measured by ``bench/run.py``, not tested.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

BENCH = ROOT / "bench"
ARGMAP = Path(sys.executable).parent / "argmap"


def _run(*args: str | Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(arg) for arg in args], cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False
    )


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Inputs generated at the smallest sizes, once for the module."""
    out = tmp_path_factory.mktemp("bench-data")
    result = _run(sys.executable, BENCH / "generate.py", "--quick", "--out", out)
    assert result.returncode == 0, result.stderr
    return out


def test_generator_is_deterministic(data: Path, tmp_path: Path) -> None:
    """The same seed gives byte-identical files; another seed gives other maps."""
    again = _run(
        sys.executable, BENCH / "generate.py", "--quick", "--big-mib", "1", "--out", tmp_path / "same"
    )
    assert again.returncode == 0, again.stderr
    other = _run(
        sys.executable,
        BENCH / "generate.py",
        "--quick",
        "--big-mib",
        "1",
        "--seed",
        "8",
        "--out",
        tmp_path / "other",
    )
    assert other.returncode == 0, other.stderr
    for relative in ("maps/map-10.yaml", "maps/map-10.json", "compare/b.yaml", "corpus-10/map-0003.yaml"):
        assert (tmp_path / "same" / relative).read_bytes() == (data / relative).read_bytes(), relative
    assert (tmp_path / "other" / "maps/map-10.yaml").read_bytes() != (data / "maps/map-10.yaml").read_bytes()


def test_generated_maps_have_the_promised_shape(data: Path) -> None:
    """Exact node and claim counts, YAML and JSON twins, one vocabulary per folder, hostile files."""
    manifest = json.loads((data / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["maps"]["10"]["nodes"] == 10
    from argmap.loader import load_map

    yaml_map = load_map(data / manifest["maps"]["10"]["yaml"])
    assert yaml_map == load_map(data / manifest["maps"]["10"]["json"])
    assert sum(1 for _ in yaml_map.nodes()) == 10
    compare = load_map(data / manifest["compare"]["a"]["yaml"])
    assert sum(1 for node in compare.nodes() if node.kind == "claim") == manifest["compare"]["claims"]
    for folder in ("maps", "render", "compare", "corpus-10"):
        assert (data / folder / "questions.yaml").is_file()
    assert len(list((data / "corpus-10").glob("map-*.yaml"))) == 10
    assert (data / "hostile" / "big.yaml").stat().st_size > 32 * 2**20
    assert (data / "hostile" / "alias-bomb.yaml").stat().st_size < 1024


@pytest.mark.parametrize("folder", ["maps", "render", "compare", "corpus-10"])
def test_every_generated_map_checks_without_error(data: Path, folder: str) -> None:
    """`argmap check` accepts every generated map (YAML and JSON) with no error and no warning."""
    result = _run(ARGMAP, "check", "--format", "json", "--fail-on", "warning", data / folder)
    assert result.returncode == 0, result.stdout[:2000] + result.stderr[:2000]
    summary = json.loads(result.stdout)["summary"]
    assert (summary["invalid"], summary["errors"], summary["warnings"]) == (0, 0, 0)
    assert summary["files"] >= 2


def test_quick_benchmark_prints_the_table(data: Path, tmp_path: Path) -> None:
    """`bench/run.py --quick` prints the machine header and every row, and --write saves the same report."""
    written = tmp_path / "performance.md"
    result = _run(
        sys.executable, BENCH / "run.py", "--quick", "--data", data, "--write", written, timeout=180
    )
    assert result.returncode == 0, result.stderr
    table = result.stdout
    for heading in (
        "# Performance",
        "## Machine",
        "- CPU:",
        "- Python:",
        "- argmap:",
        "## Targets",
        "## Linearity",
    ):
        assert heading in table
    rows = {line[2:].split(" | ")[0] for line in table.splitlines() if line.startswith("| ")}
    expected = {
        "python -c pass",
        "argmap --version",
        "argmap --help",
        "check flagship",
        "show flagship",
        "compare flagships (Joscelyn vs Gabuev)",
        "render flagship → DOT",
        "check 10 nodes (YAML)",
        "check 10 nodes (JSON)",
        "show 10 nodes (YAML)",
        "show 10 nodes (JSON)",
        "parse 10 nodes: yaml.compose, CSafeLoader",
        "parse 10 nodes: yaml.load, CSafeLoader",
        "compare 2 × 20 claims (YAML)",
        "compare 2 × 20 claims (JSON)",
        "check 10 maps",
        "matrix 10 maps",
        "render 10 nodes → DOT",
        "render 20 nodes → SVG",
        "dot -Tsvg alone, 20 nodes",
        "export --to aif, 10 nodes",
        "import --from aif, 10 nodes",
        "check 50 MiB YAML",
        *(
            f"{operation}, 10 nodes: the work alone"
            for operation in (
                "check (YAML)",
                "check (JSON)",
                "show (YAML)",
                "show (JSON)",
                "render → DOT",
                "export --to aif",
                "import --from aif",
            )
        ),
    }
    assert expected <= rows, expected - rows
    assert any(row.startswith("check alias bomb (") for row in rows)
    # Every row has figures or says why not (a command still to come); none failed.
    for line in table.splitlines():
        cells = line[2:].split(" | ")
        if line.startswith("| ") and cells[0] in expected:
            assert "failed (" not in line, line
            assert cells[1] != "—" or "not available" in line or "not installed" in line, line
    assert "refused" in table
    assert written.read_text(encoding="utf-8") + "\n" == table
