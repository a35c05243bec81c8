"""Work that the size limits allow must stay linear in the input (issue 12, items 4 and 5).

Each case is an input under every limit that used to cost far more than its size: time
quadratic in a word's length, memory 160 times a text's size, an output hundreds of times
its input. No test measures wall time: boundedness is shown by output size against input
size, by traced memory against text size, or by a subprocess timeout many times what the
fixed code needs (the old code took from 30 s to many minutes on these inputs).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.reading import format_loc
from hostile_support import write_json

TIMEOUT = 30
"""Seconds for a whole command on a large input: the fixed code needs one to three."""


def argmap(*args: str | Path, timeout: float = TIMEOUT) -> subprocess.CompletedProcess[str]:
    """``argmap ARGS`` in a process of its own, as a user runs it, stopped after ``timeout`` seconds."""
    environment = {**os.environ, "NO_COLOR": "1", "COLUMNS": "80"}
    environment.pop("ARGMAP_DEBUG", None)
    command = [sys.executable, "-m", "argmap", *map(str, args)]
    try:
        return subprocess.run(
            command, capture_output=True, text=True, timeout=timeout, env=environment, check=False
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"argmap {' '.join(map(str, args))} took longer than {timeout} s")


def a_map(children: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "source": {"authors": ["Ann Author"]},
        "thesis": {"id": "thesis", "text": "Top.", "children": children},
    }


# --------------------------------------------------------------------------- long words


def test_render_wraps_an_unbroken_8_mib_word_in_linear_time(tmp_path: Path) -> None:
    """An 8 MiB claim without a space: folded into lines of 38 characters, as textwrap would (took minutes)."""
    word = "x" * (8 * 2**20)
    path = write_json(tmp_path / "word.json", a_map([{"id": "c", "kind": "claim", "text": word}]))
    done = argmap("render", path, "-o", tmp_path / "word.dot")
    assert done.returncode == 0, done.stderr
    dot = (tmp_path / "word.dot").read_text(encoding="utf-8")
    assert len(dot) < 2 * path.stat().st_size
    rows = dot.count("x" * 38 + '<BR ALIGN="LEFT"/>')
    assert rows == len(word) // 38


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "a",
                "bb",
                "x" * 40,
                "y" * 95,
                "-",
                " ",
                "  ",
                " " * 30,
                "z-z" * 20,
                "\u2003",
                "\u2003" * 15,
                "x\u2003" * 12,
            ]
        ),
        max_size=12,
    ),
    st.integers(min_value=1, max_value=50),
)
def test_dot_wrap_gives_textwraps_lines_for_long_words(parts: list[str], width: int) -> None:
    """The linear wrapping of long words gives exactly textwrap's lines (without breaking on hyphens)."""
    from argmap.render.dot_escape import wrap

    text = "".join(parts)
    assert wrap(text, width) == textwrap.wrap(text, width, break_on_hyphens=False)


# --------------------------------------------------------------------------- compare


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("x" * (4 * 2**20), id="unbroken-word"),
        pytest.param(" ".join(f"w{i}" for i in range(600_000))[: 4 * 2**20], id="distinct-words"),
    ],
)
def test_compare_memory_stays_proportional_to_a_4_mib_text(tmp_path: Path, text: str) -> None:
    """Similarity over one huge claim: traced memory a small multiple of its size (was 160 times)."""
    from argmap import similarity
    from argmap.compare import compare
    from argmap.loader import load_document

    big = load_document(
        write_json(tmp_path / "big.json", a_map([{"id": "c", "kind": "claim", "text": text}]))
    )
    other = a_map([{"id": "d", "kind": "claim", "text": "Trade between the two grew after 2014."}])
    small = load_document(write_json(tmp_path / "small.json", other))
    tracemalloc.start()
    try:
        comparison = compare(big, small, limit=50)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
        similarity._grams.cache_clear()
    assert [claim.id for claim in comparison.unaligned] == ["c", "d"]
    assert peak < 8 * len(text), f"{peak / 2**20:.0f} MiB traced for a {len(text) / 2**20:.0f} MiB text"


# --------------------------------------------------------------------------- check


