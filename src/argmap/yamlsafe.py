"""Reading YAML into plain data, strictly, with the position of every value kept.

PyYAML's parser (libyaml, in C, where available) gives a stream of events with line and
column marks; we compose them into a node graph ourselves, iteratively (any depth: the C
composer recurses once per level and overflows the C stack on deep nesting), and turn
that graph into dicts, lists and strings without constructing anything, so object-building
tags never run. We refuse what would lose a user's data or surprise them: duplicate keys,
aliases (each is reported where it stands, and never expanded, so an alias bomb costs
nothing), tags, merge keys, several documents. Plain scalars stay text as written
(``yes``, ``1e3`` and ``2020-07`` are not reinterpreted); only plain ``null``, ``~`` and
empty mean no value.

Lists and mappings, block or flow, nest at most :data:`argmap.limits.MAX_YAML_NESTING` deep: argmap's own
limit, counted here whichever parser (libyaml or PyYAML's pure-Python one) reads the
file, and below the limit of every parser argmap supports, so that the same file gets the
same answer everywhere. libyaml's scanner also does work proportional to the number of
open flow collections (``[...]``, ``{...}``) for every token, so the total of that work is
capped by :data:`FLOW_WORK_BUDGET`, and no file keeps the parser busy for long.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, cast

import yaml

from argmap.limits import MAX_YAML_NESTING as MAX_NESTING
from argmap.parse_errors import yaml_context, yaml_problem

_TAG = "tag:yaml.org,2002:"
_IMPLICIT_SCALAR_TAGS = {_TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp")}
_NULL = _TAG + "null"
_STR = _TAG + "str"
_MERGE = _TAG + "merge"
_MAP = _TAG + "map"
_SEQ = _TAG + "seq"
_EXPLICIT = "explicit "
"""Prefix of the tag of a node whose tag is written in the file. Every one is refused, even
'!!str', whose tag would otherwise equal that of untagged text; no tag holds a space."""
NULL_WORDS = frozenset({"", "~", "null", "Null", "NULL"})
"""Plain scalars that mean no value; every other plain scalar stays text as written."""

try:
    # Only the parser is used: argmap composes nodes (or data, argmap.yamlfast) from its events.
    PARSER: type = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml: slower, same results
    PARSER = yaml.SafeLoader


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
    """Finds the line and column of a value in a composed document, given its path.

    Each mapping's keys are indexed when first looked in, and each linked path
    (:meth:`find_path`) is resolved a step at a time for all the paths that share it: a
    file may hold 80,000 unknown keys in one mapping, or a problem on each level of a
    20,000-deep chain, and locating each must not walk all the keys or the whole path again.
    """

    def __init__(self, root: yaml.Node | None) -> None:
        self._root = root
        self._keys: dict[int, dict[str, tuple[yaml.Node, yaml.Node]]] = {}
        # id of a LinkedLoc cell -> (the cell, kept alive; its node or None; its position).
        self._resolved: dict[int, tuple[LinkedLoc, yaml.Node | None, tuple[int, int]]] = {}

    def __getstate__(self) -> dict[str, Any]:
        # The indexes go by object identity, which does not survive pickling (batch workers).
        return {"root": self._root}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["root"])  # type: ignore[misc]

    def find(self, loc: Sequence[str | int]) -> tuple[int | None, int | None]:
        """The position of the deepest node on ``loc`` that exists; a missing key points at its mapping."""
        return self.find_path(None, loc)

    def find_key(self, loc: Sequence[str | int]) -> tuple[int | None, int | None]:
        """The position of the key that ends ``loc`` (for unknown fields), else of its value."""
        return self.find_key_path(None, loc)

    def find_path(self, path: LinkedLoc, fields: Sequence[str | int] = ()) -> tuple[int | None, int | None]:
        """``find((*unlink(path), *fields))``, with the steps of ``path`` resolved once for every path sharing them."""
        if self._root is None:
            return None, None
        node, position = self._resolve(path)
        return self._walk(node, position, fields)[1] if node is not None else position

    def find_key_path(
        self, path: LinkedLoc, fields: Sequence[str | int] = ()
    ) -> tuple[int | None, int | None]:
        """``find_key((*unlink(path), *fields))``, resolving ``path`` as :meth:`find_path` does."""
        if self._root is None:
            return None, None
        if fields and isinstance(fields[-1], str):
            node, _ = self._resolve(path)
            for step in fields[:-1]:
                found = self._child(node, step) if node is not None else None
                node = found[0] if found is not None else None
            if isinstance(node, yaml.MappingNode):
                key = self._index(node).get(fields[-1])
                if key is not None:
                    return _mark(key[0])
        return self.find_path(path, fields)

    def _walk(
        self, node: yaml.Node, position: tuple[int, int], loc: Sequence[str | int]
    ) -> tuple[yaml.Node, tuple[int, int]]:
        for step in loc:
            found = self._child(node, step)
            if found is None:
                break
            node, position = found
        return node, position

    def _resolve(self, path: LinkedLoc) -> tuple[yaml.Node | None, tuple[int, int]]:
        """The node at ``path`` (None where a step is missing) and the position :meth:`find` gives for it."""
        assert self._root is not None
        pending: list[tuple[LinkedLoc, str | int]] = []
        cell = path
        while cell is not None and id(cell) not in self._resolved:
            pending.append(cell)
            cell = cell[0]
        node: yaml.Node | None
        if cell is None:
            node, position = self._root, _mark(self._root)
        else:
            _, node, position = self._resolved[id(cell)]
        for cell in reversed(pending):
            if node is not None:
                found = self._child(node, cell[1])
                node, position = found if found is not None else (None, position)
            self._resolved[id(cell)] = (cell, node, position)
        return node, position

    def _child(self, node: yaml.Node, step: str | int) -> tuple[yaml.Node, tuple[int, int]] | None:
        """The node one step below ``node`` and its position (a key's, where the value is empty)."""
        if isinstance(node, yaml.MappingNode) and isinstance(step, str):
            found = self._index(node).get(step)
            if found is None:
                return None
            key, value = found
            return value, _mark(key) if _is_empty(value) else _mark(value)
        if isinstance(node, yaml.SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
            child = node.value[step]
            return child, _mark(child)
        return None

    def _index(self, node: yaml.MappingNode) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        """The mapping's scalar keys, each with its key and value nodes (the first, were a key repeated)."""
        index = self._keys.get(id(node))
        if index is None:
            index = self._keys[id(node)] = {}
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    index.setdefault(key.value, (key, value))
        return index


def _is_empty(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.value == "" and node.style is None


FLOW_WORK_BUDGET = 200_000_000
"""The most work libyaml may spend on nesting: the number of open flow collections summed over
every event. About half a second of parsing; the deepest map argmap writes as YAML needs
under 2 million, a hand-written map a few thousand."""

NESTING_REFUSED = (
    f"lists and mappings nest more than {MAX_NESTING} levels deep, more than argmap reads as YAML; "
    "save very deep maps as JSON"
)

# Of the implicit resolutions of a plain scalar, only these change what we read: null means
# no value, and merge keys are refused. Booleans, numbers and dates stay text as written, so
# matching each scalar against their patterns would be wasted work.
_PLAIN_SPECIAL = {**dict.fromkeys(NULL_WORDS, _NULL), "<<": _MERGE}


class _Alias(yaml.ScalarNode):
    """Where an alias stands in the document; :func:`to_data` refuses it there."""

    def __init__(self, anchor: str, anchored_line: int, mark: Any) -> None:
        super().__init__(_STR, anchor, mark, mark)
        self.anchored_line = anchored_line


def compose(text: str) -> yaml.Node | None:
    """Compose one YAML document; ``None`` for a file with no document (empty, only comments)."""
    stack: list[list[Any]] = []
    try:
        return _compose(yaml.parse(text, Loader=PARSER), stack)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = yaml_problem(error.problem or error.context or "not valid YAML")
        if mark is None:
            raise _refuse(f"not valid YAML: {problem}") from None
        if stack and (past := _past_nesting_limit(text, stack, mark.index)) is not None:
            raise _refuse(NESTING_REFUSED, *_line_column(text, past)) from None
        if _char_at(text, mark.line, mark.column) == "\t":
            problem = "a tab where YAML expects spaces; indent with spaces only"
        elif error.problem and error.context and error.context_mark is not None:
            # "found unexpected end of stream" says little without what was being read, and where.
            problem += (
                f" (inside {yaml_context(error.context)} that starts at line {error.context_mark.line + 1})"
            )
        raise _refuse(f"not valid YAML: {problem}", mark.line + 1, mark.column + 1) from None
    except yaml.reader.ReaderError as error:
        # The reader stops at the first character YAML forbids, so its first occurrence is the place.
        code = error.character if isinstance(error.character, int) else ord(error.character)
        line, column = _line_column(text, text.find(chr(code)))
        raise _refuse(
            f"not valid YAML: character U+{code:04X} is not allowed in YAML text; "
            f"inside double quotes, write it as \\u{code:04x}",
            line,
            column,
        ) from None
    except yaml.YAMLError as error:
        raise _refuse(f"not valid YAML: {str(error).splitlines()[0]}") from None
    except UnicodeEncodeError:
        # Only text that did not come from a file can hold a lone surrogate.
        raise _refuse("not valid YAML: contains a lone surrogate code point") from None


# In flow style: a quoted scalar, a comment, or a bracket that opens or closes a collection.
_FLOW_TOKEN = re.compile(
    r"""(?:(?<=[\s\[{,:])|^)(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*')|(?:(?<=\s)|^)#[^\n]*|[\[\]{}]""",
    re.MULTILINE,
)


def _past_nesting_limit(text: str, stack: list[list[Any]], error_at: int) -> int | None:
    """Where the collection one past :data:`MAX_NESTING` opens, if it does before ``error_at``.

    libyaml scans up to a line ahead of the events it has delivered, and from 0.2.6 has a
    nesting limit of its own, so on deep flow nesting it can fail before the composer sees
    argmap's limit pass. The brackets between the innermost open collection and the
    parser's error say whether argmap's limit was passed first, and where.
    """
    innermost, _, flow = stack[-1]
    depth = len(stack) - 1 if flow else len(stack)  # a flow collection's own bracket is counted below
    for token in _FLOW_TOKEN.finditer(text, innermost.start_mark.index, error_at + 1):
        bracket = token.group()
        if bracket in ("[", "{"):
            depth += 1
            if depth > MAX_NESTING:
                return token.start()
        elif bracket in ("]", "}"):
            depth -= 1
    return None


def _line_column(text: str, offset: int) -> tuple[int | None, int | None]:
    if offset < 0:
        return None, None
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def _char_at(text: str, line: int, column: int) -> str:
    start = 0
    for _ in range(line):
        start = text.find("\n", start) + 1
        if start == 0:
            return ""
    return text[start + column : start + column + 1]


def _compose(events: Iterator[yaml.Event], stack: list[list[Any]]) -> yaml.Node | None:
    """The node graph of the only document in ``events``, built with an explicit stack.

    ``stack`` (empty) receives the open collections, so that a caller can see how deep
    the parser had got when it failed.
    """
    root: yaml.Node | None = None
    documents = 0
    anchors: dict[str, int] = {}  # anchor name: line of the anchored value
    # Each open collection in ``stack``: [node, pending mapping key or None, whether it is in flow style].
    flow_depth = 0
    work = 0
    # Dispatch on the exact event type, most frequent first: this loop sees every value of the file.
    scalar_event, sequence_event, mapping_event = (
        yaml.ScalarEvent,
        yaml.SequenceStartEvent,
        yaml.MappingStartEvent,
    )
    ends = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
    scalar_node, plain_special = yaml.ScalarNode, _PLAIN_SPECIAL
    for event in events:
        kind = type(event)
        mark: Any = event.start_mark
        node: yaml.Node
        if kind is scalar_event:
            scalar = cast(yaml.ScalarEvent, event)
            tag = scalar.tag
            if tag is None:
                tag = plain_special.get(scalar.value, _STR) if scalar.implicit[0] else _STR
            else:
                # Every tag written in the file is refused, '!!str' and a bare '!' too: see _EXPLICIT.
                tag = _EXPLICIT + tag
            # libyaml marks plain scalars with style '' and PyYAML's own parser with None:
            # one spelling, so that a plain null reads as no value with either.
            node = scalar_node(tag, scalar.value, mark, scalar.end_mark, style=scalar.style or None)  # type: ignore[arg-type]
        elif kind in ends:
            if stack.pop()[2]:
                flow_depth -= 1
            continue
        elif kind is sequence_event or kind is mapping_event:
            start = cast(yaml.CollectionStartEvent, event)
            flow = bool(start.flow_style)
            written = None if start.tag is None else _EXPLICIT + start.tag  # '!!seq' too is refused
            if kind is sequence_event:
                node = yaml.SequenceNode(written or _SEQ, [], mark, mark, flow)
            else:
                node = yaml.MappingNode(written or _MAP, [], mark, mark, flow)
            if len(stack) >= MAX_NESTING:
                raise _refuse(NESTING_REFUSED, *_mark(node))
            if flow:
                flow_depth += 1
        elif kind is yaml.AliasEvent:
            anchor = cast(yaml.AliasEvent, event).anchor
            if anchor not in anchors:
                raise _refuse(
                    f"not valid YAML: found undefined alias '{anchor}'", mark.line + 1, mark.column + 1
                )
            node = _Alias(anchor, anchors[anchor], mark)
        else:
            if kind is yaml.DocumentStartEvent:
                documents += 1
            continue
        if flow_depth:
            work += flow_depth
            if work > FLOW_WORK_BUDGET:
                raise _refuse(
                    "holds too much inside deeply nested flow collections ('[...]', '{...}') to read "
                    "in reasonable time; save very deep maps as JSON",
                    *_mark(node),
                )
        anchor = cast(yaml.NodeEvent, event).anchor
        if anchor is not None and kind is not yaml.AliasEvent:
            anchors[anchor] = _mark(node)[0]
        if stack:
            frame = stack[-1]
            parent = frame[0]
            if type(parent) is yaml.SequenceNode:
                parent.value.append(node)
            elif frame[1] is None:
                frame[1] = node
            else:
                parent.value.append((frame[1], node))
                frame[1] = None
        elif documents > 1:
            raise _refuse("holds more than one YAML document ('---'); put one map in each file", *_mark(node))
        else:
            root = node
        if isinstance(node, yaml.CollectionNode):
            stack.append([node, None, bool(node.flow_style)])
    return root


def to_data(root: yaml.Node) -> Any:
    """Plain data from a composed document, refusing aliases, tags, merge keys and duplicate keys.

    Every refusal in the document is reported, not just the first.
    """
    issues: list[YamlIssue] = []
    result: list[Any] = [None]
    # Each entry: (node, container, slot, path). Iterative so that depth is bounded by memory only.
    stack: list[tuple[yaml.Node, Any, Any, LinkedLoc]] = [(root, result, 0, None)]
    while stack:
        node, container, slot, loc = stack.pop()
        if isinstance(node, _Alias):
            issues.append(
                YamlIssue(
                    f"alias '*{node.value}' repeats the value anchored at line {node.anchored_line}; "
                    "anchors and aliases are not allowed",
                    *_mark(node),
                    unlink(loc),
                )
            )
            continue
        if node.tag not in _ALLOWED_TAGS[type(node)]:
            issues.append(YamlIssue(_tag_refused(node.tag), *_mark(node), unlink(loc)))
            continue
        if isinstance(node, yaml.ScalarNode):
            container[slot] = None if node.tag == _NULL and node.style is None else node.value
        elif isinstance(node, yaml.SequenceNode):
            items: list[Any] = [None] * len(node.value)
            container[slot] = items
            for index in range(len(node.value) - 1, -1, -1):
                item = node.value[index]
                # Plain text, the bulk of a map, needs no checks and no trip through the stack.
                if type(item) is yaml.ScalarNode and item.tag == _STR:
                    items[index] = item.value
                else:
                    stack.append((item, items, index, (loc, index)))
        else:
            mapping: dict[str, Any] = {}
            container[slot] = mapping
            first_seen: dict[str, yaml.Node] = {}
            pending = []
            for key, value in node.value:
                problem = _key_problem(key)
                if problem:
                    issues.append(YamlIssue(problem, *_mark(key), unlink(loc)))
                    continue
                name = key.value
                if name in first_seen:
                    first_line = _mark(first_seen[name])[0]
                    issues.append(
                        YamlIssue(
                            f"duplicate key '{name}' (first at line {first_line}); the second would silently win",
                            *_mark(key),
                            unlink((loc, name)),
                        )
                    )
                    continue
                first_seen[name] = key
                if type(value) is yaml.ScalarNode and value.tag == _STR:
                    mapping[name] = value.value
                    continue
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


def _tag_refused(tag: str) -> str:
    return f"tags such as '{tag.removeprefix(_EXPLICIT)}' are not allowed"


def _key_problem(key: yaml.Node) -> str | None:
    if isinstance(key, _Alias):
        return f"alias '*{key.value}' repeats the value anchored at line {key.anchored_line}; anchors and aliases are not allowed"
    if not isinstance(key, yaml.ScalarNode):
        return "keys must be plain text, not lists or mappings"
    if key.tag == _MERGE:
        return "merge keys ('<<') are not allowed"
    if key.tag not in _IMPLICIT_SCALAR_TAGS:
        return _tag_refused(key.tag)
    return None
