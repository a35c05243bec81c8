"""Which nodes the author asserts: conceded objections count, rejected ones do not."""

from __future__ import annotations

from argmap.compare import stances
from argmap.loader import load_map, load_vocabulary
from argmap.stance import asserted_nodes
from conftest import ARGUMENTS

JOSCELYN = ARGUMENTS / "joscelyn-2020-most-dangerous-alliance.yaml"
GABUEV = ARGUMENTS / "gabuev-2017-good-cop-bad-cop.yaml"


def _asserted_ids(path: object) -> tuple[set[str], set[str]]:
    argument_map = load_map(path)  # type: ignore[arg-type]
    asserted = asserted_nodes(argument_map)
    nodes = list(argument_map.nodes())
    return {n.id for n in nodes if id(n) in asserted}, {n.id for n in nodes if id(n) not in asserted}


def test_rejected_objection_and_its_support_are_not_asserted() -> None:
    """An objection opposed by a rebuttal is the author's target, not view, and so is what supports it."""
    held, rejected = _asserted_ids(JOSCELYN)
    assert {"xi-defence-claim", "xi-external-interference", "georgia-crimea-defensive"} <= rejected
    assert {"self-serving-fiction", "they-interfere-abroad", "thesis"} <= held


def test_undercut_objection_is_conceded() -> None:
    """An objection that is only undercut is granted by the author."""
    held, _ = _asserted_ids(JOSCELYN)
    assert {"nk-crucial-votes", "idlib-jihadists"} <= held
    gabuev_held, _ = _asserted_ids(GABUEV)
    assert {"interests-diverge", "no-alliance-reason", "wont-always-agree"} <= gabuev_held


def test_positions_come_only_from_asserted_nodes() -> None:
    """Joscelyn's position on motives is expansionist alone: the defensive view he rebuts is not his."""
    vocabulary = load_vocabulary(ARGUMENTS / "questions.yaml").vocabulary
    motives = stances(load_map(JOSCELYN), vocabulary)["motives"]
    assert [ref.id for ref in motives.positions] == ["expansionist"]
    assert "xi-defence-claim" not in {claim.id for claim in motives.claims}
