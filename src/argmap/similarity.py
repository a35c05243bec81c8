"""Claim similarity without dependencies: TF-IDF vectors, cosine, and postings lists for top-k.

The shipped method (``hybrid``) averages two cosines: one over character 4–5-grams taken
inside words, which survives inflection ("vetoed"/"vetoes"), and one over content words.
Before either, names that stand for a state are folded into it ("Beijing", "Chinese",
"Xi" → ``china``), because op-eds use capitals, demonyms and leaders as metonyms all the
time. The choice was measured on ``tests/fixtures/similarity_pairs.yaml``; the figures are
in ``tests/test_similarity.py``. Lexical methods find paraphrases that share a name, an
event or a stem; they cannot find paraphrases that share no words at all.

Vectors are sparse ``dict``s, weighed only when read (:class:`Vectors`); candidates are
reached through postings lists, never by scoring every pair (see :class:`Index`).
"""

from __future__ import annotations

import copy
import heapq
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from functools import cache, cached_property, lru_cache
from itertools import chain, filterfalse
from operator import mul
from typing import Literal, overload

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

TEXT_CHARS = 10_000
"""Similarity reads this many characters of a text at most: a claim is a sentence or two, and
an 8 MiB claim made comparing two maps take 1.3 GB for features that say nothing more."""
GRAM_CHARS = 64
"""Character n-grams come from this many characters of a word at most: longer "words" are
URLs, hashes or runs of one letter, and each n-gram of one is a string of its own."""


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
    return [list(bag) for bag in _bags(text, method, aliases)]


def _bags(text: str, method: Method, aliases: bool) -> list[Iterator[str]]:
    tokens = words(text[:TEXT_CHARS], aliases=aliases)
    bags: list[Iterator[str]] = []
    # Both bags come from per-word caches and are iterated in C: a text repeats few words,
    # a corpus many.
    if method in ("hybrid", "char"):
        bags.append(chain.from_iterable(map(_grams, tokens)))
    if method in ("hybrid", "word"):
        bags.append(map(_word_feature, filterfalse(_STOP.__contains__, tokens)))
    return bags


@lru_cache(maxsize=65536)
def _grams(word: str) -> tuple[str, ...]:
    """Character 4- and 5-grams of one word padded with spaces (of its first :data:`GRAM_CHARS` characters).

    3-grams as well scored no better on the labelled pairs and cost a third more time.
    """
    padded = f" {word} " if len(word) <= GRAM_CHARS else f" {word[:GRAM_CHARS]}"
    return tuple(padded[i : i + size] for size in (4, 5) for i in range(len(padded) - size + 1))


@lru_cache(maxsize=65536)
def _word_feature(word: str) -> str:
    # "=" cannot occur in a character n-gram, so the two parts never share a key.
    return "=" + _stem(word)


class _Sublinear(dict[int, float]):
    """Term weight by count: 1 + ln(count), computed once per distinct count."""

    def __missing__(self, count: int) -> float:
        weight = self[count] = 1 + math.log(count) if count > 1 else 1.0
        return weight


def vectorize(texts: Sequence[str], method: Method = "hybrid", *, aliases: bool = True) -> list[Vector]:
    """Unit TF-IDF vectors (sublinear tf, smoothed idf) over the given texts.

    With two parts, each part is normalised and scaled by 1/√2, so that a dot product is
    the mean of the two parts' cosines.
    """
    return list(Vectors(texts, method, aliases=aliases))


class _Weighing:
    """Texts counted and idf fitted on all of them; a text's vector is weighed when asked for."""

    def __init__(self, texts: Sequence[str], method: Method, aliases: bool) -> None:
        self.counted = [[Counter(bag) for bag in _bags(text, method, aliases)] for text in texts]
        frequency = Counter(chain.from_iterable(chain.from_iterable(self.counted)))
        total = len(texts)
        by_count = {count: math.log((1 + total) / (1 + count)) + 1 for count in set(frequency.values())}
        self.idf = dict(zip(frequency, map(by_count.__getitem__, frequency.values()), strict=True))
        self.tf = _Sublinear()
        self.vectors: list[Vector | None] = [None] * total

    def vector(self, number: int) -> Vector:
        vector = self.vectors[number]
        if vector is None:
            vector = self.vectors[number] = self._weigh(self.counted[number])
        return vector

    def _weigh(self, parts: list[Counter[str]]) -> Vector:
        vector: Vector = {}
        share = 1 / math.sqrt(len(parts)) if parts else 1.0
        for bag in parts:
            # Whole-list operations keep the per-feature work in C; the arithmetic and its
            # order are the same as one feature at a time, so the floats are too.
            weights = list(map(mul, map(self.tf.__getitem__, bag.values()), map(self.idf.__getitem__, bag)))
            norm = math.sqrt(sum(map(mul, weights, weights)))
            if norm:
                vector.update(zip(bag, map((share / norm).__mul__, weights), strict=True))
        return vector


