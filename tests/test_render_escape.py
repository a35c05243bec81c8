"""Hostile map text can neither break the DOT source nor inject markup into the SVG."""

from __future__ import annotations

import doctest
import shutil
import subprocess
import textwrap
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.model import ArgumentMap
from argmap.render import dot_escape
from argmap.render.dot import map_to_dot
from argmap.render.dot_escape import html, quote, visible, wrap
from argmap.vocabulary import Vocabulary

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot is not installed")
SVG = "{http://www.w3.org/2000/svg}"

SCRIPT = "</svg><script>alert(1)</script>"
HOSTILE = [
    SCRIPT,
    'say "hi" and \\"escape\\"',
    "C:\\dir\\",
    "\\N \\G \\l \\n \\E",
    "a<b>c&d&amp;{e}|f",
    "line one\nline two\r\nthree",
    "bell\x07escape\x1b[2Jnull",
    "]]><!-- -->&#x41;",
    "\ufffe non-character",
]


def hostile_map(text: str) -> ArgumentMap:
    """A map with ``text`` in every free-text field that reaches the diagram."""
    return ArgumentMap.model_validate(
        {
            "source": {"title": text, "authors": [text], "affiliation": text, "outlet": text, "date": "2020"},
            "thesis": {
                "id": "thesis",
                "text": text,
                "quote": text,
                "question": "q",
                "position": "p",
                "children": [
                    {"id": "c", "kind": "claim", "text": text, "quote": text},
                    {"id": "e", "kind": "evidence", "type": "event", "text": text, "date": "2020-01"},
                ],
            },
        }
    )


def hostile_vocabulary(text: str) -> Vocabulary:
    return Vocabulary.model_validate(
        {"questions": [{"id": "q", "text": text, "positions": [{"id": "p", "label": text}]}]}
    )


def svg_of(source: str) -> bytes:
    done = subprocess.run(["dot", "-Tsvg"], input=source.encode(), capture_output=True, check=False)
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout


def svg_texts(svg: bytes) -> tuple[Any, list[str]]:
    root = ET.fromstring(svg)
    return root, [element.text or "" for element in root.iter(f"{SVG}text")]


def test_escape_doctests_pass() -> None:
    """The doctests of the escaping helpers hold."""
    assert doctest.testmod(dot_escape).failed == 0


def test_quote_doubles_backslashes_and_escapes_quotes() -> None:
    """A quoted DOT string cannot be closed early nor end in an escaping backslash."""
    assert quote('a"b\\') == '"a\\"b\\\\"'


def test_html_leaves_no_markup_characters() -> None:
    """Escaped HTML label text has no raw <, >, braces or bars, and & only in entities."""
    escaped = html(SCRIPT + "{x}|&")
    assert not set("<>{}|") & set(escaped)
    assert escaped.count("&") == escaped.count(";")


def test_visible_makes_controls_and_line_breaks_harmless() -> None:
    """Control characters become visible escapes and line breaks become spaces."""
    assert visible("a\r\nb\x00c\u202e") == "a b\\x00c\\u202e"


@needs_dot
@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_parses_and_stays_text_in_svg(text: str) -> None:
    """Real dot accepts the DOT, the SVG is XML with no script element, and the text shows as written."""
    source = map_to_dot(hostile_map(text), quotes=True, tags=True, vocabulary=hostile_vocabulary(text))
    root, texts = svg_texts(svg_of(source))
    assert not [element for element in root.iter() if element.tag.lower().endswith("script")]
    shown = "".join("".join(texts).split())
    expected = "".join(visible(text).split())
    assert expected in shown


@needs_dot
def test_script_tag_appears_as_text() -> None:
    """`</svg><script>` in a claim is a text node of the SVG, escaped in its bytes."""
    svg = svg_of(map_to_dot(hostile_map(SCRIPT)))
    _, texts = svg_texts(svg)
    assert SCRIPT in texts
    assert b"<script" not in svg
    assert b"&lt;/svg&gt;&lt;script&gt;" in svg


@needs_dot
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=1, max_size=60).filter(lambda s: s.strip()))
def test_any_text_renders_to_valid_svg(text: str) -> None:
    """Whatever text a map holds, dot parses the DOT and the SVG carries the text."""
    _, texts = svg_texts(svg_of(map_to_dot(hostile_map(text))))
    assert "".join(visible(text).split()) in "".join("".join(texts).split())


@needs_dot
@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_safe_in_comparisons(text: str) -> None:
    """Author names, claims, questions and positions in a comparison diagram stay text."""
    from argmap.compare import compare
    from argmap.render.dot import comparison_to_dot

    a, b, vocabulary = hostile_map(text), hostile_map(text), hostile_vocabulary(text)
    root, texts = svg_texts(svg_of(comparison_to_dot(compare(a, b, vocabulary), a, b)))
    assert not [element for element in root.iter() if element.tag.lower().endswith("script")]
    assert "".join(visible(text).split()) in "".join("".join(texts).split())


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["a", "bb", "word", "x-y", " ", "  ", "\t", "\n", "\u00a0", "\u3000", "é", "longwordlongword"]
        ),
        max_size=25,
    ).map("".join),
    st.integers(1, 30),
)
def test_wrapping_is_textwraps(text: str, width: int) -> None:
    """The fast wrap gives textwrap's lines for any text: plain prose, odd white space, long words."""
    assert wrap(text, width) == textwrap.wrap(text, width, break_on_hyphens=False)
