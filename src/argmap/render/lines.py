"""Wrapped text with indents and hanging prefixes, laid out fast for long terminal views.

A view such as a comparison of two large maps is thousands of short texts, each below an
indent, some after a hanging prefix ("• ", "≈ 0.42 "). Nested rich ``Group`` and
``Padding`` objects lay that out by rendering and cropping every line through several
layers, which cost seconds. :class:`Lines` wraps each text once, with rich's own rules,
and writes the lines out directly, exactly where those layers would put them.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from functools import cache

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from rich.tree import Tree

Line = tuple[int, Text | None, Text]
"""One entry of :class:`Lines`: indent, hanging prefix (or none) and text."""


class Lines:
    """Texts, each wrapped on its own below an indent and an optional hanging prefix.

    Lays out what a ``Group`` of the texts would, each in a ``Padding`` of its indent,
    hanging ones as ``prefix`` then the text with its continuation lines under the text.
    """

    def __init__(self, lines: list[Line]) -> None:
        self.lines = lines

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        if console.color_system is None and not console.record:
            # Without colour (a file, a pipe) styles print as nothing: plain strings will do,
            # one per text (rich splits a segment's lines by copying what follows each).
            yield from map(Segment, self._plain(console, width))
            return
        for indent, prefix, text in self.lines:
            lead = indent + (prefix.cell_len if prefix is not None else 0)
            for number, line in enumerate(wrap(console, text, max(1, width - lead))):
                if number == 0:
                    if indent:
                        yield Segment(" " * indent)
                    if prefix is not None:
                        yield from prefix.render(console)
                elif lead:
                    yield Segment(" " * lead)
                if line.style and not line.spans:
                    # Text.render() leaves out the base style of a text without spans.
                    yield Segment(line.plain, console.get_style(line.style, default=Style.null()))
                else:
                    yield from line.render(console)
                yield Segment.line()

    def plain(self, console: Console, width: int) -> str | None:
        """The text a colourless ``console`` prints for these lines at ``width``, if it needs no cropping.

        ``None`` where a line would be cropped or holds a character not one cell wide: then
        only rich knows what it prints. Printing through rich re-measures and re-splits
        every line, which was a third of laying out a large comparison.
        """
        text = "".join(self._plain(console, width))
        lines = text.split("\n")
        if max(map(len, lines)) <= width and all(map(_one_cell_each, lines)):
            return text
        return None

    def _plain(self, console: Console, width: int) -> Iterator[str]:
        for indent, prefix, text in self.lines:
            first = " " * indent + (prefix.plain if prefix is not None else "")
            lead = " " * (indent + (prefix.cell_len if prefix is not None else 0))
            lines = wrap_plain(console, text, max(1, width - len(lead)))
            yield "".join(f"{lead if number else first}{line}\n" for number, line in enumerate(lines))

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        """What a ``Group`` of the same texts in ``Padding`` (hanging ones in a renderable with no measure) measures."""
        width = options.max_width
        smallest = largest = 0
        for indent, prefix, text in self.lines:
            if prefix is not None:
                least, most = min(indent, width), width
            else:
                measured = Measurement.get(console, options, text)
                least, most = min(measured.minimum + indent, width), min(measured.maximum + indent, width)
            smallest, largest = max(smallest, least), max(largest, most)
        return Measurement(smallest, largest)


_WORD = re.compile(r" *([^ ]+) *")
"""A word as rich's wrapping sees it when " " is the only space: spaces, the word, the spaces after it."""


def _fits(text: Text, width: int) -> bool:
    plain = text.plain
    return len(plain) <= width and text.cell_len <= width and "\n" not in plain and "\t" not in plain


def wrap(console: Console, text: Text, width: int) -> Iterable[Text]:
    """``text.wrap(console, width)``: the same lines, found faster for the usual characters of map text."""
    if _fits(text, width):
        return (text,)
    plain = text.plain
    if not _one_cell_each(plain):
        return text.wrap(console, width)
    lines = text.divide(_breaks(plain, width))
    for line in lines:
        line.rstrip_end(width)
        line.truncate(width, overflow="fold")
    return lines


def wrap_plain(console: Console, text: Text, width: int) -> Iterable[str]:
    """The plain text of :func:`wrap`'s lines, without making a :class:`Text` of each."""
    if _fits(text, width):
        return (text.plain,)
    lines = _plain_lines(text.plain, width)
    return lines if lines is not None else [line.plain for line in text.wrap(console, width)]


