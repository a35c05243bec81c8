"""Reading YAML into plain data, strictly, with the position of every value kept.

PyYAML's composer (in C where available) gives a node graph with line and column marks
and constructs nothing, so object-building tags never run. We turn that graph into
dicts, lists and strings ourselves, iteratively (any depth), refusing what would lose a
user's data or surprise them: duplicate keys, aliases (and so alias bombs), tags, merge
keys, several documents. Plain scalars stay text as written (``yes``, ``1e3`` and
``2020-07`` are not reinterpreted); only ``null``, ``~`` and empty mean no value.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import yaml

_TAG = "tag:yaml.org,2002:"
_IMPLICIT_SCALAR_TAGS = {_TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp")}
_NULL = _TAG + "null"
_STR = _TAG + "str"
_MERGE = _TAG + "merge"
_MAP = _TAG + "map"
_SEQ = _TAG + "seq"
_NULL_WORDS = frozenset({"", "~", "null", "Null", "NULL"})

try:
    _Base: type = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml: slower, same results
    _Base = yaml.SafeLoader


class _Loader(_Base):  # type: ignore[misc]
    """PyYAML's loader with a resolver that only tells null and merge keys from text.

    Every other plain scalar is kept as text anyway, so matching each against the
    int, float, bool and timestamp patterns (a Python call per scalar from the C
    parser) would be wasted work.
    """

    def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            if implicit[0]:
                if value in _NULL_WORDS:
                    return _NULL
                if value == "<<":
                    return _MERGE
            return _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP

    def descend_resolver(self, current_node: object, current_index: object) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


Loc = tuple[str | int, ...]
# A path as a linked list, (parent, step): extending it costs O(1) whatever the depth,
# so deep documents are read in linear time; `unlink` makes a Loc only when one is needed.
LinkedLoc = tuple["LinkedLoc", str | int] | None


def unlink(path: LinkedLoc) -> Loc:
    steps: list[str | int] = []
    while path is not None:
        path, step = path
        steps.append(step)
    return tuple(reversed(steps))


@dataclass(frozen=True)
class YamlIssue:
    """Where and why a YAML text was refused. Line and column count from 1."""

    message: str
    line: int | None = None
    column: int | None = None
    loc: Loc = ()


class YamlRefused(Exception):
    """A YAML text that cannot be read as plain data; carries every issue found."""

    def __init__(self, issues: list[YamlIssue]) -> None:
        super().__init__(issues[0].message)
        self.issues = issues


def _refuse(message: str, line: int | None = None, column: int | None = None) -> YamlRefused:
    return YamlRefused([YamlIssue(message, line, column)])


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class Locator:
    """Finds the line and column of a value in a composed document, given its path."""

    def __init__(self, root: yaml.Node | None) -> None:
        self._root = root

    def find(self, loc: Sequence[str | int]) -> tuple[int | None, int | None]:
        """The position of the deepest node on ``loc`` that exists; a missing key points at its mapping."""
        node = self._root
        if node is None:
            return None, None
        position = _mark(node)
        for step in loc:
            child: yaml.Node | None = None
            if isinstance(node, yaml.MappingNode) and isinstance(step, str):
                for key, value in node.value:
                    if isinstance(key, yaml.ScalarNode) and key.value == step:
                        child = value
                        position = _mark(key) if _is_empty(value) else _mark(value)
                        break
            elif (
                isinstance(node, yaml.SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value)
            ):
                child = node.value[step]
                position = _mark(child)
            if child is None:
                break
            node = child
        return position

    def find_key(self, loc: Sequence[str | int]) -> tuple[int | None, int | None]:
        """The position of the key that ends ``loc`` (for unknown fields), else of its value."""
        if loc and isinstance(loc[-1], str):
            parent = self._node_at(loc[:-1])
            if isinstance(parent, yaml.MappingNode):
                for key, _ in parent.value:
                    if isinstance(key, yaml.ScalarNode) and key.value == loc[-1]:
                        return _mark(key)
        return self.find(loc)

    def _node_at(self, loc: Sequence[str | int]) -> yaml.Node | None:
        node = self._root
        for step in loc:
            if isinstance(node, yaml.MappingNode) and isinstance(step, str):
                node = next(
                    (v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == step), None
                )
            elif (
                isinstance(node, yaml.SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value)
            ):
                node = node.value[step]
            else:
                return None
        return node


def _is_empty(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.value == "" and node.style is None


def compose(text: str) -> yaml.Node | None:
    """Compose one YAML document; ``None`` for a file with no document (empty, only comments)."""
    try:
        nodes = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or error.context or "not valid YAML"
        if mark is None:
            raise _refuse(f"not valid YAML: {problem}") from None
        raise _refuse(f"not valid YAML: {problem}", mark.line + 1, mark.column + 1) from None
    except yaml.YAMLError as error:
        raise _refuse(f"not valid YAML: {error}") from None
    except RecursionError:
        raise _refuse("nesting is too deep to read") from None
    if len(nodes) > 1:
        line, column = _mark(nodes[1])
        raise _refuse("holds more than one YAML document ('---'); put one map in each file", line, column)
    return nodes[0] if nodes else None


def to_data(root: yaml.Node, *, may_alias: bool = True) -> Any:
    """Plain data from a composed document, refusing aliases, tags, merge keys and duplicate keys.

    Every refusal in the document is reported, not just the first. ``may_alias=False``
    (the text has no ``&``, so no anchor) skips the alias bookkeeping.
    """
    issues: list[YamlIssue] = []
    seen: set[int] = set()
    result: list[Any] = [None]
    # Each entry: (node, container, slot, path). Iterative so that depth is bounded by memory only.
    stack: list[tuple[yaml.Node, Any, Any, LinkedLoc]] = [(root, result, 0, None)]
    scalar_type, str_tag = yaml.ScalarNode, _STR
    while stack:
        node, container, slot, loc = stack.pop()
        if may_alias:
            if id(node) in seen:
                line, column = _mark(node)
                issues.append(
                    YamlIssue(
                        f"repeats the value anchored at line {line} (an alias); anchors and aliases are not allowed",
                        line,
                        column,
                        unlink(loc),
                    )
                )
                continue
            seen.add(id(node))
        if node.tag not in _ALLOWED_TAGS[type(node)]:
            issues.append(YamlIssue(f"tags such as '{node.tag}' are not allowed", *_mark(node), unlink(loc)))
            continue
        if type(node) is scalar_type:
            container[slot] = None if node.tag == _NULL and node.style is None else node.value
        elif isinstance(node, yaml.SequenceNode):
            items: list[Any] = [None] * len(node.value)
            container[slot] = items
            for index in range(len(node.value) - 1, -1, -1):
                item = node.value[index]
                # Plain text items, by far the most common, need no trip through the stack.
                if not may_alias and type(item) is scalar_type and item.tag == str_tag:
                    items[index] = item.value
                else:
                    stack.append((item, items, index, (loc, index)))
        else:
            mapping: dict[str, Any] = {}
            container[slot] = mapping
            pending = []
            for key, value in node.value:
                if type(key) is not scalar_type or key.tag != str_tag:
                    problem = _key_problem(key)
                    if problem:
                        issues.append(YamlIssue(problem, *_mark(key), unlink(loc)))
                        continue
                name = key.value
                if name in mapping:
                    first_line = next(_mark(k)[0] for k, _ in node.value if k.value == name)
                    issues.append(
                        YamlIssue(
                            f"duplicate key '{name}' (first at line {first_line}); the second would silently win",
                            *_mark(key),
                            unlink((loc, name)),
                        )
                    )
                    continue
                if not may_alias and type(value) is scalar_type and value.tag == str_tag:
                    mapping[name] = value.value
                else:
                    mapping[name] = None
                    pending.append((value, mapping, name, (loc, name)))
            stack.extend(reversed(pending))
    if issues:
        raise YamlRefused(issues)
    return result[0]


_ALLOWED_TAGS: dict[type, set[str]] = {
    yaml.ScalarNode: _IMPLICIT_SCALAR_TAGS,
    yaml.SequenceNode: {_SEQ},
    yaml.MappingNode: {_MAP},
}


def _key_problem(key: yaml.Node) -> str | None:
    if not isinstance(key, yaml.ScalarNode):
        return "keys must be plain text, not lists or mappings"
    if key.tag == _MERGE:
        return "merge keys ('<<') are not allowed"
    if key.tag not in _IMPLICIT_SCALAR_TAGS:
        return f"tags such as '{key.tag}' are not allowed"
    return None
