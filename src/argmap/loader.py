"""The one way from a file to a model: read, decode, parse, validate, and locate every error.

Every problem names the file, the line and column where the file allows it, and the
field path (``thesis.children[3].relation``). All the problems in a file are reported
together. Trees are validated node by node from the leaves up, so their depth is
limited by memory, not by a recursion limit.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast, get_args

from pydantic import BaseModel, ValidationError

from argmap._gc import collector_paused
from argmap.errors import InputError, Problem, UsageError, did_you_mean, os_reason
from argmap.model import AnyNode, ArgumentMap, Claim, Evidence, Objection, Rebuttal, Thesis
from argmap.reading import (
    LazyLocator,
    LinkedNames,
    display_path,
    format_loc,
    lookup_problem,
    parse,
    read_text,
)
from argmap.vocabulary import Vocabulary
from argmap.yamlsafe import LinkedLoc, Loc, Locator, unlink

MAX_NODES = 100_000
"""Larger maps are refused before validation: ten times the largest map argmap is tuned for.
Within 32 MiB a map could hold half a million nodes, which takes a gigabyte and half a
minute to show."""

MAP_SUFFIXES = (".yaml", ".yml", ".json")
VOCABULARY_NAME = "questions.yaml"

_CHILD_KINDS: dict[str, type[BaseModel]] = {
    "claim": Claim,
    "evidence": Evidence,
    "objection": Objection,
    "rebuttal": Rebuttal,
}


@dataclass
class Document:
    """A loaded map with what is needed to point back into its file."""

    path: Path
    map: ArgumentMap
    locator: Locator | LazyLocator
    paths: dict[int, LinkedLoc] | None = None
    """Each node's field path by ``id()``; worked out from the tree when first needed if not given."""
    names: LinkedNames = field(default_factory=LinkedNames, repr=False, compare=False)

    @property
    def node_paths(self) -> dict[int, LinkedLoc]:
        if self.paths is None:
            self.paths = node_paths_of(self.map)
        return self.paths

    def display(self) -> str:
        return display_path(self.path)

    def where(self, node: AnyNode, *fields: str | int) -> tuple[int | None, int | None]:
        """Line and column of ``node`` (or of one of its fields) in the file."""
        return self.locator.find_path(self.node_paths.get(id(node)), fields)

    def loc_of(self, node: AnyNode) -> Loc:
        """The field path of ``node`` in the file, e.g. ``('thesis', 'children', 3)``."""
        return unlink(self.node_paths.get(id(node)))

    def field_path(self, node: AnyNode, *fields: str | int) -> str:
        """``format_loc((*self.loc_of(node), *fields))``, in time independent of the node's depth."""
        return self.names.format(self.node_paths.get(id(node)), fields)


# --------------------------------------------------------------------------- validation


_FRIENDLY: dict[str, Callable[[dict[str, Any]], str]] = {
    "missing": lambda e: "required field is missing",
    "string_type": lambda e: "must be text",
    "list_type": lambda e: "must be a list",
    "model_type": lambda e: "must be a mapping of fields",
    "model_attributes_type": lambda e: "must be a mapping of fields",
    "dict_type": lambda e: "must be a mapping of fields",
    "too_short": lambda e: "must not be empty",
    "string_too_short": lambda e: "must not be empty",
    "string_too_long": lambda e: f"must be at most {e['ctx']['max_length']} characters",
    "string_pattern_mismatch": lambda e: (
        "must be letters, digits, '_', '.', ':' or '-', starting with a letter or digit"
    ),
    "value_error": lambda e: str(e["ctx"]["error"]),
    "assertion_error": lambda e: str(e["ctx"]["error"]),
}


def _message(error: dict[str, Any], fields: Sequence[str]) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        return _unknown_field(str(error["loc"][-1]), tuple(fields))
    if kind in ("enum", "literal_error"):
        expected = str(error["ctx"]["expected"]).replace("'", "").replace(" or ", ", ")
        return f"must be one of {expected}"
    friendly = _FRIENDLY.get(kind)
    return friendly(error) if friendly else str(error["msg"])


@functools.lru_cache(maxsize=1024)
def _unknown_field(unknown: str, fields: tuple[str, ...]) -> str:
    # The same unknown field on every node of a large map is compared with the fields once.
    hint = did_you_mean(unknown, fields) or f"; expected one of {', '.join(fields)}"
    return f"unknown field '{unknown}'{hint}"


