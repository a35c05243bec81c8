"""`argmap compare` and :func:`argmap.compare.compare`: positions, verdicts, order, evidence, suggestions, views."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from argmap.compare import compare, shared_vocabulary
from argmap.loader import load_document, validate_map
from argmap.model import ArgumentMap
from argmap.render.compare_view import comparison_view
from argmap.render.terminal import plain_text
from conftest import ARGUMENTS, FIXTURES, assert_golden

PAIR = FIXTURES / "pair"
ALPHA, BETA = str(PAIR / "alpha.yaml"), str(PAIR / "beta.yaml")
HOSTILE = str(FIXTURES / "hostile" / "hostile.yaml")
JOSCELYN = ARGUMENTS / "joscelyn-2020-most-dangerous-alliance.yaml"
GABUEV = ARGUMENTS / "gabuev-2017-good-cop-bad-cop.yaml"
flagship = pytest.mark.skipif(
    not (JOSCELYN.exists() and GABUEV.exists()), reason="flagship maps not written yet"
)


def _map(thesis: dict[str, object]) -> ArgumentMap:
    argument_map, _ = validate_map(
        {"source": {"authors": ["T Tester"], "date": "2020"}, "thesis": thesis}, "t", None
    )  # type: ignore[arg-type]
    return argument_map


@pytest.mark.parametrize("width", [80, 160])
def test_pair_golden(run: Callable[..., Result], width: int) -> None:
    """The fixture pair compares stacked at 80 columns and side by side at 160."""
    result = run("compare", ALPHA, BETA, "--width", str(width))
    assert result.exit_code == 0
    assert_golden(f"terminal/compare-pair-{width}.txt", result.stdout)


def test_verdicts_and_default_order() -> None:
    """Rows come disagreements first, then one-sided questions, then agreements, with both positions named."""
    documents = [load_document(ALPHA), load_document(BETA)]
    comparison = compare(*documents, shared_vocabulary(documents))
    assert [(row.question, row.verdict) for row in comparison.rows] == [
        ("nature", "disagree"),
        ("un-votes", "only_a"),
        ("economy", "only_b"),
        ("durability", "agree"),
    ]
    nature = comparison.rows[0]
    assert nature.a is not None
    assert nature.b is not None
    assert (nature.a.position, nature.b.position) == (nature.a.positions[0], nature.b.positions[0])
    assert nature.b.position is not None
    assert nature.b.position.label == "transactional partnership"


def test_sort_question_keeps_vocabulary_order(run: Callable[..., Result]) -> None:
    """--sort question lists rows in the vocabulary's order."""
    data = json.loads(run("compare", ALPHA, BETA, "--sort", "question", "--format", "json").stdout)
    assert [row["question"] for row in data["rows"]] == ["nature", "durability", "un-votes", "economy"]
    assert data["sort"] == "question"


def test_primary_position_is_the_shallowest_then_the_most_frequent() -> None:
    """A map holding two positions keeps both; the shallowest wins, and among equals the more frequent."""
    claim = {"kind": "claim", "question": "q"}
    deep = _map(
        {
            "id": "t",
            "text": "t",
            "children": [
                {**claim, "id": "a", "text": "a", "position": "x"},
                {**claim, "id": "b", "text": "b", "position": "y"},
                {**claim, "id": "c", "text": "c", "position": "y"},
                {
                    "kind": "claim",
                    "id": "d",
                    "text": "d",
                    "children": [{**claim, "id": "e", "text": "e", "position": "z"}],
                },
            ],
        }
    )
    other = _map({"id": "t", "text": "t", "question": "q", "position": "z"})
    row = compare(deep, other).rows[0]
    assert row.a is not None
    assert row.b is not None
    assert [ref.id for ref in row.a.positions] == ["y", "x", "z"]
    assert row.verdict == "disagree"
    assert (
        compare(
            other,
            _map({"id": "t", "text": "t", "children": [{**claim, "id": "z1", "text": "z", "position": "z"}]}),
        )
        .rows[0]
        .verdict
        == "agree"
    )


def test_evidence_behind_a_claim() -> None:
    """Evidence counts come through untagged supporting claims and also_supports links, not through tagged ones."""
    tagged = {"kind": "claim", "question": "q", "position": "x"}
    argument_map = _map(
        {
            "id": "t",
            "text": "t",
            "children": [
                {
                    **tagged,
                    "id": "top",
                    "text": "top",
                    "children": [
                        {"kind": "evidence", "type": "event", "id": "e1", "text": "e1"},
                        {
                            "kind": "claim",
                            "id": "why",
                            "text": "why",
                            "children": [{"kind": "evidence", "type": "vote", "id": "e2", "text": "e2"}],
                        },
                        {
                            **tagged,
                            "id": "sub",
                            "text": "sub",
                            "children": [{"kind": "evidence", "type": "vote", "id": "e3", "text": "e3"}],
                        },
                        {
                            "kind": "objection",
                            "id": "but",
                            "text": "but",
                            "children": [{"kind": "evidence", "type": "vote", "id": "e4", "text": "e4"}],
                        },
                    ],
                },
                {"kind": "evidence", "type": "statistic", "id": "e5", "text": "e5", "also_supports": ["top"]},
            ],
        }
    )
    stance = compare(argument_map, argument_map).rows[0].a
    assert stance is not None
    assert {claim.id: claim.evidence for claim in stance.claims} == {
        "top": ("e1", "e2", "e5"),
        "sub": ("e3",),
    }


