"""Options shared by several commands, as decorators."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from argmap.loader import Document

F = TypeVar("F", bound=Callable[..., Any])

DEFAULT_FOLDER = Path("arguments")


def format_option(*choices: str, default: str = "text") -> Callable[[F], F]:
    # The help names the formats for programs that this command accepts, and only those.
    for_programs = " or ".join(choice for choice in choices if choice != "text")
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(choices),
        default=default,
        show_default=True,
        help=f"Output format: text for people, {for_programs} for programs.",
    )


def output_option(help_text: str = "Write to FILE instead of standard output ('-').") -> Callable[[F], F]:
    return click.option(
        "-o", "--output", type=click.Path(allow_dash=True), default="-", metavar="FILE", help=help_text
    )


def vocabulary_option(function: F) -> F:
    return click.option(
        "--vocabulary",
        type=click.Path(path_type=str),
        metavar="FILE",
        help="Questions vocabulary to use (default: the maps' own, which must be the same).",
    )(function)


def jobs_option(function: F) -> F:
    return click.option(
        "-j",
        "--jobs",
        type=click.IntRange(0),
        default=0,
        metavar="N",
        help="Read maps in N processes (default 0: one per core when there are many maps).",
    )(function)


PROGRESS_AFTER = 0.3
"""Seconds of work before a progress bar appears: a moment's work shows none."""


@contextmanager
def progress(total: int, description: str) -> Iterator[Callable[[], None]]:
    """Call the yielded function once per item done; a bar shows on a terminal after a moment.

    The bar starts on the first item after :data:`PROGRESS_AFTER` seconds, not before the
    work: loading may fork worker processes, which should not inherit a drawing thread.
    """
    from argmap.render.terminal import console

    screen = console(file=sys.stderr)
    if not screen.is_terminal:
        yield lambda: None
        return
    from rich.progress import Progress

    started = time.monotonic()
    done = 0
    bar: Progress | None = None

    def advance() -> None:
        nonlocal done, bar
        done += 1
        if bar is None:
            if time.monotonic() - started < PROGRESS_AFTER:
                return
            bar = Progress(console=screen, transient=True)
            bar.start()
            bar.add_task(description, total=total)
        bar.update(bar.task_ids[0], completed=done)

    try:
        yield advance
    finally:
        if bar is not None:
            bar.stop()


def width_option(function: F) -> F:
    return click.option(
        "--width", type=click.IntRange(20, 1000), default=None, help="Text width (default: the terminal's)."
    )(function)


def map_paths(paths: tuple[str, ...]) -> list[Path]:
    """Paths given, or the arguments/ folder when none are (:func:`argmap.loader.find_maps` refuses one holding no map)."""
    if paths:
        return [Path(path) for path in paths]
    if DEFAULT_FOLDER.is_dir():
        return [DEFAULT_FOLDER]
    from argmap.errors import UsageError

    # argmap's own error, not click's: one line, like every other message.
    raise UsageError("no PATH given and there is no arguments/ folder here")


def echo(text: str, *, err: bool = False, nl: bool = True) -> None:
    """``click.echo``, with a failed write to standard output (a full disk) as an :class:`OutputError`."""
    from argmap.atomic import stdout_failures

    with stdout_failures():
        click.echo(text, err=err, nl=nl)


def emit(text: str, output: str, inputs: Iterable[str | Path] = ()) -> None:
    """Write command output to a file atomically, or to standard output.

    ``inputs`` are the files the command read: writing over one of them is refused.
    Text for a terminal (standard output, or ``-o /dev/tty``) has its control characters
    made visible, as ``ls`` does with file names; a pipe or a file gets the exact text.
    """

    from argmap.atomic import write_atomic
    from argmap.sanitize import terminal_safe

    if output == "-":
        if sys.stdout.isatty():
            text = terminal_safe(text)
        echo(text, nl=not text.endswith("\n"))
    else:
        refuse_overwriting(output, inputs)
        write_atomic(output, text, for_terminal=terminal_safe)


def read_by(documents: Sequence[Document], vocabulary: str | None = None) -> list[str | Path]:
    """The files a command over ``documents`` reads: the maps and their vocabularies."""
    from argmap.loader import vocabulary_path_for

    files: list[str | Path] = [document.path for document in documents]
    files.extend(vocabulary_path_for(document) for document in documents)
    if vocabulary is not None:
        files.append(vocabulary)
    return files


def refuse_overwriting(output: str, inputs: Iterable[str | Path]) -> None:
    """A :class:`UsageError` when ``output`` is one of ``inputs`` (by identity, so links count too)."""

    from argmap.errors import UsageError

    if output == "-":
        return
    for source in inputs:
        try:
            same = os.path.samefile(output, source)
        except (OSError, ValueError):
            same = False  # one of them does not exist (or cannot): they are not one file
        if same:
            raise UsageError(f"-o {output} is an input of this command ({source}); choose another file")


@contextmanager
def writing(output: str, source: str | Path) -> Iterator[None]:
    """Name the output and the map in a writer's refusal of the map read from ``source``.

    Writers refuse data argmap could not read back (nested too deep for the format) before
    anything is written; the message they raise says why, and this says where.
    """
    from argmap.errors import OutputError
    from argmap.reading import display_path

    try:
        yield
    except OutputError as error:
        target = "standard output" if output == "-" else output
        raise OutputError(f"{target}: not written: the map in {display_path(Path(source))} {error}") from None
