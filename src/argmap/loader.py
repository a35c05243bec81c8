"""The one way from a file to a model: read, decode, parse, validate, and locate every error.

Every problem names the file, the line and column where the file allows it, and the
field path (``thesis.children[3].relation``). All the problems in a file are reported
together. Trees are validated node by node from the leaves up, so their depth is
limited by memory, not by a recursion limit.
"""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from difflib import get_close_matches
from pathlib import Path
from typing import Any, cast, get_args

from pydantic import BaseModel, ValidationError

from argmap._gc import collector_paused
from argmap.errors import InputError, Problem
from argmap.model import AnyNode, ArgumentMap, Claim, Evidence, Objection, Rebuttal, Thesis
from argmap.vocabulary import Vocabulary
from argmap.yamlsafe import LinkedLoc, Loc, Locator, YamlRefused, compose, to_data, unlink

MAX_FILE_BYTES = 32 * 1024 * 1024
"""Larger files are refused before parsing: a 10,000-node map is about 5 MB."""

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
    locator: Locator | _LazyLocator
    node_paths: dict[int, LinkedLoc] = field(default_factory=dict)

    def display(self) -> str:
        return display_path(self.path)

    def where(self, node: AnyNode, *fields: str | int) -> tuple[int | None, int | None]:
        """Line and column of ``node`` (or of one of its fields) in the file."""
        return self.locator.find((*self.loc_of(node), *fields))

    def loc_of(self, node: AnyNode) -> Loc:
        """The field path of ``node`` in the file, e.g. ``('thesis', 'children', 3)``."""
        return unlink(self.node_paths.get(id(node)))


def display_path(path: Path) -> str:
    """A path as the user gave it, so that messages can be pasted back into a command."""
    return str(path)


LOC_EDGE = 8
"""A field path longer than twice this many steps shows its first and last steps only."""


def format_loc(loc: Sequence[str | int]) -> str:
    """``('thesis', 'children', 3, 'relation')`` → ``thesis.children[3].relation``.

    The path of a node 10,000 levels deep would fill a screen; its middle is elided:

    >>> format_loc(("thesis", "children", 3, "relation"))
    'thesis.children[3].relation'
    >>> format_loc(("thesis",) + ("children", 0) * 50 + ("text",))
    'thesis.children[0].children[0].children[0].children[0]…(86 more steps)….children[0].children[0].children[0].text'
    """
    if len(loc) > 2 * LOC_EDGE + 1:
        # Cut before a field name, never between a list and its index.
        head_end, tail_start = LOC_EDGE, len(loc) - LOC_EDGE
        while head_end < len(loc) and isinstance(loc[head_end], int):
            head_end += 1
        while tail_start < len(loc) and isinstance(loc[tail_start], int):
            tail_start += 1
        if head_end < tail_start < len(loc):
            hidden = tail_start - head_end
            return f"{format_loc(loc[:head_end])}…({hidden} more steps)….{format_loc(loc[tail_start:])}"
    out = ""
    for step in loc:
        if isinstance(step, int):
            out += f"[{step}]"
        else:
            out += ("." if out else "") + step
    return out


# --------------------------------------------------------------------------- reading


def read_text(path: Path) -> str:
    """The file's text, or an :class:`InputError` saying why it cannot be read as UTF-8 text.

    Only regular files are read, and never more than :data:`MAX_FILE_BYTES`: a map may name
    its vocabulary or article, and ``/dev/zero`` or ``/dev/tty`` there must not hang argmap.
    """
    name = display_path(path)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise InputError([Problem(name, "is a folder, not a map file")])
        if not stat.S_ISREG(info.st_mode):
            raise InputError([Problem(name, "is not a regular file (a device, a pipe or a socket)")])
        if info.st_size > MAX_FILE_BYTES:
            raise InputError([_too_large(name, info.st_size)])
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
        if len(raw) > MAX_FILE_BYTES:  # it grew after stat
            raise InputError([_too_large(name, len(raw))])
    except FileNotFoundError:
        raise InputError([Problem(name, "no such file")]) from None
    except PermissionError:
        raise InputError([Problem(name, "cannot be read: permission denied")]) from None
    except OSError as error:
        raise InputError([Problem(name, f"cannot be read: {error.strerror or error}")]) from None
    except ValueError:
        # os.stat refuses a path holding a NUL character, which a map's own fields can.
        raise InputError([Problem(name, "cannot be read: the path holds a NUL character")]) from None
    return decode(raw, name)


def _too_large(name: str, size: int) -> Problem:
    return Problem(
        name, f"is {size / 2**20:.1f} MiB; maps larger than {MAX_FILE_BYTES // 2**20} MiB are refused"
    )


