"""Writing plain data as block-style YAML that people can read and :mod:`argmap.yamlsafe` reads back exactly.

A string is written plain when the reader would return exactly its characters, and in
double quotes otherwise: anything read as null (``null``, ``~``, empty), merge or value
keys (``<<``, ``=``), leading or trailing spaces, ``: `` and `` #``, an indicator at the
start, and every character that is not visibly printable (controls, line and paragraph
separators, bidirectional and zero-width characters) is escaped. The emitter keeps an
explicit stack; mappings nested deeper than ``flow_depth`` are written in flow style so
that indentation does not grow without end, and data nested deeper than the reader
accepts (:data:`argmap.limits.MAX_YAML_NESTING`) is refused with an
:class:`~argmap.errors.OutputError`: argmap never writes a file it would refuse to read.
"""

from __future__ import annotations

from typing import Any

import yaml

from argmap.errors import OutputError
from argmap.limits import MAX_YAML_NESTING as MAX_NESTING
from argmap.limits import nesting
from argmap.sanitize import backslash_escape

_RESOLVER = yaml.resolver.Resolver()
_TAG = "tag:yaml.org,2002:"
# yamlsafe keeps the characters of these as text; null, merge and value are refused or lost.
_TEXT_TAGS = {_TAG + name for name in ("str", "int", "float", "bool", "timestamp")}
_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")
_FLOW_UNSAFE = set(",[]{}:#")
_NAMED_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\x00": "\\0",
    "\x07": "\\a",
    "\x08": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\x0b": "\\v",
    "\x0c": "\\f",
    "\r": "\\r",
    "\x1b": "\\e",
    "\x85": "\\N",
    "\xa0": "\\_",
    "\u2028": "\\L",
    "\u2029": "\\P",
}
FLOW_LIST_WIDTH = 100
"""A list of strings is written ``[a, b]`` when that fits in this many characters."""


def is_plain(text: str, *, flow: bool = False) -> bool:
    """Whether ``text`` can be written unquoted and still be read back as exactly ``text``.

    >>> is_plain("2020-07"), is_plain("null"), is_plain("a: b"), is_plain(" x")
    (True, False, False, False)
    """
    if not text or not text.isprintable() or text[0] in _INDICATORS or text[0] == " " or text[-1] == " ":
        return False
    if ": " in text or " #" in text or text.endswith(":"):
        return False
    if flow and any(char in _FLOW_UNSAFE for char in text):
        return False
    tag: str = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    return tag in _TEXT_TAGS


def quote(text: str) -> str:
    r"""``text`` as a YAML double-quoted scalar, every invisible character escaped.

    >>> quote('say "hi"\n\u202e')
    '"say \\"hi\\"\\n\\u202e"'
    """
    out = ['"']
    for char in text:
        named = _NAMED_ESCAPES.get(char)
        if named is not None:
            out.append(named)
        elif char.isprintable():
            out.append(char)
        else:
            out.append(backslash_escape(char))
    out.append('"')
    return "".join(out)


def scalar(value: Any, *, flow: bool = False) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    text = str(value)
    return text if is_plain(text, flow=flow) else quote(text)


def _is_scalar(value: Any) -> bool:
    return not isinstance(value, dict | list)


def flow(value: Any) -> str:
    """``value`` in YAML flow style on one line, without recursion.

    Raises :class:`~argmap.errors.OutputError` for data nested deeper than the reader
    accepts (:data:`argmap.limits.MAX_YAML_NESTING`): a file argmap cannot read back
    must not be written.
    """
    parts: list[str] = []
    stack: list[tuple[bool, Any, int]] = [(False, value, 0)]  # (is literal text, item, depth)
    while stack:
        literal, item, depth = stack.pop()
        if literal:
            parts.append(item)
        elif isinstance(item, dict | list):
            if depth >= MAX_NESTING:
                raise OutputError(_TOO_DEEP)
            if isinstance(item, dict):
                pending: list[tuple[bool, Any, int]] = [(True, "{", depth)]
                for index, (key, child) in enumerate(item.items()):
                    pending.append((True, (", " if index else "") + scalar(key, flow=True) + ": ", depth))
                    pending.append((False, child, depth + 1))
                pending.append((True, "}", depth))
            else:
                pending = [(True, "[", depth)]
                for index, child in enumerate(item):
                    if index:
                        pending.append((True, ", ", depth))
                    pending.append((False, child, depth + 1))
                pending.append((True, "]", depth))
            stack.extend(reversed(pending))
        else:
            parts.append(scalar(item, flow=True))
    return "".join(parts)


_TOO_DEEP = (
    f"nests lists and mappings more than {MAX_NESTING} levels deep, more than argmap reads back "
    "as YAML; write this map as JSON instead"
)


def dump_yaml(data: dict[str, Any], *, flow_depth: int = 40) -> str:
    """A mapping as a block-style YAML document ending in a newline.

    Raises :class:`~argmap.errors.OutputError` for data nested deeper than
    :data:`argmap.limits.MAX_YAML_NESTING`, whatever the style it would be written in.
    """
    if nesting(data) > MAX_NESTING:
        raise OutputError(_TOO_DEEP)
    lines: list[str] = []
    # Each task: a finished line, or (mapping, indent, lead, depth) still to be written.
    stack: list[str | tuple[dict[str, Any], int, str, int]] = [(data, 0, "", 0)]
    while stack:
        task = stack.pop()
        if isinstance(task, str):
            lines.append(task)
            continue
        mapping, indent, lead, depth = task
        pending: list[str | tuple[dict[str, Any], int, str, int]] = []
        pad = " " * indent
        if not mapping:
            pending.append(lead + "{}")
        for index, (key, value) in enumerate(mapping.items()):
            head = (lead if index == 0 else pad) + scalar(key) + ":"
            if _is_scalar(value):
                pending.append(f"{head} {scalar(value)}")
            elif not value or depth >= flow_depth:
                pending.append(f"{head} {flow(value)}")
            elif isinstance(value, dict):
                pending.append(head)
                pending.append((value, indent + 2, " " * (indent + 2), depth + 1))
            elif (
                all(_is_scalar(item) for item in value)
                and len(head) + len(inline := flow(value)) < FLOW_LIST_WIDTH
            ):
                pending.append(f"{head} {inline}")
            else:
                pending.append(head)
                item_lead = " " * (indent + 2) + "- "
                for item in value:
                    if isinstance(item, dict) and item:
                        pending.append((item, indent + 4, item_lead, depth + 1))
                    else:
                        pending.append(item_lead + (scalar(item) if _is_scalar(item) else flow(item)))
        stack.extend(reversed(pending))
    return "\n".join(lines) + "\n"