def _wrap_one_cell(plain: str, width: int) -> list[str]:
    """Rich's wrapping of one line of one-cell characters (no line break, no tab) at ``width``."""
    ends = [0, *_breaks(plain, width), len(plain)]
    lines = [plain[start:end] for start, end in itertools.pairwise(ends)]
    # What Text.rstrip_end() and Text.truncate() do to each line, for one-cell characters.
    for number, line in enumerate(lines):
        if len(line) > width:
            spaces = len(line) - len(line.rstrip(" "))
            line = line[: len(line) - min(spaces, len(line) - width)]
            lines[number] = line[:width]
    return lines


def tree_plain(tree: Tree, console: Console, width: int) -> str | None:
    """What a colourless ``console`` prints for ``tree`` at ``width``, laid out here; ``None`` where only rich knows.

    rich renders a tree a node at a time, every label through its own console pass, and
    then re-measures every line: 1.4 s for the 23,000 lines of a 10,000-node map. Here each
    label is wrapped once below its guides, as rich would wrap it. Only for trees of one
    guide style whose labels are one-cell text with room beside the guides.
    """
    options = console.options
    if tree.hide_root or options.ascii_only or options.legacy_windows:
        return None
    style = console.get_style(tree.guide_style, default="")
    space, cont, fork, end = Tree.TREE_GUIDES[1 if style.bold else (2 if style.underline2 else 0)]
    out: list[str] = []
    stack: list[tuple[Tree, str, bool]] = [(tree, "", True)]
    while stack:
        node, columns, last = stack.pop()
        label = node.label
        if not isinstance(label, Text) or not node.expanded or node.guide_style != tree.guide_style:
            return None
        if node is tree:
            first = rest = ""
        else:
            first, rest = columns + (end if last else fork), columns + (space if last else cont)
        room = width - len(first)
        lines = _plain_lines(label.plain, room) if room >= 1 else None
        if lines is None:
            return None
        out.append(first + lines[0])
        out.extend(rest + line for line in lines[1:])
        children = node.children
        stack.extend((children[n], rest, n == len(children) - 1) for n in reversed(range(len(children))))
    return "".join(f"{line}\n" for line in out)


def _plain_lines(plain: str, width: int) -> list[str] | None:
    """``Text(plain).wrap()``'s lines at ``width`` for one-cell text, line breaks included; else ``None``.

    ``None`` (any other character, a tab among them) leaves the wrapping to rich.
    """
    lines: list[str] = []
    for part in plain.split("\n"):
        if not _one_cell_each(part):
            return None
        if len(part) <= width:
            lines.append(part)
        else:
            lines += _wrap_one_cell(part, width)
    return lines


_ONE_CELL_RANGES = (
    (0x21, 0x7E),
    (0xA1, 0x2FF),
    (0x370, 0x482),
    (0x2010, 0x2027),
    (0x2030, 0x205E),
    (0x2190, 0x25FF),
)
"""Where the characters :func:`_one_cell_each` accepts lie: ASCII, Latin, Greek, Cyrillic, punctuation, symbols."""


def _one_cell_each(plain: str) -> bool:
    """Whether every character of ``plain`` is a space or one cell wide by rich's measure."""
    if plain.isascii():
        # Printable ASCII, space included, is one cell each; no need to ask rich.
        return plain.isprintable()
    return all(map(_one_cell, set(plain)))


@cache
def _one_cell(char: str) -> bool:
    if char == " ":
        return True
    code = ord(char)
    in_range = any(start <= code <= end for start, end in _ONE_CELL_RANGES)
    return in_range and char.isprintable() and cell_len(char) == 1


def _breaks(plain: str, width: int) -> list[int]:
    """Where rich's ``divide_line`` breaks ``plain``: for text of one-cell characters, with " " the only space.

    rich measures each word's cells in a call of its own, which was most of the time spent
    laying out a large comparison; where every character is one cell, a length is a width.
    """
    breaks: list[int] = []
    offset = 0
    for word in _WORD.finditer(plain):
        start, end = word.start(), word.end()
        length = word.end(1) - start  # without its trailing spaces, as rich measures it
        if width - offset >= length:
            offset += end - start
        elif length > width:
            # Too long for any line: folded into pieces of ``width`` characters.
            for piece in range(start, end, width):
                if piece:
                    breaks.append(piece)
            offset = (end - start) % width or width
        elif offset and start:
            breaks.append(start)
            offset = end - start
    return breaks


def indented(lines: list[Line], by: int) -> list[Line]:
    return [(indent + by, prefix, text) for indent, prefix, text in lines]
