"""The matrix in the terminal: a table of authors by questions, or a tally when too many authors.

A table column narrower than a position's label is unreadable, so past the number of
authors the width holds (:func:`fits`), each question's positions are counted instead,
with a bar for each; ``--format csv`` or ``json`` still gives every cell.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from argmap.matrix import Matrix, MatrixRow
from argmap.render.terminal import PALETTE, safe

QUESTION_WIDTH = 16
AUTHOR_WIDTH = 8
"""The narrowest useful column: a position label of a word or two, wrapped."""
BAR_WIDTH = 24


def fits(matrix: Matrix, width: int) -> bool:
    """Whether one column per author fits ``width``, borders included."""
    return QUESTION_WIDTH + 4 + len(matrix.columns) * (AUTHOR_WIDTH + 3) <= width


def matrix_view(matrix: Matrix, width: int = 80) -> Group:
    """The table when the authors fit ``width``, else the tally."""
    return _table(matrix) if fits(matrix, width) else _tally(matrix, width)


def _colours(row: MatrixRow) -> dict[str, str]:
    return {ref.id: PALETTE[i % len(PALETTE)] for i, ref in enumerate(row.positions)}


def _table(matrix: Matrix) -> Group:
    """Authors as columns, questions as rows; each position has its own colour within a row."""
    table = Table(show_lines=True, header_style="bold", expand=False)
    table.add_column(Text("Question"), ratio=2, min_width=QUESTION_WIDTH)
    for column in matrix.columns:
        table.add_column(safe(column.label), ratio=1, min_width=AUTHOR_WIDTH)
    for row in matrix.rows:
        colours = _colours(row)
        cells: list[RenderableType] = [safe(row.text) + safe(f" ({row.question})", "dim")]
        for cell in row.cells:
            if cell is None:
                cells.append(Text("—", style="dim"))
                continue
            if cell.position is None:
                cells.append(Text("(no position)", style="dim"))
                continue
            text = safe(cell.position.label, f"bold {colours.get(cell.position.id, '')}".strip())
            if len(cell.positions) > 1:
                text.append(f" (+{len(cell.positions) - 1})", style="dim")
            cells.append(text)
        table.add_row(*cells)
    legend = Text(
        "Each cell: the author's main position on the question (the same colour in a row is the same "
        "position); (+N): N other positions the author also takes; —: not addressed.",
        style="dim",
    )
    return Group(table, legend, _count(matrix))


def _tally(matrix: Matrix, width: int) -> Group:
    """Per question, how many authors hold each position as their main one."""
    authors = len(matrix.columns)
    parts: list[RenderableType] = [
        Text(
            f"{authors:,} authors do not fit side by side in {width} columns: each question's positions "
            "are counted instead (--format csv or json gives every author's cell; --width widens).",
            style="dim",
        )
    ]
    for row in matrix.rows:
        counts: dict[str | None, int] = {}
        for cell in row.cells:
            key = None if cell is None else (cell.position.id if cell.position else "")
            counts[key] = counts.get(key, 0) + 1
        colours = _colours(row)
        lines: list[tuple[str, str | None, str]] = [
            (ref.label, ref.id, "bold " + colours[ref.id]) for ref in row.positions
        ]
        lines += [("(no position)", "", "dim"), ("not addressed", None, "dim")]
        label_width = min(max(len(label) for label, _, _ in lines), max(12, width // 3))
        bar_width = max(8, min(BAR_WIDTH, width - label_width - 8))
        table = Table.grid(padding=(0, 1))
        table.add_column(width=label_width, overflow="fold")
        table.add_column(no_wrap=True)
        table.add_column(justify="right", no_wrap=True)
        for label, key, style in lines:
            count = counts.get(key, 0)
            if count == 0 and key in ("", None):
                continue
            filled = round(bar_width * count / authors) if authors else 0
            bar = Text("█" * filled, style=style.removeprefix("bold ")) + Text(
                "·" * (bar_width - filled), style="dim"
            )
            table.add_row(safe(label, style), bar, Text(f"{count:,}"))
        heading = safe(row.text, "bold") + safe(f" ({row.question})", "dim")
        parts.extend([Text(""), heading, table])
    parts.append(_count(matrix))
    return Group(*parts)


def _count(matrix: Matrix) -> Text:
    return Text(f"{len(matrix.columns)} authors, {len(matrix.rows)} questions", style="bold")
