"""JSON export: the map file's data (:func:`argmap.serialize.map_to_data`) as JSON.

``argmap`` reads the result as a map (``load(export(map)) == map``). The standard
library's encoder recurses once per level, so a 10,000-deep tree would overflow it;
this writer keeps an explicit stack instead, indents the first ``PRETTY_DEPTH`` levels
for people and writes deeper levels compactly, so that the size stays linear in the
number of nodes. Invisible characters in strings are written as ``\\u`` escapes.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring
from typing import Any

from argmap.errors import OutputError
from argmap.limits import MAX_JSON_NESTING
from argmap.model import ArgumentMap
from argmap.serialize import map_to_data
from argmap.vocabulary import Vocabulary

NAME = "json"
SUFFIX = ".json"
USES_VOCABULARY = False
PRETTY_DEPTH = 40


def export(argument_map: ArgumentMap, vocabulary: Vocabulary | None = None) -> str:
    """The map as JSON text, ending in a newline. ``vocabulary`` is not used: JSON keeps ids."""
    return dumps(map_to_data(argument_map)) + "\n"


def string(text: str) -> str:
    r"""A JSON string literal; characters that are not visibly printable are escaped.

    >>> string("a\u202eb")
    '"a\\u202eb"'
    """
    encoded: str = encode_basestring(text)
    if encoded.isprintable():
        return encoded
    out = []
    for char in encoded:
        if char.isprintable():
            out.append(char)
        else:
            # Outside the BMP, JSON spells a code point as a surrogate pair.
            units = char.encode("utf-16-be", "surrogatepass")
            out.extend(f"\\u{int.from_bytes(units[i : i + 2], 'big'):04x}" for i in range(0, len(units), 2))
    return "".join(out)


def dumps_shallow(data: Any) -> str:
    """JSON for data only a few levels deep (an AIF graph), through the C encoder.

    Indented as :func:`dumps` indents, with every list item on its own line, and an order
    of magnitude faster on large graphs; invisible characters are escaped the same way.
    """
    text = json.dumps(data, indent=2, ensure_ascii=False)
    if text.replace("\n", "").isprintable():
        return text
    return "".join(char if char.isprintable() or char == "\n" else string(char)[1:-1] for char in text)


def _escape_invisible(char: str) -> str:
    # Outside the BMP, JSON spells a code point as a surrogate pair.
    units = char.encode("utf-16-be", "surrogatepass")
    return "".join(f"\\u{int.from_bytes(units[i : i + 2], 'big'):04x}" for i in range(0, len(units), 2))


def printable(json_text: str) -> str:
    r"""JSON text from any encoder with every invisible character inside its strings escaped.

    ``json.dumps`` escapes only C0 controls; this makes bidirectional overrides, C1
    controls and zero-width characters visible too, for JSON that reaches a terminal.
    Outside strings JSON has only ASCII and line breaks, so only strings change.

    >>> printable('{"a": "x\u202ey\x9b"}\n')
    '{"a": "x\\u202ey\\u009b"}\n'
    """
    if json_text.isprintable():
        return json_text
    return "".join(
        char if char.isprintable() or char == "\n" else _escape_invisible(char) for char in json_text
    )


def _scalar(value: Any) -> str:
    return string(value) if isinstance(value, str) else json.dumps(value)


def dumps(data: Any) -> str:
    """``data`` (dicts, lists, strings, numbers, None) as JSON, without recursion.

    Raises :class:`~argmap.errors.OutputError` for data nested deeper than argmap reads
    back (:data:`argmap.limits.MAX_JSON_NESTING`), before anything is written.
    """
    parts: list[str] = []
    # Each task: literal text, or (value, depth) still to be written.
    stack: list[str | tuple[Any, int]] = [(data, 0)]
    while stack:
        task = stack.pop()
        if isinstance(task, str):
            parts.append(task)
            continue
        value, depth = task
        if not isinstance(value, dict | list):
            parts.append(_scalar(value))
            continue
        if depth >= MAX_JSON_NESTING:
            raise OutputError(
                f"nests lists and mappings more than {MAX_JSON_NESTING:,} levels deep, more than argmap "
                "reads back as JSON"
            )
        if not value:
            parts.append("{}" if isinstance(value, dict) else "[]")
            continue
        pretty = depth < PRETTY_DEPTH
        scalars_only = isinstance(value, list) and all(not isinstance(item, dict | list) for item in value)
        inner = "\n" + "  " * (depth + 1) if pretty and not scalars_only else ""
        outer = "\n" + "  " * depth if pretty and not scalars_only else ""
        comma = "," if inner else ", "
        pending: list[str | tuple[Any, int]] = ["{" if isinstance(value, dict) else "["]
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for index, (key, item) in enumerate(items):
            pending.append(
                (comma if index else "") + inner + (string(key) + ": " if isinstance(value, dict) else "")
            )
            pending.append((item, depth + 1))
        pending.append(outer + ("}" if isinstance(value, dict) else "]"))
        stack.extend(reversed(pending))
    return "".join(parts)
