"""Escaping map text for DOT: the one place that decides how text reaches Graphviz.

Map files come from strangers, and their text ends up in three places:

* **quoted DOT strings** (node names, ``tooltip``): inside ``"..."`` only ``"`` and a
  trailing backslash can break out, and Graphviz expands ``\\N``, ``\\G``, ``\\l`` and
  friends in most attributes, so every backslash is doubled;
* **HTML-like labels** (every label argmap draws): ``<``, ``>`` and ``&`` are markup, and
  Graphviz *also* expands backslash escapes after decoding entities (``\\N`` becomes the
  node's name), so backslashes are doubled here too;
* the **SVG** Graphviz writes: it escapes ``<``, ``>`` and ``&`` itself, but copies control
  characters and the non-characters U+FFFE/U+FFFF verbatim, which makes the XML invalid.
  Those are shown as visible ``\\x..`` escapes before anything else happens.

Braces and ``|`` are only special in record labels, which argmap never uses; in HTML
labels they are still written as character references so that no later change of
shape can give them meaning.
"""

from __future__ import annotations

import functools
import re
import textwrap

from argmap.sanitize import terminal_safe

_XML_INVALID = re.compile("[\ufffe\uffff]")
_LINE_BREAKS = re.compile(r"\r\n|[\r\n\u2028\u2029\x85\x0b\x0c]")

_HTML = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    '"': "&quot;",
    "{": "&#123;",
    "}": "&#125;",
    "|": "&#124;",
    # Graphviz's HTML-label lexer rejects a lone "]" next to a tag ("<B>]</B>").
    "[": "&#91;",
    "]": "&#93;",
    "\\": "\\\\",
}
_HTML_SPECIAL = re.compile('[&<>"{}|\\[\\]\\\\]')


def visible(text: str) -> str:
    r"""Text whose line breaks are spaces and whose invisible or XML-invalid characters show as escapes.

    >>> visible("a\nb\x07c\ufffe")
    'a b\\x07c\\ufffe'
    """
    text = _LINE_BREAKS.sub(" ", text)
    text = terminal_safe(text)
    return _XML_INVALID.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


@functools.lru_cache(maxsize=4096)  # the same names, colours and styles recur on every node
def quote(text: str) -> str:
    r"""A double-quoted DOT string (an ID or an attribute value) that shows ``text`` as written.

    >>> quote('say "hi"')
    '"say \\"hi\\""'
    >>> quote("C:\\dir\\")
    '"C:\\\\dir\\\\"'
    >>> quote("two\nlines")
    '"two lines"'
    """
    escaped = visible(text).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def html(text: str) -> str:
    r"""Text for inside an HTML-like label: markup characters become entities.

    >>> html("</svg><script>alert(1)</script>")
    '&lt;/svg&gt;&lt;script&gt;alert(1)&lt;/script&gt;'
    >>> html("R&D {x|y}")
    'R&amp;D &#123;x&#124;y&#125;'
    >>> html("\\N")
    '\\\\N'
    """
    return _HTML_SPECIAL.sub(lambda m: _HTML[m.group()], visible(text))


def html_attribute(value: str) -> str:
    """A value for an attribute inside an HTML-like label (``COLOR="..."``), quotes included.

    >>> html_attribute("#1d3557")
    '"#1d3557"'
    """
    return f'"{html(value)}"'


def html_lines(text: str, width: int) -> list[str]:
    r"""``text`` wrapped at ``width`` characters, each line escaped for an HTML-like label.

    Wrapping happens before escaping, so that ``&amp;`` counts as one character.

    >>> html_lines("Tom & Jerry <3 each other a lot", 12)
    ['Tom &amp; Jerry', '&lt;3 each', 'other a lot']
    """
    return [html(line) for line in wrap(visible(text), width)]


def wrap(text: str, width: int) -> list[str]:
    """``textwrap.wrap(text, width, break_on_hyphens=False)``, found faster for plain prose.

    Words split by single spaces, none longer than ``width``, wrap greedily, as textwrap
    does; anything else (other white space, runs of spaces, long words) goes to textwrap,
    through :class:`_LinearWrapper`, which folds a long word in linear time.
    """
    words = text.split(" ")
    if not text or " ".join(text.split()) != text or max(map(len, words)) > width:
        return _wrapper(width).wrap(text)
    lines: list[str] = []
    line = words[0]
    for word in words[1:]:
        if len(line) + 1 + len(word) <= width:
            line += " " + word
        else:
            lines.append(line)
            line = word
    lines.append(line)
    return lines


class _LinearWrapper(textwrap.TextWrapper):
    """``textwrap.TextWrapper(width, break_on_hyphens=False)``, folding a long word in time linear in its length.

    textwrap folds a word longer than the width a line at a time, copying the rest of the
    word each time: a 4 MiB word without a space took 15 s to wrap, 8 MiB a minute. Here
    the word is cut once, into what fills the current line and pieces of the full width,
    which textwrap then lays one a line, as it would have cut them. What follows the last
    character that is not white space stays one chunk, for textwrap to drop as before.
    """

    def __init__(self, width: int) -> None:
        super().__init__(width, break_on_hyphens=False)

    def _handle_long_word(
        self, reversed_chunks: list[str], cur_line: list[str], cur_len: int, width: int
    ) -> None:
        if width < 1:
            super()._handle_long_word(reversed_chunks, cur_line, cur_len, width)
            return
        chunk = reversed_chunks.pop()
        space_left = width - cur_len
        cur_line.append(chunk[:space_left])
        rest = chunk[space_left:]
        # textwrap would go on cutting while the rest holds something other than white space.
        end = len(rest.rstrip())
        starts = range(0, end, width)
        pieces = [rest[start : start + width] for start in starts]
        left = len(starts) * width
        if left < len(rest):
            pieces.append(rest[left:])
        reversed_chunks.extend(reversed(pieces))


@functools.lru_cache(maxsize=16)
def _wrapper(width: int) -> _LinearWrapper:
    return _LinearWrapper(width)
