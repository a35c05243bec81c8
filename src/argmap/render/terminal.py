"""Rich renderables shared by the views, and the map tree of ``show``. Nothing here prints.

The comparison and the matrix have modules of their own (:mod:`argmap.render.compare_view`,
:mod:`argmap.render.matrix_view`), so that each command imports only its own view.

Map text comes from strangers, so every piece of it is passed through
:func:`argmap.sanitize.terminal_safe` and put into a :class:`rich.text.Text` as plain
text: rich never parses it as markup and the terminal never receives its control
characters. Kinds, relations and verdicts carry a glyph or a word as well as a colour, so
the views read the same without colour.
"""

from __future__ import annotations

import io
from typing import IO

from rich.console import Console, Group, RenderableType
from rich.text import Text
from rich.tree import Tree

from argmap.loader import Document
from argmap.model import AnyNode, ArgumentMap, Evidence, position_of, question_of
from argmap.render.lines import Lines, tree_plain
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


def joined(*parts: Text | str | None, separator: str = " · ") -> Text:
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
    for part in renderable.renderables if isinstance(renderable, Group) else [renderable]:
        text = None
        if isinstance(part, Lines):
            text = part.plain(target, width)
        elif isinstance(part, Tree):
            text = tree_plain(part, target, width)
        if text is None:
            target.print(part)
        else:
            out.write(text)
    # Tables pad wrapped lines to their width; trailing blanks only make files noisy.
    return "\n".join(line.rstrip() for line in out.getvalue().split("\n"))


# --------------------------------------------------------------------------- show


def map_header(argument_map: ArgumentMap) -> Text:
    source = argument_map.source
    header = Text()
    if source.title:
        header.append_text(safe(source.title, "bold")).append("\n")
    outlet = source.outlet if source.outlet != source.affiliation else None  # a think tank's own site
    byline = joined(
        safe(", ".join(source.authors)), safe(source.affiliation), safe(outlet), safe(source.date)
    )
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
    question = question_of(node)
    if question is not None:
        label.append("\n▸ ", style="cyan").append_text(safe(question, "cyan"))
        position = position_of(node)
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
