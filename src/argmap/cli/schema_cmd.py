from __future__ import annotations

import json

import click

from argmap.cli.options import emit, output_option


@click.command("schema")
@output_option()
def command(output: str) -> None:
    """Print the JSON Schema of the map format.

    Point the YAML language server at it from the first line of a map:
    '# yaml-language-server: $schema=../docs/map.schema.json'.
    """
    from argmap.schema import map_schema

    emit(json.dumps(map_schema(), indent=2, ensure_ascii=False) + "\n", output)
