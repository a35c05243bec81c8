"""Two authors compared question by question: a value the views and ``--format json`` share.

**An author's position on a question.** Every node (thesis, claim, objection, rebuttal)
tagged with the question takes part. The positions the author holds are ranked by the
depth of the shallowest node holding each (the thesis is depth 0), then by how many nodes
hold it, then by first appearance in the map. The first is the author's *primary*
position; the others are kept in ``positions``, so a map that holds two positions on a
question shows both. The verdict compares primary positions only: ``agree`` when they are
the same, ``disagree`` when not, ``only_a``/``only_b`` when one author does not tag the
question at all. A question tagged without any position counts as addressed but has no
primary position; two such sides ``agree`` only if neither names a position.

**The evidence behind a claim.** Evidence that supports it directly, or through untagged
supporting claims beneath it (a tagged claim has its own row), plus evidence that names it
in ``also_supports``.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

from argmap.errors import UsageError
from argmap.loader import Document, load_vocabulary, vocabulary_path_for
from argmap.model import AnyNode, ArgumentMap, Evidence, Relation
from argmap.similarity import Index, Vector, vectorize
from argmap.stance import asserted_nodes
from argmap.vocabulary import Vocabulary

Verdict = Literal["disagree", "only_a", "only_b", "agree"]
Sort = Literal["verdict", "question"]
_VERDICT_RANK = {"disagree": 0, "only_a": 1, "only_b": 1, "agree": 2}
SUGGESTIONS = 3
MIN_SUGGESTION_SCORE = 0.05
"""Below this a "similar" claim shares little more than a common word."""
EVIDENCE_MATCH_SCORE = 0.5
"""Untagged evidence pairs need this similarity, and to be each other's best match, to count as shared.

On the labelled claim pairs the best wrong match scores up to 0.64, so pairs are shown
with their score as a suggestion, not as a certainty.
"""


@dataclass(frozen=True, slots=True)
class Author:
    label: str
    authors: tuple[str, ...]
    affiliation: str | None
    outlet: str | None
    date: str | None
    title: str | None
    thesis_id: str
    thesis: str
    path: str | None


@dataclass(frozen=True, slots=True)
class PositionRef:
    id: str
    label: str


@dataclass(frozen=True, slots=True)
class ClaimRef:
    id: str
    kind: str
    text: str
    position: str | None
    depth: int
    evidence: tuple[str, ...]
    evidence_count: int


@dataclass(frozen=True, slots=True)
class Stance:
    """What one author says on one question."""

    position: PositionRef | None
    positions: tuple[PositionRef, ...]
    claims: tuple[ClaimRef, ...]


@dataclass(frozen=True, slots=True)
class Row:
    question: str
    text: str
    verdict: Verdict
    a: Stance | None
    b: Stance | None


@dataclass(frozen=True, slots=True)
class EvidenceUse:
    """One author's citation of a shared event or fact, and the claim it serves."""

    id: str
    type: str
    text: str
    date: str | None
    serves_id: str
    serves_kind: str
    serves_text: str
    relation: str


@dataclass(frozen=True, slots=True)
class SharedEvidence:
    match: Literal["topic", "text"]
    topic: str | None
    topic_text: str | None
    score: float | None
    a: tuple[EvidenceUse, ...]
    b: tuple[EvidenceUse, ...]


@dataclass(frozen=True, slots=True)
class Suggestion:
    id: str
    kind: str
    text: str
    score: float
    question: str | None
    position: str | None


@dataclass(frozen=True, slots=True)
class Unaligned:
    side: Literal["a", "b"]
    id: str
    kind: str
    text: str
    suggestions: tuple[Suggestion, ...]


@dataclass(frozen=True, slots=True)
class Summary:
    questions: int
    disagree: int
    only_a: int
    only_b: int
    agree: int
    shared_evidence: int
    unaligned_a: int
    unaligned_b: int


