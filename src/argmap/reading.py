"""From a file to plain data: read, decode and parse, locating every problem.

Only regular files are read, and none larger than :data:`MAX_FILE_BYTES`. YAML goes
through :mod:`argmap.yamlsafe`; JSON through the standard library with duplicate keys
refused. Positions are found again from the text only when a problem needs one.
"""

from __future__ import annotations

import json
import os
import re
import stat
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from argmap.errors import InputError, Problem, os_reason
from argmap.limits import MAX_JSON_NESTING, nesting
from argmap.parse_errors import json_problem
from argmap.yamlfast import Declined, fast_data
from argmap.yamlsafe import LinkedLoc, Loc, Locator, YamlRefused, compose, to_data, unlink

MAX_FILE_BYTES = 32 * 1024 * 1024
"""Larger files are refused before parsing: a 10,000-node map is about 5 MB."""


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


class LinkedNames:
    """:func:`format_loc` of linked paths, each in time independent of its length.

    A finding on every level of a 20,000-deep chain would otherwise unlink and format a
    path of up to 40,000 steps each time; here each path's length and first steps are
    worked out once, from its parent's, and only its last few steps are walked.
    """

    _HEAD = LOC_EDGE + 2

    def __init__(self) -> None:
        # id of a LinkedLoc cell -> (the cell, kept alive; its length; its first _HEAD steps).
        self._heads: dict[int, tuple[LinkedLoc, int, Loc]] = {}

    def __getstate__(self) -> dict[str, Any]:
        # Keyed by object identity, which does not survive pickling (batch workers).
        return {}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__()  # type: ignore[misc]

    def format(self, path: LinkedLoc, fields: Loc = ()) -> str:
        """``format_loc((*unlink(path), *fields))``."""
        length, head = self._head(path)
        total = length + len(fields)
        if total > 2 * LOC_EDGE + 1:
            steps = list(reversed(fields))
            cell = path
            while len(steps) < LOC_EDGE and cell is not None:
                cell, step = cell
                steps.append(step)
            text = _format_window((*head, *fields)[: self._HEAD], total, tuple(reversed(steps)))
            if text is not None:
                return text
        return format_loc((*unlink(path), *fields))

    def _head(self, path: LinkedLoc) -> tuple[int, Loc]:
        pending: list[tuple[LinkedLoc, str | int]] = []
        cell = path
        while cell is not None and id(cell) not in self._heads:
            pending.append(cell)
            cell = cell[0]
        length, head = (0, ()) if cell is None else self._heads[id(cell)][1:]
        for cell in reversed(pending):
            length += 1
            if len(head) < self._HEAD:
                head = (*head, cell[1])
            self._heads[id(cell)] = (cell, length, head)
        return length, head


def _format_window(head: Loc, length: int, tail: Loc) -> str | None:
    """``format_loc`` of a path of ``length`` steps from its first and last steps; None when they do not suffice."""
    head_end = LOC_EDGE
    while head_end < len(head) and isinstance(head[head_end], int):
        head_end += 1
    offset = length - len(tail)
    tail_start = length - LOC_EDGE
    if head_end >= len(head) or tail_start < offset:
        return None
    while tail_start < length and isinstance(tail[tail_start - offset], int):
        tail_start += 1
    if not head_end < tail_start < length:
        return None
    hidden = tail_start - head_end
    return f"{format_loc(head[:head_end])}…({hidden} more steps)….{format_loc(tail[tail_start - offset :])}"


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
        raise InputError([Problem(name, f"cannot be read: {os_reason(error)}")]) from None
    except ValueError:
        # os.stat refuses a path holding a NUL character, which a map's own fields can.
        raise InputError([Problem(name, "cannot be read: the path holds a NUL character")]) from None
    return decode(raw, name)


def lookup_problem(path: str | os.PathLike[str]) -> str | None:
    """Why ``path`` cannot even be looked up, or None when it exists or is simply missing.

    A name longer than the system allows (ENAMETOOLONG), a folder on the way that may not be
    searched, a NUL character: ``Path.exists()`` and ``Path.is_file()`` raise for these.
    """
    try:
        os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as error:
        return os_reason(error)
    except ValueError:
        return "the path holds a NUL character"
    return None


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


def _line_column(text: str | bytes, offset: int) -> tuple[int, int]:
    """Line and column (from 1) of ``offset`` in a file's text, or in its bytes before decoding."""
    if isinstance(text, bytes):
        return text.count(b"\n", 0, offset) + 1, offset - text.rfind(b"\n", 0, offset)
    return text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)