def test_shared_evidence_by_topic_says_how_each_author_uses_it() -> None:
    """Evidence with the same topic pairs up, each side with the claim it serves."""
    documents = [load_document(ALPHA), load_document(BETA)]
    shared = compare(*documents, shared_vocabulary(documents)).shared_evidence
    assert [(item.match, item.topic) for item in shared] == [
        ("topic", "naval-drills"),
        ("topic", "un-sanctions"),
    ]
    assert (shared[0].a[0].serves_id, shared[0].b[0].serves_id) == ("drills-signal", "here-to-stay")


def test_untagged_evidence_pairs_by_similar_text() -> None:
    """Two untagged evidence items describing the same event are paired with their similarity score."""

    def one(text: str) -> ArgumentMap:
        evidence = {"kind": "evidence", "type": "vote", "id": "v", "text": text, "date": "2017-09"}
        return _map(
            {
                "id": "t",
                "text": "t",
                "children": [{"kind": "claim", "id": "c", "text": "c", "children": [evidence]}],
            }
        )

    first = one("Russia watered down Resolution 2375 on North Korean oil imports at the Security Council.")
    second = one("At the Security Council, Moscow diluted Resolution 2375's cap on North Korean oil imports.")
    shared = compare(first, second).shared_evidence
    assert len(shared) == 1
    assert shared[0].match == "text"
    assert shared[0].score is not None
    assert not compare(first, one("Arms sales grew every year.")).shared_evidence


def test_unaligned_claims_get_the_closest_claims_of_the_other_author() -> None:
    """Each claim without a question lists up to three claims of the other map, best first, with scores."""
    documents = [load_document(ALPHA), load_document(BETA)]
    unaligned = compare(*documents, shared_vocabulary(documents)).unaligned
    assert [(item.side, item.id) for item in unaligned] == [
        ("a", "sanctions-vote"),
        ("a", "sanctions-walkback"),
        ("a", "drills-signal"),
        ("b", "sanctions-dilution"),
    ]
    suggestions = unaligned[-1].suggestions
    assert len(suggestions) == 3
    assert [s.score for s in suggestions] == sorted((s.score for s in suggestions), reverse=True)
    assert suggestions[0].question == "un-votes"


def test_json_is_documented_shape(run: Callable[..., Result]) -> None:
    """--format json has the top-level keys docs/compare-json.md documents and a summary that adds up."""
    data = json.loads(run("compare", ALPHA, BETA, "--format", "json").stdout)
    assert list(data) == [
        "kind",
        "version",
        "a",
        "b",
        "sort",
        "rows",
        "shared_evidence",
        "unaligned",
        "summary",
    ]
    summary = data["summary"]
    assert (
        summary["questions"] == summary["disagree"] + summary["agree"] + summary["only_a"] + summary["only_b"]
    )


def test_hostile_text_prints_literally(run: Callable[..., Result]) -> None:
    """Markup and escape sequences in both authors' text come out literally, stacked and side by side."""
    for width in ("80", "160"):
        out = run("compare", HOSTILE, BETA, "--width", width).stdout
        assert "[bold red]x[/]" in out
        assert "[link=http://evil]Markup[/link]" in out
        assert "\\x1b[2J" in out
        assert "\\x1b]8;;http://evil\\x07" in out
        assert "\\u202etxet" in out
        assert not any(char in out for char in "\x1b\x07\u202e")


def test_different_vocabularies_need_a_choice(run: Callable[..., Result]) -> None:
    """Maps with different vocabularies exit 2 unless --vocabulary picks one."""
    if not GABUEV.exists():
        pytest.skip("flagship map not written yet")
    result = run("compare", ALPHA, str(GABUEV))
    assert result.exit_code == 2
    assert "different vocabularies" in result.output
    assert run("compare", ALPHA, str(GABUEV), "--vocabulary", str(PAIR / "questions.yaml")).exit_code == 0