class _Collector:
    """Turns pydantic errors into located problems."""

    def __init__(self, name: str, locator: Locator | LazyLocator) -> None:
        self.name = name
        self.locator = locator
        self.problems: list[Problem] = []
        self.names = LinkedNames()

    def add(self, prefix: Loc, message: str, *, key: bool = False) -> None:
        line, column = self.locator.find_key(prefix) if key else self.locator.find(prefix)
        self.problems.append(Problem(self.name, message, line, column, format_loc(prefix)))

    def add_at(self, path: LinkedLoc, fields: Loc, message: str, *, key: bool = False) -> None:
        """:meth:`add` for ``(*unlink(path), *fields)``, in time independent of the depth of ``path``."""
        locator = self.locator
        line, column = locator.find_key_path(path, fields) if key else locator.find_path(path, fields)
        self.problems.append(Problem(self.name, message, line, column, self.names.format(path, fields)))

    def add_validation(self, prefix: Loc, error: ValidationError, model: type[BaseModel]) -> None:
        self.add_validation_at(_linked(prefix), error, model)

    def add_validation_at(self, path: LinkedLoc, error: ValidationError, model: type[BaseModel]) -> None:
        for item in error.errors(include_url=False):
            is_extra = item["type"] == "extra_forbidden"
            owner = _model_at(model, item["loc"][:-1]) if is_extra else model
            self.add_at(path, tuple(item["loc"]), _message(dict(item), _field_names(owner)), key=is_extra)


def _linked(loc: Loc) -> LinkedLoc:
    path: LinkedLoc = None
    for step in loc:
        path = (path, step)
    return path


def _field_names(model: type[BaseModel]) -> list[str]:
    return [info.alias or name for name, info in model.model_fields.items()]


def _model_at(model: type[BaseModel], loc: Sequence[str | int]) -> type[BaseModel]:
    """The model class that holds the field at ``loc`` (for naming the fields it allows)."""
    for step in loc:
        if isinstance(step, int):
            continue
        info = model.model_fields.get(step)
        if info is None:
            break
        nested = _model_in(info.annotation)
        if nested is None:
            break
        model = nested
    return model


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in get_args(annotation):
        found = _model_in(argument)
        if found is not None:
            return found
    return None


def _build_tree(raw_root: Any, collector: _Collector, node_paths: dict[int, LinkedLoc]) -> Thesis | None:
    """Validate the thesis and its descendants from the leaves up, without recursion.

    Linear in the number of nodes whatever the depth: paths are linked lists, turned into
    field paths only for the nodes that have a problem.
    """
    root_path: LinkedLoc = (None, "thesis")
    if not isinstance(raw_root, dict):
        collector.add_at(root_path, (), "must be a mapping of fields (id, text, children, ...)")
        return None
    # Collect nodes in pre-order, then build in reverse so that children come first.
    order: list[tuple[dict[str, Any], LinkedLoc, int | None]] = []
    stack: list[tuple[Any, LinkedLoc, int | None]] = [(raw_root, root_path, None)]
    while stack:
        raw, path, parent_index = stack.pop()
        if not isinstance(raw, dict):
            collector.add_at(path, (), "must be a mapping of fields (id, kind, text, ...)")
            continue
        index = len(order)
        if index == MAX_NODES:
            # No line: finding one would parse the whole large file a second time.
            message = f"holds more than {MAX_NODES:,} nodes; larger maps are refused"
            collector.problems.append(Problem(collector.name, message, path="thesis"))
            return None
        order.append((raw, path, parent_index))
        children = raw.get("children")
        if isinstance(children, list):
            children_path: LinkedLoc = (path, "children")
            for position in range(len(children) - 1, -1, -1):
                stack.append((children[position], (children_path, position), index))
    built: list[AnyNode | None] = [None] * len(order)
    failed = [False] * len(order)
    # Pre-order lists each node's children in order, so appending keeps them in order.
    child_indexes: list[list[int]] = [[] for _ in order]
    for index, (_, _, parent_index) in enumerate(order):
        if parent_index is not None:
            child_indexes[parent_index].append(index)
    for index in range(len(order) - 1, -1, -1):
        raw, path, parent_index = order[index]
        model = _model_for(raw, path, parent_index is None, collector)
        data = dict(raw)
        if isinstance(raw.get("children"), list):
            # Children that failed or were not mappings are left out here; their errors are reported.
            data["children"] = [built[i] for i in child_indexes[index] if built[i] is not None]
            if len(data["children"]) != len(raw["children"]):
                failed[index] = True
        if model is None:
            failed[index] = True
            continue
        try:
            node = model.model_validate(data)
        except ValidationError as error:
            collector.add_validation_at(path, error, model)
            failed[index] = True
            continue
        node_paths[id(node)] = path
        if not failed[index]:
            built[index] = cast(AnyNode, node)
        elif parent_index is not None:
            failed[parent_index] = True
    if failed[0]:
        return None
    root = built[0]
    assert isinstance(root, Thesis)
    return root


