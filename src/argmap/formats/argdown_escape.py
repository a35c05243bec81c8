r"""Escaping map text for Argdown, so that the Argdown parser reads back the same characters.

Argdown (``@argdown/core`` 1.7) lexes statement text into plain runs and tokens: ``//``,
``/*`` and ``<!--`` start comments, ``#`` a tag, ``[`` and ``<`` titles, links and
mentions, ``_`` and ``*`` emphasis, ``{`` data, ``===`` front matter, ``.x.`` and ``:x:``
shortcodes such as ``.A.`` for ∀. A backslash escapes any character on the line and keeps
the spaces after it. Two quirks decide the rest: whitespace where a token starts is
skipped (so leading spaces, tabs, and a second space after an unescaped punctuation mark
would vanish), and a line break ends the statement (Argdown joins continued lines with a
space, so a line break in map text becomes a space, documented in docs/formats.md).
Invisible characters (controls, bidirectional and zero-width ones) are written as the
visible escapes every output shows (``\x1b``, ``\u202e``), and read back as those.
Relation symbols (``+ - > < _``) count only at the start of a line, and a statement's
text never starts one, since it follows its ``[title]:``.

>>> escape_text("U.S. #1 // see [note]")
'U\\.S. \\#1 \\// see \\[note]'
"""

from __future__ import annotations

import re

from argmap.sanitize import terminal_safe
from argmap.yamlwrite import quote

# Characters that end a run of plain text in Argdown's lexer (its Freestyle token).
_PUNCTUATION = frozenset("\\@#*_[],.:;</>-(){}")
# Characters that start a token wherever they stand.
_ALWAYS = frozenset("\\[<#*_{}")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# In Argdown data and front matter, a brace could end a data block and a run of '=' the front matter.
_DATA_UNSAFE = re.compile(r"[{}]|={2,}")


def escape_text(text: str) -> str:
    """``text`` as Argdown statement text; line breaks become spaces, invisible characters visible escapes.

    Argdown has no escape that stands for a character, so controls, bidirectional and
    zero-width characters are written as ``\\x1b``, ``\\u202e`` as in every other output
    (:func:`argmap.sanitize.terminal_safe`), and read back as those escapes.
    """
    text = terminal_safe(_LINE_BREAK.sub(" ", text))
    size = len(text)
    # spaces_after[i]: how many spaces follow position i (one backward pass keeps this linear).
    spaces_after = [0] * (size + 1)
    for index in range(size - 2, -1, -1):
        spaces_after[index] = spaces_after[index + 1] + 1 if text[index + 1] == " " else 0
    out: list[str] = []
    for index, char in enumerate(text):
        following = text[index + 1] if index + 1 < size else ""
        if _needs_escape(char, following, index, text, spaces_after[index]):
            out.append("\\")
        out.append(char)
    return "".join(out)


def _needs_escape(char: str, following: str, index: int, text: str, spaces: int) -> bool:
    if char in _ALWAYS or char == "\t" or (index == 0 and char == " "):
        return True
    if char == "/" and following in ("/", "*"):
        return True
    if char in ".:" and following not in ("", " "):
        # '.x.' and ':x:' may be shortcodes; an escaped first mark never starts one.
        return True
    if char == "=" and (following == "=" or (index > 0 and text[index - 1] == "=")):
        return True
    # An unescaped mark keeps one space after it; a second space, or spaces up to the end
    # of the text (where a tag or the line end follows), would be skipped as token breaks.
    return char in _PUNCTUATION and (spaces >= 2 or (spaces >= 1 and index + spaces == len(text) - 1))


def quote_yaml(text: str) -> str:
    r"""``text`` as a double-quoted YAML string that is safe inside Argdown data and front matter.

    :func:`argmap.yamlwrite.quote`, argmap's one YAML quoter, with braces and runs of ``=``
    also written as ``\x`` escapes (its escapes never hold these characters).

    >>> quote_yaml('a {b} "c" a=b ===\n')
    '"a \\x7bb\\x7d \\"c\\" a=b \\x3d\\x3d\\x3d\\n"'
    """
    return _DATA_UNSAFE.sub(_hex_escapes, quote(text))


def _hex_escapes(match: re.Match[str]) -> str:
    return "".join(f"\\x{ord(char):02x}" for char in match.group())


def flow_yaml(value: str | list[str]) -> str:
    """A string or a list of strings as YAML flow, every string double-quoted."""
    if isinstance(value, list):
        return "[" + ", ".join(quote_yaml(item) for item in value) + "]"
    return quote_yaml(value)


def data_block(fields: dict[str, str | list[str]]) -> str:
    """An Argdown data block ``{key: "value", ...}`` on one line; empty when there are no fields."""
    if not fields:
        return ""
    return "{" + ", ".join(f"{key}: {flow_yaml(value)}" for key, value in fields.items()) + "}"
