"""Reading AIF as it is found into one normalised graph, refusing what is not AIF with a clear error.

Three layouts are read: plain AIFdb JSON (``nodes``, ``edges``, ``locutions`` at the top),
xAIF (the same wrapped in a top-level ``AIF`` object) and OVA3 files (xAIF with an ``OVA``
layout block and a ``text`` block). Ids may be strings or integers; both become strings.
Speakers come from ``locutions``: the participant's name where ``participants`` gives it,
else the "Name: ..." prefix of the L-node's text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from argmap.errors import InputError, Problem
from argmap.model import Relation
from argmap.reading import read_json

MAX_PROBLEMS = 8
_SPEAKER = re.compile(r"^\s*([^:\n]{1,60}?)\s*:\s")


@dataclass
class AifNode:
    id: str
    type: str
    text: str
    scheme: str
    order: int
    extension: dict[str, Any] | None = None


@dataclass(frozen=True)
class Link:
    """One premise bearing on one conclusion through one scheme node."""

    source: str
    target: str
    relation: Relation
    order: int
    scheme: AifNode


@dataclass
class AifGraph:
    layout: str
    nodes: dict[str, AifNode]
    edges: list[tuple[str, str]]
    speakers: list[str]
    extension: dict[str, Any] | None
    warnings: list[str] = field(default_factory=list)


def read_aif(text: str, name: str) -> AifGraph:
    """The graph in an AIF text, or an :class:`InputError` naming the file and what is wrong."""
    # A YAML map given to import is the likeliest mistake: say what it is.
    hint = "; AIF is JSON, and a YAML map needs no import" if name.lower().endswith((".yaml", ".yml")) else ""
    data = read_json(text, name, hint=hint)
    if not isinstance(data, dict):
        raise _refuse(
            name, "not AIF: the top level must be an object with 'nodes' and 'edges', or an 'AIF' object"
        )
    warnings: list[str] = []
    inner = data.get("AIF", data.get("aif"))
    if isinstance(inner, dict):
        layout = "OVA3" if "OVA" in data else "xAIF"
        _note_blocks(data, warnings)
        graph_data = inner
    elif "nodes" in data:
        layout, graph_data = "AIFdb JSON", data
    elif "thesis" in data and "source" in data:
        raise _refuse(name, "not AIF: this is an argmap map already; use it as it is, no import needed")
    else:
        raise _refuse(name, "not AIF: no 'nodes' list, and no 'AIF' object holding one")
    nodes = _read_nodes(graph_data.get("nodes"), name)
    edges = _read_edges(graph_data.get("edges"), nodes, name)
    speakers = _speakers(graph_data, nodes)
    descriptors = graph_data.get("descriptorfulfillments")
    if isinstance(descriptors, list) and descriptors:
        warnings.append(f"{len(descriptors)} descriptor fulfilments (scheme descriptors) were not imported")
    extension = data.get("argmap") if isinstance(data.get("argmap"), dict) else None
    return AifGraph(layout, nodes, edges, speakers, extension, warnings)


def _refuse(name: str, message: str) -> InputError:
    return InputError([Problem(name, message)])


def _note_blocks(data: dict[str, Any], warnings: list[str]) -> None:
    if isinstance(data.get("OVA"), dict) and data["OVA"].get("nodes"):
        warnings.append("the OVA layout block (node positions on the canvas) was not imported")
    block = data.get("text")
    body = block.get("txt") if isinstance(block, dict) else block
    if isinstance(body, str) and body.strip():
        warnings.append(f"the text block ({len(body)} characters of analysed text) was not imported")


def _identifier(value: Any) -> str | None:
    """A node id as text: AIF files use strings or integers."""
    if isinstance(value, str) and value:
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return None


def _read_nodes(raw: Any, name: str) -> dict[str, AifNode]:
    if not isinstance(raw, list):
        raise _refuse(name, "not AIF: 'nodes' must be a list")
    problems: list[Problem] = []
    nodes: dict[str, AifNode] = {}
    for index, item in enumerate(raw):
        if not isinstance(item, dict):
            problems.append(
                Problem(name, "must be an object with nodeID, type and text", path=f"nodes[{index}]")
            )
            continue
        node_id = _identifier(item.get("nodeID"))
        if node_id is None:
            hint = (
                " (this looks like an OVA2 file; save it as AIF from OVA3 or AIFdb)" if "id" in item else ""
            )
            problems.append(
                Problem(name, f"nodeID must be a string or an integer{hint}", path=f"nodes[{index}]")
            )
            continue
        kind = item.get("type")
        if not isinstance(kind, str) or not kind:
            problems.append(
                Problem(name, f"node '{node_id}' has no type (I, RA, CA, MA, L, ...)", path=f"nodes[{index}]")
            )
            continue
        if node_id in nodes:
            problems.append(Problem(name, f"nodeID '{node_id}' is used twice", path=f"nodes[{index}]"))
            continue
        text = item.get("text")
        text = text if isinstance(text, str) else ""
        scheme = item.get("scheme")
        extension = item.get("argmap")
        nodes[node_id] = AifNode(
            node_id,
            kind.strip().upper(),
            text,
            scheme if isinstance(scheme, str) and scheme else text,
            len(nodes),
            extension if isinstance(extension, dict) else None,
        )
    if problems:
        raise InputError(problems[:MAX_PROBLEMS])
    return nodes


def _read_edges(raw: Any, nodes: dict[str, AifNode], name: str) -> list[tuple[str, str]]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise _refuse(name, "not AIF: 'edges' must be a list")
    problems: list[Problem] = []
    edges: dict[tuple[str, str], None] = {}  # ordered, and a repeated edge counts once
    for index, item in enumerate(raw):
        source = _identifier(item.get("fromID")) if isinstance(item, dict) else None
        target = _identifier(item.get("toID")) if isinstance(item, dict) else None
        if source is None or target is None:
            problems.append(Problem(name, "an edge needs fromID and toID", path=f"edges[{index}]"))
            continue
        missing = [end for end in (source, target) if end not in nodes]
        if missing:
            which = " and ".join(f"'{end}'" for end in missing)
            problems.append(
                Problem(
                    name,
                    f"edge from '{source}' to '{target}': no node has id {which}",
                    path=f"edges[{index}]",
                )
            )
            continue
        edges[(source, target)] = None
    if problems:
        extra = len(problems) - MAX_PROBLEMS
        if extra > 0:
            problems = [*problems[:MAX_PROBLEMS], Problem(name, f"... and {extra} more bad edges")]
        raise InputError(problems)
    return list(edges)


def _speakers(graph_data: dict[str, Any], nodes: dict[str, AifNode]) -> list[str]:
    """Speakers in order of first locution: participant names, else L-node text prefixes."""
    names: dict[str, str] = {}
    participants = graph_data.get("participants")
    for person in participants if isinstance(participants, list) else []:
        if isinstance(person, dict) and (key := _identifier(person.get("participantID"))) is not None:
            full = " ".join(str(person.get(part) or "").strip() for part in ("firstname", "surname")).strip()
            if full:
                names[key] = full
    found: dict[str, None] = {}
    locutions = graph_data.get("locutions")
    for locution in locutions if isinstance(locutions, list) else []:
        if not isinstance(locution, dict):
            continue
        person = _identifier(locution.get("personID"))
        node = nodes.get(_identifier(locution.get("nodeID")) or "")
        speaker = names.get(person or "") or (_prefix(node.text) if node else None)
        if speaker is None and person is not None:
            speaker = f"Speaker {person}"
        if speaker:
            found.setdefault(speaker, None)
    if not found:
        for node in nodes.values():
            if node.type == "L" and (speaker := _prefix(node.text)):
                found.setdefault(speaker, None)
    return list(found)


def _prefix(text: str) -> str | None:
    match = _SPEAKER.match(text)
    return match.group(1) if match else None
