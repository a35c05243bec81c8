"""The loader: strict YAML, encodings, every problem located, any depth."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from argmap.errors import InputError
from argmap.loader import load_document, load_map

MINIMAL = "source:\n  authors: [Ann Author]\nthesis:\n  id: thesis\n  text: A thesis.\n"


def _write(tmp_path: Path, text: str | bytes, name: str = "map.yaml") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def _problems(path: Path) -> list[str]:
    with pytest.raises(InputError) as caught:
        load_document(path)
    return caught.value.lines()


def test_minimal_map_loads(tmp_path: Path) -> None:
    """A map with only authors and a thesis is valid."""
    argument_map = load_map(_write(tmp_path, MINIMAL))
    assert argument_map.thesis.text == "A thesis."
    assert argument_map.source.authors == ["Ann Author"]


def test_plain_scalars_stay_text(tmp_path: Path) -> None:
    """yes, no, 1e3, 0x10 and dates are read as the text written, not as booleans or numbers."""
    text = MINIMAL.replace("A thesis.", "yes") + "  note: 0x10\n"
    text = text.replace("[Ann Author]", "[no, 1e3, 2020-07-08]")
    argument_map = load_map(_write(tmp_path, text))
    assert argument_map.thesis.text == "yes"
    assert argument_map.thesis.note == "0x10"
    assert argument_map.source.authors == ["no", "1e3", "2020-07-08"]


def test_alias_is_refused(tmp_path: Path) -> None:
    """Anchors and aliases are refused with the alias's place named."""
    text = "source:\n  authors: &who [Ann]\n  title: *who\nthesis:\n  id: thesis\n  text: x\n"
    lines = _problems(_write(tmp_path, text))
    assert len(lines) == 1
    assert lines[0].endswith(
        ":3:10: source.title: alias '*who' repeats the value anchored at line 2; anchors and aliases are not allowed"
    )


def test_object_tag_is_refused_not_constructed(tmp_path: Path) -> None:
    """A tag that would build a Python object is an error, and nothing is constructed."""
    text = MINIMAL + "  note: !!python/object/apply:os.system ['echo pwned']\n"
    lines = _problems(_write(tmp_path, text))
    assert lines == [
        f"{tmp_path / 'map.yaml'}:6:9: thesis.note: tags such as 'tag:yaml.org,2002:python/object/apply:os.system' "
        "are not allowed"
    ]


def test_several_documents_are_refused(tmp_path: Path) -> None:
    """A second YAML document in the file is an error naming its line."""
    lines = _problems(_write(tmp_path, MINIMAL + "---\n" + MINIMAL))
    assert lines == [
        f"{tmp_path / 'map.yaml'}:7:1: holds more than one YAML document ('---'); put one map in each file"
    ]


def test_only_a_comment_is_empty(tmp_path: Path) -> None:
    """A file with only a comment is reported as empty."""
    lines = _problems(_write(tmp_path, "# nothing here\n"))
    assert lines == [f"{tmp_path / 'map.yaml'}:1:1: is empty: a map needs at least 'source' and 'thesis'"]


def test_utf8_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    """A UTF-8 byte-order mark and CRLF line ends load like plain UTF-8."""
    data = b"\xef\xbb\xbf" + MINIMAL.replace("\n", "\r\n").encode()
    assert load_map(_write(tmp_path, data)).thesis.id == "thesis"


def test_utf16_with_bom_is_accepted(tmp_path: Path) -> None:
    """UTF-16 with a byte-order mark is decoded."""
    assert load_map(_write(tmp_path, MINIMAL.encode("utf-16"))).thesis.text == "A thesis."


def test_invalid_utf8_names_line_and_column(tmp_path: Path) -> None:
    """Bytes that are not UTF-8 are reported with their line and column."""
    data = MINIMAL.encode().replace(b"A thesis.", b"A th\xffsis.")
    assert _problems(_write(tmp_path, data)) == [
        f"{tmp_path / 'map.yaml'}:5:13: is not valid UTF-8 (byte 0xff); save it as UTF-8"
    ]


def test_nul_byte_is_refused(tmp_path: Path) -> None:
    """A NUL byte means a binary file: refused with its place."""
    data = MINIMAL.encode().replace(b"A thesis.", b"A\x00")
    assert _problems(_write(tmp_path, data)) == [
        f"{tmp_path / 'map.yaml'}:5:10: contains a NUL byte: this is not a text file"
    ]


def test_folder_and_missing_file(tmp_path: Path) -> None:
    """A folder or a missing path given as a map is one clear line."""
    assert _problems(tmp_path) == [f"{tmp_path}: is a folder, not a map file"]
    assert _problems(tmp_path / "nope.yaml") == [f"{tmp_path / 'nope.yaml'}: no such file"]


def test_json_map_with_tabs_locates_errors(tmp_path: Path) -> None:
    """JSON maps load, and their errors carry lines even when indented with tabs."""
    data = {
        "source": {"authors": ["A"]},
        "thesis": {"id": "t", "text": "x", "children": [{"id": "c", "text": "y"}]},
    }
    path = _write(tmp_path, json.dumps(data, indent="\t"), "map.json")
    assert _problems(path) == [
        f"{path}:11:4: thesis.children[0]: required field 'kind' is missing; one of claim, evidence, objection, rebuttal"
    ]


def test_deep_chain_loads_without_recursion(tmp_path: Path) -> None:
    """A chain 10,000 claims deep loads (validation is bottom-up, not recursive)."""
    node: dict[str, object] = {"id": "leaf", "kind": "evidence", "type": "event", "text": "x"}
    for level in range(10_000):
        node = {"id": f"c{level}", "kind": "claim", "text": "y", "children": [node]}
    data = {"source": {"authors": ["A"]}, "thesis": {"id": "t", "text": "x", "children": [node]}}
    path = tmp_path / "deep.json"
    # json.dumps recurses; the CLI raises the recursion limit for the same reason.
    import sys

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(50_000)
    try:
        path.write_text(json.dumps(data))
        argument_map = load_map(path)
    finally:
        sys.setrecursionlimit(limit)
    assert sum(1 for _ in argument_map.nodes()) == 10_002
    assert max(depth for _, _, depth in argument_map.walk()) == 10_001
