"""A map as plain data (dicts, lists, strings) in the order and shape of a map file.

Files stay minimal but exact: a field is left out only when loading the file would
give the same value back (``None``, an empty list, a relation equal to its kind's
default, the thesis's ``kind``). Empty strings are kept, since they load as ``""`` and
not as ``None``. Trees are walked with an explicit stack, so depth costs memory only.
"""

from __future__ import annotations

from typing import Any

from argmap.model import AnyNode, ArgumentMap, Relation, Thesis

NODE_FIELDS = (
    "id",
    "kind",
    "relation",
    "type",
    "text",
    "quote",
    "date",
    "actors",
    "place",
    "reported_by",
    "topic",
    "question",
    "position",
    "also_supports",
    "also_opposes",
    "also_undercuts",
    "note",
)
"""Field order of a node in a map file; ``children`` always comes last."""

SOURCE_FIELDS = ("title", "authors", "affiliation", "outlet", "date", "url", "text", "note")

DEFAULT_RELATION: dict[str, Relation] = {
    "claim": Relation.SUPPORTS,
    "evidence": Relation.SUPPORTS,
    "objection": Relation.OPPOSES,
    "rebuttal": Relation.OPPOSES,
}


def node_fields(node: AnyNode) -> dict[str, Any]:
    """One node's own fields, without ``children``, as they would be written in a file."""
    data: dict[str, Any] = {}
    for name in NODE_FIELDS:
        value = getattr(node, name, None)
        if value is None or (isinstance(value, list) and not value):
            continue
        if name == "kind" and isinstance(node, Thesis):
            continue
        if name == "relation" and value == DEFAULT_RELATION[node.kind]:
            continue
        data[name] = list(value) if isinstance(value, list) else str(value)
    return data


def source_data(argument_map: ArgumentMap) -> dict[str, Any]:
    source = argument_map.source
    data: dict[str, Any] = {}
    for name in SOURCE_FIELDS:
        value = getattr(source, name)
        if value is not None:
            data[name] = list(value) if isinstance(value, list) else value
    return data


def map_to_data(argument_map: ArgumentMap) -> dict[str, Any]:
    """The whole map as plain data, ready for :func:`argmap.yamlwrite.dump_yaml` or JSON."""
    data: dict[str, Any] = {}
    if argument_map.schema_ is not None:
        data["$schema"] = argument_map.schema_
    if argument_map.vocabulary is not None:
        data["vocabulary"] = argument_map.vocabulary
    data["source"] = source_data(argument_map)
    holder: list[dict[str, Any]] = []
    stack: list[tuple[AnyNode, list[dict[str, Any]]]] = [(argument_map.thesis, holder)]
    while stack:
        node, siblings = stack.pop()
        fields = node_fields(node)
        siblings.append(fields)
        if node.children:
            children: list[dict[str, Any]] = []
            fields["children"] = children
            # Reversed so that the first child is popped, and appended, first.
            stack.extend((child, children) for child in reversed(node.children))
    data["thesis"] = holder[0]
    return data
