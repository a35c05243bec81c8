from __future__ import annotations

import click

from argmap.cli.options import emit, format_option, output_option, width_option, writing


@click.command("show")
@click.argument("map_path", metavar="MAP", type=click.Path(path_type=str))
@click.option(
    "--depth", type=click.IntRange(0), default=None, help="Show nodes down to this depth (thesis: 0)."
)
@click.option("--no-evidence", "evidence", flag_value=False, default=True, help="Leave evidence out.")
@click.option("--quotes", is_flag=True, help="Show each node's verbatim quote.")
@click.option("--id", "--ids", "ids", is_flag=True, help="Show node ids, evidence topics and cross-links.")
@width_option
@format_option("text", "json")
@output_option()
def command(
    map_path: str,
    depth: int | None,
    evidence: bool,
    quotes: bool,
    ids: bool,
    width: int | None,
    output_format: str,
    output: str,
) -> None:
    """Print one map as a tree: kinds, relations, evidence, questions and positions."""
    from argmap.formats import json_format
    from argmap.loader import load_document, load_vocabulary, vocabulary_path_for
    from argmap.render.terminal import console, map_tree, plain_text

    document = load_document(map_path)
    vocabulary_file = vocabulary_path_for(document)
    if output_format == "json":
        # The map file's data, written without recursion (a model dump of a 10,000-deep map overflows).
        with writing(output, map_path):
            text = json_format.export(document.map)
        emit(text, output, [map_path])
        return
    vocabulary = load_vocabulary(vocabulary_file).vocabulary if vocabulary_file.is_file() else None
    view = map_tree(document, depth=depth, evidence=evidence, quotes=quotes, ids=ids, vocabulary=vocabulary)
    screen = console(width)
    if output == "-" and screen.is_terminal:
        screen.print(view)
    else:
        emit(plain_text(view, screen.width), output, [map_path, vocabulary_file])
