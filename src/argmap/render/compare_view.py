"""The comparison of two authors in the terminal: rows side by side or stacked, then the rest.

Side by side from :data:`WIDE` columns, one above the other below that; long lists of
unaligned claims stop at ``limit`` with a line saying how many more there are.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from argmap.compare_types import Author, Comparison, EvidenceUse, Row, Stance, Unaligned
from argmap.render.lines import Line, Lines, indented
from argmap.render.terminal import RELATIONS, VERDICTS, WIDE, joined, safe


def comparison_view(comparison: Comparison, width: int = 80, limit: int | None = None) -> Group:
    """Header, rows, shared evidence, unaligned claims and the summary; side by side from ``WIDE`` columns.

    ``limit`` lists at most that many unaligned claims of each author and counts the others
    in one line: thousands of them are no use in a terminal (``--format json`` has them all).
    """
    wide = width >= WIDE
    c = comparison
    parts: list[RenderableType] = [_authors(c, wide)]
    parts.append(_section(f"Questions ({len(c.rows)})"))
    parts.append(_rows_wide(c) if wide else Lines([line for row in c.rows for line in _row_stacked(c, row)]))
    if c.shared_evidence:
        parts.append(_section(f"Shared evidence ({len(c.shared_evidence)}): what both cite, and what for"))
        parts.extend(_shared(c, wide))
    unaligned = c.summary.unaligned_a + c.summary.unaligned_b
    if unaligned:
        parts.append(
            _section(f"Unaligned claims ({unaligned}): no question yet; closest claims of the other")
        )
        parts.append(Lines(_unaligned(c, limit)))
    parts += [Text(), safe(c.summary_line(), "bold")]  # it names the authors: map text
    return Group(*parts)


def _section(title: str) -> Group:
    return Group(Text(), Rule(Text(title, style="bold"), align="left", style="dim"))


def _author_block(label: str, author: Author) -> Text:
    text = safe(label, "bold").append("  ")
    text.append_text(joined(safe(", ".join(author.authors)), safe(author.outlet), safe(author.date)))
    if author.title:
        text.append("\n").append_text(safe(author.title, "italic"))
    return text.append("\nThesis: ", style="bold").append_text(safe(author.thesis))


def _authors(c: Comparison, wide: bool) -> RenderableType:
    a, b = _author_block("A  " + c.a.label, c.a), _author_block("B  " + c.b.label, c.b)
    if not wide:
        return Group(a, Text(), b)
    grid = Table.grid(expand=True, padding=(0, 2))
    grid.add_column(ratio=1)
    grid.add_column(ratio=1)
    grid.add_row(a, b)
    return grid


def _verdict(c: Comparison, row: Row) -> Text:
    glyph, style = VERDICTS[row.verdict]
    word = {"only_a": f"only {c.a.label}", "only_b": f"only {c.b.label}"}.get(row.verdict, row.verdict)
    return Text(f"{glyph} ", style=style) + safe(word, style)


def _stance(stance: Stance | None, label: str | None = None) -> Lines:
    """A position and the claims behind it; ``label`` names the author where no column header does."""
    head = safe(f"{label}: ", "underline") if label else Text()
    if stance is None:
        return Lines([(0, None, head + Text("— not addressed", style="dim"))])
    head.append_text(safe(stance.position.label if stance.position else "(no position)", "bold"))
    others = [ref.label for ref in stance.positions[1:]]
    if others:
        head.append(" (also: ", style="dim").append_text(safe(", ".join(others), "dim")).append(
            ")", style="dim"
        )
    lines: list[Line] = [(0, None, head)]
    for claim in stance.claims:
        count = claim.evidence_count
        name = claim.id if claim.kind in ("claim", claim.id) else f"{claim.kind} {claim.id}"
        note = f" ({name}, {count or 'no'} evidence)"
        lines.append((0, Text("• "), safe(claim.text) + safe(note, "dim")))
    return Lines(lines)


def _rows_wide(c: Comparison) -> Table:
    table = Table(expand=True, show_lines=True, pad_edge=False, box=box.SIMPLE_HEAD, header_style="bold")
    table.add_column(Text("Question"), ratio=2)
    table.add_column(safe("A  " + c.a.label), ratio=3)
    table.add_column(safe("B  " + c.b.label), ratio=3)
    for row in c.rows:
        question = _verdict(c, row) + Text("\n") + safe(row.text) + safe(f" ({row.question})", "dim")
        table.add_row(question, _stance(row.a), _stance(row.b))
    return table


def _row_stacked(c: Comparison, row: Row) -> list[Line]:
    heading = _verdict(c, row) + Text("  ") + safe(row.text, "bold") + safe(f" ({row.question})", "dim")
    lines: list[Line] = [(0, None, Text()), (0, None, heading)]
    for label, stance in ((c.a.label, row.a), (c.b.label, row.b)):
        lines += indented(_stance(stance, label).lines, 2)
    return lines


def _use(label: str, use: EvidenceUse) -> list[Line]:
    text = safe(use.text)
    if use.date:
        text.append(" (").append_text(safe(use.date)).append(")")
    glyph, colour = RELATIONS.get(use.relation, ("", ""))
    serves = safe(use.serves_text, "italic") + safe(f" ({use.serves_kind} {use.serves_id})", "dim")
    purpose = Text(f"{glyph} {use.relation}: ", style=colour)
    return [(0, None, safe(label, "underline")), (2, None, text), (2, purpose, serves)]


def _shared(c: Comparison, wide: bool) -> Iterable[RenderableType]:
    for item in c.shared_evidence:
        if item.match == "topic":
            title = safe(item.topic_text or item.topic, "bold") + safe(f" (topic {item.topic})", "dim")
        else:
            title = Text(f"Similar evidence text (score {item.score:.2f})", style="bold")
        uses_a = [line for use in item.a for line in _use(c.a.label, use)]
        uses_b = [line for use in item.b for line in _use(c.b.label, use)]
        if wide:
            grid = Table.grid(expand=True, padding=(0, 2))
            grid.add_column(ratio=1)
            grid.add_column(ratio=1)
            grid.add_row(Lines(uses_a), Lines(uses_b))
            yield Group(Text(), title, Padding(grid, (0, 0, 0, 2)))
        else:
            yield Lines([(0, None, Text()), (0, None, title), *indented(uses_a + uses_b, 2)])


def _unaligned(c: Comparison, limit: int | None) -> list[Line]:
    lines: list[Line] = []
    for side, label, total in (
        ("a", c.a.label, c.summary.unaligned_a),
        ("b", c.b.label, c.summary.unaligned_b),
    ):
        items = [item for item in c.unaligned if item.side == side]
        shown = items if limit is None else items[:limit]
        for item in shown:
            lines += _unaligned_claim(c, item)
        if total > len(shown):
            more = f"… and {total - len(shown):,} more by {label}; --limit 0 or --format json lists them all"
            lines += [(0, None, Text()), (0, None, safe(more, "dim"))]
    return lines


def _unaligned_claim(c: Comparison, item: Unaligned) -> list[Line]:
    mine, theirs = (c.a.label, c.b.label) if item.side == "a" else (c.b.label, c.a.label)
    head = safe(mine, "bold") + safe(f" · {item.kind} {item.id}", "dim")
    lines: list[Line] = [(0, None, Text()), (0, None, head), (2, None, safe(item.text))]
    if not item.suggestions:
        lines.append((4, None, safe(f"no similar claim by {theirs}", "dim")))
    for suggestion in item.suggestions:
        body = safe(suggestion.text) + safe(f" ({suggestion.kind} {suggestion.id}", "dim")
        if suggestion.question:
            tag = (
                f"{suggestion.question}: {suggestion.position}"
                if suggestion.position
                else suggestion.question
            )
            body.append_text(safe(f"; ▸ {tag}", "cyan"))
        body.append(")", style="dim")
        lines.append((4, Text(f"≈ {suggestion.score:.2f} ", style="yellow"), body))
    return lines


# --------------------------------------------------------------------------- matrix