@dataclass(frozen=True, slots=True)
class Comparison:
    a: Author
    b: Author
    sort: Sort
    rows: tuple[Row, ...]
    shared_evidence: tuple[SharedEvidence, ...]
    unaligned: tuple[Unaligned, ...]
    summary: Summary

    def summary_line(self) -> str:
        """One line: how many questions agree, disagree, or are addressed by one author only."""
        s = self.summary
        questions = f"{s.questions} question{'s' * (s.questions != 1)}"
        counts = f"{s.disagree} disagree, {s.agree} agree, {s.only_a} only {self.a.label}, {s.only_b} only {self.b.label}"
        unaligned = s.unaligned_a + s.unaligned_b
        return (
            f"{questions}: {counts}; {s.shared_evidence} shared evidence; "
            f"{unaligned} unaligned claim{'s' * (unaligned != 1)}"
        )

    def to_dict(self) -> dict[str, Any]:
        return {"kind": "argmap-comparison", "version": 1, **asdict(self)}

    def to_json(self) -> str:
        """What ``argmap compare --format json`` prints; documented in docs/compare-json.md."""
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n"


# --------------------------------------------------------------------------- building


def compare(
    a: Document | ArgumentMap,
    b: Document | ArgumentMap,
    vocabulary: Vocabulary | None = None,
    *,
    sort: Sort = "verdict",
) -> Comparison:
    """Compare two maps question by question; ``vocabulary`` gives question text and position labels."""
    vocabulary = vocabulary or Vocabulary()
    map_a, map_b = _map(a), _map(b)
    label_a, label_b = map_a.label(), map_b.label()
    if label_a == label_b:
        label_a, label_b = f"{label_a} (A)", f"{label_b} (B)"
    stances_a, stances_b = stances(map_a, vocabulary), stances(map_b, vocabulary)
    order = question_order(vocabulary, [*stances_a, *stances_b])
    rows = [
        _row(question, stances_a.get(question), stances_b.get(question), vocabulary) for question in order
    ]
    if sort == "verdict":
        rows.sort(key=lambda row: _VERDICT_RANK[row.verdict])  # stable: vocabulary order within a verdict
    shared = shared_evidence(map_a, map_b, vocabulary)
    unaligned = unaligned_claims(map_a, map_b)
    n = Counter(row.verdict for row in rows)
    by_side = Counter(item.side for item in unaligned)
    counts = (n["disagree"], n["only_a"], n["only_b"], n["agree"], len(shared), by_side["a"], by_side["b"])
    summary = Summary(len(rows), *counts)
    return Comparison(
        _author(a, label_a), _author(b, label_b), sort, tuple(rows), tuple(shared), tuple(unaligned), summary
    )


def _map(source: Document | ArgumentMap) -> ArgumentMap:
    return source.map if isinstance(source, Document) else source


def _author(source: Document | ArgumentMap, label: str) -> Author:
    argument_map = _map(source)
    meta = argument_map.source
    path = source.display() if isinstance(source, Document) else None
    thesis = argument_map.thesis
    return Author(
        label,
        tuple(meta.authors),
        meta.affiliation,
        meta.outlet,
        meta.date,
        meta.title,
        thesis.id,
        thesis.text,
        path,
    )


def _row(question: str, a: Stance | None, b: Stance | None, vocabulary: Vocabulary) -> Row:
    known = vocabulary.question(question)
    verdict: Verdict
    if a is None:
        verdict = "only_b"
    elif b is None:
        verdict = "only_a"
    else:
        same = (a.position and a.position.id) == (b.position and b.position.id)
        verdict = "agree" if same else "disagree"
    return Row(question=question, text=known.text if known else question, verdict=verdict, a=a, b=b)


def question_order(vocabulary: Vocabulary, questions: Sequence[str]) -> list[str]:
    """The questions named, once each, in vocabulary order; unknown ones after, by id."""
    wanted = set(questions)
    known = [question.id for question in vocabulary.questions if question.id in wanted]
    return known + sorted(wanted - set(known))


