"""How deep argmap reads and writes nested data: one limit per format, owned by argmap.

The parsers argmap uses have limits of their own, which differ between versions (libyaml
0.2.6 refuses 1,000 levels, 0.2.5 none; Python's JSON reader recurses). argmap's limits sit
below all of them and are checked by argmap itself, so that a file gets the same answer
whichever parser reads it, and every writer refuses what the reader would refuse instead
of writing a file argmap could not read back.
"""

from __future__ import annotations

from typing import Any

MAX_YAML_NESTING = 800
"""Lists and mappings, block or flow style, nest at most this deep in a YAML file.

Well below libyaml 0.2.6's 1,000 levels (bundled with PyYAML 6.0.4), so a parser that counts
a level differently is never the one that refuses; PyYAML's pure-Python parser has no limit.
A map level takes two (a node and its ``children`` list): maps about 400 claims deep can be
YAML; deeper ones are written and read as JSON."""

MAX_JSON_NESTING = 45_000
"""Arrays and objects nest at most this deep in a JSON file (a chain of about 22,000 claims).

Python's JSON reader recurses once per level; the command line raises the recursion limit
to 50,000 for it, so this limit is the one that refuses."""


def nesting(value: Any) -> int:
    """How deep lists and mappings nest in ``value``: 0 for a scalar, 1 for a flat list."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, level)
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, level + 1) for child in children if isinstance(child, dict | list))
    return deepest
