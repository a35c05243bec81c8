"""`argmap new`, `argmap schema`, and the generated docs that must not go stale."""

from __future__ import annotations

import doctest
import importlib
import json
import runpy
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from argmap.loader import load_map
from conftest import ROOT


def test_new_writes_a_valid_commented_skeleton(run: Callable[..., Result], tmp_path: Path) -> None:
    """The skeleton loads, carries the given metadata exactly, and checks clean."""
    path = tmp_path / "op-ed.yaml"
    result = run("new", str(path), "--title", "Why: #1 'reason'", "--author", "Jo Q", "--date", "2021-02")
    assert result.exit_code == 0
    text = path.read_text()
    assert text.startswith("# yaml-language-server: $schema=")
    argument_map = load_map(path)
    assert argument_map.source.title == "Why: #1 'reason'"
    assert argument_map.source.authors == ["Jo Q"]
    assert argument_map.source.date == "2021-02"
    assert run("check", "--fail-on", "warning", str(path)).exit_code == 0


def test_new_refuses_to_overwrite(run: Callable[..., Result], tmp_path: Path) -> None:
    """An existing file is left byte-for-byte intact and the command exits 2."""
    path = tmp_path / "mine.yaml"
    path.write_text("precious work\n")
    result = run("new", str(path))
    assert result.exit_code == 2
    assert result.stderr.strip() == f"{path}: already exists; argmap new never overwrites a file"
    assert path.read_text() == "precious work\n"


def test_new_rejects_a_bad_date(run: Callable[..., Result], tmp_path: Path) -> None:
    """A date that is not YYYY[-MM[-DD]] is refused before anything is written."""
    result = run("new", str(tmp_path / "x.yaml"), "--date", "July 2020")
    assert result.exit_code == 2
    assert not (tmp_path / "x.yaml").exists()


def test_schema_describes_the_format(run: Callable[..., Result]) -> None:
    """The printed schema is JSON Schema with the node kinds and forbids unknown fields."""
    schema = json.loads(run("schema").stdout)
    definitions = schema["$defs"]
    assert {"Claim", "Evidence", "Objection", "Rebuttal", "Thesis", "Source"} <= set(definitions)
    assert definitions["Claim"]["additionalProperties"] is False
    assert "kind" in definitions["Evidence"]["required"]
    assert schema["required"] == ["source", "thesis"]


def test_committed_schema_is_current(run: Callable[..., Result]) -> None:
    """docs/map.schema.json equals what `argmap schema` prints (run `make docs` after model changes)."""
    assert (ROOT / "docs" / "map.schema.json").read_text() == run("schema").stdout


def test_cli_reference_is_current() -> None:
    """docs/cli.md equals what scripts/cli_reference.py generates from --help (run `make docs`)."""
    module = runpy.run_path(str(ROOT / "scripts" / "cli_reference.py"))
    assert (ROOT / "docs" / "cli.md").read_text() == module["render"]()


@pytest.mark.parametrize("module", ["argmap.model", "argmap.provenance", "argmap.sanitize", "argmap.loader"])
def test_doctests(module: str) -> None:
    """The examples in docstrings run and hold."""
    failures, _ = doctest.testmod(importlib.import_module(module))
    assert failures == 0
