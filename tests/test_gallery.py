"""docs/gallery stays in step with the code: its DOT files are what `argmap render` writes today."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from argmap.gallery import ENTRIES, GALLERY, commands
from conftest import ROOT


@pytest.mark.parametrize("name", sorted(ENTRIES))
def test_committed_dot_matches_generated(name: str, run: Callable[..., Result], tmp_path: Path) -> None:
    """Each docs/gallery/*.dot equals the DOT the code generates now (run `make gallery` to refresh)."""
    committed = ROOT / GALLERY / f"{name}.dot"
    assert committed.exists(), f"{committed} is missing; run `make gallery`"
    args = next(cmd for cmd in commands(ROOT, ("dot",)) if cmd[-1].endswith(f"/{name}.dot"))
    result = run(*args[:-1], str(tmp_path / f"{name}.dot"))
    assert result.exit_code == 0, result.output
    generated = (tmp_path / f"{name}.dot").read_text(encoding="utf-8")
    assert generated == committed.read_text(encoding="utf-8"), (
        f"{committed.name} is stale; run `make gallery`"
    )


@pytest.mark.parametrize("name", sorted(ENTRIES))
def test_each_diagram_has_its_svg_and_is_shown(name: str) -> None:
    """Beside each DOT file is its SVG, and the gallery README embeds it."""
    svg = ROOT / GALLERY / f"{name}.svg"
    assert ET.parse(svg).getroot().tag == "{http://www.w3.org/2000/svg}svg"
    assert f"({name}.svg)" in (ROOT / GALLERY / "README.md").read_text(encoding="utf-8")


def test_commands_write_dot_and_svg_for_every_entry(tmp_path: Path) -> None:
    """The gallery script renders each entry twice: DOT source and SVG."""
    outputs = sorted(Path(cmd[-1]).name for cmd in commands(tmp_path))
    assert outputs == sorted(f"{name}.{fmt}" for name in ENTRIES for fmt in ("dot", "svg"))
