"""AIF export: the map as AIFdb JSON (``nodes``, ``edges``, ``locutions``, ``participants``).

Every map node is an I-node whose ``nodeID`` is the node's id. Each support is an RA node
("Default Inference") from the child's I-node to the parent's; each attack a CA node
("Default Conflict"); an undercut is a CA node pointing at the RA or CA of the inference
it attacks (an undercut of the thesis, which has no inference, points at the thesis's
I-node). Scheme nodes of tree edges come in pre-order before those of ``also_*`` links,
so that the first inference leaving a node is its tree edge: that is how
:mod:`argmap.formats.aif_import` rebuilds the same tree.

Attribution follows AIF's dialogical layer: the authors are ``participants``, and every
I-node is anchored to an L-node ("Author: text", with a ``locutions`` entry per author)
through a YA node, "Asserting" for everything the author argues and "Conceding" for an
objection, which the author raises or concedes rather than asserts.

AIF has no place for a node's kind, quote, note, question, position or evidence details,
nor for the source's metadata: these travel in ``argmap`` keys (on I-nodes and at the top
level), which AIF readers ignore and argmap's importer uses, so that a map survives the
round trip exactly. Generated ids start with ``_``, which map ids cannot, so they never
clash with I-node ids.
"""

from __future__ import annotations

from typing import Any

from argmap.formats.json_format import dumps_shallow
from argmap.model import AnyNode, ArgumentMap, Relation
from argmap.serialize import node_fields, source_data
from argmap.vocabulary import Vocabulary

NAME = "aif"
SUFFIX = ".json"
USES_VOCABULARY = False
INFERENCE = "Default Inference"
CONFLICT = "Default Conflict"
_STRUCTURAL = {"id", "text", "relation", "also_supports", "also_opposes", "also_undercuts"}


def export(argument_map: ArgumentMap, vocabulary: Vocabulary | None = None) -> str:
    """The map as AIF JSON text. ``vocabulary`` is not used: questions and positions stay ids."""
    return dumps_shallow(to_aif(argument_map)) + "\n"


class _Graph:
    def __init__(self) -> None:
        self.nodes: list[dict[str, Any]] = []
        self.edges: list[dict[str, Any]] = []
        self.locutions: list[dict[str, Any]] = []
        self._count = 0

    def add(self, kind: str, text: str, scheme: str | None = None, node_id: str | None = None) -> str:
        if node_id is None:
            self._count += 1
            node_id = f"_{kind.lower()}{self._count}"
        node: dict[str, Any] = {"nodeID": node_id, "text": text, "type": kind}
        if scheme is not None:
            node["scheme"] = scheme
        self.nodes.append(node)
        return node_id

    def link(self, source: str, target: str) -> None:
        self.edges.append(
            {"edgeID": f"_e{len(self.edges) + 1}", "fromID": source, "toID": target, "formEdgeID": None}
        )

    def relate(self, source: str, relation: Relation, target: str) -> str:
        """A scheme node from ``source`` to ``target``; returns its id."""
        if relation == Relation.SUPPORTS:
            scheme = self.add("RA", INFERENCE, INFERENCE)
        else:
            scheme = self.add("CA", CONFLICT, CONFLICT)
        self.link(source, scheme)
        self.link(scheme, target)
        return scheme


def to_aif(argument_map: ArgumentMap) -> dict[str, Any]:
    graph = _Graph()
    authors = argument_map.source.authors
    speaker = ", ".join(authors)
    participants = [_participant(index, name) for index, name in enumerate(authors, start=1)]
    walk = list(argument_map.walk())
    inode: dict[str, str] = {}  # map id -> I-node id (the first node of a duplicated id wins)
    own_id: dict[int, str] = {}  # python id of a node -> its I-node id
    for node, _, _ in walk:
        # Duplicate ids are a lint error; the suffix keeps the AIF graph well-formed anyway.
        node_id = node.id if node.id not in inode else f"{node.id}~{len(graph.nodes)}"
        inode.setdefault(node.id, node_id)
        own_id[id(node)] = node_id
        graph.add("I", node.text, node_id=node_id)
        extension = {key: value for key, value in node_fields(node).items() if key not in _STRUCTURAL}
        graph.nodes[-1]["argmap"] = extension
        locution = graph.add("L", f"{speaker}: {node.text}")
        graph.locutions.extend({"nodeID": locution, "personID": p["participantID"]} for p in participants)
        anchor = _anchor(node)
        illocution = graph.add("YA", anchor, anchor)
        graph.link(locution, illocution)
        graph.link(illocution, node_id)
    inference: dict[str, str] = {}  # map id -> scheme node of its tree edge
    for node, parent, _ in walk:
        if parent is None:
            continue
        relation = getattr(node, "relation", Relation.SUPPORTS)
        target = _target(relation, parent.id, own_id[id(parent)], inference)
        scheme = graph.relate(own_id[id(node)], relation, target)
        inference.setdefault(node.id, scheme)
    for node, _, _ in walk:
        for relation, target_id in node.links():
            if target_id in inode:
                graph.relate(
                    own_id[id(node)], relation, _target(relation, target_id, inode[target_id], inference)
                )
    return {
        "nodes": graph.nodes,
        "edges": graph.edges,
        "locutions": graph.locutions,
        "participants": participants,
        "argmap": _document_extension(argument_map),
    }


def _target(relation: Relation, node_id: str, own: str, inference: dict[str, str]) -> str:
    """What a relation points at: the I-node, or for an undercut the inference leaving it."""
    return inference.get(node_id, own) if relation == Relation.UNDERCUTS else own


def _participant(index: int, name: str) -> dict[str, Any]:
    first, _, last = name.rpartition(" ")
    return {"participantID": index, "firstname": first, "surname": last}


def _document_extension(argument_map: ArgumentMap) -> dict[str, Any]:
    extension: dict[str, Any] = {"thesis": argument_map.thesis.id, "source": source_data(argument_map)}
    if argument_map.vocabulary is not None:
        extension["vocabulary"] = argument_map.vocabulary
    if argument_map.schema_ is not None:
        extension["$schema"] = argument_map.schema_
    return extension


def _anchor(node: AnyNode) -> str:
    """The illocution of a node's YA anchor: what the author does with it."""
    return "Conceding" if node.kind == "objection" else "Asserting"
