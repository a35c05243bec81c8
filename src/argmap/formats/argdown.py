"""Argdown export: the map as an Argdown document that ``@argdown/cli`` parses with the same structure.

Every node becomes a statement titled with its id, ``[id]: text #kind {data}``, nested
under its parent with Argdown's relation symbols: ``+`` supports, ``-`` attacks, ``_``
undercuts. Argdown undercuts only arguments, so a node whose inference is undercut is
written as an argument, ``<id>: text``, instead of a statement; every other node stays a
statement, so statements plus arguments equal the map's nodes and Argdown's relations
equal the map's links, type for type. ``also_*`` links are outgoing relations under
their node (``+> [id]``, ``-> [id]``, ``_> <id>``). The thesis comes first, tagged
``#thesis``; evidence is tagged ``#evidence`` and its type (``#vote``). Question,
position and every other field go into the data block, quoted; the source goes into the
front matter (``title``, ``author``, ``date`` for Argdown's own exports, the full source
under ``argmap``). Nesting deeper than ``MAX_NESTING`` continues in a new top-level
block, so indentation stays bounded for trees of any depth.
"""

from __future__ import annotations

from collections import deque

from argmap.formats.argdown_escape import data_block, escape_text, flow_yaml, quote_yaml
from argmap.model import AnyNode, ArgumentMap, Evidence, Relation
from argmap.serialize import node_fields, source_data
from argmap.vocabulary import Vocabulary

NAME = "argdown"
SUFFIX = ".argdown"
USES_VOCABULARY = False
MAX_NESTING = 12
INDENT = "  "

_CHILD_SYMBOL = {Relation.SUPPORTS: "+", Relation.OPPOSES: "-", Relation.UNDERCUTS: "_"}
_LINK_SYMBOL = {Relation.SUPPORTS: "+>", Relation.OPPOSES: "->", Relation.UNDERCUTS: "_>"}
# Written as tags or as the structure itself, so left out of the data block.
_STRUCTURAL = {"id", "kind", "relation", "type", "text", "also_supports", "also_opposes", "also_undercuts"}


def export(argument_map: ArgumentMap, vocabulary: Vocabulary | None = None) -> str:
    """The map as Argdown text. ``vocabulary`` is not used: questions and positions stay ids."""
    arguments = undercut_targets(argument_map)
    lines = front_matter(argument_map)
    blocks: deque[AnyNode] = deque([argument_map.thesis])
    while blocks:
        lines.append("")
        lines.extend(_block(blocks.popleft(), arguments, blocks))
    return "\n".join(lines) + "\n"


def undercut_targets(argument_map: ArgumentMap) -> set[str]:
    """Ids of nodes whose inference something undercuts: these become Argdown arguments."""
    targets: set[str] = set()
    for node, parent, _ in argument_map.walk():
        targets.update(node.also_undercuts)
        if parent is not None and getattr(node, "relation", None) == Relation.UNDERCUTS:
            targets.add(parent.id)
    return targets


def title(node_id: str, arguments: set[str]) -> str:
    return f"<{node_id}>" if node_id in arguments else f"[{node_id}]"


def tags(node: AnyNode) -> list[str]:
    found: list[str] = [node.kind]
    if isinstance(node, Evidence):
        found.append(str(node.type))
    return found


def definition(node: AnyNode, arguments: set[str]) -> str:
    """``[id]: text #kind {data}`` for one node."""
    data = data_block({key: value for key, value in node_fields(node).items() if key not in _STRUCTURAL})
    line = f"{title(node.id, arguments)}: {escape_text(node.text)} " + " ".join(
        f"#{tag}" for tag in tags(node)
    )
    return f"{line} {data}" if data else line


def _block(root: AnyNode, arguments: set[str], deferred: deque[AnyNode]) -> list[str]:
    """One top-level statement and its subtree, nested up to ``MAX_NESTING`` levels."""
    lines: list[str] = []
    stack: list[tuple[AnyNode, int]] = [(root, 0)]
    while stack:
        node, level = stack.pop()
        pad = INDENT * level
        if level == 0:
            lines.append(definition(node, arguments))
        else:
            symbol = _CHILD_SYMBOL[getattr(node, "relation", Relation.SUPPORTS)]
            if level > MAX_NESTING:
                lines.append(f"{pad}{symbol} {title(node.id, arguments)}")
                deferred.append(node)
                continue
            lines.append(f"{pad}{symbol} {definition(node, arguments)}")
        inner = INDENT * (level + 1)
        for relation, target in node.links():
            lines.append(f"{inner}{_LINK_SYMBOL[relation]} {title(target, arguments)}")
        stack.extend((child, level + 1) for child in reversed(node.children))
    return lines


def front_matter(argument_map: ArgumentMap) -> list[str]:
    """YAML front matter: Argdown's ``title``/``author``/``date`` and the full source under ``argmap``."""
    source = argument_map.source
    lines = ["==="]
    if source.title is not None:
        lines.append(f"title: {quote_yaml(source.title)}")
    lines.append(f"author: {quote_yaml(', '.join(source.authors))}")
    if source.date is not None:
        lines.append(f"date: {quote_yaml(source.date)}")
    lines.append("argmap:")
    lines.append("  thesis: " + quote_yaml(argument_map.thesis.id))
    if argument_map.vocabulary is not None:
        lines.append("  vocabulary: " + quote_yaml(argument_map.vocabulary))
    if argument_map.schema_ is not None:
        lines.append("  schema: " + quote_yaml(argument_map.schema_))
    lines.append("  source:")
    lines.extend(f"    {key}: {flow_yaml(value)}" for key, value in source_data(argument_map).items())
    lines.append("===")
    return lines