def decode(raw: bytes, name: str) -> str:
    """UTF-8 (with or without a byte-order mark), or UTF-16 or UTF-32 with one."""
    # UTF-32's little-endian mark starts like UTF-16's, so it is tried first.
    for marks, encoding in (
        ((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"), "utf-32"),
        ((b"\xff\xfe", b"\xfe\xff"), "utf-16"),
    ):
        if raw.startswith(marks):
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError:
                label = encoding.upper()
                raise InputError(
                    [Problem(name, f"starts with a {label} byte-order mark but is not valid {label}")]
                ) from None
    if b"\x00" in raw:
        offset = raw.index(b"\x00")
        line, column = _line_column(raw, offset)
        raise InputError([Problem(name, "contains a NUL byte: this is not a text file", line, column)])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line, column = _line_column(raw, error.start)
        raise InputError(
            [
                Problem(
                    name,
                    f"is not valid UTF-8 (byte 0x{raw[error.start]:02x}); save it as UTF-8",
                    line,
                    column,
                )
            ]
        ) from None


def _line_column(raw: bytes, offset: int) -> tuple[int, int]:
    line = raw.count(b"\n", 0, offset) + 1
    column = offset - (raw.rfind(b"\n", 0, offset) + 1) + 1
    return line, column


class _LazyLocator:
    """Positions in a JSON file, found only when an error needs one (JSON is valid YAML flow)."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._locator: Locator | None = None

    def _get(self) -> Locator:
        if self._locator is None:
            try:
                # Raw tabs in JSON can only be whitespace; YAML refuses them, so they become spaces.
                self._locator = Locator(compose(self._text.replace("\t", " ")))
            except YamlRefused:
                self._locator = Locator(None)
        return self._locator

    def find(self, loc: Sequence[str | int]) -> tuple[int | None, int | None]:
        return self._get().find(loc)

    def find_key(self, loc: Sequence[str | int]) -> tuple[int | None, int | None]:
        return self._get().find_key(loc)


def parse(text: str, name: str, suffix: str) -> tuple[Any, Locator | _LazyLocator]:
    """Plain data and a locator from a map or vocabulary text."""
    if suffix == ".json":
        try:
            data = json.loads(text, object_pairs_hook=_no_duplicate_pairs)
        except json.JSONDecodeError as error:
            raise InputError(
                [Problem(name, f"not valid JSON: {error.msg}", error.lineno, error.colno)]
            ) from None
        except _DuplicateKey as error:
            line, column = _find_duplicate(text, error.key)
            raise InputError(
                [Problem(name, f"duplicate key '{error.key}'; the second would silently win", line, column)]
            ) from None
        except RecursionError:
            raise InputError([Problem(name, "nesting is too deep to read")]) from None
        if _SURROGATE_ESCAPE.search(text) and _holds_surrogate(data):
            line, column = _lone_surrogate(text)
            raise InputError(
                [
                    Problem(
                        name, "not valid JSON text: a \\u escape names half of a surrogate pair", line, column
                    )
                ]
            )
        return data, _LazyLocator(text)
    try:
        root = compose(text)
        if root is None:
            raise InputError([Problem(name, "is empty: a map needs at least 'source' and 'thesis'", 1, 1)])
        data = to_data(root)
        # The node graph is several times the size of the data; positions are found again
        # from the text only if a problem needs one.
        return data, _LazyLocator(text)
    except YamlRefused as refused:
        raise InputError(
            [
                Problem(name, issue.message, issue.line, issue.column, format_loc(issue.loc))
                for issue in refused.issues
            ]
        ) from None


# JSON may spell half of a UTF-16 surrogate pair as an escape; Python then holds a string
# that no UTF-8 output can encode, so such a file is refused where it is read.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_LONE_SURROGATE = re.compile(
    r"\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})"
    r"|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}"
)


def _holds_surrogate(data: Any) -> bool:
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                return True
    return False


def _lone_surrogate(text: str) -> tuple[int | None, int | None]:
    match = _LONE_SURROGATE.search(text)
    if match is None:
        return None, None
    start = match.start()
    return text.count("\n", 0, start) + 1, start - (text.rfind("\n", 0, start) + 1) + 1


class _DuplicateKey(Exception):
    def __init__(self, key: str) -> None:
        self.key = key


def _no_duplicate_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(key)
        result[key] = value
    return result


def _find_duplicate(text: str, key: str) -> tuple[int | None, int | None]:
    needle = json.dumps(key) + ":"
    first = text.find(needle)
    second = text.find(needle, first + 1) if first >= 0 else -1
    if second < 0:
        return None, None
    line = text.count("\n", 0, second) + 1
    return line, second - (text.rfind("\n", 0, second) + 1) + 1


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
        unknown = str(error["loc"][-1])
        guess = get_close_matches(unknown, list(fields), n=1)
        hint = f"; did you mean '{guess[0]}'?" if guess else f"; expected one of {', '.join(fields)}"
        return f"unknown field '{unknown}'{hint}"
    if kind in ("enum", "literal_error"):
        expected = str(error["ctx"]["expected"]).replace("'", "").replace(" or ", ", ")
        return f"must be one of {expected}"
    friendly = _FRIENDLY.get(kind)
    return friendly(error) if friendly else str(error["msg"])


class _Collector:
    """Turns pydantic errors into located problems."""

    def __init__(self, name: str, locator: Locator | _LazyLocator) -> None:
        self.name = name
        self.locator = locator
        self.problems: list[Problem] = []

    def add(self, prefix: Loc, message: str, *, key: bool = False) -> None:
        line, column = self.locator.find_key(prefix) if key else self.locator.find(prefix)
        self.problems.append(Problem(self.name, message, line, column, format_loc(prefix)))

    def add_validation(self, prefix: Loc, error: ValidationError, model: type[BaseModel]) -> None:
        for item in error.errors(include_url=False):
            loc = (*prefix, *item["loc"])
            is_extra = item["type"] == "extra_forbidden"
            owner = _model_at(model, item["loc"][:-1]) if is_extra else model
            self.add(loc, _message(dict(item), _field_names(owner)), key=is_extra)


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
        collector.add(unlink(root_path), "must be a mapping of fields (id, text, children, ...)")
        return None
    # Collect nodes in pre-order, then build in reverse so that children come first.
    order: list[tuple[dict[str, Any], LinkedLoc, int | None]] = []
    stack: list[tuple[Any, LinkedLoc, int | None]] = [(raw_root, root_path, None)]
    while stack:
        raw, path, parent_index = stack.pop()
        if not isinstance(raw, dict):
            collector.add(unlink(path), "must be a mapping of fields (id, kind, text, ...)")
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
            collector.add_validation(unlink(path), error, model)
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
            collector.add(
                (*unlink(path), "kind"), "the root node is the thesis; leave 'kind' out or write 'thesis'"
            )
            return None
        return Thesis
    if kind is None:
        collector.add(unlink(path), f"required field 'kind' is missing; one of {', '.join(_CHILD_KINDS)}")
        return None
    model = _CHILD_KINDS.get(kind) if isinstance(kind, str) else None
    if model is None:
        hint = "; the thesis can only be the root" if kind == "thesis" else ""
        collector.add((*unlink(path), "kind"), f"must be one of {', '.join(_CHILD_KINDS)}{hint}")
    return model


def validate_map(
    data: Any, name: str, locator: Locator | _LazyLocator
) -> tuple[ArgumentMap, dict[int, LinkedLoc]]:
    """An :class:`ArgumentMap` from parsed data, or an :class:`InputError` listing every problem."""
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
    locator: Locator | _LazyLocator

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

    A path that cannot even be resolved (a NUL character, a loop of symbolic links) is an
    :class:`InputError` pointing at the field, so that callers may resolve the result.
    """
    relative = document.map.vocabulary or VOCABULARY_NAME
    path = document.path.parent / relative
    try:
        path.resolve()
    except (OSError, RuntimeError, ValueError) as error:
        reason = (
            "the path holds a NUL character"
            if isinstance(error, ValueError)
            else "it is a loop of symbolic links"
            if isinstance(error, RuntimeError)
            else str(error.strerror or error)
        )
        line, column = document.locator.find(("vocabulary",))
        raise InputError(
            [Problem(document.display(), f"cannot be used: {reason}", line, column, "vocabulary")]
        ) from None
    return path


def find_maps(paths: Sequence[str | os.PathLike[str]]) -> list[Path]:
    """Map files named directly, or found (sorted, not recursing) in named folders; vocabularies excluded."""
    found: list[Path] = []
    for entry in paths:
        path = Path(entry)
        if path.is_dir():
            found.extend(
                sorted(
                    child
                    for child in path.iterdir()
                    if child.suffix.lower() in MAP_SUFFIXES and child.is_file() and not is_vocabulary(child)
                )
            )
        else:
            found.append(path)
    return found


def is_vocabulary(path: Path) -> bool:
    return path.stem.lower() == Path(VOCABULARY_NAME).stem
