"""Claim similarity without dependencies: TF-IDF vectors, cosine, and postings lists for top-k.

The shipped method (``hybrid``) averages two cosines: one over character 4–5-grams taken
inside words, which survives inflection ("vetoed"/"vetoes"), and one over content words.
Before either, names that stand for a state are folded into it ("Beijing", "Chinese",
"Xi" → ``china``), because op-eds use capitals, demonyms and leaders as metonyms all the
time. The choice was measured on ``tests/fixtures/similarity_pairs.yaml``; the figures are
in ``tests/test_similarity.py``. Lexical methods find paraphrases that share a name, an
event or a stem; they cannot find paraphrases that share no words at all.

Vectors are sparse ``dict``s; candidates are reached through postings lists, never by
scoring every pair (see :class:`Index`), so two 2,000-claim maps compare in well under a
second.
"""

from __future__ import annotations

import heapq
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import chain
from operator import mul
from typing import Literal

Method = Literal["hybrid", "char", "word"]
Vector = dict[str, float]

_WORD = re.compile(r"[^\W_]+")
_STOP_WORDS = """
a an the and or but nor of to in on at by for with from as is are was were be been being it its
this that these those their they them he she his her we our you your i not no than then so such
into over under about after before most other each both either any all some which who whom
whose what when where while do does did has have had will would can could should may might must
also only own same very just there here
"""
_STOP = frozenset(_STOP_WORDS.split())

# Capitals, demonyms and leaders used for their states. Multi-word names are joined first.
_ALIAS_GROUPS = {
    "china": "china chinese beijing prc xi",
    "russia": "russia russian russians moscow kremlin putin",
    "usa": "us usa america american americans washington",
    "nkorea": "pyongyang dprk",
    "skorea": "seoul",
    "un": "un",
    "europe": "europe european eu brussels",
    "ukraine": "ukraine ukrainian kyiv kiev",
    "japan": "japan japanese tokyo",
    "taiwan": "taiwan taiwanese taipei",
    "india": "india indian delhi",
    "iran": "iran iranian tehran",
    "syria": "syria syrian damascus",
    "britain": "britain british uk london",
}
_PHRASES = {
    "united states": "usa",
    "u.s.": "usa",
    "u.s": "usa",
    "white house": "usa",
    "north korea": "nkorea",
    "north korean": "nkorea",
    "south korea": "skorea",
    "south korean": "skorea",
    "united nations": "un",
    "security council": "unsc",
    "european union": "europe",
    "united kingdom": "britain",
    "xi jinping": "china",
    "vladimir putin": "russia",
    "kim jong un": "nkorea",
    "kim jong-un": "nkorea",
    "sino-russian": "china russia",
}
_ALIASES = {word: state for state, words in _ALIAS_GROUPS.items() for word in words.split()}
_PHRASE = re.compile("|".join(re.escape(p) for p in sorted(_PHRASES, key=len, reverse=True)))
_SUFFIXES = ("ations", "ation", "ings", "ing", "ies", "ied", "ers", "er", "es", "ed", "s", "ly")


def words(text: str, *, aliases: bool = True) -> list[str]:
    """Lower-case words of two or more characters, with state names folded when ``aliases``.

    >>> words("Beijing and the U.S. disagree")
    ['china', 'and', 'the', 'usa', 'disagree']
    """
    text = unicodedata.normalize("NFKC", text).casefold().replace("’", "'")
    if aliases:
        text = _PHRASE.sub(lambda match: f" {_PHRASES[match.group()]} ", text)
    found = [word for word in _WORD.findall(text) if len(word) > 1]
    return [_ALIASES.get(word, word) for word in found] if aliases else found


def _stem(word: str) -> str:
    """Strip one common English suffix; crude, but it only has to make inflections meet."""
    for suffix in _SUFFIXES:
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def features(text: str, method: Method = "hybrid", *, aliases: bool = True) -> list[list[str]]:
    """The text's feature bags, one per part of the method; each part is weighted on its own."""
    tokens = words(text, aliases=aliases)
    parts: list[list[str]] = []
    if method in ("hybrid", "char"):
        parts.append([gram for token in tokens for gram in _grams(token)])
    if method in ("hybrid", "word"):
        # "=" cannot occur in a character n-gram, so the two parts never share a key.
        parts.append(["=" + _stem(token) for token in tokens if token not in _STOP])
    return parts


@lru_cache(maxsize=65536)
def _grams(word: str) -> tuple[str, ...]:
    """Character 4- and 5-grams of one word padded with spaces; cached, as words repeat far more than texts.

    3-grams as well scored no better on the labelled pairs and cost a third more time.
    """
    padded = f" {word} "
    return tuple(padded[i : i + size] for size in (4, 5) for i in range(len(padded) - size + 1))