class Vectors(Sequence[Vector]):
    """The vectors of :func:`vectorize`, each weighed the first time it is read; a slice is a view.

    The idf needs every text counted, but a search reads only the vectors of its queries
    and of the candidates it shortlists: a comparison that lists fifty unaligned claims
    per author weighs a fraction of two large maps' statements.
    """

    def __init__(self, texts: Sequence[str], method: Method = "hybrid", *, aliases: bool = True) -> None:
        self._weighing = _Weighing(texts, method, aliases)
        self._numbers = range(len(texts))

    @overload
    def __getitem__(self, index: int) -> Vector: ...
    @overload
    def __getitem__(self, index: slice) -> Vectors: ...
    def __getitem__(self, index: int | slice) -> Vector | Vectors:
        if isinstance(index, slice):
            view = copy.copy(self)
            view._numbers = self._numbers[index]
            return view
        return self._weighing.vector(self._numbers[index])

    def __len__(self) -> int:
        return len(self._numbers)

    def keys(self, number: int) -> Iterator[str]:
        """The features of vector ``number`` in order, without weighing it."""
        return chain.from_iterable(self._weighing.counted[self._numbers[number]])


def cosine(a: Vector, b: Vector) -> float:
    """The dot product of two unit vectors; the key intersection runs in C."""
    if len(a) < len(b):
        a, b = b, a
    # The shorter vector's keys found in the longer one: a list, cheaper to build than a set.
    keys = [*filter(a.__contains__, b)]
    return float(sum(map(mul, map(a.__getitem__, keys), map(b.__getitem__, keys))))


