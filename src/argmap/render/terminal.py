"""Rich renderables for maps, comparisons and matrices. Nothing here prints: the CLI owns the console.

Map text comes from strangers, so every piece of it is passed through
:func:`argmap.sanitize.terminal_safe` and put into a :class:`rich.text.Text` as plain
text: rich never parses it as markup and the terminal never receives its control
characters. Kinds, relations and verdicts carry a glyph or a word as well as a colour, so
the views read the same without colour.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import IO

from rich import box
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from argmap.compare_types import Author, Comparison, EvidenceUse, Row, Stance, Unaligned
from argmap.loader import Document
from argmap.matrix import Matrix
from argmap.model import AnyNode, ArgumentMap, Evidence
from argmap.render.lines import Line, Lines, indented
from argmap.sanitize import terminal_safe
from argmap.vocabulary import Vocabulary

WIDE = 120
"""From this width a comparison puts the two authors side by side; below it, one above the other."""
MAX_NESTING = 10
"""``show`` indents this many levels below the thesis; deeper nodes line up at that indent and say their level."""

RELATIONS = {"supports": ("⊕", "green"), "opposes": ("⊖", "red"), "undercuts": ("⊘", "yellow")}
KINDS = {
    "thesis": "bold",
    "claim": "bold cyan",
    "evidence": "green",
    "objection": "bold red",
    "rebuttal": "magenta",
}
VERDICTS = {
    "disagree": ("≠", "bold red"),
    "agree": ("=", "bold green"),
    "only_a": ("◧", "yellow"),
    "only_b": ("◨", "yellow"),
}
PALETTE = ("cyan", "magenta", "yellow", "green", "blue", "red")


def safe(text: str | None, style: str = "") -> Text:
    """Map text as a harmless, literal :class:`Text`."""
    return Text(terminal_safe(text or ""), style=style)


def _join(*parts: Text | str | None, separator: str = " · ") -> Text:
    """Non-empty parts joined; plain ``str`` parts are our own words, not map text."""
    kept = [part for part in parts if part]
    return Text(separator).join(part if isinstance(part, Text) else Text(part) for part in kept)


def console(width: int | None = None, file: IO[str] | None = None) -> Console:
    """A console that never interprets strings as markup, emoji or highlights; colour is rich's call."""
    return Console(file=file, width=width, markup=False, emoji=False, highlight=False)


def plain_text(renderable: RenderableType, width: int = 80) -> str:
    """The renderable as colourless text, for files and tests."""
    out = io.StringIO()
    target = Console(
        file=out, width=width, color_system=None, force_terminal=False, markup=False, emoji=False
    )
    target.print(renderable)
    # Tables pad wrapped lines to their width; trailing blanks only make files noisy.
    return "\n".join(line.rstrip() for line in out.getvalue().split("\n"))


# --------------------------------------------------------------------------- show


def map_header(argument_map: ArgumentMap) -> Text:
    source = argument_map.source
    header = Text()
    if source.title:
        header.append_text(safe(source.title, "bold")).append("\n")
    outlet = source.outlet if source.outlet != source.affiliation else None  # a think tank's own site
    byline = _join(safe(", ".join(source.authors)), safe(source.affiliation), safe(outlet), safe(source.date))
    return header.append_text(byline)


def map_tree(
    document_or_map: Document | ArgumentMap,
    *,
    depth: int | None = None,
    evidence: bool = True,
    quotes: bool = False,
    ids: bool = False,
    vocabulary: Vocabulary | None = None,
) -> Group:
    """A header and the map as a tree; ``vocabulary`` turns position ids into their labels."""
    argument_map = document_or_map.map if isinstance(document_or_map, Document) else document_or_map
    trees: dict[int, Tree] = {}
    root: Tree | None = None
    for node, parent, level in argument_map.walk():
        if parent is not None and id(parent) not in trees:
            continue  # below a hidden node
        if (depth is not None and level > depth) or (not evidence and isinstance(node, Evidence)):
            continue
        shown = [c for c in node.children if evidence or not isinstance(c, Evidence)]
        hidden = len(shown) if depth is not None and level == depth else 0
        label = _node_label(node, quotes=quotes, ids=ids, hidden=hidden, vocabulary=vocabulary)
        if parent is None:
            root = trees[id(node)] = Tree(label, guide_style="dim")
        elif level > MAX_NESTING + 1:
            # Deeper levels line up under the last nested one and say their level, so that
            # a 10,000-deep chain neither runs off the right edge nor costs depth² time.
            holder = trees[id(parent)]
            holder.add(Text(f"(level {level}) ", style="dim") + label)
            trees[id(node)] = holder
        else:
            trees[id(node)] = trees[id(parent)].add(label)
    assert root is not None
    return Group(map_header(argument_map), Text(), root)


def _node_label(
    node: AnyNode, *, quotes: bool, ids: bool, hidden: int, vocabulary: Vocabulary | None
) -> Text:
    label = Text()
    relation = getattr(node, "relation", None)
    if relation is not None:
        glyph, colour = RELATIONS[relation.value]
        label.append(f"{glyph} {relation.value} ", style=colour)
    kind: str = "THESIS" if node.kind == "thesis" else node.kind
    if isinstance(node, Evidence):
        kind = f"evidence:{node.type.value}"
    label.append(kind, style=KINDS[node.kind])
    if isinstance(node, Evidence) and node.date:
        label.append(" ").append_text(safe(node.date, "green"))
    if ids:
        label.append(" [", style="dim").append_text(safe(node.id, "dim")).append("]", style="dim")
    label.append("  ").append_text(safe(node.text))
    question = getattr(node, "question", None)
    if question is not None:
        label.append("\n▸ ", style="cyan").append_text(safe(question, "cyan"))
        position = getattr(node, "position", None)
        if position is not None:
            label.append(": ", style="cyan").append_text(
                safe(_position_label(vocabulary, question, position), "cyan")
            )
    if ids and isinstance(node, Evidence) and node.topic:
        label.append("\n# topic ", style="dim").append_text(safe(node.topic, "dim"))
    if ids:
        for relation_kind, target in node.links():
            glyph, colour = RELATIONS[relation_kind.value]
            label.append(f"\n↪ also {glyph} {relation_kind.value} ", style=colour).append_text(
                safe(target, "dim")
            )
    if quotes and node.quote:
        label.append("\n“", style="italic").append_text(safe(node.quote, "italic")).append(
            "”", style="italic"
        )
    if hidden:
        label.append(f"\n… {hidden} more below", style="dim")
    return label


def _position_label(vocabulary: Vocabulary | None, question: str, position: str) -> str:
    found = vocabulary.question(question) if vocabulary else None
    known = found.position(position) if found else None
    return known.label if known else position


# --------------------------------------------------------------------------- compare


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
    text.append_text(_join(safe(", ".join(author.authors)), safe(author.outlet), safe(author.date)))
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


def matrix_view(matrix: Matrix) -> Group:
    """Authors as columns, questions as rows; each position has its own colour within a row."""
    table = Table(show_lines=True, header_style="bold", expand=False)
    table.add_column(Text("Question"), ratio=2, min_width=16)
    for column in matrix.columns:
        table.add_column(safe(column.label), ratio=1, min_width=8)
    for row in matrix.rows:
        colours = {ref.id: PALETTE[i % len(PALETTE)] for i, ref in enumerate(row.positions)}
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
    count = f"{len(matrix.columns)} authors, {len(matrix.rows)} questions"
    return Group(table, legend, Text(count, style="bold"))
