"""DOT generation: golden files for fixture and flagship maps, options, and drawing conventions."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from argmap.errors import UsageError
from argmap.loader import load_document, load_vocabulary, vocabulary_path_for
from argmap.model import ArgumentMap
from argmap.render import dot
from argmap.render.dot import map_to_dot
from argmap.vocabulary import Vocabulary
from conftest import ARGUMENTS, FIXTURES, assert_golden

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot is not installed")
PAIR = FIXTURES / "pair"
LINKS = FIXTURES / "render" / "links.yaml"
FLAGSHIPS = {
    "gabuev": ARGUMENTS / "gabuev-2017-good-cop-bad-cop.yaml",
    "joscelyn": ARGUMENTS / "joscelyn-2020-most-dangerous-alliance.yaml",
}


def load(path: Path) -> tuple[ArgumentMap, Vocabulary]:
    document = load_document(path)
    return document.map, load_vocabulary(vocabulary_path_for(document)).vocabulary


def edges(source: str) -> list[str]:
    return [line.strip() for line in source.splitlines() if " -> " in line]


def node_line(source: str, name: str) -> str:
    return next(line for line in source.splitlines() if line.startswith(f'  "{name}" ['))


def parses(source: str) -> None:
    done = subprocess.run(["dot", "-Tcanon"], input=source.encode(), capture_output=True, check=False)
    assert done.returncode == 0, done.stderr.decode()


CASES: dict[str, tuple[Path, dict[str, Any]]] = {
    "alpha.dot": (PAIR / "alpha.yaml", {}),
    "beta.dot": (PAIR / "beta.yaml", {}),
    "links.dot": (LINKS, {"quotes": True, "tags": True}),
    "alpha-depth-1.dot": (PAIR / "alpha.yaml", {"depth": 1}),
    "alpha-no-evidence.dot": (PAIR / "alpha.yaml", {"evidence": False}),
    "alpha-focus.dot": (PAIR / "alpha.yaml", {"focus": "votes-together", "direction": "LR"}),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_fixture_maps_match_golden_dot(name: str) -> None:
    """Each fixture map, with each set of options, gives exactly the reviewed DOT source."""
    path, options = CASES[name]
    argument_map, vocabulary = load(path)
    assert_golden(f"dot/{name}", map_to_dot(argument_map, vocabulary=vocabulary, **options))


@pytest.mark.parametrize("name", sorted(FLAGSHIPS))
def test_flagship_maps_match_golden_dot(name: str) -> None:
    """Each flagship map gives exactly the reviewed DOT source (laid out automatically)."""
    path = FLAGSHIPS[name]
    if not path.exists():
        pytest.skip(f"{path.name} is not written yet")
    argument_map, vocabulary = load(path)
    assert_golden(f"dot/{name}.dot", map_to_dot(argument_map, direction="auto", vocabulary=vocabulary))


@needs_dot
@pytest.mark.parametrize("name", sorted(CASES))
def test_golden_dot_parses(name: str) -> None:
    """Real dot reads every golden DOT file."""
    path, options = CASES[name]
    argument_map, vocabulary = load(path)
    parses(map_to_dot(argument_map, vocabulary=vocabulary, **options))


def test_output_is_deterministic() -> None:
    """Two runs give the same text, and node names come from map ids."""
    argument_map, _ = load(PAIR / "alpha.yaml")
    assert map_to_dot(argument_map) == map_to_dot(argument_map)
    names = re.findall(r'^  "([^"]+)" \[', map_to_dot(argument_map), re.M)
    assert names == [node.id for node in argument_map.nodes()] + ["legend~"]


def test_thesis_stands_out_and_kinds_differ_by_shape() -> None:
    """The thesis is bold and dark; every kind has its own shape and style, so greyscale keeps them apart."""
    looks = {(style["shape"], style["style"], style.get("peripheries")) for style in dot.KIND_STYLES.values()}
    assert len(looks) == len(dot.KIND_STYLES)
    assert "bold" in dot.KIND_STYLES["thesis"]["style"]
    argument_map, _ = load(PAIR / "alpha.yaml")
    assert 'fontcolor="white"' in node_line(map_to_dot(argument_map), "thesis")


def test_relations_differ_by_line_style_and_arrowhead() -> None:
    """Supports, opposes and undercuts differ in both line style and arrowhead."""
    styles = dot.RELATION_STYLES.values()
    assert len({style["style"] for style in styles}) == 3
    assert len({style["arrowtail"] for style in styles}) == 3


def test_depth_hides_deeper_nodes_and_says_how_many() -> None:
    """--depth 0 draws the thesis alone, noting the three claims below it."""
    argument_map, _ = load(PAIR / "alpha.yaml")
    source = map_to_dot(argument_map, depth=0)
    assert "+3 more below" in node_line(source, "thesis")
    assert edges(source) == []
    assert "Down to depth 0" in source


def test_no_evidence_leaves_evidence_out() -> None:
    """Without evidence no note-shaped node is drawn, and the legend does not list evidence."""
    argument_map, _ = load(PAIR / "beta.yaml")
    source = map_to_dot(argument_map, evidence=False)
    assert 'shape="note"' not in source
    assert "arms-sales" not in source


def test_focus_draws_the_subtree_only() -> None:
    """--focus ID starts the drawing at that node: no thesis, no siblings."""
    argument_map, _ = load(PAIR / "alpha.yaml")
    source = map_to_dot(argument_map, focus="votes-together")
    assert '"thesis"' not in source
    assert '"drills-signal"' not in source
    assert '"sanctions-walkback"' in source


def test_unknown_focus_is_a_usage_error_naming_the_id() -> None:
    """An unknown --focus id is a UsageError that names it and suggests a close one."""
    argument_map, _ = load(PAIR / "alpha.yaml")
    with pytest.raises(UsageError, match=r"votes-togethr.*did you mean 'votes-together'"):
        map_to_dot(argument_map, focus="votes-togethr")


def test_direction_sets_rankdir_and_auto_picks_lr_for_wide_maps() -> None:
    """TB and LR set rankdir; auto keeps small maps top-down; a bad value is refused."""
    argument_map, _ = load(PAIR / "alpha.yaml")
    assert 'rankdir="LR"' in map_to_dot(argument_map, direction="LR")
    assert 'rankdir="TB"' in map_to_dot(argument_map, direction="auto")
    wide = ArgumentMap.model_validate(
        {
            "source": {"authors": ["W"]},
            "thesis": {
                "id": "t",
                "text": "t",
                "children": [{"id": f"c{i}", "kind": "claim", "text": "c"} for i in range(9)],
            },
        }
    )
    assert 'rankdir="LR"' in map_to_dot(wide, direction="auto")
    with pytest.raises(UsageError):
        map_to_dot(argument_map, direction="BT")


def test_undercut_points_at_a_junction_on_the_attacked_link() -> None:
    """An undercut aims at a dot on the link it attacks; at the root's own link it aims at the node."""
    argument_map, _ = load(LINKS)
    source = map_to_dot(argument_map)
    all_edges = edges(source)
    # gains-uneven's link to shared-interest passes through a junction dot ...
    assert any(e.startswith('"shared-interest" -> "gains-uneven~link"') for e in all_edges)
    assert any(e.startswith('"gains-uneven~link" -> "gains-uneven"') and 'dir="none"' in e for e in all_edges)
    # ... which the rebuttal undercutting it points at, dotted.
    undercut = next(e for e in all_edges if e.startswith('"gains-uneven~link" -> "uneven-irrelevant"'))
    assert 'style="dotted"' in undercut
    # also_undercuts aims at fragile-trust's junction, without constraining the layout.
    also = next(e for e in all_edges if e.startswith('"uneven-irrelevant" -> "fragile-trust~link"'))
    assert 'constraint="false"' in also
    assert 'arrowhead="odiamond"' in also


