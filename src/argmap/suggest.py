"""Which of the other author's statements may say the same thing: suggested alignments and evidence pairs.

Both are found by lexical similarity (:mod:`argmap.similarity`); nothing here is a
verdict, only a candidate for the mapper to confirm by tagging.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import Literal

from argmap._fork import in_child
from argmap.compare_types import Suggestion, Unaligned
from argmap.model import AnyNode, ArgumentMap, position_of, question_of
from argmap.similarity import Index, Vector, Vectors, vectorize

SUGGESTIONS = 3
MIN_SUGGESTION_SCORE = 0.05
"""Below this a "similar" claim shares little more than a common word."""
PARALLEL_FROM = 500
"""From this many similarity queries, half are answered in a second process (see :func:`in_child`)."""
EVIDENCE_MATCH_SCORE = 0.5
"""Untagged evidence pairs need this similarity, and to be each other's best match, to count as shared.

On the labelled claim pairs the best wrong match scores up to 0.64, so pairs are shown
with their score as a suggestion, not as a certainty.
"""


def mutual_best(texts_a: list[str], texts_b: list[str]) -> list[tuple[int, int, float]]:
    """Pairs ``(i, j, score)`` of texts that are each other's best match, scoring at least EVIDENCE_MATCH_SCORE."""
    if not texts_a or not texts_b:
        return []
    vectors = vectorize(texts_a + texts_b)
    vectors_a, vectors_b = vectors[: len(texts_a)], vectors[len(texts_a) :]
    index_a, index_b = Index(vectors_a), Index(vectors_b)
    best_back: dict[int, int] = {}  # several of A's may find the same one of B's
    pairs = []
    for i, vector in enumerate(vectors_a):
        best = index_b.top(vector, 1)
        if not best or best[0][1] < EVIDENCE_MATCH_SCORE:
            continue
        j, score = best[0]
        if j not in best_back:
            back = index_a.top(vectors_b[j], 1)
            best_back[j] = back[0][0] if back else -1
        if best_back[j] == i:
            pairs.append((i, j, score))
    return pairs


def evidence_pairs_later(
    texts_a: list[str], texts_b: list[str]
) -> Callable[[], list[tuple[int, int, float]]]:
    """:func:`mutual_best` as a call that answers later: a large map's evidence is matched in
    a second process while this one goes on with the claims."""
    pairs = partial(mutual_best, texts_a, texts_b)
    return in_child(pairs) if len(texts_a) >= PARALLEL_FROM else pairs


def unaligned_claims(map_a: ArgumentMap, map_b: ArgumentMap, limit: int | None = None) -> list[Unaligned]:
    """Claims, objections and rebuttals with no question, each with the other author's closest statements.

    With ``limit``, only the first ``limit`` of each author's.
    """
    statements_a: list[AnyNode] = [node for node in map_a.nodes() if node.kind != "evidence"]
    statements_b: list[AnyNode] = [node for node in map_b.nodes() if node.kind != "evidence"]
    texts = [node.text for node in statements_a] + [node.text for node in statements_b]
    # A few suggestions read a few vectors: weigh them as they are read. All of them read
    # nearly every vector: weigh them at once, before the queries are split (_top_all).
    vectors: Sequence[Vector] = vectorize(texts) if limit is None else Vectors(texts)
    vectors_a, vectors_b = vectors[: len(statements_a)], vectors[len(statements_a) :]
    asked: list[tuple[Literal["a", "b"], AnyNode, list[AnyNode], Index, Vector]] = []
    side: Literal["a", "b"]
    for side, mine, theirs, my_vectors, their_vectors in (
        ("a", statements_a, statements_b, vectors_a, vectors_b),
        ("b", statements_b, statements_a, vectors_b, vectors_a),
    ):
        wanted = [number for number, node in enumerate(mine) if is_unaligned(node)][:limit]
        if wanted:
            index = Index(their_vectors)
            asked += [(side, mine[number], theirs, index, my_vectors[number]) for number in wanted]
    tops = _top_all([(index, vector) for *_, index, vector in asked], SUGGESTIONS)
    result: list[Unaligned] = []
    for (side, node, theirs, _, _), top in zip(asked, tops, strict=True):
        found = [(theirs[j], round(score, 3)) for j, score in top]
        suggestions = tuple(
            Suggestion(other.id, other.kind, other.text, score, question_of(other), position_of(other))
            for other, score in found
            if score >= MIN_SUGGESTION_SCORE
        )
        result.append(Unaligned(side, node.id, node.kind, node.text, suggestions))
    return result


def _top_all(queries: list[tuple[Index, Vector]], k: int) -> list[list[tuple[int, float]]]:
    """Each query's ``k`` best candidates; with many queries, half are answered in a second process."""

    def answer(part: list[tuple[Index, Vector]]) -> list[list[tuple[int, float]]]:
        return [index.top(vector, k) for index, vector in part]

    if len(queries) < PARALLEL_FROM:
        return answer(queries)
    half = len(queries) // 2
    rest = in_child(partial(answer, queries[half:]))
    try:
        mine = answer(queries[:half])
    finally:
        theirs = rest()
    return mine + theirs


def is_unaligned(node: AnyNode) -> bool:
    return node.kind not in ("thesis", "evidence") and question_of(node) is None
