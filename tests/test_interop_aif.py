"""AIF export read by an independent reader, arguebuf (PyPI, MIT): same propositions, inferences, conflicts."""

from __future__ import annotations

import json
import logging
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from argmap.formats import aif, aif_import
from argmap.loader import load_document
from argmap.model import ArgumentMap, Relation
from conftest import FIXTURES
from interop_support import corpus_files, flagship_maps, require_corpus, unavailable

pytestmark = pytest.mark.interop


@pytest.fixture(scope="module")
def arguebuf() -> ModuleType:
    """The arguebuf package, or skip (fail under CI) when it is not installed."""
    try:
        import arguebuf
    except ImportError:
        unavailable("arguebuf is not installed in this Python")
    # arguebuf logs a warning for every edge of the dialogue layer (L, YA), which it does not model.
    logging.getLogger("arguebuf").setLevel(logging.ERROR)
    return arguebuf


def read_with_arguebuf(arguebuf: ModuleType, text: str, folder: Path) -> Any:
    path = folder / "map.json"
    path.write_text(text, encoding="utf-8")
    return arguebuf.load.file(path)


def scheme_links(arguebuf: ModuleType, graph: Any) -> Counter[tuple[str, str, str]]:
    """(premise, target, kind) for each scheme node; an undercut's target is the premise of what it attacks."""
    from arguebuf.model.scheme import Attack, Support

    def premise_of(scheme: Any) -> Any:
        (atom,) = [node for node in graph.incoming_nodes(scheme) if node.id in graph.atom_nodes]
        return atom

    found: Counter[tuple[str, str, str]] = Counter()
    for scheme in graph.scheme_nodes.values():
        premise = premise_of(scheme)
        (target,) = graph.outgoing_nodes(scheme)
        if isinstance(scheme.scheme, Support):
            found[(premise.id, target.id, "support")] += 1
        elif isinstance(scheme.scheme, Attack) and target.id in graph.atom_nodes:
            found[(premise.id, target.id, "attack")] += 1
        elif isinstance(scheme.scheme, Attack):
            found[(premise.id, premise_of(target).id, "undercut")] += 1
    return found


def expected_links(argument_map: ArgumentMap) -> Counter[tuple[str, str, str]]:
    kind = {Relation.SUPPORTS: "support", Relation.OPPOSES: "attack", Relation.UNDERCUTS: "undercut"}
    wanted: Counter[tuple[str, str, str]] = Counter()
    for node, parent, _ in argument_map.walk():
        if parent is not None:
            wanted[(node.id, parent.id, kind[Relation(getattr(node, "relation", "supports"))])] += 1
        for relation, target in node.links():
            wanted[(node.id, target, kind[relation])] += 1
    return wanted


@pytest.mark.parametrize(
    "path",
    [*flagship_maps(), FIXTURES / "interchange" / "features.yaml"],
    ids=lambda path: path.stem,
)
def test_arguebuf_reads_exported_map_with_matching_counts(
    arguebuf: ModuleType, path: Path, tmp_path: Path
) -> None:
    """arguebuf loads every exported map with one atom per node and one inference or conflict per relation."""
    from arguebuf.model.scheme import Attack, Support

    argument_map = load_document(path).map
    graph = read_with_arguebuf(arguebuf, aif.export(argument_map), tmp_path)
    nodes = list(argument_map.nodes())
    relations = Counter(kind for (_, _, kind) in expected_links(argument_map).elements())
    assert len(graph.atom_nodes) == len(nodes)
    assert sum(isinstance(s.scheme, Support) for s in graph.scheme_nodes.values()) == relations["support"]
    assert sum(isinstance(s.scheme, Attack) for s in graph.scheme_nodes.values()) == (
        relations["attack"] + relations["undercut"]
    )
    assert {atom.id: atom.plain_text for atom in graph.atom_nodes.values()} == {
        node.id: node.text for node in nodes
    }
    assert scheme_links(arguebuf, graph) == expected_links(argument_map)
    assert graph.root_node.id == argument_map.thesis.id


@pytest.mark.parametrize("path", corpus_files(), ids=lambda path: path.name)
def test_import_keeps_every_proposition_arguebuf_sees(arguebuf: ModuleType, path: Path) -> None:
    """On the shared corpus, argmap import keeps as many propositions as arguebuf finds atoms."""
    require_corpus(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    graph = arguebuf.load.xaif(data) if "AIF" in data else arguebuf.load.aif(data)
    imported = aif_import.import_(path.read_text(encoding="utf-8"), str(path)).map
    assert sum(1 for _ in imported.nodes()) == len(graph.atom_nodes)
    assert {node.text for node in imported.nodes()} == {atom.plain_text for atom in graph.atom_nodes.values()}
