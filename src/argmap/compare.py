"""Two authors compared question by question, into the value of :mod:`argmap.compare_types`.

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

from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from pathlib import Path

from argmap._gc import collector_paused
from argmap.compare_types import (
    Author,
    ClaimRef,
    Comparison,
    EvidenceUse,
    PositionRef,
    Row,
    SharedEvidence,
    Sort,
    Stance,
    Suggestion,
    Summary,
    Unaligned,
    Verdict,
)
from argmap.errors import UsageError
from argmap.loader import Document, load_vocabulary, vocabulary_path_for
from argmap.model import AnyNode, ArgumentMap, Evidence, Relation, position_of, question_of
from argmap.stance import asserted_in
from argmap.suggest import evidence_pairs_later, is_unaligned, unaligned_claims
from argmap.vocabulary import Vocabulary

# The value types moved to compare_types; importing them from here goes on working.
__all__ = [
    "Author", "ClaimRef", "Comparison", "EvidenceUse", "PositionRef", "Row", "SharedEvidence", "Sort",
    "Stance", "Suggestion", "Summary", "Unaligned", "Verdict", "compare", "question_order",
    "shared_vocabulary", "stances", "unaligned_claims",
]  # fmt: skip
_VERDICT_RANK = {"disagree": 0, "only_a": 1, "only_b": 1, "agree": 2}


# --------------------------------------------------------------------------- building


def compare(
    a: Document | ArgumentMap,
    b: Document | ArgumentMap,
    vocabulary: Vocabulary | None = None,
    *,
    sort: Sort = "verdict",
    limit: int | None = None,
) -> Comparison:
    """Compare two maps question by question; ``vocabulary`` gives question text and position labels.

    ``limit`` keeps only the first unaligned claims of each author (what the text view
    lists), which spares finding suggestions for the others; the summary counts them all.
    """
    vocabulary = vocabulary or Vocabulary()
    map_a, map_b = _map(a), _map(b)
    label_a, label_b = map_a.label(), map_b.label()
    if label_a == label_b:
        label_a, label_b = f"{label_a} (A)", f"{label_b} (B)"
    # Similarity allocates a few hundred thousand short-lived objects, none in cycles.
    with collector_paused():
        shared, rest_a, rest_b = _shared_topics(map_a, map_b, vocabulary)
        matched = evidence_pairs_later(_texts(rest_a), _texts(rest_b))
        try:
            rows = _rows(map_a, map_b, vocabulary, sort)
            unaligned = unaligned_claims(map_a, map_b, limit)
        finally:
            shared += _similar_evidence(rest_a, rest_b, matched())
    n = Counter(row.verdict for row in rows)
    unaligned_a, unaligned_b = (sum(map(is_unaligned, m.nodes())) for m in (map_a, map_b))
    counts = (n["disagree"], n["only_a"], n["only_b"], n["agree"], len(shared), unaligned_a, unaligned_b)
    summary = Summary(len(rows), *counts)
    return Comparison(
        _author(a, label_a), _author(b, label_b), sort, tuple(rows), tuple(shared), tuple(unaligned), summary
    )


def _rows(map_a: ArgumentMap, map_b: ArgumentMap, vocabulary: Vocabulary, sort: Sort) -> list[Row]:
    stances_a, stances_b = stances(map_a, vocabulary), stances(map_b, vocabulary)
    order = question_order(vocabulary, [*stances_a, *stances_b])
    rows = [
        _row(question, stances_a.get(question), stances_b.get(question), vocabulary) for question in order
    ]
    if sort == "verdict":
        rows.sort(key=lambda row: _VERDICT_RANK[row.verdict])  # stable: vocabulary order within a verdict
    return rows


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
    # One walk serves every pass below: a corpus of a thousand maps walks each once.
    walk = list(argument_map.walk())
    asserted = asserted_in(walk)
    for node, _, depth in walk:
        question = question_of(node)
        if question is not None and id(node) in asserted:
            tagged[question].append((node, depth))
    behind = _evidence_behind(walk, [node for nodes in tagged.values() for node, _ in nodes])
    result: dict[str, Stance] = {}
    for question, nodes in tagged.items():
        shallowest: dict[str, int] = {}
        count: Counter[str] = Counter()
        first: dict[str, int] = {}
        for order, (node, depth) in enumerate(nodes):
            position = position_of(node)
            if position is not None:
                shallowest[position] = min(depth, shallowest.get(position, depth))
                count[position] += 1
                first.setdefault(position, order)
        ranked = sorted(count, key=lambda p: (shallowest[p], -count[p], first[p]))
        refs = tuple(_position_ref(vocabulary, question, position) for position in ranked)
        claims = tuple(
            ClaimRef(node.id, node.kind, node.text, position_of(node), depth, ev, len(ev))
            for node, depth in nodes
            for ev in (behind[id(node)],)
        )
        result[question] = Stance(position=refs[0] if refs else None, positions=refs, claims=claims)
    return result


def _position_ref(vocabulary: Vocabulary, question: str, position: str) -> PositionRef:
    known = vocabulary.question(question)
    found = known.position(position) if known else None
    return PositionRef(id=position, label=found.label if found else position)


def _evidence_behind(
    walk: list[tuple[AnyNode, AnyNode | None, int]], tagged_nodes: list[AnyNode]
) -> dict[int, tuple[str, ...]]:
    """Evidence ids behind each tagged node (see the module docstring); ``walk`` is the map's walk."""
    linked: defaultdict[str, list[str]] = defaultdict(list)
    for node, _, _ in walk:
        if isinstance(node, Evidence):
            for target in node.also_supports:
                linked[target].append(node.id)
    tagged = set(map(id, tagged_nodes))
    result: dict[int, tuple[str, ...]] = {}
    for node in tagged_nodes:
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


_Cited = list[tuple[Evidence, AnyNode]]


def _shared_topics(
    map_a: ArgumentMap, map_b: ArgumentMap, vocabulary: Vocabulary
) -> tuple[list[SharedEvidence], _Cited, _Cited]:
    """Evidence both tag with the same topic, and each author's evidence left to pair by text."""
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
    return shared, rest_a, rest_b


def _texts(cited: _Cited) -> list[str]:
    return [evidence.text for evidence, _ in cited]


def _similar_evidence(
    rest_a: _Cited, rest_b: _Cited, pairs: list[tuple[int, int, float]]
) -> list[SharedEvidence]:
    found = []
    for i, j, score in pairs:
        (evidence_a, parent_a), (evidence_b, parent_b) = rest_a[i], rest_b[j]
        if evidence_a.topic is not None and evidence_b.topic is not None:
            continue
        if evidence_a.date and evidence_b.date and evidence_a.date[:4] != evidence_b.date[:4]:
            continue
        uses = (_use(evidence_a, parent_a),), (_use(evidence_b, parent_b),)
        found.append(SharedEvidence("text", None, None, round(score, 3), *uses))
    return found


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
