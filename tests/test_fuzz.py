"""Property-based fuzzing: any map renders and round-trips; any input ends in a clean error or a map.

Example counts are modest so that the whole suite stays fast; Hypothesis keeps the
failing examples it finds in .hypothesis/ and replays them first.
"""

from __future__ import annotations

import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console

from argmap.compare import compare
from argmap.errors import InputError
from argmap.formats import json_format
from argmap.formats.registry import EXPORTERS
from argmap.loader import validate_map
from argmap.matrix import matrix
from argmap.model import ArgumentMap, Source, Thesis
from argmap.reading import decode, parse
from argmap.render.compare_view import comparison_view
from argmap.render.dot import comparison_to_dot, map_to_dot
from argmap.render.matrix_view import matrix_view
from argmap.render.terminal import map_tree
from argmap.serialize import map_to_data
from argmap.vocabulary import Vocabulary
from argmap.yamlwrite import dump_yaml
from conftest import FIXTURES, FLAGSHIP_MAPS
from map_strategies import maps
from test_escaping import _terminal_unsafe

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MANY = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
VOCABULARY = Vocabulary.model_validate(
    {"questions": [{"id": "q", "text": "A question?", "positions": [{"id": "p", "label": "a position"}]}]}
)
loadable_maps = maps(max_nodes=10)


def _load_text(text: str, suffix: str) -> ArgumentMap:
    data, locator = parse(text, "fuzz" + suffix, suffix)
    return validate_map(data, "fuzz" + suffix, locator)[0]


def _printed(renderable: object) -> str:
    out = io.StringIO()
    Console(file=out, width=80, force_terminal=True, color_system="standard").print(renderable)
    return out.getvalue()


def _everything_works_on(argument_map: ArgumentMap) -> None:
    """Every view, printed to a terminal, and every export, without an exception or a control character."""
    other = argument_map  # a map compared with itself: every question agrees, every claim aligns
    for view in (
        map_tree(argument_map, quotes=True, ids=True, vocabulary=VOCABULARY),
        comparison_view(compare(argument_map, other, VOCABULARY), 80),
        matrix_view(matrix([argument_map, other], VOCABULARY)),
        matrix_view(matrix([argument_map, other], VOCABULARY), 30),
    ):
        assert _terminal_unsafe(_printed(view)) == []
    map_to_dot(argument_map, quotes=True, tags=True, vocabulary=VOCABULARY)
    comparison_to_dot(compare(argument_map, other, VOCABULARY), argument_map, other)
    for exporter in EXPORTERS.values():
        assert exporter.export(argument_map, VOCABULARY).endswith("\n")


@FAST
@given(loadable_maps)
def test_any_map_round_trips_and_renders_everywhere(argument_map: ArgumentMap) -> None:
    """A map with arbitrary Unicode text survives JSON and YAML exactly and renders in every view and export."""
    assert _load_text(json_format.export(argument_map), ".json") == argument_map
    assert _load_text(dump_yaml(map_to_data(argument_map)), ".yaml") == argument_map
    _everything_works_on(argument_map)


@FAST
@given(loadable_maps, loadable_maps)
def test_any_two_maps_compare_in_both_orders(first: ArgumentMap, second: ArgumentMap) -> None:
    """Two different maps compare, draw and tabulate either way round."""
    for a, b in ((first, second), (second, first)):
        assert _terminal_unsafe(_printed(comparison_view(compare(a, b, VOCABULARY), 160))) == []
        comparison_to_dot(compare(a, b, VOCABULARY), a, b)
        matrix_view(matrix([a, b], VOCABULARY))


def _loads_or_refuses(raw: bytes, suffix: str) -> ArgumentMap | None:
    """The loader's verdict on ``raw``: a map, or None after a clean InputError. Anything else fails the test."""
    try:
        return _load_text(decode(raw, "fuzz" + suffix), suffix)
    except InputError as error:
        lines = error.lines()
    # Every line of the refusal names the file, as the CLI prints it.
    assert lines
    assert all(line.startswith("fuzz" + suffix) for line in lines)
    return None