def test_check_locates_80000_unknown_keys_in_linear_time(tmp_path: Path) -> None:
    """Every unknown key is located (for the order of the twenty listed) without a scan of all keys per key."""
    count = 80_000
    lines = ["source:", "  authors: [Ann Author]", "thesis:", "  id: thesis", "  text: Top."]
    lines += [f"  k{i}: v" for i in range(count)]
    path = tmp_path / "keys.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = argmap("check", path)
    assert done.returncode == 2, done.stderr
    shown = [line for line in done.stderr.splitlines() if line.startswith(f"{path}:")]
    assert len(shown) == 21
    assert shown[0].startswith(f"{path}:6:3: thesis.k0: unknown field 'k0'; expected one of id, text")
    assert shown[19].startswith(f"{path}:25:3: thesis.k19: unknown field 'k19'")
    assert shown[20] == f"{path}: ... and {count - 20} more problems in this file"


def _claim_chain(depth: int, extra: Callable[[int], dict[str, Any]]) -> dict[str, Any]:
    """Claims c1 … c<depth>, each the only child of the one before, with ``extra(level)`` fields of their own."""
    node: dict[str, Any] = {}
    for level in range(depth, 0, -1):
        node = {
            "id": f"c{level}",
            "kind": "claim",
            "text": f"Level {level}.",
            **extra(level),
            **({"children": [node]} if node else {}),
        }
    return node


def test_check_reports_findings_at_every_level_of_a_20000_deep_chain(tmp_path: Path) -> None:
    """Three findings on each of 20,000 levels: each located and named without walking its path from the top."""
    depth = 20_000
    path = write_json(
        tmp_path / "deep.json",
        a_map([_claim_chain(depth, lambda level: {"also_supports": [f"c{level}"] * 2})]),
    )
    done = argmap("check", path)
    assert done.returncode == 1, done.stderr
    lines = done.stdout.splitlines()
    assert sum("[self-reference]" in line for line in lines) == 2 * depth
    assert sum("[unsupported-claim]" in line for line in lines) == depth
    deepest = [line for line in lines if f"'c{depth}'" in line]
    loc = ("thesis", *(("children", 0) * depth))
    assert deepest == [
        f"{path}: error: {format_loc((*loc, 'also_supports', 0))}: node 'c{depth}' points at itself [self-reference]",
        f"{path}: error: {format_loc((*loc, 'also_supports', 1))}: node 'c{depth}' points at itself [self-reference]",
        f"{path}: warning: {format_loc(loc)}: claim 'c{depth}' has no evidence beneath it [unsupported-claim]",
    ]


def test_check_locates_problems_on_every_level_of_a_20000_deep_chain(tmp_path: Path) -> None:
    """Eight unknown fields on each of 20,000 levels: 160,000 problems named without walking each path from the top."""
    depth = 20_000
    unknown = dict.fromkeys(("bogus", "extra", "spare", "more", "other", "aside", "plus", "also"), "x")
    path = write_json(tmp_path / "deep.json", a_map([_claim_chain(depth, lambda level: unknown)]))
    done = argmap("check", path)
    assert done.returncode == 2, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.startswith(f"{path}:")]
    assert len(lines) == 21
    loc = ("thesis", *(("children", 0) * depth))
    assert lines[0].startswith(f"{path}: {format_loc((*loc, 'bogus'))}: unknown field 'bogus'")
    assert lines[-1] == f"{path}: ... and {8 * depth - 20} more problems in this file"


def test_check_hints_for_20000_missing_references_stay_linear(tmp_path: Path) -> None:
    """'did you mean' compares a missing id with every id; it is asked for the first twenty only."""
    count = 20_000
    children = [
        {"id": f"e{i}", "kind": "evidence", "type": "event", "text": "A fact.", "also_supports": [f"e{i}x"]}
        for i in range(count)
    ]
    path = write_json(tmp_path / "refs.json", a_map(children))
    done = argmap("check", path)
    assert done.returncode == 1, done.stderr
    errors = [line for line in done.stdout.splitlines() if "[missing-reference]" in line]
    assert len(errors) == count
    assert errors[0].endswith("no node has id 'e0x'; did you mean 'e0'? [missing-reference]")
    assert errors[19].endswith("no node has id 'e19x'; did you mean 'e19'? [missing-reference]")
    assert errors[20].endswith("no node has id 'e20x' [missing-reference]")


# --------------------------------------------------------------------------- AIF import


