"""The thin edge that runs Graphviz: DOT source in on stdin, image bytes out.

Everything else in :mod:`argmap.render` is pure. This module finds the ``dot`` binary
(``ARGMAP_DOT`` first, then ``dot`` on ``PATH``), runs it with a timeout, and turns every
way it can fail into a one-line :class:`~argmap.errors.RenderError`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import PurePath

from argmap.errors import RenderError, UsageError, os_reason

FORMATS = ("svg", "png", "pdf", "dot")
SUFFIXES = {".svg": "svg", ".png": "png", ".pdf": "pdf", ".dot": "dot", ".gv": "dot"}
DEFAULT_FORMAT = "svg"

PNG_DPI = 150
# A bitmap larger than this many inches a side is scaled down (9,000 px at 150 dpi): some
# Graphviz builds have no cap of their own and a huge map would need gigabytes.
PNG_MAX_INCHES = 60
TIMEOUT_SECONDS = 120.0

INSTALL_HINT = "install it with 'apt-get install graphviz', 'brew install graphviz' or 'make setup'"


def output_format(output: str, requested: str | None = None) -> str:
    """The format asked for with ``--format``, else the one the output's suffix names.

    >>> output_format("map.PNG"), output_format("-"), output_format("x.svg", "dot")
    ('png', 'svg', 'dot')
    """
    if requested is not None:
        if requested not in FORMATS:
            raise UsageError(f"--format {requested}: expected one of {', '.join(FORMATS)}")
        return requested
    if output == "-":
        return DEFAULT_FORMAT
    suffix = PurePath(output).suffix.lower()
    if suffix not in SUFFIXES:
        raise UsageError(
            f"{output}: cannot tell the format from the suffix '{suffix}'; "
            f"use .svg, .png, .pdf or .dot, or give --format"
        )
    return SUFFIXES[suffix]


def find_dot() -> str:
    """The path of the ``dot`` program: ``$ARGMAP_DOT`` if set, else ``dot`` on ``PATH``."""
    chosen = os.environ.get("ARGMAP_DOT")
    if chosen:
        found = shutil.which(chosen)
        if found is None:
            raise RenderError(
                f"ARGMAP_DOT={chosen}: not found or not executable; point it at Graphviz's dot, or {INSTALL_HINT}"
            )
        return found
    found = shutil.which("dot")
    if found is None:
        raise RenderError(f"Graphviz's 'dot' program was not found on PATH; {INSTALL_HINT}")
    return found


def layout_args(output_format: str) -> list[str]:
    """Command-line options for ``dot`` beyond the program itself.

    >>> layout_args("png")
    ['-Tpng', '-Gdpi=150', '-Gsize=60,60']
    """
    args = [f"-T{output_format}"]
    if output_format == "png":
        # -G values are defaults: argmap's DOT sets neither dpi nor size, so these apply.
        args += [f"-Gdpi={PNG_DPI}", f"-Gsize={PNG_MAX_INCHES},{PNG_MAX_INCHES}"]
    return args


def render(dot_source: str, output_format: str, *, timeout: float = TIMEOUT_SECONDS) -> bytes:
    """The bytes of ``dot_source`` in ``output_format``; DOT itself never needs Graphviz."""
    if output_format == "dot":
        return dot_source.encode("utf-8")
    if output_format not in FORMATS:
        raise UsageError(f"--format {output_format}: expected one of {', '.join(FORMATS)}")
    program = find_dot()
    name = PurePath(program).name
    try:
        done = subprocess.run(
            [program, *layout_args(output_format)],
            input=dot_source.encode("utf-8"),
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise RenderError(
            f"{name} took longer than {timeout:g} s and was stopped; try --depth, --focus or --no-evidence"
        ) from None
    except OSError as error:
        raise RenderError(f"{program}: cannot run: {os_reason(error)}; {INSTALL_HINT}") from None
    if done.returncode != 0:
        reason = f"killed by signal {-done.returncode}" if done.returncode < 0 else f"exit {done.returncode}"
        detail = first_error(done.stderr.decode("utf-8", "replace"))
        raise RenderError(f"{name} failed ({reason})" + (f": {detail}" if detail else ""))
    if not done.stdout:
        raise RenderError(f"{name} produced no {output_format} output")
    return done.stdout


def first_error(stderr: str) -> str:
    """The line of Graphviz's messages that says what went wrong, shortened to one line.

    >>> first_error("Warning: odd font\\nError: <stdin>: syntax error in line 3\\n")
    'Error: <stdin>: syntax error in line 3'
    """
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    errors = [line for line in lines if line.lower().startswith("error")]
    chosen = errors[0] if errors else (lines[-1] if lines else "")
    return chosen if len(chosen) <= 200 else chosen[:199] + "…"
