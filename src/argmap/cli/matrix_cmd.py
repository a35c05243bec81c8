from __future__ import annotations

import sys

import click

from argmap.cli.options import (
    emit,
    format_option,
    map_paths,
    output_option,
    read_by,
    vocabulary_option,
    width_option,
)


@click.command("matrix")
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@vocabulary_option
@width_option
@format_option("text", "json", "csv")
@output_option()
def command(
    paths: tuple[str, ...], vocabulary: str | None, width: int | None, output_format: str, output: str
) -> None:
    """Show many authors' positions, question by question.

    PATHS are map files or folders of maps (default: arguments/). Authors are columns,
    questions rows, each cell the author's main position on the question.
    """
    from rich.progress import track

    from argmap.compare import shared_vocabulary
    from argmap.formats.json_format import printable
    from argmap.loader import find_maps, load_document
    from argmap.matrix import matrix
    from argmap.render.terminal import console, matrix_view, plain_text

    files = find_maps(map_paths(paths))
    progress = console(file=sys.stderr)
    loading = track(
        files, description="Loading maps", console=progress, transient=True, disable=not progress.is_terminal
    )
    documents = [load_document(path) for path in loading]
    result = matrix(documents, shared_vocabulary(documents, vocabulary))
    inputs = read_by(documents, vocabulary)
    if output_format != "text":
        emit(printable(result.to_json()) if output_format == "json" else result.to_csv(), output, inputs)
        return
    screen = console(width)
    if output == "-" and screen.is_terminal:
        screen.print(matrix_view(result))
    else:
        emit(plain_text(matrix_view(result), screen.width), output, inputs)
