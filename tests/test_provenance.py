"""Quote anchoring: normalisation, gaps, and the closest passage."""

from __future__ import annotations

from argmap.provenance import Article, normalise

TEXT = "China and Russia’s budding relationship is still primarily transactional. Their interests don’t coincide."


def test_typographic_and_ascii_forms_match() -> None:
    """Curly quotes, dashes, spaced ellipses and white space normalise to one form."""
    assert normalise("“It’s”  here — now . . . then…") == normalise('"It\'s" here - now ... then...')


def test_first_letter_case_is_ignored_but_not_inner_case() -> None:
    """A quote may change the case of its first letter only."""
    article = Article(TEXT)
    assert article.contains("their interests don't coincide")
    assert not article.contains("their Interests don't coincide")


def test_ellipsis_in_a_quote_is_a_gap_in_order() -> None:
    """'...' skips words, but the parts must appear in the article's order."""
    article = Article(TEXT)
    assert article.contains("China and Russia's ... primarily transactional")
    assert not article.contains("primarily transactional ... China and Russia's")


def test_closest_passage_is_reported_for_a_paraphrase() -> None:
    """A near-miss quote yields the article's most similar passage."""
    match = Article(TEXT).match("budding relationship is mainly transactional")
    assert not match.found
    assert match.closest == "budding relationship is still primarily transactional."
    assert match.similarity > 0.7


def test_long_articles_answer_as_a_full_scan_would() -> None:
    """Above the indexing threshold, look-ups agree with scanning: repeats, case, mid-word starts, misses."""
    import random

    from argmap import provenance

    rng = random.Random(3)
    words = [
        *("alliance", "Moscow", "Beijing", "votes", "sanctions", "naval", "drill", "partnership", "it's"),
        *('"quoted', "(aside", "words,", "end.", "U.S.-Russian", "[sic]", "'single'"),
    ]
    text = " ".join(rng.choice(words) for _ in range(provenance._INDEX_FROM // 5))
    article = Article(text)
    assert len(article.normal) > provenance._INDEX_FROM
    spans = [text[i : i + length] for i in range(0, 5_000, 97) for length in (8, 20, 40, 90)]
    # Quotes of one to five whole words, starting at every kind of token, marks included.
    tokens = text.split(" ")
    spans += [" ".join(tokens[i : i + n]) for i in range(0, 3_000, 7) for n in (1, 2, 3, 4, 5)]
    spans += [span.lstrip('"([') for span in spans[-200:]]
    # The same openings with an ending the article never has: found by their first words, then refused.
    spans += [" ".join([*tokens[i : i + n], "nowhere"]) for i in range(0, 3_000, 11) for n in (2, 3, 4)]
    quotes = [
        *spans,
        "moscow votes sanctions",
        "lliance Moscow",
        "Alliance that never was",
        "votes . . . naval",
    ]
    naive = Article.__new__(Article)
    naive.raw, naive.normal, naive._lowered = text, article.normal, ""
    for quote in quotes:
        assert article.contains(quote) == naive.contains(quote), quote
    assert not article.contains("Alliance that never was")
