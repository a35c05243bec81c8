"""The ``argmap`` command line: a thin layer that parses options, calls the library and prints.

Commands live one per module and are imported only when run, so ``--help`` and
``--version`` pay for click alone.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import os
import sys
from typing import Any, NoReturn

import click

from argmap._version import __version__

COMMANDS: dict[str, tuple[str, str]] = {
    # name: (module, one-line help shown by `argmap --help` without importing the module)
    "check": ("argmap.cli.check_cmd", "Validate maps and lint them: ids, references, questions, quotes."),
    "show": ("argmap.cli.show_cmd", "Print one map as a tree."),
    "compare": ("argmap.cli.compare_cmd", "Put two authors' maps side by side, question by question."),
    "matrix": ("argmap.cli.matrix_cmd", "Show many authors' positions, question by question."),
    "render": ("argmap.cli.render_cmd", "Draw a map or a comparison with Graphviz (SVG, PNG, PDF, DOT)."),
    "export": ("argmap.cli.export_cmd", "Convert a map to Argdown, AIF, JSON or Markdown."),
    "import": ("argmap.cli.import_cmd", "Convert an AIF argument graph into a map."),
    "schema": ("argmap.cli.schema_cmd", "Print the JSON Schema of the map format."),
    "new": ("argmap.cli.new_cmd", "Start a map for a new article from a commented skeleton."),
}


INTERRUPTED = 130
"""The exit code after Ctrl-C (128 + SIGINT), apart from 1 (findings) and 2 (bad input)."""


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name, (module, _) in COMMANDS.items() if _module_exists(module)]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        entry = COMMANDS.get(cmd_name)
        if entry is None or not _module_exists(entry[0]):
            return None
        command = importlib.import_module(entry[0]).command
        assert isinstance(command, click.Command)
        return command

    def invoke(self, ctx: click.Context) -> Any:
        """The single place where library errors become one-line messages and exit codes."""
        from argmap.errors import ArgmapError

        try:
            return super().invoke(ctx)
        except ArgmapError as error:
            if _debugging(ctx):
                raise
            for line in error.lines():
                click.echo(_clean(line), err=True)
            ctx.exit(error.exit_code)
        except KeyboardInterrupt:
            # Ctrl-C: 128 + SIGINT, as shells report it; click would exit 1, which means findings.
            if _debugging(ctx):
                raise
            click.echo("argmap: interrupted", err=True)
            ctx.exit(INTERRUPTED)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][1]) for name in self.list_commands(ctx)]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


def _module_exists(module: str) -> bool:
    from importlib.util import find_spec

    return find_spec(module) is not None


@click.group(
    cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100}
)
@click.version_option(__version__, "-V", "--version", prog_name="argmap")
@click.option("--debug", is_flag=True, envvar="ARGMAP_DEBUG", help="Show tracebacks (for developers).")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Map the arguments of opinion pieces and compare authors.

    A map is one YAML file per article (see docs/format.md): the thesis, the claims
    beneath it, the evidence cited, the author's concessions. Exit codes: 0 ok,
    1 findings, 2 bad input or usage, 130 interrupted (Ctrl-C).
    """
    ctx.obj = {"debug": debug}


def _debugging(ctx: click.Context) -> bool:
    return bool(ctx.params.get("debug")) or bool(os.environ.get("ARGMAP_DEBUG"))


def main(argv: list[str] | None = None) -> None:
    """Run the CLI; an unexpected exception is a bug, shown in one line unless --debug."""
    args = sys.argv[1:] if argv is None else argv
    # Deep maps are walked iteratively; this covers the standard library's own recursion
    # (json) on very deep input.
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 50_000))
    # A command lives for a moment and builds no reference cycles worth collecting; the
    # cyclic collector would re-walk every loaded map at each pass (matrix over 1,000 maps:
    # 6.5 s with it, a third of that without). Reference counting still frees memory.
    gc.disable()
    try:
        cli.main(args=args, prog_name="argmap")
    except BrokenPipeError:
        # The reader (head, less) went away; say nothing more.
        sys.stderr.close()
        sys.exit(0)
    except Exception as error:
        if "--debug" in args or os.environ.get("ARGMAP_DEBUG"):
            raise
        # One line, whatever the exception says: its text may quote a map.
        click.echo(
            _clean(f"argmap: internal error: {type(error).__name__}: {error} (run with --debug for details)"),
            err=True,
        )
        sys.exit(70)


def run() -> NoReturn:
    """The ``argmap`` command: :func:`main`, then an exit that skips tearing the interpreter down.

    Freeing every object of a large map one by one at exit costs more than some commands
    (50 ms after checking a 10,000-node map); the operating system takes the memory back at
    once. Output files are written and closed by then; the standard streams are flushed here.
    """
    from argmap.cli.pydantic_plugins import turn_off

    turn_off()
    code = 0
    try:
        main()
    except SystemExit as done:
        if isinstance(done.code, str):
            sys.stderr.write(f"{done.code}\n")
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    for stream in (sys.stdout, sys.stderr):
        # Closed, or the reader went away: nothing more can be said there.
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)


def _clean(line: str) -> str:
    """A message line that stays one line and sends no control characters to the terminal."""
    from argmap.sanitize import one_line

    return one_line(line)
