"""`argmap show`: the map as a tree, its options, hygiene of map text, and the JSON form."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from argmap.loader import load_document
from argmap.render.terminal import map_tree, plain_text
from conftest import ARGUMENTS, FIXTURES, assert_golden

ALPHA = str(FIXTURES / "pair" / "alpha.yaml")
HOSTILE = str(FIXTURES / "hostile" / "hostile.yaml")
FLAGSHIP = {
    "joscelyn": ARGUMENTS / "joscelyn-2020-most-dangerous-alliance.yaml",
    "gabuev": ARGUMENTS / "gabuev-2017-good-cop-bad-cop.yaml",
}


def test_show_golden(run: Callable[..., Result]) -> None:
    """The fixture map prints as a tree with kinds, relations, dates and positions at 80 columns."""
    result = run("show", ALPHA, "--width", "80")
    assert result.exit_code == 0
    assert_golden("terminal/show-alpha-80.txt", result.stdout)


def test_show_with_ids_and_quotes_golden(run: Callable[..., Result]) -> None:
    """--ids adds node ids and evidence topics; --quotes adds quotes (none in this map, so unchanged there)."""
    result = run("show", ALPHA, "--ids", "--quotes", "--width", "80")
    assert result.exit_code == 0
    assert_golden("terminal/show-alpha-ids-80.txt", result.stdout)


def test_depth_hides_deeper_nodes_and_says_so(run: Callable[..., Result]) -> None:
    """--depth 1 keeps the thesis and its children and counts the hidden nodes under each."""
    result = run("show", ALPHA, "--depth", "1", "--width", "80")
    assert result.exit_code == 0
    assert "vetoed" not in result.stdout
    assert "… 2 more below" in result.stdout
    assert "The bond will outlast current leaders." in result.stdout


def test_no_evidence_leaves_evidence_out(run: Callable[..., Result]) -> None:
    """--no-evidence drops evidence nodes but keeps claims, objections and rebuttals."""
    result = run("show", ALPHA, "--no-evidence", "--width", "80")
    assert "evidence:" not in result.stdout
    assert "rebuttal" in result.stdout


def test_long_text_wraps_inside_the_tree_guides() -> None:
    """At 40 columns every line fits and continuation lines keep the tree's guide characters."""
    text = plain_text(map_tree(load_document(ALPHA)), 40)
    lines = text.splitlines()
    assert all(len(line) <= 40 for line in lines)
    start = lines.index(next(line for line in lines if "They jointly vetoed" in line))
    assert lines[start + 1].startswith("│   │   ")


def test_hostile_text_prints_literally(run: Callable[..., Result]) -> None:
    """Markup prints as written and control characters come out as visible escapes, never raw."""
    result = run("show", HOSTILE, "--quotes", "--ids", "--width", "100")
    assert result.exit_code == 0
    out = result.stdout
    assert "[bold red]x[/]" in out
    assert "[blink]markup[/blink], :smile:" in out
    assert "[italic]quoted[/italic]" in out
    assert "\\x1b[2J" in out
    assert "\\x1b]8;;http://evil\\x07" in out
    assert "\\u202etxet" in out
    assert not any(char in out for char in "\x1b\x07\u202e")


def test_hostile_text_is_harmless_in_colour_too() -> None:
    """With colour forced on, the only escape sequences are rich's own styles (SGR), not the map's."""
    import io
    import re

    from rich.console import Console

    out = io.StringIO()
    Console(file=out, width=100, force_terminal=True, color_system="truecolor").print(
        map_tree(load_document(HOSTILE), quotes=True)
    )
    text = out.getvalue()
    assert not re.search(r"\x1b(?!\[[0-9;]*m)", text)
    assert "\x07" not in text
    assert "\u202e" not in text


def test_json_is_the_map_as_data(run: Callable[..., Result]) -> None:
    """--format json prints the map's fields and tree."""
    data = json.loads(run("show", ALPHA, "--format", "json").stdout)
    assert data["thesis"]["children"][0]["id"] == "votes-together"
    assert data["source"]["authors"] == ["Ada Alpha"]


def test_output_file_is_plain_text(run: Callable[..., Result], tmp_path: Path) -> None:
    """-o writes the same colourless text to a file and nothing to stdout."""
    target = tmp_path / "tree.txt"
    result = run("show", ALPHA, "--width", "80", "-o", str(target))
    assert result.stdout == ""
    assert target.read_text(encoding="utf-8") == run("show", ALPHA, "--width", "80").stdout


def test_missing_map_is_bad_input(run: Callable[..., Result], tmp_path: Path) -> None:
    """A map that does not exist exits 2 with one message naming it."""
    result = run("show", str(tmp_path / "nope.yaml"))
    assert result.exit_code == 2
    assert "nope.yaml: no such file" in result.output


@pytest.mark.parametrize("name", sorted(FLAGSHIP))
def test_flagship_show_golden(run: Callable[..., Result], name: str) -> None:
    """Each flagship map prints as a tree at 80 columns, with quotes."""
    if not FLAGSHIP[name].exists():
        pytest.skip("flagship map not written yet")
    result = run("show", str(FLAGSHIP[name]), "--quotes", "--width", "80")
    assert result.exit_code == 0
    assert_golden(f"terminal/show-{name}-80.txt", result.stdout)
