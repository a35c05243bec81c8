from __future__ import annotations

import click

FORMATS = ("svg", "png", "pdf", "dot")


@click.command("render")
@click.argument("maps", nargs=-1, required=True, metavar="MAP [MAP2]", type=click.Path(path_type=str))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(allow_dash=True),
    metavar="FILE",
    help="FILE to write, or '-' for standard output.",
)
@click.option(
    "--format", "output_format", type=click.Choice(FORMATS), help="Default: from the suffix of -o (svg)."
)
@click.option(
    "--compare", is_flag=True, help="Draw two maps side by side, joined by the questions they answer."
)
@click.option(
    "--direction",
    type=click.Choice(["TB", "LR", "auto"]),
    default="auto",
    show_default=True,
    help="Top to bottom, left to right, or LR for maps with many leaves.",
)
@click.option("--depth", type=click.IntRange(0), help="Draw nodes down to this depth (thesis: 0).")
@click.option("--no-evidence", is_flag=True, help="Leave evidence out.")
@click.option("--focus", metavar="ID", help="Draw only the subtree under the node with this id.")
@click.option("--quotes", is_flag=True, help="Show each node's quote from the article.")
@click.option("--tags", is_flag=True, help="Show each node's question and position.")
def command(
    maps: tuple[str, ...],
    output: str,
    output_format: str | None,
    compare: bool,
    direction: str,
    depth: int | None,
    no_evidence: bool,
    focus: str | None,
    quotes: bool,
    tags: bool,
) -> None:
    """Draw MAP as a Graphviz diagram, or MAP MAP2 with --compare.

    The thesis is at the top (or left); supports are solid arrows, opposes dashed,
    undercuts dotted; a legend says so. Writing DOT never needs Graphviz; SVG, PNG
    and PDF run its 'dot' program ($ARGMAP_DOT, else dot on PATH). A failed render
    leaves any earlier FILE untouched.
    """
    from argmap.atomic import write_atomic
    from argmap.cli.options import read_by, refuse_overwriting
    from argmap.errors import UsageError
    from argmap.loader import load_document, load_vocabulary, vocabulary_path_for
    from argmap.render import dot, engine

    if len(maps) != (2 if compare else 1):
        raise UsageError("--compare needs two maps" if compare else "give one map, or two with --compare")
    if compare and (depth is not None or no_evidence or focus or quotes or tags):
        raise UsageError(
            "--depth, --no-evidence, --focus, --quotes and --tags draw one map, not a comparison"
        )
    chosen = engine.output_format(output, output_format)
    refuse_overwriting(output, maps)  # before any work; vocabularies are checked once known
    documents = [load_document(path) for path in maps]
    if compare:
        from argmap.compare import compare as compare_maps
        from argmap.compare import shared_vocabulary

        # The diagram counts unaligned claims but draws none, so none needs suggestions.
        comparison = compare_maps(documents[0], documents[1], shared_vocabulary(documents), limit=0)
        source = dot.comparison_to_dot(comparison, documents[0].map, documents[1].map, direction=direction)
    else:
        vocabulary_path = vocabulary_path_for(documents[0])
        source = dot.map_to_dot(
            documents[0].map,
            direction=direction,
            depth=depth,
            evidence=not no_evidence,
            focus=focus,
            quotes=quotes,
            tags=tags,
            vocabulary=load_vocabulary(vocabulary_path).vocabulary if vocabulary_path.is_file() else None,
        )
    rendered = engine.render(source, chosen)
    refuse_overwriting(output, read_by(documents))
    write_atomic(output, rendered)
