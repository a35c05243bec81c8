from __future__ import annotations

import json
import os
from pathlib import Path

import click

from argmap.cli.options import echo, format_option, map_paths


@click.command("check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option(
    "--text",
    "text_paths",
    type=click.Path(path_type=Path),
    multiple=True,
    metavar="FILE|DIR",
    help="A file: verify quotes against this article text instead of the one each map names. "
    "A folder (repeatable): maps may also name article texts in it (see docs/security.md).",
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info", "never"]),
    default="error",
    show_default=True,
    help="Exit 1 when a finding of this severity or worse is found.",
)
@format_option("text", "json")
@click.option("-q", "--quiet", is_flag=True, help="Print findings only, no summary.")
@click.pass_context
def command(
    ctx: click.Context,
    paths: tuple[str, ...],
    text_paths: tuple[Path, ...],
    fail_on: str,
    output_format: str,
    quiet: bool,
) -> None:
    """Validate maps and lint them.

    PATHS are map files or folders of maps (default: arguments/). Reports schema
    errors, duplicate and missing ids, circular support, unknown questions,
    positions and topics, claims with no evidence (warning), and quotes that are not
    in the article text (the file named by each map's source.text, or --text).
    A map's article text is read only from the map's folder or below, a --text
    folder, a folder of ARGMAP_TEXT_ROOTS or of the project's argmap.toml.

    Exit 0 clean, 1 findings at or above --fail-on, 2 unreadable or invalid input.
    """
    from argmap.check import check_paths
    from argmap.errors import UsageError
    from argmap.formats.json_format import printable
    from argmap.lint import Severity
    from argmap.sanitize import one_line

    # os.path: False, not an OSError, for a name too long (check_paths says why).
    folders = [path for path in text_paths if os.path.isdir(path)]
    files = [path for path in text_paths if not os.path.isdir(path)]
    if len(files) > 1:
        raise UsageError(f"--text {files[1]}: only one article file may replace the maps' own")
    report = check_paths(map_paths(paths), files[0] if files else None, folders)
    if output_format == "json":
        echo(printable(json.dumps(report.as_dict(), indent=2, ensure_ascii=False)))
    else:
        # Messages quote map text (keys, ids, passages of the article): one line each, harmless.
        for problem in report.problems:
            echo(one_line(str(problem)), err=True)
        for finding in report.findings:
            echo(one_line(str(finding)))
        if not quiet:
            # Maps and vocabularies apart; quotes checked, since a quote not found is counted too.
            vocabularies = len(report.vocabularies)
            checked = f"{report.maps} map{'s' * (report.maps != 1)}"
            if vocabularies:
                checked += f" and {vocabularies} vocabular{'ies' if vocabularies != 1 else 'y'}"
            summary = (
                f"{checked} checked: "
                f"{report.invalid_files} invalid, {report.count(Severity.ERROR)} errors, "
                f"{report.count(Severity.WARNING)} warnings; {report.quotes_checked} quotes checked"
            )
            echo(summary, err=True)
    if report.problems:
        ctx.exit(2)
    worst = report.worst()
    if fail_on != "never" and worst is not None and worst >= Severity[fail_on.upper()]:
        ctx.exit(1)
