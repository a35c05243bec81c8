from __future__ import annotations

import click

from argmap.cli.options import (
    emit,
    format_option,
    jobs_option,
    map_paths,
    output_option,
    progress,
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
@jobs_option
def command(
    paths: tuple[str, ...],
    vocabulary: str | None,
    width: int | None,
    output_format: str,
    output: str,
    jobs: int,
) -> None:
    """Show many authors' positions, question by question.

    PATHS are map files or folders of maps (default: arguments/). Authors are columns,
    questions rows, each cell the author's main position on the question.
    """
    from argmap.batch import load_documents
    from argmap.compare import shared_vocabulary
    from argmap.errors import InputError
    from argmap.formats.json_format import printable
    from argmap.loader import Document, find_maps
    from argmap.matrix import matrix
    from argmap.render.matrix_view import matrix_view
    from argmap.render.terminal import console, plain_text

    files = find_maps(map_paths(paths))
    with progress(len(files), "Loading maps") as advance:
        loaded = load_documents(files, jobs=jobs or None, advance=advance)
    # Every map that cannot be used is reported, not only the first.
    errors = [item for item in loaded if isinstance(item, InputError)]
    if errors:
        raise InputError([problem for error in errors for problem in error.problems], cap=False)
    documents = [item for item in loaded if isinstance(item, Document)]
    result = matrix(documents, shared_vocabulary(documents, vocabulary))
    inputs = read_by(documents, vocabulary)
    if output_format != "text":
        emit(printable(result.to_json()) if output_format == "json" else result.to_csv(), output, inputs)
        return
    screen = console(width)
    if output == "-" and screen.is_terminal:
        screen.print(matrix_view(result, screen.width))
    else:
        emit(plain_text(matrix_view(result, screen.width), screen.width), output, inputs)
