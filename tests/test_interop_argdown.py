"""Argdown export, read back by the real Argdown CLI (@argdown/cli 1.7.5): same statements, same relations."""

from __future__ import annotations

import json
import re
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings

from argmap.formats import argdown
from argmap.formats.argdown_escape import data_block
from argmap.loader import load_document
from argmap.model import ArgumentMap, Relation
from argmap.sanitize import terminal_safe
from argmap.serialize import node_fields
from conftest import FIXTURES
from interop_support import argdown_command, flagship_maps
from map_strategies import maps

pytestmark = pytest.mark.interop

ARGDOWN_RELATION = {Relation.SUPPORTS: "support", Relation.OPPOSES: "attack", Relation.UNDERCUTS: "undercut"}


def parse_with_argdown(text: str, folder: Path) -> dict[str, Any]:
    """Run 'argdown json --stdout --silent' on the text; a parse error fails the test."""
    source = folder / "map.argdown"
    source.write_text(text, encoding="utf-8")
    result = subprocess.run(
        [*argdown_command(), "json", "--stdout", "--silent", str(source)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, f"argdown failed: {result.stderr or result.stdout[-2000:]}"
    parsed: dict[str, Any] = json.loads(result.stdout)
    return parsed


def expected_relations(argument_map: ArgumentMap) -> Counter[tuple[str, str, str]]:
    wanted: Counter[tuple[str, str, str]] = Counter()
    for node, parent, _ in argument_map.walk():
        if parent is not None:
            wanted[
                (node.id, parent.id, ARGDOWN_RELATION[Relation(getattr(node, "relation", "supports"))])
            ] += 1
        for relation, target in node.links():
            wanted[(node.id, target, ARGDOWN_RELATION[relation])] += 1
    return wanted


def assert_same_structure(argument_map: ArgumentMap, parsed: dict[str, Any]) -> None:
    """Statements plus arguments are the map's nodes, with exactly its text, tags and data; relations match."""
    arguments = argdown.undercut_targets(argument_map)
    nodes = list(argument_map.nodes())
    assert set(parsed["arguments"]) == arguments
    assert set(parsed["statements"]) == {node.id for node in nodes} - arguments
    for node in nodes:
        entry = parsed["arguments" if node.id in arguments else "statements"][node.id]
        (definition,) = [member for member in entry["members"] if not member.get("isReference")]
        data = {key: value for key, value in node_fields(node).items() if key not in argdown._STRUCTURAL}
        # Argdown keeps tags in a statement's text; the text before them is the map's, exactly.
        suffix = "".join(f" #{tag}" for tag in argdown.tags(node)) + (" " if data_block(data) else "")
        # Argdown statements are one line: each line break becomes a space (the documented loss);
        # invisible characters read back as the visible escapes every output shows (\x1b, \u202e).
        shown = terminal_safe(re.sub(r"\r\n|\r|\n", " ", node.text))
        assert definition["text"] == shown + suffix, node.id
        assert entry.get("data", definition.get("data", {})) == data, node.id
        assert set(entry.get("tags", definition.get("tags", []))) == set(argdown.tags(node)), node.id
    # Argdown merges a relation written twice (a link repeating the tree edge) into one.
    relations = {(r["from"], r["to"], r["relationType"]) for r in parsed["relations"]}
    assert relations == set(expected_relations(argument_map))


@pytest.mark.parametrize("path", flagship_maps(), ids=lambda path: path.stem)
def test_flagship_map_is_read_by_argdown_with_matching_counts(path: Path, tmp_path: Path) -> None:
    """Every flagship map exported to Argdown parses without error into the same statements and relations."""
    argument_map = load_document(path).map
    parsed = parse_with_argdown(argdown.export(argument_map), tmp_path)
    assert len(parsed["statements"]) + len(parsed["arguments"]) == sum(1 for _ in argument_map.nodes())
    by_type = Counter(relation["relationType"] for relation in parsed["relations"])
    assert by_type == Counter(relation for (_, _, relation) in expected_relations(argument_map).elements())
    assert_same_structure(argument_map, parsed)


@pytest.mark.parametrize("name", ["interchange/features.yaml", "pair/alpha.yaml", "pair/beta.yaml"])
def test_fixture_maps_are_read_back_exactly(name: str, tmp_path: Path) -> None:
    """Fixture maps with undercuts of supports and attacks, links and markup characters read back exactly."""
    argument_map = load_document(FIXTURES / name).map
    assert_same_structure(argument_map, parse_with_argdown(argdown.export(argument_map), tmp_path))


# Each example starts node (about half a second), so examples are few but large, and not shrunk.
@settings(
    max_examples=8,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.function_scoped_fixture,
        HealthCheck.data_too_large,
    ],
)
@given(argument_map=maps(max_nodes=60, consistent=True))
def test_any_text_is_read_back_exactly_by_argdown(argument_map: ArgumentMap, tmp_path: Path) -> None:
    """Generated maps with arbitrary Unicode text keep every character, tag and data value through Argdown."""
    assert_same_structure(argument_map, parse_with_argdown(argdown.export(argument_map), tmp_path))
