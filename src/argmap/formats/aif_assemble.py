"""Plain map data from an imported AIF tree: kinds, fields, notes and links.

Kinds come from the structure unless an I-node carries argmap's own ``argmap`` data
(written by :mod:`argmap.formats.aif`); that data is checked node by node against the
model, and a node whose data does not fit is imported from the structure alone.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import PurePath
from typing import Any

from pydantic import BaseModel, ValidationError

from argmap.formats.aif_graph import AifGraph, Link
from argmap.model import Claim, Evidence, Objection, Rebuttal, Relation, Source, Thesis

NO_TEXT = "(no text in the AIF source)"
REF = re.compile("\x00([^\x00]*)\x00")
_MODELS: dict[str, type[BaseModel]] = {
    "thesis": Thesis,
    "claim": Claim,
    "evidence": Evidence,
    "objection": Objection,
    "rebuttal": Rebuttal,
}
_OWN_FIELDS = {
    "evidence": ("type", "quote", "date", "actors", "place", "reported_by", "topic", "note"),
    "other": ("quote", "question", "position", "note"),
}


def ref(aif_id: str) -> str:
    """An AIF id inside a note, replaced by the node's map id once ids are chosen."""
    return f"\x00{aif_id}\x00"


class Assembler:
    """Plain map data from the tree: kinds, fields, notes and links, top-down without recursion."""

    def __init__(
        self,
        graph: AifGraph,
        name: str,
        notes: dict[str, list[str]],
        counts: Counter[str],
        warnings: list[str],
        ids: dict[str, str],
        parent: dict[str, Link | None],
        tree: dict[str, list[str]],
        out: dict[str, list[Link]],
    ) -> None:
        self.graph = graph
        self.name = name
        self.notes = notes
        self.counts = counts
        self.warnings = warnings
        self.ids = ids
        self.parent = parent
        self.tree = tree
        self.out = out

    def assemble(self, root: str) -> dict[str, Any]:
        kinds = self._kinds(root)
        nodes = {node: self._node(node, kinds[node], node == root) for node in kinds}
        for node, fields in nodes.items():
            if self.tree.get(node):
                fields["children"] = [nodes[child] for child in self.tree[node]]
        self._add_links(nodes, root)
        data: dict[str, Any] = {}
        extension = self.graph.extension or {}
        for key in ("$schema", "vocabulary"):
            if isinstance(extension.get(key), str):
                data[key] = extension[key]
        data["source"] = self._source(extension.get("source"))
        data["thesis"] = nodes[root]
        return data

    def _kinds(self, root: str) -> dict[str, str]:
        kinds = {root: "thesis"}
        stack = [root]
        while stack:
            node = stack.pop()
            for child in self.tree.get(node, ()):
                link = self.parent[child]
                relation = link.relation if link is not None else Relation.SUPPORTS
                declared = (self.graph.nodes[child].extension or {}).get("kind")
                if declared in ("claim", "evidence", "objection", "rebuttal"):
                    kinds[child] = declared
                elif relation == Relation.SUPPORTS:
                    kinds[child] = "claim"
                else:
                    kinds[child] = "rebuttal" if kinds[node] == "objection" else "objection"
                stack.append(child)
        for node, kind in kinds.items():
            if kind == "evidence" and any(
                kinds[c] not in ("objection", "rebuttal") for c in self.tree.get(node, ())
            ):
                kinds[node] = "claim"
                self.counts["demoted"] += 1
        return kinds

    def _node(self, node: str, kind: str, is_root: bool) -> dict[str, Any]:
        aif = self.graph.nodes[node]
        fields: dict[str, Any] = {"id": self.ids[node]}
        if not is_root:
            link = self.parent[node]
            fields["kind"] = kind
            fields["relation"] = str(link.relation if link is not None else Relation.SUPPORTS)
        if not aif.text:
            self.counts["no-text"] += 1
        fields["text"] = aif.text or NO_TEXT
        notes = [REF.sub(lambda m: self.ids.get(m.group(1), m.group(1)), n) for n in self.notes[node]]
        own = {
            key: aif.extension[key]
            for key in _OWN_FIELDS["evidence" if kind == "evidence" else "other"]
            if aif.extension and key in aif.extension
        }
        if isinstance(own.get("note"), str):
            notes.insert(0, own.pop("note"))
        candidate = {**fields, **own, **({"note": " ".join(notes)} if notes else {})}
        try:
            _MODELS[kind].model_validate(candidate)
        except ValidationError:
            self.counts["bad-extension"] += 1
            if kind == "evidence":
                fields["kind"] = "claim"
            candidate = {
                **fields,
                **({"note": " ".join(n for n in notes if isinstance(n, str))} if notes else {}),
            }
        return candidate

    def _add_links(self, nodes: dict[str, dict[str, Any]], root: str) -> None:
        # Support edges so far: each node to its tree parent (attached nodes count as support).
        supports: defaultdict[str, list[str]] = defaultdict(list)
        for node in nodes:
            link = self.parent[node]
            if link is not None and link.relation == Relation.SUPPORTS:
                supports[node].append(link.target)
            elif link is None and node != root:
                supports[node].append(root)
        field_of = {
            Relation.SUPPORTS: "also_supports",
            Relation.OPPOSES: "also_opposes",
            Relation.UNDERCUTS: "also_undercuts",
        }
        for node in nodes:
            for link in self.out.get(node, ()):
                if link is self.parent[node]:
                    continue
                if link.relation == Relation.SUPPORTS:
                    if _reaches(link.target, node, supports):
                        self.counts["circle"] += 1
                        continue
                    supports[node].append(link.target)
                nodes[node].setdefault(field_of[link.relation], []).append(self.ids[link.target])

    def _source(self, declared: Any) -> dict[str, Any]:
        if isinstance(declared, dict):
            try:
                Source.model_validate(declared)
                return declared
            except ValidationError:
                self.warnings.append(
                    "the file's argmap source data was invalid; authors come from the locutions"
                )
        graph = self.graph
        return {
            "authors": graph.speakers or ["Unknown"],
            "note": f"Imported from {graph.layout} ({PurePath(self.name).name}) by argmap import.",
        }


def _reaches(start: str, goal: str, edges: dict[str, list[str]]) -> bool:
    seen = {start}
    stack = [start]
    while stack:
        node = stack.pop()
        if node == goal:
            return True
        for following in edges.get(node, ()):
            if following not in seen:
                seen.add(following)
                stack.append(following)
    return False
