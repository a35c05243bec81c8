"""`argmap render` with the real Graphviz: formats, stdout, atomic writes, a missing or failing dot."""

from __future__ import annotations

import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from argmap.errors import RenderError
from argmap.render import engine
from conftest import FIXTURES

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot is not installed")
ALPHA = str(FIXTURES / "pair" / "alpha.yaml")
BETA = str(FIXTURES / "pair" / "beta.yaml")
EARLIER = b"an earlier diagram, which must survive a failed render\n"


def failing_dot(folder: Path, body: str = 'echo "Error: <stdin>: syntax error in line 1" >&2; exit 1') -> str:
    """A stand-in for dot that fails the way dot does."""
    script = folder / "fake-dot"
    script.write_text(f"#!/bin/sh\ncat >/dev/null\n{body}\n")
    script.chmod(0o755)
    return str(script)


def png_size(data: bytes) -> tuple[int, int]:
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@needs_dot
def test_svg_output_is_svg_xml(run: Callable[..., Result], tmp_path: Path) -> None:
    """-o x.svg writes an SVG document that parses as XML."""
    target = tmp_path / "alpha.svg"
    result = run("render", ALPHA, "-o", str(target))
    assert result.exit_code == 0, result.output
    assert ET.fromstring(target.read_bytes()).tag == "{http://www.w3.org/2000/svg}svg"


@needs_dot
def test_png_output_is_a_capped_png(run: Callable[..., Result], tmp_path: Path) -> None:
    """-o x.png writes a PNG at 150 dpi, never more than 9,000 px a side."""
    target = tmp_path / "alpha.png"
    assert run("render", ALPHA, "-o", str(target)).exit_code == 0
    data = target.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = png_size(data)
    assert 1000 < width <= 9000
    assert height <= 9000


@needs_dot
def test_png_of_a_huge_map_is_scaled_down(tmp_path: Path) -> None:
    """A 3,000-leaf map renders to a PNG no wider than the cap, not a gigantic bitmap."""
    source = "digraph { " + " ".join(f"r -> n{i};" for i in range(3000)) + " }"
    width, height = png_size(engine.render(source, "png"))
    assert max(width, height) <= engine.PNG_DPI * engine.PNG_MAX_INCHES


@needs_dot
def test_pdf_output_is_a_pdf(run: Callable[..., Result], tmp_path: Path) -> None:
    """-o x.pdf writes a PDF."""
    target = tmp_path / "alpha.pdf"
    assert run("render", ALPHA, "-o", str(target)).exit_code == 0
    assert target.read_bytes().startswith(b"%PDF-")


def test_dot_output_is_the_dot_source(run: Callable[..., Result], tmp_path: Path) -> None:
    """-o x.dot writes the DOT source, exactly what map_to_dot gives (auto direction)."""
    from argmap.loader import load_document, load_vocabulary, vocabulary_path_for
    from argmap.render.dot import map_to_dot

    target = tmp_path / "alpha.dot"
    assert run("render", ALPHA, "-o", str(target), "--tags").exit_code == 0
    document = load_document(ALPHA)
    vocabulary = load_vocabulary(vocabulary_path_for(document)).vocabulary
    assert target.read_text() == map_to_dot(document.map, direction="auto", tags=True, vocabulary=vocabulary)


@needs_dot
def test_format_option_overrides_the_suffix(run: Callable[..., Result], tmp_path: Path) -> None:
    """--format png writes a PNG even to a file named .out."""
    target = tmp_path / "diagram.out"
    assert run("render", ALPHA, "-o", str(target), "--format", "png").exit_code == 0
    assert target.read_bytes().startswith(b"\x89PNG")


@needs_dot
def test_dash_writes_svg_to_stdout(run: Callable[..., Result]) -> None:
    """-o - writes SVG to standard output by default."""
    result = run("render", ALPHA, "-o", "-")
    assert result.exit_code == 0
    assert ET.fromstring(result.stdout_bytes).tag.endswith("svg")


