"""Round trips through the map's own serialisations: YAML (map files) and JSON are exact."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap import yamlfast, yamlsafe
from argmap.errors import InputError, OutputError
from argmap.formats import json_format
from argmap.limits import MAX_JSON_NESTING, MAX_YAML_NESTING, nesting
from argmap.loader import load_document, validate_map
from argmap.model import ArgumentMap, Claim, Source, Thesis
from argmap.reading import parse
from argmap.serialize import map_to_data
from argmap.yamlsafe import compose, to_data
from argmap.yamlwrite import dump_yaml, flow, is_plain, quote
from conftest import FIXTURES, FLAGSHIP_MAPS
from map_strategies import maps

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def reload(text: str, suffix: str) -> ArgumentMap:
    data, locator = parse(text, "roundtrip" + suffix, suffix)
    return validate_map(data, "roundtrip" + suffix, locator)[0]


@SETTINGS
@given(maps())
def test_yaml_round_trip_is_exact(argument_map: ArgumentMap) -> None:
    """A map written with dump_yaml and read by the loader is the same map, whatever its text."""
    assert reload(dump_yaml(map_to_data(argument_map)), ".yaml") == argument_map


@SETTINGS
@given(maps())
def test_json_round_trip_is_exact(argument_map: ArgumentMap) -> None:
    """A map exported as JSON and read by the loader is the same map, whatever its text."""
    assert reload(json_format.export(argument_map), ".json") == argument_map


@SETTINGS
@given(maps())
def test_deep_flow_style_round_trip_is_exact(argument_map: ArgumentMap) -> None:
    """Subtrees written in flow style (as in very deep maps) read back exactly too."""
    assert reload(dump_yaml(map_to_data(argument_map), flow_depth=1), ".yaml") == argument_map


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_any_string_reads_back_as_itself(text: str) -> None:
    """Every string, plain or quoted by the emitter, is read back by the strict reader unchanged."""
    document = compose(dump_yaml({"value": text, "list": [text, text]}))
    assert document is not None
    assert to_data(document) == {"value": text, "list": [text, text]}


@pytest.mark.parametrize(
    "text",
    [
        "null",
        "Null",
        "NULL",
        "~",
        "",
        " lead",
        "trail ",
        "a: b",
        "a #b",
        "- x",
        "? x",
        ": x",
        "<<",
        "=",
        "end:",
        "#c",
        "&a",
        "*a",
        "!t",
        "|",
        ">",
        "'q'",
        '"q"',
        "%d",
        "@a",
        "`b",
        "[x]",
        "{x}",
        "a\tb",
        "a\nb",
        "\u202e",
        "\u200b",
        "\ufeff",
        "\x85",
        "\u2028",
        "\x00",
        "\x7f",
    ],
)
def test_values_the_reader_would_change_are_quoted(text: str) -> None:
    """Null words, indicators, ': ', ' #', edge spaces and invisible characters are never written plain."""
    assert not is_plain(text)
    assert quote(text).startswith('"')


@pytest.mark.parametrize(
    "text", ["2020-07", "yes", "1e3", "0x10", "Tom Joscelyn", "U.S.-led", "a:b", "a#b", "über"]
)
def test_text_the_reader_keeps_is_written_plain(text: str) -> None:
    """Words YAML 1.1 would retype stay plain, since the strict reader keeps every scalar as text."""
    assert is_plain(text)
    assert dump_yaml({"v": text}) == f"v: {text}\n"


def test_invisible_characters_are_escaped_not_written_raw() -> None:
    """Bidirectional overrides and zero-width characters appear as escapes a reviewer can see."""
    written = dump_yaml({"text": "pay \u202eevil\u200b"})
    assert written == 'text: "pay \\u202eevil\\u200b"\n'


def test_flow_quotes_what_flow_context_would_split() -> None:
    """In flow style, commas, brackets and colons force quotes."""
    assert flow({"a": ["x, y", "[z]", "k:v", "plain"]}) == '{a: ["x, y", "[z]", "k:v", plain]}'


def test_file_layout_keeps_the_map_format_order() -> None:
    """map_to_data writes fields in the documented order and leaves defaults out."""
    data = map_to_data(load_document(FIXTURES / "pair" / "alpha.yaml").map)
    assert list(data) == ["source", "thesis"]
    assert list(data["thesis"]) == ["id", "text", "question", "position", "children"]
    evidence = data["thesis"]["children"][0]["children"][0]
    assert list(evidence) == ["id", "kind", "type", "text", "date", "actors", "place", "topic"]
    objection = data["thesis"]["children"][0]["children"][1]
    assert "relation" not in objection


def test_non_default_relation_and_empty_note_are_kept() -> None:
    """A relation unlike the kind's default, and an empty note, survive; None and [] are left out."""
    claim = Claim(id="c", text="t", relation="opposes", note="")
    argument_map = ArgumentMap(
        source=Source(authors=["A"]), thesis=Thesis(id="t", text="t", children=[claim])
    )
    child = map_to_data(argument_map)["thesis"]["children"][0]
    assert child == {"id": "c", "kind": "claim", "relation": "opposes", "text": "t", "note": ""}
    assert reload(dump_yaml(map_to_data(argument_map)), ".yaml") == argument_map


