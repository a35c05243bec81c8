"""The flagship maps are thorough: the events, concessions and positions of their articles are there."""

from __future__ import annotations

import pytest

from argmap.loader import load_map
from argmap.model import ArgumentMap
from conftest import ARGUMENTS

JOSCELYN = ARGUMENTS / "joscelyn-2020-most-dangerous-alliance.yaml"
GABUEV = ARGUMENTS / "gabuev-2017-good-cop-bad-cop.yaml"


def _evidence_text(argument_map: ArgumentMap) -> str:
    return " ".join(
        f"{node.text} {node.quote or ''} {node.place or ''}".lower()
        for node in argument_map.nodes()
        if node.kind == "evidence"
    )


@pytest.mark.parametrize(
    "cited",
    [
        "hong kong",
        "constitutional",
        "2036",
        "78 percent",
        "espionage",
        "south china sea",
        "georgia",
        "crimea",
        "idlib",
        "embargo",
        "baghdad",
        "suleimani",
        "gulf of oman",
        "venezuela",
        "north korea",
        "canada",
        "huawei",
        "defense intelligence agency",
        "2015 nuclear",
    ],
)
def test_joscelyn_cites_each_event_as_evidence(cited: str) -> None:
    """Each event, vote or report the Joscelyn article cites appears as an evidence node."""
    assert cited in _evidence_text(load_map(JOSCELYN))


@pytest.mark.parametrize(
    "cited",
    [
        "2375",
        "oil",
        "labor",
        "baltic",
        "sea of japan",
        "since 2014",
        "surface-to-air",
        "cyberspace",
        "sovereignty",
        "human rights",
        "sanctions",
        "signing",
        "policy banks",
        "party congress",
        "maximum pressure",
    ],
)
def test_gabuev_cites_each_event_as_evidence(cited: str) -> None:
    """Each event, vote or statement the Gabuev article cites appears as an evidence node."""
    assert cited in _evidence_text(load_map(GABUEV))


def _objection_quotes(argument_map: ArgumentMap) -> str:
    return " ".join((node.quote or "").lower() for node in argument_map.nodes() if node.kind == "objection")


def test_concessions_are_objections() -> None:
    """The concessions the articles make are mapped as objections."""
    gabuev, joscelyn = _objection_quotes(load_map(GABUEV)), _objection_quotes(load_map(JOSCELYN))
    assert "interests don't coincide" in gabuev
    assert "formal, permanent alliance" in gabuev
    assert "legitimate terrorist threats emanating out of idlib" in joscelyn
    assert "provided crucial votes" in joscelyn


def _positions(argument_map: ArgumentMap) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for node in argument_map.nodes():
        question, position = getattr(node, "question", None), getattr(node, "position", None)
        if question and position:
            found.setdefault(question, set()).add(position)
    return found


def test_maps_are_comparable_on_six_questions_and_split_on_nature() -> None:
    """Both maps answer at least six common questions; on `nature` one says alliance, the other transactional."""
    joscelyn, gabuev = _positions(load_map(JOSCELYN)), _positions(load_map(GABUEV))
    assert len(set(joscelyn) & set(gabuev)) >= 6
    assert load_map(JOSCELYN).thesis.position == "alliance"
    assert gabuev["nature"] == {"transactional"}
    assert "alliance" in joscelyn["nature"]


def test_every_evidence_item_has_a_quote_anchor() -> None:
    """Every evidence node of both maps carries a verbatim quote anchor."""
    for path in (JOSCELYN, GABUEV):
        missing = [node.id for node in load_map(path).nodes() if node.kind == "evidence" and not node.quote]
        assert missing == [], f"{path.name}: {missing}"


def test_quotes_are_short() -> None:
    """Quote anchors stay short: one sentence at most, never the article itself."""
    for path in (JOSCELYN, GABUEV):
        for node in load_map(path).nodes():
            if node.quote:
                assert len(node.quote) <= 240, node.id
                assert node.quote.count(". ") <= 1, node.id