def _model_for(
    raw: dict[str, Any], path: LinkedLoc, is_root: bool, collector: _Collector
) -> type[BaseModel] | None:
    kind = raw.get("kind")
    if is_root:
        if kind not in (None, "thesis"):
            collector.add_at(
                path, ("kind",), "the root node is the thesis; leave 'kind' out or write 'thesis'"
            )
            return None
        return Thesis
    if kind is None:
        collector.add_at(path, (), f"required field 'kind' is missing; one of {', '.join(_CHILD_KINDS)}")
        return None
    model = _CHILD_KINDS.get(kind) if isinstance(kind, str) else None
    if model is None:
        hint = "; the thesis can only be the root" if kind == "thesis" else ""
        collector.add_at(path, ("kind",), f"must be one of {', '.join(_CHILD_KINDS)}{hint}")
    return model


def validate_map(
    data: Any, name: str, locator: Locator | LazyLocator
) -> tuple[ArgumentMap, dict[int, LinkedLoc] | None]:
    """An :class:`ArgumentMap` from parsed data, or an :class:`InputError` listing every problem.

    Also the field path of each node, when validation found them on the way; None when they
    are left to :func:`node_paths_of`, for the rare caller that needs a node's line.
    """
    if isinstance(data, dict):
        whole = _validate_whole(data)
        if whole is not None:
            return whole, None
    collector = _Collector(name, locator)
    node_paths: dict[int, LinkedLoc] = {}
    if not isinstance(data, dict):
        collector.add((), "must be a mapping with 'source' and 'thesis' at the top level")
        raise InputError(collector.problems)
    thesis = _build_tree(data.get("thesis"), collector, node_paths) if "thesis" in data else None
    top = {key: value for key, value in data.items() if key != "thesis"}
    # A placeholder thesis lets pydantic report the other top-level problems too.
    top["thesis"] = thesis if thesis is not None else Thesis(id="placeholder", text="placeholder")
    try:
        result = ArgumentMap.model_validate(top)
    except ValidationError as error:
        collector.add_validation((), error, ArgumentMap)
        result = None
    if "thesis" not in data:
        collector.add(("thesis",), "required field is missing")
    if result is not None:
        for index, author in enumerate(result.source.authors):
            # A map is labelled by its first author's surname; a blank name has none.
            if not author.strip():
                collector.add(("source", "authors", index), "must be a name, not blank")
    if collector.problems or result is None or thesis is None:
        raise InputError(sorted(collector.problems, key=_problem_order))
    return result, node_paths


def _validate_whole(data: dict[str, Any]) -> ArgumentMap | None:
    """A valid map in one call into pydantic-core, about twice as fast as node by node.

    None for anything the node-by-node path must look at: a problem to locate and report,
    a tree deeper than pydantic-core recurses, more than :data:`MAX_NODES` nodes.
    """
    if _too_many_nodes(data.get("thesis")):
        return None
    try:
        result = ArgumentMap.model_validate(data)
    except ValidationError:
        return None
    if not all(author.strip() for author in result.source.authors):
        return None
    return result


