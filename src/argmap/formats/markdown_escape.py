r"""Escaping map text for Markdown (CommonMark and GitHub's dialect), so that it shows as written.

Every ASCII character that can start markup anywhere in a line is backslash-escaped:
emphasis (``*`` ``_``), code (`````), links and images (``[`` ``]``), raw HTML and
autolinks (``<`` ``>``), entities (``&``), tables (``|``), strikethrough (``~``), math
(``$``), headings (``#``). A line break in the text becomes a hard line break (a
backslash at the end of the line), and the next line is escaped where a block would
start (``-``, ``+``, ``=``, ``1.``); :func:`line_start` does the same, and turns leading
blanks into character references, for text that begins a line itself (the byline).
Invisible and control characters are made visible as ``\u....`` first, so that map text
cannot hide or reorder what a reader sees.

>>> inline("*Not* <b>bold</b> & 50%|50$")
'\\*Not\\* \\<b\\>bold\\</b\\> \\& 50%\\|50\\$'
"""

from __future__ import annotations

import re

from argmap.sanitize import terminal_safe

_ALWAYS = re.compile(r"([\\`*_\[\]<>&|~$#])")
_BLOCK_START = re.compile(r"^(\d*)([-+=.)])")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def inline(text: str, continuation: str = "") -> str:
    """``text`` escaped for use inside a paragraph or list item whose later lines start with ``continuation``."""
    lines = _LINE_BREAK.split(terminal_safe(text))
    escaped = [_ALWAYS.sub(r"\\\1", line) for line in lines]
    for index in range(1, len(escaped)):
        line = escaped[index].lstrip()
        # '-', '+', '=' start lists and underlines; in "1." or "1)" the mark after the digits is escaped.
        escaped[index] = _BLOCK_START.sub(r"\1\\\2", line)
    # A backslash at a line's end is a hard line break; trailing spaces would be one too.
    return ("\\\n" + continuation).join(line.rstrip() for line in escaped)


def line_start(markdown: str) -> str:
    r"""Escaped text (from :func:`inline`) placed at the very start of a line, made safe there too.

    Where a paragraph begins, ``- x``, ``+ x`` and ``1. x`` would start a list, ``---`` a
    rule, four spaces or a tab a code block, and other leading blanks would be dropped:
    block marks get a backslash and leading blanks become character references.

    >>> line_start(inline("- item")), line_start(inline("1. x")), line_start(inline("\tTab"))
    ('\\- item', '1\\. x', '&#9;Tab')
    """
    text = markdown.lstrip(" \t")
    blanks = markdown[: len(markdown) - len(text)]
    return "".join(f"&#{ord(char)};" for char in blanks) + _BLOCK_START.sub(r"\1\\\2", text, count=1)
