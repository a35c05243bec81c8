"""Generate docs/cli.md from the commands' own --help, so the reference cannot go stale.

Run: python scripts/cli_reference.py           (rewrites docs/cli.md)
     python scripts/cli_reference.py --check   (exit 1 if docs/cli.md is out of date)
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
from click.testing import CliRunner

from argmap.cli import cli

TARGET = Path(__file__).resolve().parent.parent / "docs" / "cli.md"


def _help(args: list[str]) -> str:
    # prog_name: the program as a user types it, not the name of the click group ('cli').
    result = CliRunner().invoke(
        cli, [*args, "--help"], prog_name="argmap", env={"COLUMNS": "100"}, terminal_width=100
    )
    if result.exit_code != 0:
        raise SystemExit(f"argmap {' '.join(args)} --help failed: {result.output}")
    return result.output.rstrip() + "\n"


def render() -> str:
    context = click.Context(cli)
    assert isinstance(cli, click.Group)
    parts = [
        "# Command-line reference\n",
        "Generated from `argmap --help` by `scripts/cli_reference.py`; a test fails when it is stale.\n",
        "## argmap\n",
        "```text\n" + _help([]) + "```\n",
    ]
    for name in cli.list_commands(context):
        parts.append(f"## argmap {name}\n")
        parts.append("```text\n" + _help([name]) + "```\n")
    return "\n".join(parts)


if __name__ == "__main__":
    text = render()
    if "--check" in sys.argv:
        sys.exit(0 if TARGET.read_text(encoding="utf-8") == text else 1)
    TARGET.write_text(text, encoding="utf-8")
