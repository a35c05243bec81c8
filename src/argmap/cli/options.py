"""Options shared by several commands, as decorators."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])

DEFAULT_FOLDER = Path("arguments")


def format_option(*choices: str, default: str = "text") -> Callable[[F], F]:
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(choices),
        default=default,
        show_default=True,
        help="Output format: text for people, json (or csv) for programs.",
    )


def output_option(help_text: str = "Write to FILE instead of standard output ('-').") -> Callable[[F], F]:
    return click.option(
        "-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default="-", help=help_text
    )


def width_option(function: F) -> F:
    return click.option(
        "--width", type=click.IntRange(20, 1000), default=None, help="Text width (default: the terminal's)."
    )(function)


def map_paths(paths: tuple[str, ...]) -> list[Path]:
    """Paths given, or the arguments/ folder when none are."""
    if paths:
        return [Path(path) for path in paths]
    if DEFAULT_FOLDER.is_dir():
        return [DEFAULT_FOLDER]
    raise click.UsageError("no PATH given and there is no arguments/ folder here")


def emit(text: str, output: str) -> None:
    """Write command output to a file atomically, or to standard output."""
    from argmap.atomic import write_atomic

    if output == "-":
        click.echo(text, nl=not text.endswith("\n"))
    else:
        write_atomic(output, text)