@pytest.mark.parametrize("path", FLAGSHIP_MAPS, ids=lambda path: path.name)
def test_flagship_maps_round_trip_through_yaml_and_json(path: Any) -> None:
    """Every map in arguments/ is rewritten by dump_yaml and JSON export without any change."""
    argument_map = load_document(path).map
    assert reload(dump_yaml(map_to_data(argument_map)), ".yaml") == argument_map
    assert reload(json_format.export(argument_map), ".json") == argument_map


def _chain(depth: int) -> ArgumentMap:
    node = Claim(id=f"n{depth}", text=f"level {depth}")
    for level in range(depth - 1, 0, -1):
        node = Claim(id=f"n{level}", text=f"level {level}", children=[node])
    return ArgumentMap(source=Source(authors=["A"]), thesis=Thesis(id="t", text="top", children=[node]))


def _flat(argument_map: ArgumentMap) -> Iterator[tuple[str, str, int]]:
    return ((node.id, node.text, depth) for node, _, depth in argument_map.walk())


@pytest.fixture
def deep_recursion_limit() -> Iterator[None]:
    """The CLI raises the limit for the standard library's recursive JSON reader; tests do the same."""
    before = sys.getrecursionlimit()
    sys.setrecursionlimit(max(before, 50_000))
    yield
    sys.setrecursionlimit(before)


@pytest.mark.usefixtures("deep_recursion_limit")
def test_ten_thousand_deep_map_is_written_as_json_in_linear_size_and_refused_as_yaml() -> None:
    """A 10,000-deep chain is written as JSON without recursion and reads back; YAML refuses it cleanly."""
    # YAML would need flow collections 20,000 deep, which libyaml reads in quadratic time,
    # so the writer refuses what the reader would refuse instead of writing it.
    argument_map = _chain(10_000)
    text = json_format.export(argument_map)
    assert len(text) < 2_000_000
    assert list(_flat(reload(text, ".json"))) == list(_flat(argument_map))
    with pytest.raises(OutputError, match="write this map as JSON instead"):
        dump_yaml(map_to_data(argument_map))


# A chain of n claims nests 2n + 2 deep: the root, the thesis, then a list and a node per level.
DEEPEST_YAML_CHAIN = (MAX_YAML_NESTING - 2) // 2


def test_deepest_map_yaml_holds_round_trips_and_one_level_more_is_refused() -> None:
    """The writer and the reader agree on argmap's YAML nesting limit: what is written reads back."""
    deepest = _chain(DEEPEST_YAML_CHAIN)
    assert nesting(map_to_data(deepest)) == MAX_YAML_NESTING
    assert list(_flat(reload(dump_yaml(map_to_data(deepest)), ".yaml"))) == list(_flat(deepest))
    with pytest.raises(OutputError, match="write this map as JSON instead"):
        dump_yaml(map_to_data(_chain(DEEPEST_YAML_CHAIN + 1)))


@pytest.mark.parametrize("parser", [yaml.SafeLoader, getattr(yaml, "CSafeLoader", yaml.SafeLoader)])
def test_yaml_nesting_limit_is_argmaps_whichever_parser_reads(
    parser: type, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One level past the limit is refused by argmap's own rule, by the C and the pure-Python parser alike."""
    monkeypatch.setattr(yamlsafe, "PARSER", parser)
    monkeypatch.setattr(yamlfast, "PARSER", parser)
    # JSON is YAML: block or flow, the same nesting, written without argmap's writer.
    too_deep = json.dumps(map_to_data(_chain(DEEPEST_YAML_CHAIN + 1)))
    with pytest.raises(InputError) as refused:
        reload(too_deep, ".yaml")
    assert f"nest more than {MAX_YAML_NESTING} levels deep" in str(refused.value)
    deepest = json.dumps(map_to_data(_chain(DEEPEST_YAML_CHAIN)))
    assert list(_flat(reload(deepest, ".yaml"))) == list(_flat(_chain(DEEPEST_YAML_CHAIN)))


@pytest.mark.usefixtures("deep_recursion_limit")
def test_json_writer_refuses_what_the_json_reader_refuses() -> None:
    """A map nested past argmap's JSON limit is refused by the writer, not written for the reader to refuse."""
    chain_length = (MAX_JSON_NESTING - 2) // 2
    assert list(_flat(reload(json_format.export(_chain(chain_length)), ".json")))[-1][0] == f"n{chain_length}"
    with pytest.raises(OutputError, match="more than argmap reads back as JSON"):
        json_format.export(_chain(chain_length + 1))


@pytest.mark.usefixtures("deep_recursion_limit")
def test_map_deeper_than_block_nesting_round_trips_through_yaml() -> None:
    """Beyond the block-style depth, flow style keeps the file readable by the loader, exactly."""
    argument_map = _chain(300)
    reloaded = reload(dump_yaml(map_to_data(argument_map)), ".yaml")
    assert map_to_data(reloaded) == map_to_data(argument_map)