class Index:
    """Candidate vectors behind postings lists, for top-k cosine queries.

    Up to ``EXACT_LIMIT`` candidates, every one is scored. Beyond it, the candidates are
    those sharing the most of the query's ``RARE_FEATURES`` rarest features (ties: the one met first, scanning the rarest feature first), and the
    best ``SHORTLIST`` of them are scored exactly. This is an approximation, traded for
    speed: on the labelled pairs the shortlist returns the full scan's best match for 133
    of 144 claims and finds all 25 partners the full scan finds (tests/test_similarity.py).
    """

    EXACT_LIMIT = 400
    RARE_FEATURES = 64
    SHORTLIST = 10
    PACKED_BYTES = 64 << 20
    """Memory for the packed postings of frequent features (see :meth:`_shared_counts`)."""

    def __init__(self, vectors: Sequence[Vector]) -> None:
        self.vectors = vectors
        self._rank: dict[str, int] = {}
        self._by_rank: list[str] = []

    @cached_property
    def postings(self) -> dict[str, list[int]]:
        """Each feature's candidates, in order; built only for the shortlist of a large index."""
        postings: defaultdict[str, list[int]] = defaultdict(list)
        # Lazy vectors give their features without being weighed.
        keys_of = self.vectors.keys if isinstance(self.vectors, Vectors) else self.vectors.__getitem__
        for number in range(len(self.vectors)):
            for key in keys_of(number):
                postings[key].append(number)
        return dict(postings)

    @cached_property
    def frequency(self) -> dict[str, int]:
        return {key: len(posting) for key, posting in self.postings.items()}

    @cached_property
    def _packed(self) -> _Packed:
        return _Packed(self)

    def top(self, query: Vector, k: int, *, exclude: int | None = None) -> list[tuple[int, float]]:
        """The ``k`` best candidates as ``(number, score)``, best first; ties go to the earlier candidate."""
        candidates: Iterable[int]
        if len(self.vectors) > self.EXACT_LIMIT:
            candidates = self._shortlist(query, exclude)
        else:
            # Scoring every candidate costs less than finding those that share a feature
            # (nearly all do, through common character n-grams); one that shares none scores
            # 0 and is dropped below, as it would never have been scored.
            candidates = range(len(self.vectors))
            if exclude is not None:
                candidates = [number for number in candidates if number != exclude]
        # Rounded so that float noise from summation order cannot reorder equal scores.
        scored = ((-round(cosine(query, self.vectors[number]), 12), number) for number in candidates)
        return [(number, -negative) for negative, number in heapq.nsmallest(k, scored) if negative < 0]

    def _rarest(self, query: Vector) -> list[str]:
        """The query's ``RARE_FEATURES`` rarest features, by frequency then key (never by hash order)."""
        if not self._rank:
            order = sorted(self.frequency)
            order.sort(key=self.frequency.__getitem__)
            self._by_rank = ["", *order]
            # From 1, so that filter(None, ...) drops only the features the index lacks.
            self._rank = {key: rank for rank, key in enumerate(order, 1)}
        ranks = sorted(filter(None, map(self._rank.get, query)))
        return list(map(self._by_rank.__getitem__, ranks[: self.RARE_FEATURES]))

    def _shortlist(self, query: Vector, exclude: int | None) -> list[int]:
        """The ``SHORTLIST`` candidates sharing the most rare features, as ``Counter.most_common`` would rank them."""
        rare = self._rarest(query)
        counts = self._shared_counts(rare)
        if exclude is not None:
            counts[exclude] = 0
        present = counts.translate(None, _below(1))
        if len(present) <= self.SHORTLIST:
            return _positions(counts, _above(0))
        # The cut: the highest count that at least SHORTLIST candidates reach.
        low, high = 1, self.RARE_FEATURES
        while low < high:
            middle = (low + high + 1) // 2
            if len(present.translate(None, _below(middle))) >= self.SHORTLIST:
                low = middle
            else:
                high = middle - 1
        chosen = _positions(counts, _above(low))
        # Candidates at the cut compete for the places left as in most_common(): by where
        # they first appear in the postings of the rare features, rarest feature first.
        tied = set(_positions(counts, _equal(low)))
        need = self.SHORTLIST - len(chosen)
        for key in rare:
            met = tied.intersection(self.postings[key])
            if met:
                chosen += sorted(met)[:need]
                need -= len(met)
                if need <= 0:
                    break
                tied -= met
        return chosen

    def _shared_counts(self, rare: list[str]) -> bytearray:
        """For each candidate, how many of the ``rare`` features it has: one byte per candidate.

        A frequent feature's postings are kept as one integer with a byte per candidate, so
        that adding them counts every candidate at once in C: the rarest features of a
        claim are not rare at all in a large map of ordinary words, and counting their
        postings one number at a time was most of the cost of a query. Features too rare
        to repay that (or beyond ``PACKED_BYTES``) are counted from their postings.
        """
        assert self.RARE_FEATURES < 256, "a count must fit in its byte"
        packed = list(map(self._packed.__getitem__, rare))
        counts = bytearray(sum(packed).to_bytes(len(self.vectors), "little"))
        if 0 in packed:
            loose = (key for key, value in zip(rare, packed, strict=True) if not value)
            for number in chain.from_iterable(map(self.postings.__getitem__, loose)):
                counts[number] += 1
        return counts


# Tables for bytes.translate, made when first asked for: building all of them would cost
# every command a few milliseconds at start-up, and a small comparison needs none.


@cache
def _below(level: int) -> bytes:
    """The byte values below ``level``, to delete counts below it with ``bytes.translate``."""
    return bytes(range(level))


@cache
def _above(level: int) -> bytes:
    """A table that turns counts above ``level`` into 1, the others into 0."""
    return bytes(value > level for value in range(256))


@cache
def _equal(level: int) -> bytes:
    """A table that turns counts equal to ``level`` into 1, the others into 0."""
    return bytes(value == level for value in range(256))


def _positions(counts: bytearray, table: bytes) -> list[int]:
    """Where ``counts.translate(table)`` is 1, in order."""
    flags = counts.translate(table)
    found: list[int] = []
    place = flags.find(1)
    while place >= 0:
        found.append(place)
        place = flags.find(1, place + 1)
    return found


class _Packed(dict[str, int]):
    """A feature's postings as bytes of 0 and 1 read as one integer, made on first use; 0 where that does not pay."""

    def __init__(self, index: Index) -> None:
        super().__init__()
        self.postings, self.size, self.budget = index.postings, len(index.vectors), index.PACKED_BYTES

    def __missing__(self, key: str) -> int:
        posting = self.postings[key]
        # One addition costs about as much per 250 candidates as counting one posting does.
        if len(posting) * 256 < self.size or self.budget < self.size:
            self[key] = 0
            return 0
        row = bytearray(self.size)
        for number in posting:
            row[number] = 1
        self.budget -= self.size
        value = self[key] = int.from_bytes(row, "little")
        return value


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