def stances(argument_map: ArgumentMap, vocabulary: Vocabulary) -> dict[str, Stance]:
    """Each question the map tags, with the author's positions (primary first) and claims."""
    tagged: defaultdict[str, list[tuple[AnyNode, int]]] = defaultdict(list)
    # Views the author raises only to reject them are not the author's positions.
    asserted = asserted_nodes(argument_map)
    for node, _, depth in argument_map.walk():
        question = getattr(node, "question", None)
        if question is not None and id(node) in asserted:
            tagged[question].append((node, depth))
    behind = _evidence_behind(argument_map, {id(node) for nodes in tagged.values() for node, _ in nodes})
    result: dict[str, Stance] = {}
    for question, nodes in tagged.items():
        shallowest: dict[str, int] = {}
        count: Counter[str] = Counter()
        first: dict[str, int] = {}
        for order, (node, depth) in enumerate(nodes):
            position = getattr(node, "position", None)
            if position is not None:
                shallowest[position] = min(depth, shallowest.get(position, depth))
                count[position] += 1
                first.setdefault(position, order)
        ranked = sorted(count, key=lambda p: (shallowest[p], -count[p], first[p]))
        refs = tuple(_position_ref(vocabulary, question, position) for position in ranked)
        claims = tuple(
            ClaimRef(node.id, node.kind, node.text, getattr(node, "position", None), depth, ev, len(ev))
            for node, depth in nodes
            for ev in (behind[id(node)],)
        )
        result[question] = Stance(position=refs[0] if refs else None, positions=refs, claims=claims)
    return result


def _position_ref(vocabulary: Vocabulary, question: str, position: str) -> PositionRef:
    known = vocabulary.question(question)
    found = known.position(position) if known else None
    return PositionRef(id=position, label=found.label if found else position)


def _evidence_behind(argument_map: ArgumentMap, tagged: set[int]) -> dict[int, tuple[str, ...]]:
    """Evidence ids behind each tagged node (see the module docstring)."""
    linked: defaultdict[str, list[str]] = defaultdict(list)
    for node in argument_map.nodes():
        if isinstance(node, Evidence):
            for target in node.also_supports:
                linked[target].append(node.id)
    result: dict[int, tuple[str, ...]] = {}
    for node in argument_map.nodes():
        if id(node) not in tagged:
            continue
        found: list[str] = []
        stack = list(reversed(node.children))
        while stack:
            child = stack.pop()
            if child.relation != Relation.SUPPORTS:
                continue
            if isinstance(child, Evidence):
                found.append(child.id)
            elif child.kind == "claim" and id(child) not in tagged:
                stack.extend(reversed(child.children))
        found.extend(evidence for evidence in linked[node.id] if evidence not in found)
        result[id(node)] = tuple(found)
    return result


def _with_parents(argument_map: ArgumentMap) -> Iterator[tuple[Evidence, AnyNode]]:
    for node, parent, _ in argument_map.walk():
        if isinstance(node, Evidence) and parent is not None:
            yield node, parent


def _use(evidence: Evidence, parent: AnyNode) -> EvidenceUse:
    kind, relation = evidence.type.value, evidence.relation.value
    return EvidenceUse(
        evidence.id, kind, evidence.text, evidence.date, parent.id, parent.kind, parent.text, relation
    )


def shared_evidence(map_a: ArgumentMap, map_b: ArgumentMap, vocabulary: Vocabulary) -> list[SharedEvidence]:
    """Evidence both authors cite: by shared topic (vocabulary order), then by similar text."""
    cited_a, cited_b = list(_with_parents(map_a)), list(_with_parents(map_b))
    by_topic_a: defaultdict[str, list[EvidenceUse]] = defaultdict(list)
    by_topic_b: defaultdict[str, list[EvidenceUse]] = defaultdict(list)
    for cited, by_topic in ((cited_a, by_topic_a), (cited_b, by_topic_b)):
        for evidence, parent in cited:
            if evidence.topic is not None:
                by_topic[evidence.topic].append(_use(evidence, parent))
    common = set(by_topic_a) & set(by_topic_b)
    topic_order = [topic.id for topic in vocabulary.topics if topic.id in common]
    topic_order += sorted(common - set(topic_order))
    topics = {topic.id: topic.text for topic in vocabulary.topics}
    shared = [
        SharedEvidence("topic", t, topics.get(t), None, tuple(by_topic_a[t]), tuple(by_topic_b[t]))
        for t in topic_order
    ]
    # Evidence both authors tagged with different topics is explicitly not the same thing.
    rest_a = [(e, p) for e, p in cited_a if e.topic not in common]
    rest_b = [(e, p) for e, p in cited_b if e.topic not in common]
    shared.extend(_similar_evidence(rest_a, rest_b))
    return shared