@needs_dot
def test_dash_writes_binary_png_to_stdout(tmp_path: Path) -> None:
    """-o - --format png writes the PNG bytes unchanged to a real pipe."""
    done = subprocess.run(
        [sys.executable, "-m", "argmap", "render", ALPHA, "-o", "-", "--format", "png"],
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(b"\x89PNG\r\n\x1a\n")
    assert done.stdout.endswith(b"IEND\xaeB`\x82")


def test_failed_render_leaves_the_earlier_file_untouched(run: Callable[..., Result], tmp_path: Path) -> None:
    """When dot fails, the command says why in one line and the earlier file keeps its bytes."""
    target = tmp_path / "alpha.svg"
    target.write_bytes(EARLIER)
    result = run("render", ALPHA, "-o", str(target), env={"ARGMAP_DOT": failing_dot(tmp_path)})
    assert result.exit_code == 2
    assert result.stderr == "fake-dot failed (exit 1): Error: <stdin>: syntax error in line 1\n"
    assert target.read_bytes() == EARLIER
    assert sorted(p.name for p in tmp_path.iterdir()) == ["alpha.svg", "fake-dot"]


def test_missing_binary_named_by_argmap_dot(run: Callable[..., Result], tmp_path: Path) -> None:
    """ARGMAP_DOT naming no program gives one line saying so and how to install Graphviz."""
    target = tmp_path / "alpha.png"
    target.write_bytes(EARLIER)
    result = run("render", ALPHA, "-o", str(target), env={"ARGMAP_DOT": str(tmp_path / "no-such-dot")})
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "no-such-dot: not found" in result.stderr
    assert "apt-get install graphviz" in result.stderr
    assert target.read_bytes() == EARLIER


def test_missing_dot_on_path_still_writes_dot(run: Callable[..., Result], tmp_path: Path) -> None:
    """With no dot on PATH, SVG fails in one line naming the fixes, and DOT is still written."""
    empty = tmp_path / "bin"
    empty.mkdir()
    env = {"PATH": str(empty), "ARGMAP_DOT": ""}
    result = run("render", ALPHA, "-o", str(tmp_path / "a.svg"), env=env)
    assert result.exit_code == 2
    assert result.stderr == (
        "Graphviz's 'dot' program was not found on PATH; install it with 'apt-get install graphviz', "
        "'brew install graphviz' or 'make setup'\n"
    )
    assert not (tmp_path / "a.svg").exists()
    assert run("render", ALPHA, "-o", str(tmp_path / "a.dot"), env=env).exit_code == 0
    assert (tmp_path / "a.dot").read_text().startswith('digraph "Alpha 2020" {')


def test_slow_dot_is_stopped_with_a_one_line_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A layout that runs past the timeout is stopped and reported with what to try instead."""
    monkeypatch.setenv("ARGMAP_DOT", failing_dot(tmp_path, "sleep 5"))
    with pytest.raises(RenderError, match=r"took longer than 0.3 s and was stopped; try --depth"):
        engine.render("digraph {}", "svg", timeout=0.3)


def test_unknown_suffix_is_a_usage_error(run: Callable[..., Result], tmp_path: Path) -> None:
    """An output suffix argmap cannot map to a format asks for --format."""
    result = run("render", ALPHA, "-o", str(tmp_path / "x.jpeg"))
    assert result.exit_code == 2
    assert "cannot tell the format from the suffix '.jpeg'" in result.stderr


def test_unknown_focus_names_the_id(run: Callable[..., Result], tmp_path: Path) -> None:
    """--focus with an unknown id fails in one line naming it."""
    result = run("render", ALPHA, "-o", str(tmp_path / "x.dot"), "--focus", "nowhere")
    assert result.exit_code == 2
    assert result.stderr == "--focus nowhere: no node has this id in Alpha 2020\n"


def test_map_count_must_fit_compare(run: Callable[..., Result], tmp_path: Path) -> None:
    """One map without --compare, two with it; anything else is a usage error."""
    out = str(tmp_path / "x.dot")
    assert "needs two maps" in run("render", ALPHA, "--compare", "-o", out).stderr
    assert "give one map" in run("render", ALPHA, BETA, "-o", out).stderr


def test_options_reach_the_diagram(run: Callable[..., Result], tmp_path: Path) -> None:
    """--direction, --depth, --no-evidence, --quotes and --tags all change the DOT written."""
    target = tmp_path / "x.dot"
    args = ["render", str(FIXTURES / "render" / "links.yaml"), "-o", str(target)]
    assert (
        run(*args, "--direction", "LR", "--depth", "1", "--no-evidence", "--quotes", "--tags").exit_code == 0
    )
    source = target.read_text()
    assert 'rankdir="LR"' in source
    assert "Down to depth 1" in source
    assert "Evidence hidden" in source
    assert "▸ durability: lasting" in source
    assert "trade-figures" not in source


def test_help_imports_neither_pydantic_nor_graphviz() -> None:
    """`argmap --help` and `argmap render --help` pay for click alone."""
    code = (
        "import sys\n"
        "from argmap.cli import main\n"
        "for args in (['--help'], ['render', '--help']):\n"
        "    try:\n"
        "        main(args)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print(sorted(m for m in ('pydantic', 'graphviz', 'yaml', 'argmap.render.dot') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_single_map_options_are_refused_with_compare(run: Callable[..., Result], tmp_path: Path) -> None:
    """Options that shape one map's drawing are a usage error with --compare, not silently ignored."""
    result = run("render", ALPHA, BETA, "--compare", "--depth", "1", "-o", str(tmp_path / "x.dot"))
    assert result.exit_code == 2
    assert "draw one map, not a comparison" in result.stderr


def test_comparison_renders_to_dot(run: Callable[..., Result], tmp_path: Path) -> None:
    """render A B --compare writes the comparison diagram's DOT."""
    target = tmp_path / "pair.dot"
    assert run("render", ALPHA, BETA, "--compare", "-o", str(target)).exit_code == 0
    assert target.read_text().startswith('digraph "Alpha 2020 and Beta 2017" {')