def aif_file(path: Path, nodes: list[tuple[str, str]], edges: list[tuple[str, str]]) -> Path:
    """An AIFdb JSON file of (id, type) nodes (I-nodes texted after their ids) and (from, to) edges."""
    data = {
        "nodes": [
            {"nodeID": node, "type": kind, "text": f"Text of {node}." if kind == "I" else "Default Inference"}
            for node, kind in nodes
        ],
        "edges": [{"fromID": source, "toID": target} for source, target in edges],
    }
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def imported_size(path: Path, tmp_path: Path) -> tuple[int, str]:
    """The size of ``path`` imported as JSON (into tmp_path/imported.json), and what import said."""
    out = tmp_path / "imported.json"
    done = argmap("import", path, "--from", "aif", "-o", out)
    assert done.returncode == 0, done.stderr
    return out.stat().st_size, done.stderr


def imported_thesis(tmp_path: Path) -> dict[str, Any]:
    """The thesis of tmp_path/imported.json, read as the CLI reads deep JSON (with a raised recursion limit)."""
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(50_000)
    try:
        data = json.loads((tmp_path / "imported.json").read_text(encoding="utf-8"))
    finally:
        sys.setrecursionlimit(limit)
    thesis: dict[str, Any] = data["thesis"]
    return thesis


def test_import_of_4000_linked_premises_writes_a_map_proportional_to_the_file(tmp_path: Path) -> None:
    """Each linked premise names a few co-premises and counts the rest (each listed all: 110 MB from 370 KB)."""
    count = 4_000
    premises = [f"p{i}" for i in range(count)]
    nodes = [("c", "I"), ("ra", "RA"), *((p, "I") for p in premises)]
    path = aif_file(tmp_path / "linked.json", nodes, [("ra", "c"), *((p, "ra") for p in premises)])
    size, stderr = imported_size(path, tmp_path)
    assert size < 3 * path.stat().st_size
    assert "1 inference with linked premises became sibling claims" in stderr
    notes = [child["note"] for child in imported_thesis(tmp_path)["children"]]
    assert len(notes) == count
    assert notes[0] == (
        "Linked premise: works together with p1, p2, p3, p4, p5, p6, p7, p8, p9, p10 and 3,989 more"
        " in one AIF inference."
    )
    assert notes[1].startswith("Linked premise: works together with p0, p2, p3,")


def test_import_of_2000_undercuts_of_a_2000_premise_inference_stays_proportional(tmp_path: Path) -> None:
    """Each undercutter of a whole linked inference names a few of its premises, not all of them."""
    count = 2_000
    premises = [f"p{i}" for i in range(count)]
    nodes = [("c", "I"), ("ra", "RA"), *((p, "I") for p in premises)]
    edges = [("ra", "c"), *((p, "ra") for p in premises)]
    for i in range(count):
        nodes += [(f"u{i}", "I"), (f"ca{i}", "CA")]
        edges += [(f"u{i}", f"ca{i}"), (f"ca{i}", "ra")]
    path = aif_file(tmp_path / "undercuts.json", nodes, edges)
    size, _ = imported_size(path, tmp_path)
    assert size < 3 * path.stat().st_size
    undercut = imported_thesis(tmp_path)["children"][0]["children"][0]
    assert undercut["note"] == (
        "Undercuts the whole linked inference from p0, p1, p2, p3, p4, p5, p6, p7, p8, p9 and 1,990 more."
    )


def test_import_refuses_an_inference_joining_1000_premises_to_1000_conclusions(tmp_path: Path) -> None:
    """A million premise–conclusion links from 2,000 edges: refused in one line, not written out."""
    count = 1_000
    nodes = [("ra", "RA"), *((f"p{i}", "I") for i in range(count)), *((f"c{i}", "I") for i in range(count))]
    edges = [*((f"p{i}", "ra") for i in range(count)), *(("ra", f"c{i}") for i in range(count))]
    path = aif_file(tmp_path / "pairs.json", nodes, edges)
    done = argmap("import", path, "--from", "aif", "-o", tmp_path / "out.yaml")
    assert done.returncode == 2
    assert done.stderr == (
        f"{path}: nodes[0]: scheme node 'ra' joins 1,000 premises to 1,000 conclusions (1,000,000 links);"
        " an inference with several conclusions may join at most 1,000 premise-conclusion pairs\n"
    )
    assert not (tmp_path / "out.yaml").exists()