def node_paths_of(argument_map: ArgumentMap) -> dict[int, LinkedLoc]:
    """The field path of every node of a validated map, by ``id()``.

    A map that validated has exactly its file's children, in order, so the paths follow
    from the tree itself.
    """
    node_paths: dict[int, LinkedLoc] = {}
    stack: list[tuple[AnyNode, LinkedLoc]] = [(argument_map.thesis, (None, "thesis"))]
    while stack:
        node, path = stack.pop()
        node_paths[id(node)] = path
        if node.children:
            children_path: LinkedLoc = (path, "children")
            stack.extend((child, (children_path, index)) for index, child in enumerate(node.children))
    return node_paths


def _too_many_nodes(raw_root: Any) -> bool:
    count = 0
    stack = [raw_root]
    while stack:
        raw = stack.pop()
        count += 1
        if count > MAX_NODES:
            return True
        children = raw.get("children") if isinstance(raw, dict) else None
        if isinstance(children, list):
            stack.extend(children)
    return False


def _problem_order(problem: Problem) -> tuple[int, int]:
    return (problem.line or 0, problem.column or 0)


def load_document(path: str | os.PathLike[str]) -> Document:
    """Read and validate one map file."""
    file = Path(path)
    name = display_path(file)
    with collector_paused():
        text = read_text(file)
        data, locator = parse(text, name, file.suffix.lower())
        argument_map, node_paths = validate_map(data, name, locator)
    return Document(file, argument_map, locator, node_paths)


def load_map(path: str | os.PathLike[str]) -> ArgumentMap:
    return load_document(path).map


@dataclass
class VocabularyDocument:
    path: Path
    vocabulary: Vocabulary
    locator: Locator | LazyLocator

    def display(self) -> str:
        return display_path(self.path)


def load_vocabulary(path: str | os.PathLike[str]) -> VocabularyDocument:
    file = Path(path)
    name = display_path(file)
    with collector_paused():
        text = read_text(file)
        data, locator = parse(text, name, file.suffix.lower())
    collector = _Collector(name, locator)
    try:
        vocabulary = Vocabulary.model_validate(data)
    except ValidationError as error:
        collector.add_validation((), error, Vocabulary)
        raise InputError(sorted(collector.problems, key=_problem_order)) from None
    return VocabularyDocument(file, vocabulary, locator)


def vocabulary_path_for(document: Document) -> Path:
    """Where a map's vocabulary lives: its ``vocabulary`` field, else questions.yaml beside it.

    A path that cannot even be resolved or looked up (a NUL character, a loop of symbolic
    links, a name longer than the system allows) is an :class:`InputError` pointing at the
    field, so that callers may resolve the result and ask whether it is a file.
    """
    relative = document.map.vocabulary or VOCABULARY_NAME
    path = document.path.parent / relative
    try:
        path.resolve()
        reason = lookup_problem(path)
    except (OSError, RuntimeError, ValueError) as error:
        reason = (
            "the path holds a NUL character"
            if isinstance(error, ValueError)
            else "it is a loop of symbolic links"
            if isinstance(error, RuntimeError)
            else os_reason(error)
        )
    if reason is not None:
        line, column = document.locator.find(("vocabulary",))
        raise InputError(
            [Problem(document.display(), f"cannot be used: {reason}", line, column, "vocabulary")]
        ) from None
    return path


def find_maps(paths: Sequence[str | os.PathLike[str]]) -> list[Path]:
    """Map files named directly, or found (sorted, not recursing) in named folders; vocabularies excluded.

    A named folder that holds no map is a :class:`UsageError`: an empty folder, or a folder
    named ``x.yaml``, would otherwise be "0 maps checked", exit 0, and a typo would pass for
    a clean corpus.
    """
    found: list[Path] = []
    for entry in paths:
        path = Path(entry)
        # os.path.isdir, not Path.is_dir: False for a name too long, which reading then reports.
        if os.path.isdir(path):
            try:
                children = list(path.iterdir())
            except OSError as error:
                raise InputError(
                    [Problem(display_path(path), f"cannot be read: {os_reason(error)}")]
                ) from None
            maps = sorted(
                child
                for child in children
                if child.suffix.lower() in MAP_SUFFIXES and child.is_file() and not is_vocabulary(child)
            )
            if not maps:
                raise UsageError(f"no map files under {path}")
            found.extend(maps)
        else:
            found.append(path)
    return found


def is_vocabulary(path: Path) -> bool:
    return path.stem.lower() == Path(VOCABULARY_NAME).stem
