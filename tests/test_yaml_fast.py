"""The fast YAML reader agrees with the full one wherever it answers, and gives way otherwise."""

from __future__ import annotations

from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.yamlfast import Declined, fast_data
from argmap.yamlsafe import YamlRefused, compose, to_data
from conftest import FLAGSHIP_MAPS, ROOT, VOCABULARY

_FULL_REFUSED = object()


def full_reading(text: str) -> Any:
    try:
        root = compose(text)
    except YamlRefused:
        return _FULL_REFUSED
    if root is None:
        return _FULL_REFUSED
    try:
        return to_data(root)
    except YamlRefused:
        return _FULL_REFUSED


def assert_agrees(text: str) -> bool:
    """True when the fast reader answered (and agreed), False when it gave way."""
    expected = full_reading(text)
    try:
        answer = fast_data(text)
    except Declined:
        return False
    assert expected is not _FULL_REFUSED, f"fast reader accepted what the full one refuses: {text!r}"
    assert answer == expected
    assert _shape(answer) == _shape(expected)
    return True


def _shape(data: Any) -> Any:
    """Types as well as values: None and '' compare unequal already, but keep lists from tuples."""
    if isinstance(data, dict):
        return {key: _shape(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_shape(item) for item in data]
    return type(data).__name__


def test_every_yaml_file_in_the_repository() -> None:
    """Maps, vocabularies, hostile cases and goldens: the fast reader answers for the clean ones."""
    files = [
        *FLAGSHIP_MAPS,
        VOCABULARY,
        *(path for pattern in ("tests/**/*.yaml", "tests/**/*.yml") for path in sorted(ROOT.glob(pattern))),
    ]
    files = [path for path in files if path.is_file()]
    answered = 0
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        answered += assert_agrees(text)
    assert answered > 50
    for path in [*FLAGSHIP_MAPS, VOCABULARY]:
        assert assert_agrees(path.read_text(encoding="utf-8")), path


SPECIAL_WORDS = st.sampled_from(
    ["null", "~", "Null", "", "<<", "yes", "1e3", "2020-07", "- x", "a: b", "#c", "&a", "*a"]
)
TEXT = st.one_of(SPECIAL_WORDS, st.text(max_size=12))
DATA = st.recursive(
    st.one_of(st.none(), TEXT),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(TEXT, inner, max_size=4)),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    DATA,
    st.sampled_from([None, True, False]),
    st.sampled_from([None, '"', "'", "|", ">"]),
)
def test_documents_written_in_any_style(data: Any, flow: bool | None, style: str | None) -> None:
    text = yaml.safe_dump(data, default_flow_style=flow, default_style=style, allow_unicode=True)
    assert_agrees(text)


MARKS = st.sampled_from([*"&*!-:[]{}#|>'\"\n ?,<~", "---\n", "...\n", "!!str ", "&a ", "*a", "<<: "])


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(
        [
            "a: 1\nb:\n  - x\n  - {c: d, e: [f, g]}\n",
            "thesis:\n  id: t\n  text: >-\n    folded\n    text\n  children: []\n",
            "- a\n- b: c\n  d: e\n- [x, y]\n",
        ]
    ),
    st.lists(st.tuples(st.integers(0, 60), MARKS), max_size=4),
)
def test_mutated_documents(base: str, edits: list[tuple[int, str]]) -> None:
    """Anchors, aliases, tags, merge keys, documents and broken syntax dropped into valid YAML."""
    text = base
    for at, mark in edits:
        at = min(at, len(text))
        text = text[:at] + mark + text[at:]
    assert_agrees(text)


def test_it_gives_way_to_what_must_be_reported() -> None:
    for text in (
        "a: &x 1\nb: *x\n",
        "a: !!str 1\n",
        "<<: {a: 1}\n",
        "a: 1\na: 2\n",
        "? [a]\n: 1\n",
        "a: 1\n---\nb: 2\n",
        "",
        "# only a comment\n",
        "a: [1\n",
        "[" * 1001 + "]" * 1001,
    ):
        try:
            fast_data(text)
        except Declined:
            continue
        raise AssertionError(f"accepted {text!r}")
