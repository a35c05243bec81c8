"""AIF import: the argument part of an AIF graph (I, RA, CA, MA nodes) as a valid argmap map.

How the graph becomes a tree (docs/formats.md gives the reasons):

- Every I-node becomes a node. Its id is kept when it is a valid map id and not only
  digits; otherwise it becomes ``n`` + the id (``n29045``), made unique.
- Each premise of an RA (or MA) supports its conclusion, each premise of a CA attacks its
  conclusion, and a CA pointing at a scheme node undercuts that inference: the premise of
  the undercut inference is the undercutter's parent.
- The thesis is the I-node that supports or attacks nothing further; among several, the
  one with the largest supporting subtree (every node that reaches it), ties going to the
  first in the file. An argmap export names its thesis, and that wins.
- A node's first link in file order (by scheme node) is its tree edge; every further link
  becomes ``also_supports``/``also_opposes``/``also_undercuts``, so a premise serving two
  conclusions appears once. Links that would close a circle of support are dropped.
- Linked premises of one RA become sibling children of the conclusion, each noting the
  others. Other conclusions and unconnected I-nodes are attached under the thesis as
  supporting claims with a note saying so, so that no proposition is lost.
- Kinds come from the structure (support: claim; attack: objection, or rebuttal under an
  objection) unless the I-node carries argmap's own ``argmap`` data.
- Whatever has no place in a map (L, YA, TA, PA nodes, layout and text blocks, scheme
  names other than the defaults, which go into notes) is reported in one warning per kind.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any

from argmap.errors import InputError, Problem
from argmap.formats.aif_assemble import NO_TEXT, WORK_LIMIT, Assembler, ref, strong_components, too_much_work
from argmap.formats.aif_graph import AifGraph, AifNode, Link, read_aif
from argmap.formats.base import ImportResult
from argmap.loader import validate_map
from argmap.model import ID_PATTERN, Relation
from argmap.yamlsafe import Locator

NAME = "aif"
SUFFIX = ".json"

_SCHEME_TYPES = ("RA", "CA", "MA")
_DEFAULT_SCHEMES = {"", "ra", "ca", "ma", "default inference", "default conflict", "default rephrase"}
_VALID_ID = re.compile(ID_PATTERN)
_WORDS = {Relation.SUPPORTS: "supports", Relation.OPPOSES: "attacks", Relation.UNDERCUTS: "undercuts"}
NAMED_PREMISES = 10
"""A note on a linked premise (or on an undercut of a linked inference) names this many
co-premises at most and counts the rest: naming all 8,000 premises of one inference in the
note of each made a 510 KB file into 440 MB of YAML."""
MAX_PAIRS = 1_000
"""An inference with several conclusions links each premise to each: more than this many
premise-conclusion pairs in one is refused, so that the map stays proportional to the file."""
_MESSAGES = {
    "L": "{n} L-node{s} (locutions) {were} not imported; the speakers are kept as source.authors",
    "YA": "{n} YA node{s} (illocutionary anchors such as Asserting) {were} not imported",
    "TA": "{n} TA node{s} (dialogue transitions) {were} not imported",
    "PA": "{n} PA node{s} (preferences between arguments) {were} not imported",
    "MA": "{n} MA node{s} (rephrases) {were} imported as support, noted on the rephrasing node",
    "linked": "{n} inference{s} with linked premises became sibling claims, each noting its co-premises",
    "scheme-link": "{n} link{s} from or to a whole inference (other than an undercut) {were} not imported",
    "dangling": "{n} scheme node{s} without a premise or a conclusion {were} not imported",
    "self": "{n} link{s} from a node to itself {were} dropped",
    "circle": "{n} support link{s} that would close a circle {were} dropped",
    "attached": "{n} I-node{s} not linked to the thesis {were} attached under it (relation supports, with a note)",
    "no-text": "{n} I-node{s} without text {were} given the text '" + NO_TEXT + "'",
    "bad-extension": "{n} node{s} with invalid argmap data {were} imported from the AIF structure alone",
    "demoted": "{n} evidence node{s} with supporting nodes beneath became claims",
}


def import_(text: str, name: str) -> ImportResult:
    """The map in an AIF text (AIFdb JSON, xAIF or OVA3), with one warning line per kind of loss."""
    return _Importer(read_aif(text, name), name).build()


def _plural(template: str, count: int) -> str:
    return template.format(n=count, s="" if count == 1 else "s", were="was" if count == 1 else "were")


class _Importer:
    def __init__(self, graph: AifGraph, name: str) -> None:
        self.graph = graph
        self.name = name
        self.counts: Counter[str] = Counter()
        self.extra_warnings: list[str] = []
        self.root_reason = ""
        self.notes: defaultdict[str, list[str]] = defaultdict(list)
        self.inodes = [node.id for node in graph.nodes.values() if node.type == "I"]
        if not self.inodes:
            raise InputError([Problem(name, "has no I-nodes (propositions): there is no argument to import")])
        self.incoming: defaultdict[str, list[str]] = defaultdict(list)
        self.outgoing: defaultdict[str, list[str]] = defaultdict(list)
        self._premises_of: dict[str, list[str]] = {}
        for source, target in graph.edges:
            self.outgoing[source].append(target)
            self.incoming[target].append(source)

    # ------------------------------------------------------------------ relations

    def relations(self) -> list[Link]:
        nodes = self.graph.nodes
        links: list[Link] = []
        unknown: Counter[str] = Counter()
        for scheme in nodes.values():
            if scheme.type == "I":
                continue
            if scheme.type in ("L", "YA", "TA", "PA"):
                self.counts[scheme.type] += 1
                continue
            if scheme.type not in _SCHEME_TYPES:
                unknown[scheme.type] += 1
                continue
            premises = self._premises(scheme.id)
            # An incoming CA is an undercut, handled with that CA; an incoming RA or MA uses a whole
            # inference as a premise, which a tree of propositions cannot hold.
            self.counts["scheme-link"] += sum(
                1 for p in self.incoming[scheme.id] if nodes[p].type in ("RA", "MA")
            )
            targets = [
                c for c in self.outgoing[scheme.id] if nodes[c].type == "I" or nodes[c].type in _SCHEME_TYPES
            ]
            if not premises or not targets:
                self.counts["dangling"] += 1
                continue
            if len(targets) > 1 and len(premises) * len(targets) > MAX_PAIRS:
                message = (
                    f"scheme node '{scheme.id}' joins {len(premises):,} premises to {len(targets):,} conclusions"
                    f" ({len(premises) * len(targets):,} links); an inference with several conclusions may"
                    f" join at most {MAX_PAIRS:,} premise-conclusion pairs"
                )
                raise InputError([Problem(self.name, message, path=f"nodes[{scheme.order}]")])
            if scheme.type == "MA":
                self.counts["MA"] += 1
            if scheme.type == "RA" and len(premises) > 1:
                self.counts["linked"] += 1
            for conclusion in targets:
                link = self._classify(scheme, conclusion)
                if link is None:
                    continue
                relation, target = link
                for premise in premises:
                    if premise == target:
                        self.counts["self"] += 1
                        continue
                    links.append(Link(premise, target, relation, len(links), scheme))
                    self._note_link(scheme, premise, target, relation, premises)
        for kind, count in unknown.items():
            template = (
                "{n} node{s} of unknown type '"
                + kind[:20].replace("{", "(").replace("}", ")")
                + "' {were} not imported"
            )
            self.extra_warnings.append(_plural(template, count))
        return links

    def _classify(self, scheme: AifNode, conclusion: str) -> tuple[Relation, str] | None:
        nodes = self.graph.nodes
        if nodes[conclusion].type == "I":
            return (Relation.OPPOSES if scheme.type == "CA" else Relation.SUPPORTS), conclusion
        if scheme.type == "CA":
            premises = self._premises(conclusion)
            if premises:
                if len(premises) > 1:
                    whole = _named(premises, len(premises))
                    for undercutter in self._premises(scheme.id):
                        self.notes[undercutter].append(f"Undercuts the whole linked inference from {whole}.")
                return Relation.UNDERCUTS, premises[0]
        self.counts["scheme-link"] += 1
        return None

    def _premises(self, scheme_id: str) -> list[str]:
        """The I-nodes that bear on a scheme node (its premises, or a CA's undercutters), found once.

        Shared, not copied: callers only read it.
        """
        found = self._premises_of.get(scheme_id)
        if found is None:
            nodes = self.graph.nodes
            found = self._premises_of[scheme_id] = [
                p for p in self.incoming[scheme_id] if nodes[p].type == "I"
            ]
        return found

    def _note_link(
        self, scheme: AifNode, premise: str, target: str, relation: Relation, premises: list[str]
    ) -> None:
        # Map ids are chosen later; until then notes hold AIF ids between NUL marks.
        if scheme.type == "MA":
            self.notes[premise].append(
                f"Rephrases {ref(target)} in the AIF source (MA node); imported as support."
            )
        elif scheme.scheme.strip().lower() not in _DEFAULT_SCHEMES:
            self.notes[premise].append(f"AIF scheme '{scheme.scheme}' ({_WORDS[relation]} {ref(target)}).")
        if scheme.type == "RA" and len(premises) > 1:
            others = _named([p for p in premises[: NAMED_PREMISES + 1] if p != premise], len(premises) - 1)
            self.notes[premise].append(f"Linked premise: works together with {others} in one AIF inference.")

    # ------------------------------------------------------------------ tree

    def build(self) -> ImportResult:
        links = self.relations()
        out: defaultdict[str, list[Link]] = defaultdict(list)
        into: defaultdict[str, list[Link]] = defaultdict(list)
        for link in links:
            out[link.source].append(link)
            into[link.target].append(link)
        order = {node_id: index for index, node_id in enumerate(self.inodes)}
        root = self._choose_root(out, into, order)
        parent: dict[str, Link | None] = {
            node: (out[node][0] if out[node] and node != root else None) for node in self.inodes
        }
        _break_cycles(parent, order)
        children: defaultdict[str, list[tuple[int, str]]] = defaultdict(list)
        attached: list[str] = []
        for node in self.inodes:
            edge = parent[node]
            if edge is not None:
                children[edge.target].append((edge.order, node))
            elif node != root:
                attached.append(node)
                self.notes[node].append(
                    "Not linked to the main conclusion in the AIF source; attached here by argmap import."
                )
        self.counts["attached"] = len(attached)
        tree = {node: [child for _, child in sorted(kids)] for node, kids in children.items()}
        tree.setdefault(root, []).extend(attached)
        ids = self._map_ids()
        # The choice of thesis shapes the whole map, so it is the first thing said.
        self.root_reason = self.root_reason.format(ids[root])
        context = (self.graph, self.name, self.notes, self.counts, self.extra_warnings)
        data = Assembler(*context, ids, parent, tree, out).assemble(root)
        self._keep_paths_inside(data)
        argument_map, _ = validate_map(data, self.name, Locator(None))
        return ImportResult(argument_map, self.warnings())

    def _choose_root(
        self, out: dict[str, list[Link]], into: dict[str, list[Link]], order: dict[str, int]
    ) -> str:
        extension = self.graph.extension or {}
        named = extension.get("thesis")
        if isinstance(named, str) and named in order:
            return named
        roots = [node for node in self.inodes if not out.get(node)]
        conclusions = [node for node in roots if into.get(node)]
        linked = [node for node in self.inodes if out.get(node)]
        # Prefer a real conclusion; failing that (links only in circles) the node most others
        # reach; an unlinked proposition only when nothing is linked at all.
        pool = conclusions or linked or self.inodes
        best = self._most_reached(pool, out, into, order)
        if conclusions and len(conclusions) > 1:
            self.root_reason = (
                f"{len(conclusions)} conclusions support or attack nothing further; "
                "'{}', with the largest supporting subtree, became the thesis"
            )
        elif not conclusions and linked:
            self.root_reason = "every link runs in a circle, with no final conclusion; '{}', reached by most, became the thesis"
        elif not linked and len(self.inodes) > 1:
            self.root_reason = "no I-node supports or attacks another; the first, '{}', became the thesis"
        return best

    def _most_reached(
        self, pool: list[str], out: dict[str, list[Link]], into: dict[str, list[Link]], order: dict[str, int]
    ) -> str:
        """The node of ``pool`` that most nodes reach through links (ties: the first in the file).

        The nodes of a circle reach each other, so all of them are reached by the same nodes:
        one walk counts them all. And a node from which links lead out of its circle is
        reached by fewer than the nodes they lead to, so only circles (or nodes) that no link
        leaves are walked at all. Walks that would take more than WORK_LIMIT steps, which only
        a file of many conclusions sharing a large part of the graph needs, are refused.
        """
        if len(pool) == 1:
            return pool[0]
        component = strong_components(pool, lambda node: (link.target for link in out.get(node, ())))
        members: defaultdict[int, list[str]] = defaultdict(list)
        left: set[int] = set()
        for node, number in component.items():
            members[number].append(node)
            if any(component[link.target] != number for link in out.get(node, ())):
                left.add(number)
        reached: dict[int, int] = {}
        steps = 0
        for node in pool:
            number = component[node]
            if number in left or number in reached:
                continue
            seen = set(members[number])
            stack = list(seen)
            while stack:
                for link in into.get(stack.pop(), ()):
                    steps += 1
                    if link.source not in seen:
                        seen.add(link.source)
                        stack.append(link.source)
                if steps > WORK_LIMIT:
                    what = (
                        f"{len(pool):,} candidates for the thesis share too many supporting nodes to find"
                        ' the one with the largest supporting subtree; name it as "argmap": {"thesis": "<nodeID>"}'
                    )
                    raise InputError([too_much_work(self.name, what)])
            reached[number] = len(seen) - 1
        candidates = [node for node in pool if component[node] in reached]
        return min(candidates, key=lambda node: (-reached[component[node]], order[node]))

    def _keep_paths_inside(self, data: dict[str, Any]) -> None:
        """Leave out a ``vocabulary`` or ``source.text`` that leads outside the map's own folder.

        An AIF file from anywhere may carry argmap's data; a path in it is relative to the map
        to be written, so an absolute one, or one climbing out with ``..`` (``/etc/passwd``,
        ``../../.env``), would point the map at a file beside it that no one chose.
        """
        owners: list[tuple[dict[str, Any], str, str]] = [(data, "vocabulary", "vocabulary")]
        if isinstance(data.get("source"), dict):
            data["source"] = dict(data["source"])  # a copy: not the AIF file's own data
            owners.append((data["source"], "text", "source.text"))
        for owner, key, field in owners:
            value = owner.get(key)
            if isinstance(value, str) and not stays_inside(value):
                del owner[key]
                shown = value if len(value) <= 60 else value[:60] + "…"
                self.extra_warnings.append(
                    f"the file's argmap data named {field} '{shown}', outside the map's own folder;"
                    " it was left out"
                )

    def _map_ids(self) -> dict[str, str]:
        """AIF ids as map ids: kept when valid (and not bare digits), else ``n`` + the id, unique."""
        ids: dict[str, str] = {}
        taken: set[str] = set()
        keep_digits = self.graph.extension is not None
        for node in self.inodes:
            if _VALID_ID.match(node) and len(node) <= 120 and (keep_digits or not node.isdigit()):
                ids[node] = node
                taken.add(node)
        for node in self.inodes:
            if node in ids:
                continue
            base = "n" + re.sub(r"[^A-Za-z0-9_.:-]", "-", node)[:100]
            candidate, suffix = base, 1
            while candidate in taken:
                suffix += 1
                candidate = f"{base}-{suffix}"
            ids[node] = candidate
            taken.add(candidate)
        return ids

    def warnings(self) -> list[str]:
        lines = [self.root_reason] if self.root_reason else []
        lines.extend(self.graph.warnings)
        lines.extend(
            _plural(template, self.counts[key]) for key, template in _MESSAGES.items() if self.counts[key]
        )
        lines.extend(self.extra_warnings)
        return lines


def _named(premises: list[str], count: int) -> str:
    """The first :data:`NAMED_PREMISES` of ``premises`` as references, and how many more of ``count`` there are."""
    named = ", ".join(ref(p) for p in premises[:NAMED_PREMISES])
    more = count - min(count, NAMED_PREMISES)
    return f"{named} and {more:,} more" if more > 0 else named


def stays_inside(path: str) -> bool:
    """Whether ``path``, relative to a map, names something in the map's folder or below, on any system.

    >>> [stays_inside(p) for p in ("article.txt", "texts/a.txt", "../a.txt", "/etc/passwd", "C:a", "a/../../b")]
    [True, True, False, False, False, False]
    """
    return not any(
        flavour.anchor or ".." in flavour.parts for flavour in (PurePosixPath(path), PureWindowsPath(path))
    )


def _break_cycles(parent: dict[str, Link | None], order: dict[str, int]) -> None:
    """Where first links run in a circle, the circle's first node in the file loses its link."""
    state: dict[str, int] = {}  # 1: on the current path, 2: leads to a root
    for start in parent:
        path: list[str] = []
        node: str | None = start
        while node is not None and node not in state:
            state[node] = 1
            path.append(node)
            link = parent[node]
            node = link.target if link is not None else None
        if node is not None and state[node] == 1:
            cycle = path[path.index(node) :]
            parent[min(cycle, key=order.__getitem__)] = None
        for visited in path:
            state[visited] = 2
