"""argmap.render.lines: its fast wrapping breaks lines exactly where rich's own wrapping does."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console, Group
from rich.padding import Padding
from rich.text import Text
from rich.tree import Tree

from argmap.render.lines import Lines, wrap, wrap_plain

CONSOLE = Console(width=80, color_system=None)
# One-cell letters and punctuation (the fast path), spaces in runs, and what takes rich's
# own path: a wide character, a combining accent, a tab and a line break.
ALPHABET = st.sampled_from(
    ["a", "b", "z", "’", "—", "•", "é", "▸", " ", "  ", "abcdefghij", "中", "e\u0301", "\t", "\n"]
)
texts = st.lists(ALPHABET, max_size=40).map("".join)


@settings(max_examples=400, deadline=None)
@given(texts, st.integers(1, 30), st.integers(0, 40), st.integers(0, 40))
def test_wrapping_matches_rich(plain: str, width: int, start: int, end: int) -> None:
    """wrap() and wrap_plain() give Text.wrap()'s lines, styles included, at any width."""
    text = Text(plain)
    text.stylize("bold", start, end)
    expected = text.wrap(CONSOLE, width)
    lines = list(wrap(CONSOLE, text, width))
    assert [line.plain for line in lines] == [line.plain for line in expected]
    assert [line.spans for line in lines] == [line.spans for line in expected]
    assert list(wrap_plain(CONSOLE, text, width)) == [line.plain for line in expected]


def _printed(renderable: object, colour: bool) -> str:
    out = io.StringIO()
    system = "truecolor" if colour else None
    Console(file=out, width=24, color_system=system, force_terminal=colour).print(renderable)
    return "\n".join(line.rstrip() for line in out.getvalue().split("\n"))


def test_lines_print_as_padding_would() -> None:
    """Indents and hanging prefixes print as Padding and a hanging indent do, with colour and without."""
    body = "a hanging text long enough to wrap twice over"
    lines = Lines(
        [
            (0, None, Text("head", style="bold")),
            (2, None, Text(body)),
            (4, Text("≈ 0.5 ", style="yellow"), Text(body)),
        ]
    )
    for colour in (False, True):
        printed = _printed(lines, colour)
        assert printed.startswith(
            _printed(Group(Text("head", style="bold"), Padding(Text(body), (0, 0, 0, 2))), colour)
        )
    assert _printed(lines, False).splitlines()[-4:] == [
        "    ≈ 0.5 a hanging text",
        "          long enough to",
        "          wrap twice",
        "          over",
    ]


entries = st.lists(
    st.tuples(st.integers(0, 12), st.one_of(st.none(), st.sampled_from(["• ", "≈ 0.42 ", "中 "])), texts),
    max_size=6,
)


@settings(max_examples=300, deadline=None)
@given(entries, st.integers(1, 30))
def test_plain_text_prints_lines_as_rich_does(found: list[tuple[int, str | None, str]], width: int) -> None:
    """plain_text() writes Lines itself where it can; the text is what rich prints, byte for byte."""
    from argmap.render.terminal import plain_text

    lines = Lines([(indent, None if p is None else Text(p), Text(t)) for indent, p, t in found])
    view = Group(Text("title"), lines, Text("after"))
    out = io.StringIO()
    Console(file=out, width=width, color_system=None, force_terminal=False).print(view)
    expected = "\n".join(line.rstrip() for line in out.getvalue().split("\n"))
    assert plain_text(view, width) == expected


@st.composite
def trees(draw: st.DrawFn) -> Tree:
    """A tree of up to 12 nodes of any shape, with labels from the wrapping alphabet."""
    style = draw(st.sampled_from(["dim", "bold", "underline2", ""]))
    root = Tree(Text(draw(texts)), guide_style=style)
    nodes = [root]
    for _ in range(draw(st.integers(0, 11))):
        parent = nodes[draw(st.integers(0, len(nodes) - 1))]
        nodes.append(parent.add(Text(draw(texts))))
    return root


@settings(max_examples=300, deadline=None)
@given(trees(), st.integers(1, 40))
def test_plain_text_prints_trees_as_rich_does(tree: Tree, width: int) -> None:
    """plain_text() lays trees out itself where it can; the text is what rich prints, byte for byte."""
    from argmap.render.terminal import plain_text

    view = Group(Text("title"), tree)
    out = io.StringIO()
    Console(file=out, width=width, color_system=None, force_terminal=False).print(view)
    expected = "\n".join(line.rstrip() for line in out.getvalue().split("\n"))
    assert plain_text(view, width) == expected


def test_the_ascii_shortcut_accepts_what_rich_measures_as_one_cell() -> None:
    """Text is taken for one cell a character, by the ASCII shortcut or per character, only where rich says so."""
    from rich.cells import cell_len

    from argmap.render.lines import _ONE_CELL_RANGES, _one_cell_each

    def accepted(char: str) -> bool:
        code = ord(char)
        inside = any(start <= code <= end for start, end in _ONE_CELL_RANGES)
        return char == " " or (inside and char.isprintable() and cell_len(char) == 1)

    for char in [*map(chr, range(0x3000)), "中", "😀", "\U0010ffff"]:
        assert _one_cell_each(char) == accepted(char), hex(ord(char))
        assert _one_cell_each(f"ab {char}") == accepted(char), hex(ord(char))
    assert _one_cell_each("plain ascii, with punctuation!")
    assert not _one_cell_each("tab\there")
