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
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import accumulate, compress, count, islice, repeat
from operator import add

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


def normalise(text: str) -> str:
    """The form in which quotes and articles are compared.

    >>> normalise("It’s here — “to stay” . . . Really")
    'It\\'s here-"to stay" ... Really'
    """
    text = text.translate(_TRANSLATE)
    text = _SPACED_ELLIPSIS.sub("...", text)
    # str.split and the regex \s agree on what white space is; split and join run in C.
    text = " ".join(text.split())
    # Dashes are spaced inconsistently ("work with Washington—but" vs "years - namely").
    return text.replace(" -", "-").replace("- ", "-")


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


_INDEX_FROM = 100_000
"""Articles longer than this (in characters) are looked up by words: scanning the whole
text for each of thousands of quotes would be quadratic."""
_LEADING_MARKS = "\"'([{*"
"""Marks that may open a word inside a space-separated token (a quotation, a parenthesis)."""


def _head(token: str) -> str:
    return token.lstrip(_LEADING_MARKS)


def _heads(tokens: list[str]) -> list[str]:
    return list(map(str.lstrip, tokens, repeat(_LEADING_MARKS)))


class Article:
    """An article's text, normalised once for many quote look-ups."""

    def __init__(self, text: str) -> None:
        self.raw = text
        self.normal = normalise(text)
        self._lowered: str | None = None
        self._tokens: tuple[list[str], list[str], list[int]] | None = None

    def _words(self) -> tuple[list[str], list[str], list[int]] | None:
        """The article's tokens (lower-cased), their heads (opening marks stripped) and offsets.

        Built on first use, with C-speed builtins only (split, map, accumulate): a Python loop
        over every word of a long article would cost more than all the look-ups together.
        None when lower-casing changes the text's length (a few letters lower-case to two
        characters), since offsets in the lower-cased text would then be wrong.
        """
        if self._lowered is None:
            lowered = self.normal.lower()
            self._lowered = lowered if len(lowered) == len(self.normal) else ""
        if not self._lowered:
            return None
        if self._tokens is None:
            with collector_paused():
                tokens = self._lowered.split(" ")
                # The normal form has single spaces, so a token starts after its predecessors and their spaces.
                starts = list(map(add, accumulate(map(len, tokens), initial=0), count()))
                self._tokens = tokens, _heads(tokens), starts
        return self._tokens

    def find_all(self, quotes: Sequence[str]) -> list[bool]:
        """Whether each quote is in the article.

        In a long article, quotes of three words or more are looked up together by the
        words they start with, in a pass over the article's words; the rest (short quotes,
        quotes starting mid-word, quotes with gaps) are scanned for.
        """
        needles = [normalise(quote).strip(" .") for quote in quotes]
        found = [False] * len(needles)
        if len(self.normal) >= _INDEX_FROM:
            # Three words make keys rare enough that few places in the article need a closer
            # look; quotes of exactly three words are keyed by their first two.
            self._find_by_first_words(needles, found, 3)
            self._find_by_first_words(needles, found, 2)
        for index, needle in enumerate(needles):
            if not found[index] and needle:
                found[index] = self._scan(needle)
        return found

    def _find_by_first_words(self, needles: list[str], found: list[bool], width: int) -> None:
        """Find the quotes of more than ``width`` words by their first ``width`` words."""
        # Keys are tuples of words, not joined strings: the article's tuples come from zip,
        # which reuses one tuple when nothing keeps it, and hash from their words' cached hashes.
        waiting: dict[tuple[str, ...], list[int]] = {}
        for index, needle in enumerate(needles):
            words = needle.lower().split(" ", width)
            # The last word of the key must be followed by a space in the quote to be whole.
            if not found[index] and len(words) == width + 1:
                waiting.setdefault((_head(words[0]), *words[1:width]), []).append(index)
        indexed = self._words() if waiting else None
        if indexed is None:
            return
        tokens, heads, starts = indexed
        lowered, normal = self._lowered or "", self.normal
        # The shifted runs are shorter: zip stops at the last place a whole key fits.
        shifted = (islice(tokens, shift, None) for shift in range(1, width))
        keys = zip(heads, *shifted, strict=False)
        # Keys leave `waiting` once all their quotes are found, so later places skip them.
        for at in compress(count(), map(waiting.__contains__, keys)):
            key = (heads[at], *tokens[at + 1 : at + width])
            indexes = waiting[key]
            word_start = starts[at] + len(tokens[at]) - len(heads[at])
            for index in list(indexes):
                needle = needles[index]
                # The quote's opening marks (a quotation mark, a parenthesis) come before the word.
                start = word_start - (len(needle) - len(needle.lstrip(_LEADING_MARKS)))
                if (
                    start >= 0
                    and lowered[start] == needle[0].lower()
                    and normal.startswith(needle[1:], start + 1)
                ):
                    found[index] = True
                    indexes.remove(index)
            if not indexes:
                del waiting[key]

    def _scan(self, needle: str) -> bool:
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

    def contains(self, quote: str) -> bool:
        return self.find_all([quote])[0]

    def match_all(self, quotes: Sequence[str]) -> list[Match]:
        """A :class:`Match` for each quote, with the closest passage for those not found."""
        return [
            Match(True) if found else Match(False, *self.closest(quote))
            for quote, found in zip(quotes, self.find_all(quotes), strict=True)
        ]

    def match(self, quote: str) -> Match:
        return self.match_all([quote])[0]

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
