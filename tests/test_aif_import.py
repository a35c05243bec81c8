"""AIF import: layouts, tree building, warnings, bad input, real corpora, and map → AIF → map round trips."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from hypothesis import HealthCheck, assume, given, settings

from argmap.check import check_paths
from argmap.errors import InputError
from argmap.formats import aif, aif_import
from argmap.lint import Severity
from argmap.loader import load_document
from argmap.model import ArgumentMap, Relation
from argmap.serialize import map_to_data
from conftest import FIXTURES
from interop_support import corpus_files, flagship_maps, require_corpus
from map_strategies import maps

AIF_FIXTURES = FIXTURES / "aif"
ROUND_TRIP_MAPS = [
    FIXTURES / "interchange" / "features.yaml",
    FIXTURES / "pair" / "alpha.yaml",
    *flagship_maps(),
]


def imported(name: str) -> aif_import.ImportResult:
    path = AIF_FIXTURES / name
    return aif_import.import_(path.read_text(encoding="utf-8"), str(path))


def outline(argument_map: ArgumentMap) -> list[tuple[str, str, str, str, int]]:
    """Id, kind, relation, text and depth of every node, in order: the tree's shape."""
    return [
        (node.id, node.kind, str(getattr(node, "relation", "")), node.text, depth)
        for node, _, depth in argument_map.walk()
    ]


def links(argument_map: ArgumentMap) -> list[tuple[str, list[tuple[Relation, str]]]]:
    return [(node.id, list(node.links())) for node in argument_map.nodes()]


def test_ova3_file_keeps_linked_premises_together_and_reads_undercuts() -> None:
    """OVA3 with integer ids: linked premises become noted siblings; a CA on the RA undercuts it."""
    result = imported("ova3-linked-undercut.json")
    assert outline(result.map) == [
        ("n1", "thesis", "", "Nuclear power should be expanded.", 0),
        ("n2", "claim", "supports", "It emits almost no CO2.", 1),
        (
            "n5",
            "objection",
            "undercuts",
            "Counting mining and building, its emissions are not negligible.",
            2,
        ),
        ("n3", "claim", "supports", "Cutting CO2 is urgent.", 1),
    ]
    nodes = result.map.index()
    assert nodes["n2"].note == "Linked premise: works together with n3 in one AIF inference."
    assert nodes["n5"].note == "Undercuts the whole linked inference from n2, n3."
    assert result.map.source.authors == ["Alice Smith", "Bob Jones"]
    assert result.warnings == [
        "the OVA layout block (node positions on the canvas) was not imported",
        "the text block (128 characters of analysed text) was not imported",
        "2 L-nodes (locutions) were not imported; the speakers are kept as source.authors",
        "2 YA nodes (illocutionary anchors such as Asserting) were not imported",
        "1 TA node (dialogue transitions) was not imported",
        "1 inference with linked premises became sibling claims, each noting its co-premises",
    ]


def test_premise_serving_two_conclusions_appears_once_with_a_link() -> None:
    """A premise of two RAs sits under its first conclusion and names the second in also_supports."""
    result = imported("aifdb-integer-ids.json")
    assert outline(result.map) == [
        ("n10", "thesis", "", "The city should build a tram.", 0),
        ("n11", "claim", "supports", "A tram reduces traffic.", 1),
        ("n16", "claim", "supports", "Trams cut down traffic jams.", 2),
        ("n12", "claim", "supports", "Traffic is the city's worst problem.", 1),
        ("n14", "objection", "opposes", "Trams are too expensive.", 1),
        ("n15", "rebuttal", "opposes", "EU grants cover most of the cost.", 2),
        ("n13", "claim", "supports", "Air quality needs attention.", 1),
    ]
    nodes = result.map.index()
    assert nodes["n12"].also_supports == ["n13"]
    assert nodes["n12"].note == "AIF scheme 'Argument From Consequences' (supports n10)."
    assert nodes["n16"].note == "Rephrases n11 in the AIF source (MA node); imported as support."
    assert nodes["n13"].note is not None
    assert "Not linked to the main conclusion" in nodes["n13"].note
    assert result.map.source.authors == ["Unknown"]
    assert result.warnings == [
        "2 conclusions support or attack nothing further; 'n10', with the largest supporting subtree, "
        "became the thesis",
        "1 PA node (preferences between arguments) was not imported",
        "1 MA node (rephrases) was imported as support, noted on the rephrasing node",
        "1 I-node not linked to the thesis was attached under it (relation supports, with a note)",
    ]