class LazyLocator:
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

    def find_path(self, path: LinkedLoc, fields: Sequence[str | int] = ()) -> tuple[int | None, int | None]:
        return self._get().find_path(path, fields)

    def find_key_path(
        self, path: LinkedLoc, fields: Sequence[str | int] = ()
    ) -> tuple[int | None, int | None]:
        return self._get().find_key_path(path, fields)


def parse(text: str, name: str, suffix: str) -> tuple[Any, Locator | LazyLocator]:
    """Plain data and a locator from a map or vocabulary text."""
    if suffix == ".json":
        data = read_json(text, name, refuse_duplicates=True)
        # Only a text with that many brackets can nest that deep; most are spared the walk.
        if text.count("[") + text.count("{") > MAX_JSON_NESTING and nesting(data) > MAX_JSON_NESTING:
            raise InputError([Problem(name, JSON_NESTING_REFUSED)])
        if _SURROGATE_ESCAPE.search(text) and _holds_surrogate(data):
            line, column = _lone_surrogate(text)
            raise InputError(
                [
                    Problem(
                        name, "not valid JSON text: a \\u escape names half of a surrogate pair", line, column
                    )
                ]
            )
        return data, LazyLocator(text)
    try:
        return fast_data(text), LazyLocator(text)
    except Declined:
        pass
    try:
        root = compose(text)
        if root is None:
            raise InputError([Problem(name, "is empty: a map needs at least 'source' and 'thesis'", 1, 1)])
        data = to_data(root)
        # The node graph is several times the size of the data; positions are found again
        # from the text only if a problem needs one.
        return data, LazyLocator(text)
    except YamlRefused as refused:
        raise InputError(
            [
                Problem(name, issue.message, issue.line, issue.column, format_loc(issue.loc))
                for issue in refused.issues
            ]
        ) from None


def read_json(text: str, name: str, *, refuse_duplicates: bool = False, hint: str = "") -> Any:
    """JSON text as data, or an :class:`InputError` naming the file, the place and what is wrong.

    ``refuse_duplicates``: a key written twice in one object is an error (a map's rule);
    ``hint`` follows the message for invalid JSON (what the file likely is instead).
    """
    try:
        return json.loads(
            text, object_pairs_hook=_no_duplicate_pairs if refuse_duplicates else None, parse_int=json_integer
        )
    except json.JSONDecodeError as error:
        raise InputError(
            [Problem(name, f"not valid JSON: {json_problem(error.msg)}{hint}", error.lineno, error.colno)]
        ) from None
    except HugeNumber as error:
        raise InputError([error.problem(text, name)]) from None
    except _DuplicateKey as error:
        line, column = _find_duplicate(text, error.key)
        raise InputError(
            [Problem(name, f"duplicate key '{error.key}'; the second would silently win", line, column)]
        ) from None
    except RecursionError:
        raise InputError([Problem(name, JSON_NESTING_REFUSED)]) from None


class HugeNumber(Exception):
    """A JSON integer with more digits than Python turns into an ``int`` (4,300 by default)."""

    def __init__(self, digits: str) -> None:
        self.digits = digits

    def problem(self, text: str, name: str) -> Problem:
        """The refusal, at the first such number in ``text`` (the one the reader stopped at)."""
        line = column = None
        for match in _JSON_NUMBER_OR_STRING.finditer(text):
            if match.group() == self.digits:
                line, column = _line_column(text, match.start())
                break
        count = len(self.digits.lstrip("-"))
        message = (
            f"a number of {count:,} digits, more than the {sys.get_int_max_str_digits():,} argmap reads; "
            "write it in quotes, as text"
        )
        return Problem(name, message, line, column)


def json_integer(digits: str) -> int:
    """``parse_int`` for :func:`json.loads`: an ``int``, or :class:`HugeNumber` instead of a ValueError."""
    try:
        return int(digits)
    except ValueError:
        raise HugeNumber(digits) from None


# Strings are matched whole so that digits inside one are never taken for a number.
_JSON_NUMBER_OR_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|-?[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?')

JSON_NESTING_REFUSED = (
    f"lists and mappings nest more than {MAX_JSON_NESTING:,} levels deep, more than argmap reads as JSON"
)

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
    return _line_column(text, match.start())


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
    return _line_column(text, second)