def vectorize(texts: Sequence[str], method: Method = "hybrid", *, aliases: bool = True) -> list[Vector]:
    """Unit TF-IDF vectors (sublinear tf, smoothed idf) over the given texts.

    With two parts, each part is normalised and scaled by 1/√2, so that a dot product is
    the mean of the two parts' cosines.
    """
    counted = [[Counter(bag) for bag in features(text, method, aliases=aliases)] for text in texts]
    document_frequency: Counter[str] = Counter()
    for parts in counted:
        for bag in parts:
            document_frequency.update(bag.keys())
    total = len(texts)
    idf = {key: math.log((1 + total) / (1 + count)) + 1 for key, count in document_frequency.items()}
    vectors: list[Vector] = []
    for parts in counted:
        vector: Vector = {}
        share = 1 / math.sqrt(len(parts)) if parts else 1.0
        for bag in parts:
            weights = {
                key: (1 + math.log(count)) * idf[key] if count > 1 else idf[key] for key, count in bag.items()
            }
            norm = math.sqrt(sum(weight * weight for weight in weights.values()))
            if norm:
                scale = share / norm
                vector.update((key, weight * scale) for key, weight in weights.items())
        vectors.append(vector)
    return vectors


def cosine(a: Vector, b: Vector) -> float:
    """The dot product of two unit vectors; the key intersection runs in C."""
    keys = a.keys() & b.keys()
    # A set iterates in the same order twice; map() keeps the loop in C.
    return float(sum(map(mul, map(a.__getitem__, keys), map(b.__getitem__, keys))))


class Index:
    """Candidate vectors behind postings lists, for top-k cosine queries.

    Up to ``EXACT_LIMIT`` candidates every one sharing a feature with the query is scored.
    Beyond it, the candidates are those sharing the most of the query's ``RARE_FEATURES``
    rarest features (counted in C by :class:`collections.Counter`), and the best
    ``SHORTLIST`` of them are scored exactly. This is an approximation, traded for speed:
    on the labelled pairs the shortlist returns the full scan's best match for 133 of 144
    claims and finds all 25 partners the full scan finds (tests/test_similarity.py).
    """

    EXACT_LIMIT = 400
    RARE_FEATURES = 64
    SHORTLIST = 10

    def __init__(self, vectors: Sequence[Vector]) -> None:
        self.vectors = vectors
        postings: defaultdict[str, list[int]] = defaultdict(list)
        for number, vector in enumerate(vectors):
            for key in vector:
                postings[key].append(number)
        self.postings = dict(postings)
        self.frequency = {key: len(posting) for key, posting in self.postings.items()}

    def top(self, query: Vector, k: int, *, exclude: int | None = None) -> list[tuple[int, float]]:
        """The ``k`` best candidates as ``(number, score)``, best first; ties go to the earlier candidate."""
        keys = list(query.keys() & self.frequency.keys())
        if len(self.vectors) > self.EXACT_LIMIT:
            keys.sort()  # then by frequency, stably: the cut below must not depend on hash order
            keys.sort(key=self.frequency.__getitem__)
            shared = Counter(chain.from_iterable(self.postings[key] for key in keys[: self.RARE_FEATURES]))
            if exclude is not None:
                del shared[exclude]
            candidates: Iterable[int] = (number for number, _ in shared.most_common(self.SHORTLIST))
        else:
            candidates = {number for key in keys for number in self.postings[key]} - {exclude}
        # Rounded so that float noise from summation order cannot reorder equal scores.
        scored = ((-round(cosine(query, self.vectors[number]), 12), number) for number in candidates)
        return [(number, -negative) for negative, number in heapq.nsmallest(k, scored) if negative < 0]


def nearest(
    queries: Sequence[str], candidates: Sequence[str], k: int = 3, *, method: Method = "hybrid"
) -> list[list[tuple[int, float]]]:
    """For each query, the ``k`` most similar candidates as ``(candidate number, score)``, best first.

    Weights are fitted on queries and candidates together. Candidates with no feature in
    common with a query are never suggested.

    >>> nearest(["Moscow vetoed the resolution"], ["Russia vetoes a resolution", "Trade grew"], k=2)[0][0][0]
    0
    """
    vectors = vectorize([*queries, *candidates], method)
    index = Index(vectors[len(queries) :])
    return [index.top(vector, k) for vector in vectors[: len(queries)]]


def rank_all(
    texts: Sequence[str], k: int = 1, *, method: Method = "hybrid", aliases: bool = True
) -> list[list[int]]:
    """For each text, the ``k`` most similar *other* texts of the same list (used to measure precision)."""
    vectors = vectorize(texts, method, aliases=aliases)
    index = Index(vectors)
    return [[number for number, _ in index.top(vector, k, exclude=i)] for i, vector in enumerate(vectors)]