def test_circles_string_ids_and_empty_text_are_handled() -> None:
    """With only circular links the most-reached node is the thesis; ids are made valid; nothing is lost."""
    result = imported("cycle-string-ids.json")
    assert [(node_id, text) for node_id, _, _, text, _ in outline(result.map)] == [
        ("nclaim-A", "Prices will fall."),
        ("nclaim-B", "Demand will drop."),
        ("c", "Interest rates are rising."),
        ("orphan", aif_import.NO_TEXT),
    ]
    assert result.map.index()["nclaim-A"].also_supports == []
    assert "1 support link that would close a circle was dropped" in result.warnings
    assert "1 I-node without text was given the text '(no text in the AIF source)'" in result.warnings


def _aif(nodes: list[dict[str, Any]], edges: list[tuple[Any, Any]], **extra: Any) -> str:
    return json.dumps(
        {
            "nodes": nodes,
            "edges": [{"edgeID": i, "fromID": a, "toID": b} for i, (a, b) in enumerate(edges)],
            "locutions": [],
            **extra,
        }
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "not AIF: the top level must be an object"),
        ('{"graph": {}}', "not AIF: no 'nodes' list"),
        ('{"nodes": {}, "edges": []}', "'nodes' must be a list"),
        (_aif([{"nodeID": "1", "text": "Default Inference", "type": "RA"}], []), "has no I-nodes"),
        (_aif([{"nodeID": "1", "text": "a", "type": "I"}], [("1", "9")]), "no node has id '9'"),
        (
            _aif([{"nodeID": "1", "text": "a", "type": "I"}, {"nodeID": 1, "text": "b", "type": "I"}], []),
            "used twice",
        ),
        (_aif([{"id": 1, "text": "a", "type": "I"}], []), "looks like an OVA2 file"),
        (_aif([{"nodeID": "1", "text": "a"}], []), "has no type"),
        (_aif([{"nodeID": True, "text": "a", "type": "I"}], []), "string or an integer"),
        ('{"nodes": [], "edges": 3}', "'edges' must be a list"),
    ],
)
def test_bad_input_is_refused_with_file_and_reason(text: str, message: str) -> None:
    """Not JSON, not AIF, no I-nodes, edges to missing nodes: one InputError naming the file."""
    with pytest.raises(InputError) as caught:
        aif_import.import_(text, "broken.json")
    assert all(problem.file == "broken.json" for problem in caught.value.problems)
    assert message in "\n".join(caught.value.lines())