def _similar_evidence(
    rest_a: list[tuple[Evidence, AnyNode]], rest_b: list[tuple[Evidence, AnyNode]]
) -> list[SharedEvidence]:
    if not rest_a or not rest_b:
        return []
    vectors = vectorize([e.text for e, _ in rest_a] + [e.text for e, _ in rest_b])
    index_a, index_b = Index(vectors[: len(rest_a)]), Index(vectors[len(rest_a) :])
    found = []
    for i, vector in enumerate(vectors[: len(rest_a)]):
        best = index_b.top(vector, 1)
        if not best or best[0][1] < EVIDENCE_MATCH_SCORE:
            continue
        j, score = best[0]
        back = index_a.top(vectors[len(rest_a) + j], 1)
        (evidence_a, parent_a), (evidence_b, parent_b) = rest_a[i], rest_b[j]
        if back[0][0] != i or (evidence_a.topic is not None and evidence_b.topic is not None):
            continue
        if evidence_a.date and evidence_b.date and evidence_a.date[:4] != evidence_b.date[:4]:
            continue
        found.append(
            SharedEvidence(
                "text",
                None,
                None,
                round(score, 3),
                (_use(evidence_a, parent_a),),
                (_use(evidence_b, parent_b),),
            )
        )
    return found


def unaligned_claims(map_a: ArgumentMap, map_b: ArgumentMap) -> list[Unaligned]:
    """Claims, objections and rebuttals with no question, each with the other author's closest statements."""
    statements_a: list[AnyNode] = [node for node in map_a.nodes() if node.kind != "evidence"]
    statements_b: list[AnyNode] = [node for node in map_b.nodes() if node.kind != "evidence"]
    vectors = vectorize([node.text for node in statements_a] + [node.text for node in statements_b])
    vectors_a, vectors_b = vectors[: len(statements_a)], vectors[len(statements_a) :]
    result: list[Unaligned] = []
    sides: tuple[tuple[Literal["a", "b"], list[AnyNode], list[AnyNode], list[Vector], list[Vector]], ...] = (
        ("a", statements_a, statements_b, vectors_a, vectors_b),
        ("b", statements_b, statements_a, vectors_b, vectors_a),
    )
    for side, mine, theirs, my_vectors, their_vectors in sides:
        index: Index | None = None
        for node, vector in zip(mine, my_vectors, strict=True):
            if node.kind == "thesis" or _tag(node, "question") is not None:
                continue
            index = index or Index(their_vectors)
            found = [(theirs[j], round(score, 3)) for j, score in index.top(vector, SUGGESTIONS)]
            suggestions = tuple(
                Suggestion(
                    other.id, other.kind, other.text, score, _tag(other, "question"), _tag(other, "position")
                )
                for other, score in found
                if score >= MIN_SUGGESTION_SCORE
            )
            result.append(Unaligned(side, node.id, node.kind, node.text, suggestions))
    return result


def _tag(node: AnyNode, field: str) -> str | None:
    """A node's question or position; evidence has neither."""
    value = getattr(node, field, None)
    return value if isinstance(value, str) else None


# --------------------------------------------------------------------------- vocabulary


def shared_vocabulary(documents: Sequence[Document], explicit: str | Path | None = None) -> Vocabulary:
    """The one vocabulary for these maps: ``explicit``, else the maps' own (which must agree).

    Maps whose vocabulary file does not exist add nothing; with none at all, questions are
    shown by id.
    """
    if explicit is not None:
        return load_vocabulary(explicit).vocabulary
    found: dict[Path, tuple[Path, Vocabulary]] = {}
    for document in documents:
        path = vocabulary_path_for(document)
        if path.resolve() not in found and path.is_file():
            found[path.resolve()] = (path, load_vocabulary(path).vocabulary)
    distinct = list({vocabulary.model_dump_json(): vocabulary for _, vocabulary in found.values()}.values())
    if len(distinct) > 1:
        names = ", ".join(str(path) for path, _ in found.values())
        raise UsageError(f"the maps use different vocabularies ({names}); choose one with --vocabulary FILE")
    return distinct[0] if distinct else Vocabulary()
