"""Quote anchoring: is a map's quote really in its article, and if not, what is closest?

Both sides are normalised the same way before matching: typographic quotes and
dashes become ASCII, spaced ellipses (". . .") and "…" become "...", runs of white
space become one space, and the case of a quote's first letter is ignored (a quote
taken from mid-sentence starts lower-case; one that starts a sentence of the map
upper-case). "..." inside a quote stands for omitted words: the parts must appear in
order, and the first letter of each part may differ in case.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher

from argmap._gc import collector_paused

_TRANSLATE = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u2026": "...",
    }
)
_SPACED_ELLIPSIS = re.compile(r"\.(?:\s*\.){2,}")
_SPACE = re.compile(r"\s+")
_DASH_SPACING = re.compile(r"\s*-\s*")


def normalise(text: str) -> str:
    """The form in which quotes and articles are compared.

    >>> normalise("It’s here — “to stay” . . . Really")
    'It\\'s here-"to stay" ... Really'
    """
    text = text.translate(_TRANSLATE)
    text = _SPACED_ELLIPSIS.sub("...", text)
    text = _SPACE.sub(" ", text)
    # Dashes are spaced inconsistently ("work with Washington—but" vs "years - namely").
    text = _DASH_SPACING.sub("-", text)
    return text.strip()


def _find(haystack: str, needle: str, start: int = 0) -> int:
    """Index of ``needle`` in ``haystack`` from ``start``, the needle's first letter in either case."""
    head, rest = needle[0], needle[1:]
    best = -1
    for variant in {head.lower(), head.upper(), head}:
        found = haystack.find(variant + rest, start)
        if found >= 0 and (best < 0 or found < best):
            best = found
    return best


@dataclass(frozen=True)
class Match:
    found: bool
    closest: str | None = None
    similarity: float = 0.0


_KEYS = (32, 12)
_INDEX_FROM = 100_000
"""Articles longer than this (in characters) get a word-start index: scanning the whole
text for each of thousands of quotes would be quadratic."""
_WORD_STARTS = {size: re.compile(rf"(?<![\w'])(?=(\w.{{0,{size - 1}}}))", re.DOTALL) for size in _KEYS}


class Article:
    """An article's text, normalised once for many quote look-ups."""

    def __init__(self, text: str) -> None:
        self.raw = text
        self.normal = normalise(text)
        self._lowered: str | None = None
        self._positions: list[int] | None = None
        self._starts: dict[int, tuple[dict[str, int], dict[str, list[int]]]] = {}

    def _index(self, size: int) -> tuple[dict[str, int], dict[str, list[int]]] | None:
        """The article's word starts by their first ``size`` characters, built on first use.

        Keys are lower-cased so that one look-up serves either case of a quote's first
        letter. findall and finditer run in C and see the same matches, so keys and
        positions pair up in C too; only keys that repeat get a list, in a Python loop.
        """
        if self._lowered is None:
            lowered = self.normal.lower()
            # A few letters lower-case to two characters, which would shift every position.
            self._lowered = lowered if len(lowered) == len(self.normal) else ""
        if not self._lowered:
            return None
        if size not in self._starts:
            with collector_paused():
                if self._positions is None:
                    self._positions = [m.start() for m in _WORD_STARTS[_KEYS[0]].finditer(self._lowered)]
                keys = _WORD_STARTS[size].findall(self._lowered)
                first = dict(zip(keys, self._positions, strict=True))
                repeated: dict[str, list[int]] = {}
                if len(first) < len(keys):
                    repeated = {key: [] for key, count in Counter(keys).items() if count > 1}
                    for key, at in zip(keys, self._positions, strict=True):
                        bucket = repeated.get(key)
                        if bucket is not None:
                            bucket.append(at)
                self._starts[size] = (first, repeated)
        return self._starts[size]

    def _indexed_find(self, needle: str) -> int | None:
        """Where ``needle`` starts at a word start, via the index; None when the index cannot say."""
        if len(self.normal) < _INDEX_FROM or not needle[0].isalnum():
            return None
        size = next((size for size in _KEYS if len(needle) >= size), None)
        index = self._index(size) if size is not None else None
        if size is None or index is None:
            return None
        first, repeated = index
        key = needle[:size].lower()
        candidates = repeated.get(key) or ([first[key]] if key in first else [])
        rest = needle[1:]
        for at in candidates:
            if self.normal.startswith(rest, at + 1):
                return at
        return None

    def contains(self, quote: str) -> bool:
        needle = normalise(quote).strip(" .")
        if not needle:
            return False
        if self._indexed_find(needle) is not None:
            return True
        # A quote may start mid-word, which the index does not cover: scan before giving up.
        if _find(self.normal, needle) >= 0:
            return True
        parts = [part.strip() for part in needle.split("...") if part.strip()]
        if len(parts) < 2:
            return False
        position = 0
        for part in parts:
            found = _find(self.normal, part, position)
            if found < 0:
                return False
            position = found + len(part)
        return True

    def match(self, quote: str) -> Match:
        if self.contains(quote):
            return Match(True)
        closest, score = self.closest(quote)
        return Match(False, closest, score)

    def closest(self, quote: str) -> tuple[str | None, float]:
        """The passage of the article most like ``quote``, by word windows of the quote's length."""
        words = self.raw.split()
        wanted = normalise(quote)
        size = max(1, len(wanted.split()))
        if not words:
            return None, 0.0
        matcher = SequenceMatcher(autojunk=False)
        matcher.set_seq2(wanted)
        best, best_score = 0, -1.0
        step = max(1, size // 4)
        for start in range(0, max(1, len(words) - size + 1), step):
            window = normalise(" ".join(words[start : start + size]))
            matcher.set_seq1(window)
            if matcher.real_quick_ratio() <= best_score or matcher.quick_ratio() <= best_score:
                continue
            score = matcher.ratio()
            if score > best_score:
                best, best_score = start, score
        # Refine around the best coarse window by single-word shifts and length changes.
        refined = best, size
        for start in range(max(0, best - step), min(len(words), best + step + 1)):
            for length in (size - 1, size, size + 1):
                if length < 1:
                    continue
                matcher.set_seq1(normalise(" ".join(words[start : start + length])))
                score = matcher.ratio()
                if score > best_score:
                    refined, best_score = (start, length), score
        start, length = refined
        return " ".join(words[start : start + length]), best_score
