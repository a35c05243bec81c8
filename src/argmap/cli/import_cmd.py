from __future__ import annotations

from pathlib import Path

import click

from argmap.cli.options import echo, emit, output_option, refuse_overwriting, writing


@click.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--from",
    "source_format",
    type=click.Choice(["aif"]),
    default="aif",
    show_default=True,
    help="FILE's format.",
)
@output_option("Write the map to FILE (YAML; JSON when FILE ends in .json) instead of standard output.")
def command(file: Path, source_format: str, output: str) -> None:
    """Convert an argument graph in FILE into a map.

    aif: AIFdb JSON, xAIF and OVA3 files. The thesis is the conclusion nothing
    further supports; what a map cannot hold (dialogue nodes, layout) is listed on
    standard error, one line per kind. docs/formats.md gives the details.
    """
    from argmap.formats import json_format
    from argmap.formats.registry import importer
    from argmap.reading import display_path, read_text
    from argmap.sanitize import one_line
    from argmap.serialize import map_to_data
    from argmap.yamlwrite import dump_yaml

    refuse_overwriting(output, [file])  # before any work
    result = importer(source_format).import_(read_text(file), display_path(file))
    data = map_to_data(result.map)
    with writing(output, file):
        text = json_format.dumps(data) + "\n" if output.endswith(".json") else dump_yaml(data)
    emit(text, output, [file])
    # After the map is written: a map that cannot be written (too deep for YAML, a missing
    # folder) gets its one error line alone.
    for warning in result.warnings:
        echo(one_line(f"argmap import: {warning}"), err=True)