def test_import_of_a_20000_spoke_support_circle_finds_its_thesis_in_one_walk(tmp_path: Path) -> None:
    """A hub and 20,000 spokes supporting each other: every node reaches all, and one walk counts them all."""
    count = 20_000
    nodes: list[tuple[str, str]] = [("h", "I")]
    edges: list[tuple[str, str]] = []
    for i in range(count):
        nodes += [(f"s{i}", "I"), (f"to{i}", "RA"), (f"from{i}", "RA")]
        edges += [(f"s{i}", f"to{i}"), (f"to{i}", "h"), ("h", f"from{i}"), (f"from{i}", f"s{i}")]
    path = aif_file(tmp_path / "circle.json", nodes, edges)
    size, stderr = imported_size(path, tmp_path)
    assert size < path.stat().st_size
    assert stderr == (
        "argmap import: every link runs in a circle, with no final conclusion; 'h', reached by most,"
        f" became the thesis\nargmap import: {count} support links that would close a circle were dropped\n"
    )
    assert len(imported_thesis(tmp_path)["children"]) == count


def test_import_refuses_3000_conclusions_that_share_a_3000_long_chain(tmp_path: Path) -> None:
    """Counting each conclusion's supporters would walk the chain once for each: refused, with the way out."""
    count = 3_000
    nodes: list[tuple[str, str]] = []
    edges: list[tuple[str, str]] = []
    for i in range(count):
        nodes += [(f"c{i}", "I"), (f"r{i}", "RA"), (f"t{i}", "I"), (f"to{i}", "RA")]
        edges += [(f"to{i}", f"t{i}"), (f"c{count - 1}", f"to{i}")]
        if i + 1 < count:
            edges += [(f"c{i}", f"r{i}"), (f"r{i}", f"c{i + 1}")]
    path = aif_file(tmp_path / "shared.json", nodes, edges)
    done = argmap("import", path, "--from", "aif", "-o", tmp_path / "out.json")
    assert done.returncode == 2
    assert done.stderr == (
        f"{path}: 3,000 candidates for the thesis share too many supporting nodes to find the one with the"
        ' largest supporting subtree; name it as "argmap": {"thesis": "<nodeID>"}'
        " (more than 4,000,000 steps of following links)\n"
    )


def test_import_refuses_support_links_whose_circle_checks_would_walk_3000_long_chains(tmp_path: Path) -> None:
    """Two chains under one conclusion, joined into one circle: each of 3,000 cross links needs a long search."""
    count = 3_000
    nodes: list[tuple[str, str]] = [("top", "I")]
    edges: list[tuple[str, str]] = []
    for side in "ab":
        for i in range(count):
            nodes += [(f"{side}{i}", "I"), (f"{side}r{i}", "RA")]
            edges += [(f"{side}{i}", f"{side}r{i}"), (f"{side}r{i}", f"{side}{i - 1}" if i else "top")]
    nodes.append(("across", "RA"))
    edges += [("a0", "across"), ("across", f"b{count - 1}")]
    for j in range(count):
        nodes.append((f"back{j}", "RA"))
        edges += [(f"b{j}", f"back{j}"), (f"back{j}", f"a{count - 1}")]
    path = aif_file(tmp_path / "tangle.json", nodes, edges)
    done = argmap("import", path, "--from", "aif", "-o", tmp_path / "out.json")
    assert done.returncode == 2
    assert done.stderr == (
        f"{path}: support links cross too often to check each for a circle"
        " (more than 4,000,000 steps of following links)\n"
    )


def test_import_of_60000_support_links_into_a_chain_checks_each_for_a_circle_at_once(tmp_path: Path) -> None:
    """Three premises each support every claim of a 20,000-long chain: none closes a circle, none needs a search."""
    count = 20_000
    fans = ("x", "y", "z")
    nodes: list[tuple[str, str]] = [(fan, "I") for fan in fans]
    edges: list[tuple[str, str]] = []
    for i in range(count):
        nodes.append((f"i{i}", "I"))
        for fan in fans:
            nodes.append((f"{fan}{i}", "RA"))
            edges += [(fan, f"{fan}{i}"), (f"{fan}{i}", f"i{i}")]
        if i + 1 < count:
            nodes.append((f"r{i}", "RA"))
            edges += [(f"i{i}", f"r{i}"), (f"r{i}", f"i{i + 1}")]
    path = aif_file(tmp_path / "fan.json", nodes, edges)
    size, stderr = imported_size(path, tmp_path)
    assert size < path.stat().st_size
    assert stderr == ""
    node = imported_thesis(tmp_path)
    while len(node.get("children", ())) == 1:
        node = node["children"][0]
    assert [fan["id"] for fan in node["children"]] == list(fans)
    assert all(len(fan["also_supports"]) == count - 1 for fan in node["children"])
