from __future__ import annotations

from typing import TYPE_CHECKING

import click

from argmap.cli.options import emit, format_option, output_option, read_by, vocabulary_option, width_option

if TYPE_CHECKING:
    from argmap.compare_types import Sort


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
@click.option(
    "--limit",
    metavar="N",
    type=click.IntRange(min=0),
    default=50,
    show_default=True,
    help="Unaligned claims listed per author in the text view, the others counted (0: all). "
    "--format json lists them all.",
)
@vocabulary_option
@width_option
@format_option("text", "json")
@output_option()
def command(
    map_a: str,
    map_b: str,
    sort: str,
    limit: int,
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
    from argmap.render.compare_view import comparison_view
    from argmap.render.terminal import console, plain_text

    first, second = load_document(map_a), load_document(map_b)
    chosen = shared_vocabulary([first, second], vocabulary)
    inputs = read_by([first, second], vocabulary)
    order: Sort = "question" if sort == "question" else "verdict"
    if output_format == "json":
        emit(printable(compare(first, second, chosen, sort=order).to_json()), output, inputs)
        return
    # The text view lists only the first unaligned claims: only they need suggestions.
    shown = limit or None
    comparison = compare(first, second, chosen, sort=order, limit=shown)
    screen = console(width)
    view = comparison_view(comparison, screen.width, shown)
    if output == "-" and screen.is_terminal:
        screen.print(view)
    else:
        emit(plain_text(view, screen.width), output, inputs)
