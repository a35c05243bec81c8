"""The ``argmap`` command line: a thin layer that parses options, calls the library and prints.

Commands live one per module and are imported only when run, so ``--help`` and
``--version`` pay for click alone.
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any

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

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][1]) for name in self.list_commands(ctx)]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


def _module_exists(module: str) -> bool:
    from importlib.util import find_spec

    return find_spec(module) is not None


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "-V", "--version", prog_name="argmap")
@click.option("--debug", is_flag=True, envvar="ARGMAP_DEBUG", help="Show tracebacks (for developers).")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Map the arguments of opinion pieces and compare authors.

    A map is one YAML file per article (see docs/format.md): the thesis, the claims
    beneath it, the evidence cited, the author's concessions. Exit codes: 0 ok,
    1 findings, 2 bad input or usage.
    """
    ctx.obj = {"debug": debug}


def main(argv: list[str] | None = None) -> None:
    """Run the CLI, turning every known error into one-line messages and an exit code."""
    from argmap.errors import ArgmapError

    debug = "--debug" in (argv if argv is not None else sys.argv[1:]) or bool(os.environ.get("ARGMAP_DEBUG"))
    # Deep maps are walked iteratively; this only covers the standard library's own recursion
    # (json) on very deep input.
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 50_000))
    try:
        result: Any = cli.main(args=argv, prog_name="argmap", standalone_mode=False)
    except ArgmapError as error:
        if debug:
            raise
        for line in error.lines():
            click.echo(_clean(line), err=True)
        sys.exit(error.exit_code)
    except click.exceptions.Abort:
        click.echo("argmap: aborted", err=True)
        sys.exit(130)
    except click.ClickException as error:
        error.show()
        sys.exit(2 if error.exit_code in (1, 2) else error.exit_code)
    except BrokenPipeError:
        # The reader (head, less) went away; say nothing more.
        sys.stderr.close()
        sys.exit(0)
    except KeyboardInterrupt:
        click.echo("argmap: interrupted", err=True)
        sys.exit(130)
    except Exception as error:  # pragma: no cover - a bug; the user sees one line, developers the traceback
        if debug:
            raise
        click.echo(f"argmap: internal error: {type(error).__name__}: {error} (run with --debug for details)", err=True)
        sys.exit(70)
    sys.exit(result if isinstance(result, int) else 0)


def _clean(line: str) -> str:
    from argmap.sanitize import terminal_safe

    return terminal_safe(line)
