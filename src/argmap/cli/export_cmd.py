from __future__ import annotations

from pathlib import Path

import click

from argmap.cli.options import emit, output_option, refuse_overwriting, writing

# Kept in step with argmap.formats.registry.EXPORTERS by a test; listed here so --help needs no import.
FORMATS = ("argdown", "aif", "json", "markdown")


@click.command("export")
@click.argument("map_path", metavar="MAP", type=click.Path(path_type=Path))
@click.option("--to", "target", type=click.Choice(FORMATS), required=True, help="The format to write.")
@output_option()
def command(map_path: Path, target: str, output: str) -> None:
    """Convert MAP to Argdown, AIF, JSON or Markdown.

    argdown: statements and relations for the Argdown tools. aif: AIFdb JSON for
    OVA, AIFdb and arguebuf. json: the map itself as JSON, read back exactly by
    argmap. markdown: an outline for reports (questions shown by their wording).
    docs/formats.md says what each format keeps and loses.
    """
    from argmap.formats.registry import exporter
    from argmap.loader import load_document, load_vocabulary, vocabulary_path_for

    refuse_overwriting(output, [map_path])  # before any work
    chosen = exporter(target)
    document = load_document(map_path)
    vocabulary_path = vocabulary_path_for(document)
    use_vocabulary = chosen.uses_vocabulary and vocabulary_path.is_file()
    vocabulary = load_vocabulary(vocabulary_path).vocabulary if use_vocabulary else None
    with writing(output, map_path):
        text = chosen.export(document.map, vocabulary)
    emit(text, output, [map_path, vocabulary_path])