@pytest.mark.parametrize("path", corpus_files(), ids=lambda path: path.name)
def test_real_corpus_imports_into_a_map_that_passes_check(
    path: Path, tmp_path: Path, run: Callable[..., Result]
) -> None:
    """Each shared AIF corpus file becomes a map with no check errors that show and render can draw."""
    require_corpus(path)
    target = tmp_path / "imported.yaml"
    result = run("import", str(path), "--from", "aif", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert result.stderr.count("\n") == len(aif_import.import_(path.read_text(), str(path)).warnings)
    report = check_paths([target])
    assert not report.problems
    assert report.count(Severity.ERROR) == 0
    imported_map = load_document(target).map
    inodes = sum(
        1
        for node in json.loads(path.read_text()).get("AIF", json.loads(path.read_text()))["nodes"]
        if node["type"] == "I"
    )
    assert sum(1 for _ in imported_map.nodes()) == inodes
    assert run("show", str(target)).exit_code == 0
    assert run("render", str(target), "-o", str(tmp_path / "map.dot")).exit_code == 0


def test_import_command_warns_on_stderr_and_writes_yaml_or_json(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    """Warnings go to stderr, one line per kind; the map goes to stdout, or to -o as YAML or JSON."""
    source = AIF_FIXTURES / "ova3-linked-undercut.json"
    printed = run("import", str(source))
    assert printed.exit_code == 0
    assert printed.stdout.startswith("source:\n  authors: [Alice Smith, Bob Jones]\n")
    assert (
        printed.stderr.splitlines()[0]
        == "argmap import: the OVA layout block (node positions on the canvas) was not imported"
    )
    target = tmp_path / "map.json"
    assert run("import", str(source), "-o", str(target)).exit_code == 0
    assert json.loads(target.read_text())["thesis"]["id"] == "n1"
    assert load_document(target).map == imported("ova3-linked-undercut.json").map


def test_import_refuses_to_overwrite_its_input(run: Callable[..., Result], tmp_path: Path) -> None:
    """-o naming the AIF file itself is a usage error and leaves the file untouched."""
    source = tmp_path / "graph.json"
    original = (AIF_FIXTURES / "aifdb-integer-ids.json").read_text()
    source.write_text(original)
    result = run("import", str(source), "-o", str(source))
    assert result.exit_code == 2
    assert "is an input of this command" in result.stderr
    assert source.read_text() == original


def test_import_reports_bad_file_in_one_line(run: Callable[..., Result], tmp_path: Path) -> None:
    """A broken file gives exit code 2 and a message with the file name and position."""
    broken = tmp_path / "broken.json"
    broken.write_text('{"nodes": [\n  {"nodeID": 1,, }\n]}')
    result = run("import", str(broken))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{broken}:2:")
    assert "not valid JSON" in result.stderr


@pytest.mark.parametrize("path", ROUND_TRIP_MAPS, ids=lambda path: path.stem)
def test_map_to_aif_to_map_is_exact(path: Path) -> None:
    """Map → AIF → map gives the same map, fields and all, thanks to the argmap keys."""
    argument_map = load_document(path).map
    exported = aif.export(argument_map)
    if (argument_map.source.text or "").startswith("../"):
        # A path leading out of the map's folder (the flagship articles) is left out on import.
        source = argument_map.source.model_copy(update={"text": None})
        argument_map = argument_map.model_copy(update={"source": source})
    assert aif_import.import_(exported, "map.json").map == argument_map


def _strip_extension(text: str) -> str:
    data = json.loads(text)
    data.pop("argmap")
    for node in data["nodes"]:
        node.pop("argmap", None)
    return json.dumps(data)


@pytest.mark.parametrize("path", ROUND_TRIP_MAPS, ids=lambda path: path.stem)
def test_plain_aif_keeps_texts_relations_and_tree_shape(path: Path) -> None:
    """Without the argmap keys, as other tools write it, AIF still keeps every text, relation and the tree."""
    argument_map = load_document(path).map
    back = aif_import.import_(_strip_extension(aif.export(argument_map)), "plain.json").map
    shape = [(node_id, relation, text, depth) for node_id, _, relation, text, depth in outline(back)]
    assert shape == [
        (node_id, relation, text, depth) for node_id, _, relation, text, depth in outline(argument_map)
    ]
    assert links(back) == links(argument_map)
    assert back.source.authors == argument_map.source.authors


def _support_circle(argument_map: ArgumentMap) -> bool:
    edges: dict[str, list[str]] = {}
    for node, parent, _ in argument_map.walk():
        targets = edges.setdefault(node.id, list(node.also_supports))
        if parent is not None and getattr(node, "relation", None) == Relation.SUPPORTS:
            targets.append(parent.id)
    state: dict[str, int] = {}
    for start in edges:
        stack = [(start, iter(edges[start]))]
        state[start] = state.get(start, 0) or 1
        if state[start] == 2:
            continue
        while stack:
            node, following = stack[-1]
            nxt = next(following, None)
            if nxt is None:
                state[node] = 2
                stack.pop()
            elif state.get(nxt) == 1:
                return True
            elif nxt in edges and not state.get(nxt):
                state[nxt] = 1
                stack.append((nxt, iter(edges[nxt])))
    return False


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much]
)
@given(maps(consistent=True))
def test_any_consistent_map_survives_aif_exactly(argument_map: ArgumentMap) -> None:
    """Generated maps (unique ids, links inside the map, no circular support) come back from AIF unchanged."""
    assume(not _support_circle(argument_map))
    back = aif_import.import_(aif.export(argument_map), "map.json").map
    expected = map_to_data(argument_map)
    # A vocabulary or source.text leading out of the map's folder is left out on import.
    if not aif_import.stays_inside(expected.get("vocabulary", "")):
        del expected["vocabulary"]
    if not aif_import.stays_inside(expected["source"].get("text", "")):
        del expected["source"]["text"]
    assert map_to_data(back) == expected