def test_cross_links_are_drawn_without_constraining_layout() -> None:
    """also_supports is drawn faded with constraint=false; links to nodes not drawn are left out."""
    argument_map, _ = load(LINKS)
    link = next(
        e for e in edges(map_to_dot(argument_map)) if e.startswith('"gains-uneven" -> "fragile-trust"')
    )
    assert 'constraint="false"' in link
    assert 'style="solid"' in link
    focused = map_to_dot(argument_map, focus="shared-interest")
    assert "fragile-trust" not in focused


def test_duplicate_ids_get_distinct_names() -> None:
    """A repeated id (an error lint reports) still gives two nodes, the second named id~2."""
    argument_map = ArgumentMap.model_validate(
        {
            "source": {"authors": ["D"]},
            "thesis": {
                "id": "t",
                "text": "t",
                "children": [
                    {"id": "x", "kind": "claim", "text": "one"},
                    {"id": "x", "kind": "claim", "text": "two"},
                ],
            },
        }
    )
    source = map_to_dot(argument_map)
    assert node_line(source, "x")
    assert node_line(source, "x~2")


def test_labels_wrap_and_use_helvetica() -> None:
    """Label lines are at most 38 characters (46 for the thesis) and every font is Helvetica."""
    argument_map, _ = load(PAIR / "beta.yaml")
    source = map_to_dot(argument_map)
    line = node_line(source, "money-matters")
    assert "One side&#39;s" not in line
    assert "One side's economy increasingly relies on<BR" not in line
    assert source.count('fontname="Helvetica"') == 3


