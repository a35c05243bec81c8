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
import string
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import accumulate, chain, compress, count, groupby, islice, repeat
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
    unsearched: str | None = None
    """Why no closest passage was looked for (a quote too long, the search budget spent)."""
    verified: bool = True
    """False when the quote was not looked for at all, the scanning budget being spent."""


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

    _budget: SearchBudget | None = None
    _passage_index: tuple[list[str], list[str], dict[str, list[int]]] | None = None

    def __init__(self, text: str, budget: SearchBudget | None = None) -> None:
        self.raw = text
        self.normal = normalise(text)
        self._budget = budget
        self._lowered: str | None = None
        self._tokens: tuple[list[str], list[str], list[int]] | None = None

    @property
    def budget(self) -> SearchBudget:
        """The budget of look-ups: the one given (``check`` shares one), else the article's own."""
        if self._budget is None:
            self._budget = SearchBudget()
        return self._budget

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
        """Whether each quote is in the article (False also for a quote the budget left unchecked)."""
        return [found is True for found in self.verify_all(quotes)]

    def verify_all(self, quotes: Sequence[str]) -> list[bool | None]:
        """Whether each quote is in the article; None where the scanning budget was spent first.

        In a long article, quotes of three words or more are looked up together by the
        words they start with, in a pass over the article's words; the rest (short quotes,
        quotes starting mid-word, quotes with gaps) are scanned for, each scan charged to
        the budget (:data:`SCAN_BUDGET` characters) so that a million quotes cannot each
        scan a long article.
        """
        needles = [normalise(quote).strip(" .") for quote in quotes]
        found = [False] * len(needles)
        if len(self.normal) >= _INDEX_FROM:
            # Three words make keys rare enough that few places in the article need a closer
            # look; quotes of exactly three words are keyed by their first two.
            self._find_by_first_words(needles, found, 3)
            self._find_by_first_words(needles, found, 2)
        result: list[bool | None] = list(found)
        for index, needle in enumerate(needles):
            if not found[index] and needle:
                # A scan reads the text once per case of the first letter; gaps, once more.
                scanned = len(self.normal) * (4 if "..." in needle else 2)
                result[index] = self._scan(needle) if self.budget.scan(scanned) else None
        return result

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
            Match(True) if found else self._closest(quote) if found is False else _UNVERIFIED
            for quote, found in zip(quotes, self.verify_all(quotes), strict=True)
        ]

    def match(self, quote: str) -> Match:
        return self.match_all([quote])[0]

    def closest(self, quote: str) -> tuple[str | None, float]:
        """The passage of the article most like ``quote``, and how alike they are (0 to 1)."""
        match = self._closest(quote)
        return match.closest, match.similarity

    # ------------------------------------------------------------------ the closest passage

    def _passages(self) -> tuple[list[str], list[str], dict[str, list[int]]]:
        """The article's words as written, their keys, and where each key occurs; built on first use."""
        if self._passage_index is None:
            with collector_paused():
                words = self.raw.split()
                keys = _keys(words)
                # sorted is stable: each key's positions come out in the article's order.
                order = sorted(range(len(keys)), key=keys.__getitem__)
                index = {key: list(group) for key, group in groupby(order, keys.__getitem__) if key}
            self._passage_index = words, keys, index
        return self._passage_index

    def _closest(self, quote: str) -> Match:
        """The passage most like ``quote``: near-linear in the article, and within the search budget.

        1. Every window of the quote's length is scored by the words it shares with the quote
           (as a multiset), in one sliding pass over the places where the quote's words occur.
        2. The best windows of a few separate regions are compared word by word, and each
           region's best is refined by shifting its start and changing its length a little.
        3. The best few are compared character by character (quotes up to
           :data:`CLOSEST_CHAR_LIMIT` characters), as ``difflib`` measures them.
        """
        wanted = normalise(quote)
        size = max(1, len(wanted.split()))
        if size > CLOSEST_MAX_WORDS:
            return Match(False, unsearched=f"it is longer than {CLOSEST_MAX_WORDS} words")
        words, keys, index = self._passages()
        wanted_keys = [key for key in _keys(quote.split()) if key]
        need = Counter(wanted_keys)
        occurrences = [index[key] for key in need if key in index]
        if not words or not occurrences:
            return Match(False)
        by_chars = len(wanted) <= CLOSEST_CHAR_LIMIT
        refine = min(max(1, size // 4), _SHIFT)
        # In units of about a microsecond: visiting a place costs two; comparing by words costs
        # more for a quote repeating words ("the the the"), by characters about the square
        # of the length.
        by_words_cost = 2 * size + sum(n * n for n in need.values())
        cost = 2 * sum(map(len, occurrences)) + (_REGIONS + 2 * (2 * refine + 1) * 3) * by_words_cost
        cost += _FINALISTS * max(2 * len(wanted), len(wanted) ** 2 // 60) if by_chars else 0
        if not self.budget.spend(cost):
            return Match(False, unsearched="the closest-passage search budget of this check is spent")
        size = min(size, len(words))
        last = len(words) - size
        starts = _best_regions(sorted(chain.from_iterable(occurrences)), keys, need, size)
        words_matcher = SequenceMatcher(autojunk=False)
        words_matcher.set_seq2(wanted_keys)

        def by_words(start: int, length: int) -> float:
            words_matcher.set_seq1([key for key in keys[start : start + length] if key])
            return words_matcher.ratio()

        regions = sorted(((by_words(min(s, last), size), -min(s, last)) for s in starts), reverse=True)
        tried: dict[tuple[int, int], float] = {}
        for _, negative in regions[:2]:
            best = -negative
            for start in range(max(0, best - refine), min(len(words), best + refine + 1)):
                for length in (size - 1, size, size + 1):
                    if length >= 1 and (start, length) not in tried:
                        tried[start, length] = by_words(start, length)
        # The earliest of equals, as a reader scanning the article would find it.
        finalists = sorted(tried, key=lambda place: (-tried[place], place))[:_FINALISTS]
        if not by_chars:
            start, length = finalists[0]
            return Match(False, " ".join(words[start : start + length]), tried[start, length])
        chars_matcher = SequenceMatcher(autojunk=False)
        chars_matcher.set_seq2(wanted)
        best_place, best_score = finalists[0], -1.0
        for start, length in finalists:
            chars_matcher.set_seq1(normalise(" ".join(words[start : start + length])))
            score = chars_matcher.ratio()
            if score > best_score:
                best_place, best_score = (start, length), score
        start, length = best_place
        return Match(False, " ".join(words[start : start + length]), best_score)


CLOSEST_MAX_WORDS = 500
"""A quote longer than this many words gets no closest passage (a quote is a sentence at most)."""
CLOSEST_CHAR_LIMIT = 300
"""Longer quotes are compared with passages word by word only: by characters costs their square."""
CLOSEST_WORK_BUDGET = 3_000_000
"""Work units (about a microsecond each) one ``check`` may spend looking for closest passages,
several times what the flagship maps need with every quote wrong. Beyond it, a quote that is not
found is reported without one."""
SCAN_BUDGET = 10_000_000_000
"""Characters of article text one ``check`` may scan for quotes the word index does not find
(several seconds of scanning); beyond it, quotes are reported as not verified."""
_REGIONS = 4
"""Separate regions of the article whose best windows are compared word by word."""
_SHIFT = 3
"""How many words a region's best window is shifted each way when it is refined."""
_FINALISTS = 6
"""Passages compared character by character at the end."""
_KEY_MARKS = str.maketrans(dict.fromkeys(string.punctuation + "\u2018\u2019\u201c\u201d\u2014\u2013\u2026"))


def _keys(words: list[str]) -> list[str]:
    """Each word lower-cased without its punctuation (``Russia’s`` → ``russias``): "" for a dash alone."""
    return list(map(str.translate, map(str.lower, words), repeat(_KEY_MARKS)))


def _best_regions(places: list[int], keys: list[str], need: Counter[str], size: int) -> list[int]:
    """Starts of the windows of ``size`` words sharing most words with the quote, one per region.

    ``places`` are the sorted positions of the quote's words in the article. A best window
    can always start at one of them (a word the quote lacks adds nothing at the start), so
    only those starts are scored, each window's count kept up to date as it slides.
    """
    # missing[key]: how many more of the key the window could use (negative: it has extra ones).
    missing = dict(need)
    in_order = list(map(keys.__getitem__, places))
    ends = list(map(bisect_left, repeat(places), map(add, places, repeat(size))))
    shared, end, scores = 0, 0, []
    for key, stop in zip(in_order, ends, strict=True):
        if stop > end:  # the ends only grow: places are sorted
            for entering in in_order[end:stop]:
                shared += missing[entering] > 0
                missing[entering] -= 1
            end = stop
        scores.append(-shared)
        missing[key] += 1
        shared -= missing[key] > 0
    chosen: list[int] = []
    for _, place in sorted(zip(scores, places, strict=True)):
        if all(abs(place - other) > size // 2 for other in chosen):
            chosen.append(place)
            if len(chosen) == _REGIONS:
                break
    return chosen


class SearchBudget:
    """Work quote look-ups may still do; shared by every article of one ``check``."""

    def __init__(self, units: int = CLOSEST_WORK_BUDGET, characters: int = SCAN_BUDGET) -> None:
        self.left = units
        self.characters_left = characters

    def spend(self, units: int) -> bool:
        """Take ``units`` of closest-passage work if that many are left; False (nothing taken) if not."""
        if units > self.left:
            return False
        self.left -= units
        return True

    def scan(self, characters: int) -> bool:
        """Take ``characters`` of scanning if that many are left; False (nothing taken) if not."""
        if characters > self.characters_left:
            return False
        self.characters_left -= characters
        return True


_UNVERIFIED = Match(
    False,
    unsearched=f"this check has scanned its {SCAN_BUDGET:,} characters of article text",
    verified=False,
)
