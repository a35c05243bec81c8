"""One exception hierarchy for everything a user can act on.

The CLI turns any :class:`ArgmapError` into one-line messages and an exit code in a
single place; anything else escaping is a bug, shown with ``--debug``.
"""

from __future__ import annotations

import errno
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one input file, located as precisely as the file allows."""

    file: str
    message: str
    line: int | None = None
    column: int | None = None
    path: str = ""

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        field = f" {self.path}:" if self.path else ""
        return f"{where}:{field} {self.message}"


class ArgmapError(Exception):
    """A problem the user can act on. ``exit_code`` follows the CLI convention (2: bad input)."""

    exit_code = 2

    def lines(self) -> list[str]:
        return [str(self)]


class InputError(ArgmapError):
    """An input file that cannot be read or is not a valid map; carries the problems found.

    A hostile file can hold a million problems (a key repeated, an alias used, again and
    again): beyond :data:`MAX_PROBLEMS` the rest are counted in one last line.
    """

    MAX_PROBLEMS = 20

    def __init__(self, problems: list[Problem], *, cap: bool = True) -> None:
        # cap=False for problems already capped file by file (several files, or a worker's).
        if cap and len(problems) > self.MAX_PROBLEMS:
            more = len(problems) - self.MAX_PROBLEMS
            problems = [
                *problems[: self.MAX_PROBLEMS],
                Problem(problems[0].file, f"... and {more} more problem{'s' * (more != 1)} in this file"),
            ]
        self.problems = problems
        super().__init__(str(problems[0]) if problems else "invalid input")

    def lines(self) -> list[str]:
        return [str(problem) for problem in self.problems]


class UsageError(ArgmapError):
    """Options that do not fit together, or that name something that does not exist."""


class OutputError(ArgmapError):
    """An output that cannot be written; any earlier file of that name is left untouched."""


class RenderError(ArgmapError):
    """The layout engine failed or is missing."""


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """``"; did you mean 'x'?"`` for the choice most like ``word``, or ``""`` when none is close."""
    # Imported here: only a misspelling needs difflib, and importing it costs every run 1 ms.
    from difflib import get_close_matches

    guess = get_close_matches(word, list(choices), n=1)
    return f"; did you mean '{guess[0]}'?" if guess else ""


# The operating system's words differ between systems and C libraries; these are argmap's.
_OS_REASONS = {
    errno.ENOENT: "no such file or folder",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ENAMETOOLONG: "the name is longer than the file system allows",
    errno.ENOSPC: "no space left on the device",
    errno.EDQUOT: "the disk quota is used up",
    errno.EISDIR: "it is a folder",
    errno.ENOTDIR: "a part of the path is not a folder",
    errno.ELOOP: "a loop of symbolic links",
    errno.EROFS: "the file system is read-only",
    errno.EMFILE: "too many files are open",
    errno.ENFILE: "too many files are open",
    errno.EIO: "an input/output error",
    errno.ENXIO: "no such device",
    errno.ENODEV: "no such device",
    errno.EBUSY: "the file is busy",
    errno.ETXTBSY: "the file is busy",
    errno.EPIPE: "the reader has gone",
    errno.EXDEV: "it is on another file system",
}


def os_reason(error: OSError) -> str:
    """Why an operation on a file failed, in argmap's words.

    >>> os_reason(OSError(errno.ENAMETOOLONG, "File name too long"))
    'the name is longer than the file system allows'
    """
    if error.errno in _OS_REASONS:
        return _OS_REASONS[error.errno]
    return str(error.strerror or error)