def test_title_block_names_title_authors_outlet_and_date() -> None:
    """The graph label carries the title, authors with affiliation, outlet and date."""
    argument_map, _ = load(PAIR / "alpha.yaml")
    title = next(line for line in map_to_dot(argument_map).splitlines() if line.startswith("  graph "))
    for part in ("An Alliance Against Us", "Ada Alpha · Institute of Tests", "The Test Times · 2020-07"):
        assert part in title


def comparison_source(path_a: Path, path_b: Path, **options: Any) -> str:
    from argmap.compare import compare, shared_vocabulary

    documents = [load_document(path_a), load_document(path_b)]
    comparison = compare(documents[0], documents[1], shared_vocabulary(documents))
    return dot.comparison_to_dot(comparison, documents[0].map, documents[1].map, **options)


def test_fixture_comparison_matches_golden_dot() -> None:
    """The comparison of the two fixture maps gives exactly the reviewed DOT source."""
    assert_golden("dot/pair-comparison.dot", comparison_source(PAIR / "alpha.yaml", PAIR / "beta.yaml"))


def test_flagship_comparison_matches_golden_dot() -> None:
    """The comparison of the flagship maps gives exactly the reviewed DOT source."""
    if not all(path.exists() for path in FLAGSHIPS.values()):
        pytest.skip("the flagship maps are not both written yet")
    source = comparison_source(FLAGSHIPS["joscelyn"], FLAGSHIPS["gabuev"])
    assert_golden("dot/comparison.dot", source)


def test_comparison_styles_edges_by_verdict() -> None:
    """Disagreeing claims meet their question in bold red, agreeing ones in green, one-sided in grey dashes."""
    source = comparison_source(PAIR / "alpha.yaml", PAIR / "beta.yaml")
    by_start = {edge.split(" [")[0]: edge for edge in edges(source)}
    assert 'style="bold"' in by_start['"A~thesis" -> "Q~nature"']
    assert 'label="alliance"' in by_start['"A~thesis" -> "Q~nature"']
    assert 'color="#c62828"' in by_start['"Q~nature" -> "B~transactional"']
    assert 'label="transactional partnership"' in by_start['"Q~nature" -> "B~transactional"']
    assert 'color="#2e7d32"' in by_start['"A~lasting-bond" -> "Q~durability"']
    assert 'style="dashed"' in by_start['"A~votes-together" -> "Q~un-votes"']


def test_comparison_puts_authors_in_clusters_and_questions_between() -> None:
    """Each author is a cluster holding its thesis; questions sit outside, disagreements first."""
    source = comparison_source(PAIR / "alpha.yaml", PAIR / "beta.yaml")
    cluster_a = source[source.index('subgraph "cluster_A"') : source.index('subgraph "cluster_B"')]
    assert '"A~thesis"' in cluster_a
    assert '"Q~' not in cluster_a
    assert '{ rank=same; "Q~nature" -> "Q~un-votes" -> "Q~economy" -> "Q~durability"' in source
    assert 'rankdir="LR"' in source


@needs_dot
def test_comparison_dot_parses() -> None:
    """Real dot reads the comparison DOT."""
    parses(comparison_source(PAIR / "alpha.yaml", PAIR / "beta.yaml"))
