"""Plain map data from an imported AIF tree: kinds, fields, notes and links.

Kinds come from the structure unless an I-node carries argmap's own ``argmap`` data
(written by :mod:`argmap.formats.aif`); that data is checked node by node against the
model, and a node whose data does not fit is imported from the structure alone.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from pathlib import PurePath
from typing import Any

from pydantic import BaseModel, ValidationError

from argmap.errors import InputError, Problem
from argmap.formats.aif_graph import AifGraph, Link
from argmap.model import Claim, Evidence, Objection, Rebuttal, Relation, Source, Thesis

NO_TEXT = "(no text in the AIF source)"
WORK_LIMIT = 4_000_000
"""Steps of following links that choosing the thesis, or checking extra support links for
circles, may take: each is linear on any file a tool writes, but a file made for it could
make either take time quadratic in its size. Beyond this the file is refused."""
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
        """Every link but the tree edges as ``also_*``, in order, leaving out support that would close a circle.

        A support link closes a circle when its target already reaches its source. Most are
        settled at once: a link within the tree (to an ancestor: never; from one: always)
        or between nodes that no circle of all the links joins (never); only the others
        need a search, among the nodes of their circle.
        """
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
        extra = [
            (node, link) for node in nodes for link in self.out.get(node, ()) if link is not self.parent[node]
        ]
        every: defaultdict[str, list[str]] = defaultdict(list, {n: list(t) for n, t in supports.items()})
        for node, link in extra:
            if link.relation == Relation.SUPPORTS:
                every[node].append(link.target)
        component = strong_components(nodes, lambda node: every.get(node, ()))
        below = _Intervals({node: targets[0] for node, targets in supports.items()})
        search = _Search(self.name)
        for node, link in extra:
            if link.relation == Relation.SUPPORTS:
                target = link.target
                closes = (
                    component[node] == component[target]
                    and not below.within(node, target)
                    and (below.within(target, node) or search.reaches(target, node, supports, component))
                )
                if closes:
                    self.counts["circle"] += 1
                    continue
                supports[node].append(target)
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


def too_much_work(name: str, what: str) -> Problem:
    """Why a file whose links would take more than :data:`WORK_LIMIT` steps to follow is refused."""
    return Problem(name, f"{what} (more than {WORK_LIMIT:,} steps of following links)")


class _Search:
    """Searches for a path of support, all of them together within :data:`WORK_LIMIT` steps."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.steps = 0

    def reaches(self, start: str, goal: str, edges: dict[str, list[str]], component: dict[str, int]) -> bool:
        """Whether ``start`` reaches ``goal`` through ``edges``; a path between them stays in their component."""
        within = component[goal]
        seen = {start}
        stack = [start]
        while stack:
            node = stack.pop()
            if node == goal:
                return True
            for following in edges.get(node, ()):
                self.steps += 1
                if following not in seen and component[following] == within:
                    seen.add(following)
                    stack.append(following)
            if self.steps > WORK_LIMIT:
                what = "support links cross too often to check each for a circle"
                raise InputError([too_much_work(self.name, what)])
        return False


class _Intervals:
    """Ancestry in a forest given by each node's parent, answered at once from the order of a walk."""

    def __init__(self, parent: dict[str, str]) -> None:
        children: defaultdict[str, list[str]] = defaultdict(list)
        for node, above in parent.items():
            children[above].append(node)
        self.enter: dict[str, int] = {}
        self.leave: dict[str, int] = {}
        tops = [node for node in children if node not in parent]
        clock = 0
        for top in tops:
            stack: list[tuple[str, bool]] = [(top, False)]
            while stack:
                node, done = stack.pop()
                clock += 1
                if done:
                    self.leave[node] = clock
                    continue
                self.enter[node] = clock
                stack.append((node, True))
                stack.extend((child, False) for child in children.get(node, ()))

    def within(self, node: str, top: str) -> bool:
        """Whether ``node`` is ``top`` or lies beneath it."""
        enter, leave = self.enter, self.leave
        return top in enter and node in enter and enter[top] <= enter[node] and leave[node] <= leave[top]


def strong_components(nodes: Iterable[str], successors: Callable[[str], Iterable[str]]) -> dict[str, int]:
    """The strongly connected component of every node reached from ``nodes`` (Tarjan's, without recursion).

    Components are numbered as they close: a component reached from another closes first.
    """
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    component: dict[str, int] = {}
    open_nodes: list[str] = []
    closed = 0
    for start in nodes:
        if start in index:
            continue
        index[start] = low[start] = len(index)
        open_nodes.append(start)
        work = [(start, iter(successors(start)))]
        while work:
            node, following = work[-1]
            for child in following:
                if child not in index:
                    index[child] = low[child] = len(index)
                    open_nodes.append(child)
                    work.append((child, iter(successors(child))))
                    break
                if child not in component:  # still open: on the current path's stack
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    above = work[-1][0]
                    low[above] = min(low[above], low[node])
                if low[node] == index[node]:
                    while True:
                        member = open_nodes.pop()
                        component[member] = closed
                        if member == node:
                            break
                    closed += 1
    return component