@MANY
@given(st.binary(max_size=3000), st.sampled_from([".yaml", ".json"]))
def test_any_bytes_end_in_a_clean_error_or_a_map(raw: bytes, suffix: str) -> None:
    """Arbitrary bytes given to the loader raise InputError or give a valid map, never another exception."""
    _loads_or_refuses(raw, suffix)


@MANY
@given(st.text(max_size=2000), st.sampled_from([".yaml", ".json"]))
def test_any_text_ends_in_a_clean_error_or_a_map(text: str, suffix: str) -> None:
    """Arbitrary Unicode text (surrogates aside: no file holds them) ends in InputError or a valid map."""
    _loads_or_refuses(text.encode("utf-8"), suffix)


# Pieces of YAML and JSON syntax, so that generated text reaches deep into both parsers.
TOKENS = [
    "[", "]", "{", "}", ":", ": ", "- ", ",", "\n", "  ", "\t", "?", "|", ">", "#", "'", '"', "\\",
    "&a ", "*a", "!!str ", "!!python/object:os.system ", "!t ", "<<: ", "---\n", "...\n", "%YAML 1.1\n",
    "source", "authors", "thesis", "id", "text", "kind", "claim", "evidence", "type", "event", "children",
    "also_supports", "question", "position", "null", "~", "true", "1e3", "\\u202e", "\\ud800", "\u202e", "x",
]  # fmt: skip


@MANY
@given(st.lists(st.sampled_from(TOKENS), max_size=120).map("".join), st.sampled_from([".yaml", ".json"]))
def test_syntax_soup_ends_in_a_clean_error_or_a_map(text: str, suffix: str) -> None:
    """Random sequences of YAML and JSON syntax end in InputError or a valid map."""
    _loads_or_refuses(text.encode("utf-8"), suffix)


SEEDS = [
    FIXTURES / "interchange" / "features.yaml",
    FIXTURES / "pair" / "alpha.yaml",
    FIXTURES / "hostile" / "hostile.yaml",
    FLAGSHIP_MAPS[0],
]


@st.composite
def mutated(draw: st.DrawFn) -> tuple[bytes, str]:
    """A valid map file with a few random edits: bytes cut, inserted, repeated or swapped."""
    path = draw(st.sampled_from(SEEDS))
    raw = bytearray(path.read_bytes())
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(raw)))
        edit = draw(st.sampled_from(["cut", "insert", "repeat", "indicator"]))
        if edit == "cut":
            del raw[at : at + draw(st.integers(1, 40))]
        elif edit == "insert":
            raw[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif edit == "repeat":
            raw[at:at] = raw[at : at + draw(st.integers(1, 200))]
        else:
            raw[at:at] = draw(
                st.sampled_from([b": ", b"- ", b"[", b"{", b"&x ", b"*x", b"!!t ", b"\t", b"\n  ", b'"'])
            )
    return bytes(raw), path.suffix


@MANY
@given(mutated())
def test_mutated_maps_end_in_a_clean_error_or_a_map_that_works(case: tuple[bytes, str]) -> None:
    """A valid map with random edits is refused cleanly, or loads and then renders in every view and export."""
    raw, suffix = case
    argument_map = _loads_or_refuses(raw, suffix)
    if argument_map is not None:
        _everything_works_on(argument_map)


def test_label_of_a_blank_author() -> None:
    """A map built in code with a blank author name still has a label (the loader refuses such files)."""
    argument_map = ArgumentMap(source=Source(authors=["   "]), thesis=Thesis(id="t", text="x"))
    assert isinstance(argument_map.label(), str)


def test_seed_maps_load() -> None:
    """The seeds of the mutation test are valid maps, so that mutations start from a map that works."""
    for path in SEEDS:
        assert _loads_or_refuses(path.read_bytes(), path.suffix) is not None