def test_nothing_is_cut_mid_word() -> None:
    """Every word of every claim appears whole in the 80- and 120-column views."""
    documents = [load_document(ALPHA), load_document(BETA)]
    comparison = compare(*documents, shared_vocabulary(documents))
    for width in (80, 120):
        words = set(plain_text(comparison_view(comparison, width), width).split())
        for row in comparison.rows:
            for stance in (row.a, row.b):
                for claim in stance.claims if stance else ():
                    assert set(claim.text.split()) <= words


def test_output_file(run: Callable[..., Result], tmp_path: Path) -> None:
    """-o writes the plain comparison to a file."""
    target = tmp_path / "cmp.txt"
    assert run("compare", ALPHA, BETA, "-o", str(target)).exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("A  Alpha 2020")


@flagship
@pytest.mark.parametrize("width", [80, 160])
def test_flagship_golden(run: Callable[..., Result], width: int) -> None:
    """Joscelyn against Gabuev reads as reviewed, stacked at 80 columns and side by side at 160."""
    result = run("compare", str(JOSCELYN), str(GABUEV), "--width", str(width))
    assert result.exit_code == 0
    assert_golden(f"terminal/compare-flagship-{width}.txt", result.stdout)


@flagship
def test_flagship_nature_is_a_disagreement(run: Callable[..., Result]) -> None:
    """In JSON the nature row is a disagreement: alliance (Joscelyn) against transactional partnership (Gabuev)."""
    data = json.loads(run("compare", str(JOSCELYN), str(GABUEV), "--format", "json").stdout)
    nature = next(row for row in data["rows"] if row["question"] == "nature")
    assert nature["verdict"] == "disagree"
    assert nature["a"]["position"]["id"] == "alliance"
    assert nature["b"]["position"] == {"id": "transactional", "label": "transactional partnership"}
    assert data["a"]["label"] == "Joscelyn 2020"
    assert data["b"]["label"] == "Gabuev 2017"


@flagship
def test_flagship_shares_naval_exercises_and_security_council_votes() -> None:
    """Both flagship articles cite joint naval exercises and Security Council votes on North Korea."""
    documents = [load_document(JOSCELYN), load_document(GABUEV)]
    topics = {item.topic for item in compare(*documents, shared_vocabulary(documents)).shared_evidence}
    assert {"joint-naval-exercises", "unsc-north-korea-sanctions"} <= topics


def test_limit_lists_the_first_unaligned_claims_of_each_author_and_counts_the_others(
    run: Callable[..., Result],
) -> None:
    """--limit 1 lists one unaligned claim per author and says how many more the author has."""
    out = run("compare", ALPHA, BETA, "--limit", "1").stdout
    assert "Unaligned claims (4): no question yet" in out
    assert out.count("Alpha 2020 · ") == 1
    assert "… and 2 more by Alpha 2020; --limit 0 or --format json lists them all" in out
    assert out.count("Beta 2017 · ") == 1
    assert "more by Beta 2017" not in out  # Beta has just the one
    assert out.rstrip().endswith("4 unaligned claims")


def test_limit_zero_lists_every_unaligned_claim(run: Callable[..., Result]) -> None:
    """--limit 0 lists them all, as the default does when there are fewer than 50."""
    everything = run("compare", ALPHA, BETA, "--limit", "0").stdout
    assert everything.count("Alpha 2020 · ") == 3
    assert "more by" not in everything
    assert run("compare", ALPHA, BETA).stdout == everything


def test_json_lists_every_unaligned_claim_whatever_the_limit(run: Callable[..., Result]) -> None:
    """--format json is complete: --limit concerns the text view only."""
    limited = run("compare", ALPHA, BETA, "--limit", "1", "--format", "json").stdout
    assert limited == run("compare", ALPHA, BETA, "--format", "json").stdout
    assert len(json.loads(limited)["unaligned"]) == 4


def test_compare_with_a_limit_keeps_the_first_unaligned_claims_and_counts_all() -> None:
    """compare(limit=N) keeps each author's first N unaligned claims, as found without it; the summary counts all."""
    documents = [load_document(ALPHA), load_document(BETA)]
    full = compare(*documents, shared_vocabulary(documents))
    limited = compare(*documents, shared_vocabulary(documents), limit=1)
    assert limited.unaligned == (full.unaligned[0], full.unaligned[3])
    assert limited.summary == full.summary
    view = plain_text(comparison_view(full, 80, 1))
    assert view == plain_text(comparison_view(limited, 80, 1))
    assert "… and 2 more by Alpha 2020" in view


def test_similarity_in_a_second_process_finds_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    """Evidence pairs and suggestions worked out in a forked process are the ones worked out here."""
    documents = [load_document(JOSCELYN), load_document(GABUEV)]
    here = compare(*documents, shared_vocabulary(documents)).to_json()
    monkeypatch.setattr("argmap.suggest.PARALLEL_FROM", 1)
    assert compare(*documents, shared_vocabulary(documents)).to_json() == here
