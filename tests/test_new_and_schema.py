"""`argmap new`, `argmap schema`, and the generated docs that must not go stale."""

from __future__ import annotations

import doctest
import importlib
import json
import runpy
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from argmap.loader import load_map
from conftest import ROOT, locked_version

LOCKED_PYDANTIC = locked_version("pydantic")


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


def _same_meaning(schema: Any) -> Any:
    """A JSON Schema with pydantic's release-to-release spellings of one meaning made one.

    pydantic 2.7 writes a field of a model type as ``allOf: [{$ref}]`` and a literal as
    ``const`` with a one-item ``enum``; later releases write ``$ref`` and ``const`` alone.
    """
    if isinstance(schema, list):
        return [_same_meaning(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    schema = {key: _same_meaning(value) for key, value in schema.items()}
    if list(schema.get("allOf", [])) and len(schema["allOf"]) == 1 and set(schema["allOf"][0]) == {"$ref"}:
        schema["$ref"] = schema.pop("allOf")[0]["$ref"]
    if "const" in schema and schema.get("enum") == [schema["const"]]:
        del schema["enum"]
    return schema


def test_committed_schema_is_current(run: Callable[..., Result]) -> None:
    """docs/map.schema.json says what `argmap schema` prints (run `make docs` after model changes).

    Byte for byte with the locked pydantic; with any other supported release, the same
    schema however that release spells it.
    """
    committed = (ROOT / "docs" / "map.schema.json").read_text()
    printed = run("schema").stdout
    if version("pydantic") == LOCKED_PYDANTIC:
        assert committed == printed
    assert _same_meaning(json.loads(committed)) == _same_meaning(json.loads(printed))


def test_cli_reference_is_current() -> None:
    """docs/cli.md equals what scripts/cli_reference.py generates from --help (run `make docs`)."""
    module = runpy.run_path(str(ROOT / "scripts" / "cli_reference.py"))
    assert (ROOT / "docs" / "cli.md").read_text() == module["render"]()


def _modules_with_examples() -> list[str]:
    """Every module under src/argmap whose docstrings hold an example (``>>>``)."""
    source = ROOT / "src"
    return sorted(
        ".".join(path.relative_to(source).with_suffix("").parts)
        for path in (source / "argmap").rglob("*.py")
        if ">>> " in path.read_text(encoding="utf-8")
    )


def test_doctests_are_found() -> None:
    """The examples the docs rely on are collected (a broken finder would run none)."""
    assert {"argmap.model", "argmap.sanitize", "argmap.render.engine"} <= set(_modules_with_examples())


@pytest.mark.parametrize("module", _modules_with_examples())
def test_doctests(module: str) -> None:
    """The examples in docstrings run and hold; a module listed here runs at least one."""
    failures, attempted = doctest.testmod(importlib.import_module(module))
    assert attempted > 0
    assert failures == 0


@pytest.mark.parametrize(
    "title",
    ["Bell\a", "Bell\a and a smile 😀", "Line\u2028separator", "NBSP\xa0and \x85NEL", 'Quote " and \\ back'],
)
def test_new_writes_any_title_so_that_argmap_reads_it_back(
    run: Callable[..., Result], tmp_path: Path, title: str
) -> None:
    """`argmap new --title $'Bell\\a'` (and any other text) writes a map that loads with exactly that title."""
    path = tmp_path / "op-ed.yaml"
    assert run("new", str(path), "--title", title, "--author", title).exit_code == 0
    argument_map = load_map(path)
    assert argument_map.source.title == title
    assert argument_map.source.authors == [title]


def test_one_yaml_quoter_for_the_whole_project(tmp_path: Path) -> None:
    """The skeleton and Argdown's data and front matter quote strings exactly as yamlwrite.quote does."""
    from argmap.formats.argdown_escape import quote_yaml
    from argmap.skeleton import Skeleton, skeleton_text
    from argmap.yamlwrite import quote

    text = 'Bell\a, escape \x1b, NEL \x85, NBSP \xa0, LS \u2028, RLO \u202e, 😀, "q" \\'
    assert f"  title: {quote(text)}\n" in skeleton_text(Skeleton(title=text, authors=[text]))
    assert f"  authors: [{quote(text)}]\n" in skeleton_text(Skeleton(title=text, authors=[text]))
    assert quote_yaml(text) == quote(text)
    # Argdown's extra escapes are layered on the same quoter: braces, and runs of '='.
    assert quote_yaml("a {b} a=b ===\a") == '"a \\x7bb\\x7d a=b \\x3d\\x3d\\x3d\\a"'


@pytest.mark.parametrize("date", ["2020-07\n", "２０２０-07", "٢٠٢٠", "2020-٠٧-01", "2020-07-01\n"])
def test_new_refuses_dates_in_other_digits_or_with_a_line_break(
    run: Callable[..., Result], tmp_path: Path, date: str
) -> None:
    """Only ASCII digits make a date, and nothing may follow it, not even a line break."""
    result = run("new", str(tmp_path / "x.yaml"), "--date", date)
    assert result.exit_code == 2
    assert "must be a date written YYYY, YYYY-MM or YYYY-MM-DD" in result.stderr
    assert not (tmp_path / "x.yaml").exists()


def test_cli_reference_names_the_program_argmap() -> None:
    """docs/cli.md shows usage lines as a user types them: 'argmap check', never click's 'cli'."""
    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    usages = [line for line in text.splitlines() if line.startswith("Usage:")]
    assert usages
    assert all(line.startswith("Usage: argmap ") for line in usages), usages


def test_mapping_guide_points_at_the_shared_sources() -> None:
    """The guide's `argmap new --text` uses the same ../../shared/sources/ path as the flagship maps and docs."""
    text = (ROOT / "docs" / "mapping-guide.md").read_text(encoding="utf-8")
    paths = [word for line in text.splitlines() for word in line.split() if "sources/" in word]
    assert paths
    assert all(path.startswith("../../shared/sources/") for path in paths), paths


def test_new_refuses_an_argument_that_is_not_utf8(tmp_path: Path) -> None:
    """A title given as bytes that are not UTF-8 (a lone surrogate in Python) is refused, not written unreadable."""
    from hostile_support import run_main

    path = tmp_path / "x.yaml"
    result = run_main(["new", str(path), "--title", "caf\udce9"])
    assert (result.exit, result.stderr) == (2, "--title: is not UTF-8 text; a map holds only Unicode text\n")
    assert not path.exists()
