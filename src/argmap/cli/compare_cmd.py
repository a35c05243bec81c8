from __future__ import annotations

import click

from argmap.cli.options import emit, format_option, output_option, read_by, vocabulary_option, width_option


@click.command("compare")
@click.argument("map_a", metavar="A", type=click.Path(path_type=str))
@click.argument("map_b", metavar="B", type=click.Path(path_type=str))
@click.option(
    "--sort",
    type=click.Choice(["verdict", "question"]),
    default="verdict",
    show_default=True,
    help="verdict: disagreements, then one-sided questions, then agreements; question: vocabulary order.",
)
@vocabulary_option
@width_option
@format_option("text", "json")
@output_option()
def command(
    map_a: str,
    map_b: str,
    sort: str,
    vocabulary: str | None,
    width: int | None,
    output_format: str,
    output: str,
) -> None:
    """Put two authors side by side, question by question.

    Shows each author's position on every question either addresses and the claims behind
    it, with a verdict (agree, disagree, only A, only B); the evidence both cite; and
    claims tagged with no question, each with the other author's closest claims. Side by
    side from 120 columns, one above the other below. Disagreements are not errors: exit 0.
    """
    from argmap.compare import compare, shared_vocabulary
    from argmap.formats.json_format import printable
    from argmap.loader import load_document
    from argmap.render.terminal import comparison_view, console, plain_text

    first, second = load_document(map_a), load_document(map_b)
    chosen = shared_vocabulary([first, second], vocabulary)
    inputs = read_by([first, second], vocabulary)
    comparison = compare(first, second, chosen, sort="question" if sort == "question" else "verdict")
    if output_format == "json":
        emit(printable(comparison.to_json()), output, inputs)
        return
    screen = console(width)
    view = comparison_view(comparison, screen.width)
    if output == "-" and screen.is_terminal:
        screen.print(view)
    else:
        emit(plain_text(view, screen.width), output, inputs)
