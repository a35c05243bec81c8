"""Graphviz DOT source for argument maps and comparisons: pure functions, no I/O.

The output is deterministic (nodes in the map's pre-order, DOT names derived from map
ids) so that it can be compared with golden files, and every piece of map text goes
through :mod:`argmap.render.dot_escape`.

Drawing conventions (the legend in each diagram repeats them):

* node kinds differ by **shape** first, so that a greyscale print keeps them apart, and
  by fill second: thesis a dark, bold rounded box; claim a rounded box; evidence a note
  (folded corner) headed by its type and date; objection a box with cut corners;
  rebuttal a double-bordered box;
* relations differ by **line style** and **arrowhead**: supports solid with a filled
  arrow, opposes dashed with a bar (``tee``), undercuts dotted with an open diamond;
* an undercut attacks the *link* between a node and its parent. DOT cannot aim an edge
  at another edge, so that link is drawn through a small junction dot and the undercut
  points at the dot. Where the attacked node has no parent in the drawing, the undercut
  points at the node itself;
* ``also_*`` cross-links keep their relation's style, drawn thinner and faded, and do
  not affect the layout (``constraint=false``).

Tree edges are written parent -> child with ``dir=back``: dot then ranks the thesis at
the top (or left) while the arrowhead still sits at the parent, since an argument
points at what it bears on.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from argmap.errors import UsageError, did_you_mean
from argmap.model import AnyNode, ArgumentMap, Evidence, Relation, position_of, question_of
from argmap.render.dot_escape import html, html_lines, quote

if TYPE_CHECKING:
    from argmap.compare import Comparison
    from argmap.vocabulary import Vocabulary

FONT = "Helvetica"
WRAP = 38
THESIS_WRAP = 46
MUTED = "#555555"

KIND_STYLES: dict[str, dict[str, str]] = {
    "thesis": {
        "shape": "box",
        "style": "rounded,filled,bold",
        "fillcolor": "#1d3557",
        "color": "#0b1a2e",
        "fontcolor": "white",
        "penwidth": "2.5",
        "fontsize": "13",
    },
    "claim": {"shape": "box", "style": "rounded,filled", "fillcolor": "#dbe8f6", "color": "#44709d"},
    "evidence": {"shape": "note", "style": "filled", "fillcolor": "#fff1bf", "color": "#9c7f1f"},
    "objection": {"shape": "box", "style": "filled,diagonals", "fillcolor": "#f9d6d1", "color": "#a83226"},
    "rebuttal": {
        "shape": "box",
        "style": "filled",
        "peripheries": "2",
        "fillcolor": "#dcefd6",
        "color": "#3f7a35",
    },
}
HEADER_COLORS = {"thesis": "#c8d7ea"}

RELATION_STYLES: dict[Relation, dict[str, str]] = {
    Relation.SUPPORTS: {"style": "solid", "color": "#2e7d32", "arrowtail": "normal"},
    Relation.OPPOSES: {"style": "dashed", "color": "#c62828", "arrowtail": "tee"},
    Relation.UNDERCUTS: {"style": "dotted", "color": "#6a1b9a", "arrowtail": "odiamond", "penwidth": "2"},
}
# Cross-links are secondary: the same code, thinner and at 60 % opacity.
LINK_ALPHA = "99"

DIRECTIONS = ("TB", "LR", "auto")
# "auto" lays a map out left to right once it has more leaves than this: top to bottom, a
# few dozen leaves make a strip many times wider than high.
AUTO_LR_LEAVES = 8


class Html(str):
    """An attribute value that is already an HTML-like label, written between ``<`` and ``>``."""


def attrs(values: Mapping[str, str]) -> str:
    """``[a="1", label=<...>]`` for a statement; HTML values unquoted, everything else quoted.

    >>> attrs({"shape": "box", "label": Html("<B>x</B>")})
    '[shape="box", label=<<B>x</B>>]'
    """
    parts = [
        f"{key}=<{value}>" if isinstance(value, Html) else f"{key}={quote(value)}"
        for key, value in values.items()
    ]
    return "[" + ", ".join(parts) + "]"


def lines_label(rows: Iterable[str]) -> Html:
    """Rows of HTML text, each ended by a left-aligned break so paragraphs read like text."""
    return Html("".join(f'{row}<BR ALIGN="LEFT"/>' for row in rows))


def small(text: str, color: str = MUTED, size: int = 8) -> str:
    """Already-escaped ``text`` in a smaller font."""
    return f'<FONT POINT-SIZE="{size}" COLOR="{color}">{text}</FONT>'


# --------------------------------------------------------------------------- maps


@dataclass
class _View:
    """The part of a map that is drawn: nodes in pre-order with their drawn parents."""

    nodes: list[tuple[AnyNode, AnyNode | None]] = field(default_factory=list)
    hidden: dict[int, int] = field(default_factory=dict)

    def ids(self) -> set[int]:
        return {id(node) for node, _ in self.nodes}


def node_names(argument_map: ArgumentMap, prefix: str = "") -> dict[int, str]:
    """DOT names from map ids, stable across options; a repeated id gets ``~2``, ``~3`` (ids never hold ``~``)."""
    names: dict[int, str] = {}
    seen: dict[str, int] = {}
    for node in argument_map.nodes():
        count = seen[node.id] = seen.get(node.id, 0) + 1
        names[id(node)] = prefix + (node.id if count == 1 else f"{node.id}~{count}")
    return names


def find_focus(argument_map: ArgumentMap, focus: str) -> AnyNode:
    node = argument_map.index().get(focus)
    if node is None:
        hint = did_you_mean(focus, argument_map.index())
        raise UsageError(f"--focus {focus}: no node has this id in {argument_map.label()}{hint}")
    return node


def _select(root: AnyNode, depth: int | None, evidence: bool) -> _View:
    view = _View()
    stack: list[tuple[AnyNode, AnyNode | None, int]] = [(root, None, 0)]
    while stack:
        node, parent, level = stack.pop()
        view.nodes.append((node, parent))
        children = [child for child in node.children if evidence or not isinstance(child, Evidence)]
        if depth is not None and level >= depth:
            if children:
                view.hidden[id(node)] = len(children)
            continue
        stack.extend((child, node, level + 1) for child in reversed(children))
    return view


def _relation(node: AnyNode) -> Relation:
    return getattr(node, "relation", Relation.SUPPORTS)


def _header(node: AnyNode) -> str:
    if isinstance(node, Evidence):
        return " · ".join(part for part in (node.type.value.upper(), node.date) if part)
    return node.kind.upper()


def tag_text(question: str, position: str | None, vocabulary: Vocabulary | None) -> str:
    """``question: position label``, with the vocabulary's label where it has one."""
    label = position
    found = vocabulary.question(question) if vocabulary is not None else None
    if found is not None and position is not None:
        named = found.position(position)
        label = named.label if named is not None else position
    return f"{question}: {label}" if label else question


def node_label(
    node: AnyNode, *, quotes: bool, tags: bool, vocabulary: Vocabulary | None, hidden: int = 0
) -> Html:
    color = HEADER_COLORS.get(node.kind, MUTED)
    rows = [small(html(_header(node)), color)]
    rows += html_lines(node.text, THESIS_WRAP if node.kind == "thesis" else WRAP)
    question = question_of(node)
    if tags and question:
        tag = tag_text(question, position_of(node), vocabulary)
        rows += [small(f"<B>{line}</B>", color, 9) for line in html_lines(f"▸ {tag}", WRAP)]
    if quotes and node.quote:
        rows += [small(f"<I>{line}</I>", color, 9) for line in html_lines(f"“{node.quote}”", WRAP)]
    if hidden:
        rows.append(small(f"+{hidden} more below", color))
    return lines_label(rows)


def _title(argument_map: ArgumentMap, notes: list[str]) -> Html:
    source = argument_map.source
    authors = ", ".join(source.authors)
    heading = source.title or authors
    byline = [authors] if source.title else []
    byline += [source.affiliation] if source.affiliation else []
    rows = [f'<FONT POINT-SIZE="22"><B>{line}</B></FONT>' for line in html_lines(heading, 60)]
    rows += [f'<FONT POINT-SIZE="14">{html(" · ".join(byline))}</FONT>'] if byline else []
    dated = " · ".join(part for part in (source.outlet, source.date) if part)
    rows += [small(html(dated), MUTED, 14)] if dated else []
    rows += [small(html(note), MUTED, 10) for note in notes]
    return lines_label(rows)


def check_direction(direction: str) -> None:
    if direction not in DIRECTIONS:
        raise UsageError(f"direction must be one of {', '.join(DIRECTIONS)}, not {direction!r}")


def _graph_header(name: str, direction: str, title: Html) -> list[str]:
    graph = {
        "rankdir": direction,
        "fontname": FONT,
        "label": title,
        "labelloc": "t",
        "labeljust": "l",
        "nodesep": "0.25",
        "ranksep": "0.45",
        "pad": "0.3",
        "bgcolor": "white",
        "outputorder": "edgesfirst",
    }
    return [
        f"digraph {quote(name)} {{",
        f"  graph {attrs(graph)}",
        f"  node {attrs({'fontname': FONT, 'fontsize': '10', 'margin': '0.12,0.06'})}",
        f"  edge {attrs({'fontname': FONT, 'fontsize': '9', 'penwidth': '1.4', 'arrowsize': '0.8'})}",
    ]


LEGEND_KINDS = {
    "thesis": ("thesis", "the article's main conclusion"),
    "claim": ("claim", "a reason the author gives"),
    "evidence": ("evidence", "what the author cites, headed TYPE · DATE"),
    "objection": ("objection", "raised or conceded (cut corners)"),
    "rebuttal": ("rebuttal", "the author's answer (double border)"),
}
# Text glyphs stand in for edges: a table cell cannot hold a real one.
LEGEND_RELATIONS = {
    Relation.SUPPORTS: ("────▶", "supports (solid)"),
    Relation.OPPOSES: ("╌╌╌╌┤", "opposes (dashed)"),
    Relation.UNDERCUTS: ("┈┈┈┈◇", "undercuts (dotted): attacks a link"),
}


def legend_node(kinds: Iterable[str], relations: Iterable[Relation], junction: bool, links: bool) -> str:
    """One table node explaining the node kinds and edge styles that the diagram uses."""
    rows = [f'<TR><TD COLSPAN="2" ALIGN="LEFT">{small("<B>LEGEND</B>", MUTED, 9)}</TD></TR>']
    for kind in kinds:
        style = KIND_STYLES[kind]
        name, meaning = LEGEND_KINDS[kind]
        swatch = f'<FONT COLOR="{style.get("fontcolor", "black")}">{name}</FONT>'
        rows.append(
            f'<TR><TD BGCOLOR="{style["fillcolor"]}" COLOR="{style["color"]}" BORDER="1">{swatch}</TD>'
            f'<TD ALIGN="LEFT">{html(meaning)}</TD></TR>'
        )
    samples = [(LEGEND_RELATIONS[relation], RELATION_STYLES[relation]["color"]) for relation in relations]
    if junction:
        samples.append((("────●────", "a link under attack: undercuts aim at its dot"), MUTED))
    if links:
        samples.append((("────▷", "also_…: a cross-link (thin, faded)"), "#888888"))
    for (glyph, meaning), color in samples:
        rows.append(
            f'<TR><TD><FONT COLOR="{color}">{glyph}</FONT></TD><TD ALIGN="LEFT">{html(meaning)}</TD></TR>'
        )
    # One row a line keeps golden files readable; whitespace between table tags is ignored.
    table = (
        '<TABLE BORDER="1" COLOR="#999999" STYLE="rounded" CELLBORDER="0" CELLSPACING="3" CELLPADDING="2">\n    '
        + "\n    ".join(rows)
        + "\n  </TABLE>"
    )
    values = {"shape": "plaintext", "fontsize": "9", "margin": "0", "label": Html(table)}
    return f"  {quote('legend~')} {attrs(values)}"


def _edge_style(relation: Relation, faded: bool = False) -> dict[str, str]:
    style = dict(RELATION_STYLES[relation])
    if faded:
        style["color"] += LINK_ALPHA
        style["penwidth"] = "1"
    return style


def map_to_dot(
    argument_map: ArgumentMap,
    *,
    direction: str = "TB",
    depth: int | None = None,
    evidence: bool = True,
    focus: str | None = None,
    quotes: bool = False,
    tags: bool = False,
    vocabulary: Vocabulary | None = None,
) -> str:
    """The DOT source of one map: title block, legend, nodes in pre-order, then edges."""
    check_direction(direction)
    root = argument_map.thesis if focus is None else find_focus(argument_map, focus)
    view = _select(root, depth, evidence)
    names = node_names(argument_map)
    drawn = view.ids()
    if direction == "auto":
        leaves = sum(1 for node, _ in view.nodes if not any(id(child) in drawn for child in node.children))
        direction = "LR" if leaves > AUTO_LR_LEAVES else "TB"
    index = argument_map.index()
    parents = {id(node): parent for node, parent in view.nodes}

    # Nodes whose link to their parent is attacked get a junction dot on that link.
    junctions: set[int] = set()
    for node, parent in view.nodes:
        if parent is not None and _relation(node) is Relation.UNDERCUTS and parents[id(parent)] is not None:
            junctions.add(id(parent))
        for relation, target_id in node.links():
            target = index.get(target_id)
            if relation is Relation.UNDERCUTS and target is not None and parents.get(id(target)) is not None:
                junctions.add(id(target))

    notes = [f"Subtree of “{root.id}”"] if focus is not None else []
    notes += [f"Down to depth {depth}"] if depth is not None else []
    notes += ["Evidence hidden"] if not evidence else []
    lines = _graph_header(argument_map.label() or "argmap", direction, _title(argument_map, notes))

    body: list[str] = []
    kinds: set[str] = set()
    relations: set[Relation] = set()
    has_links = False
    for node, _ in view.nodes:
        kinds.add(node.kind)
        label = node_label(
            node, quotes=quotes, tags=tags, vocabulary=vocabulary, hidden=view.hidden.get(id(node), 0)
        )
        body.append(f"  {quote(names[id(node)])} {attrs({**KIND_STYLES[node.kind], 'label': label})}")
    for junction in sorted(junctions, key=lambda key: names[key]):
        dot = {"shape": "point", "width": "0.09", "color": RELATION_STYLES[Relation.UNDERCUTS]["color"]}
        body.append(f"  {quote(names[junction] + '~link')} {attrs(dot)}")
    for node, parent in view.nodes:
        if parent is None:
            continue
        relation = _relation(node)
        relations.add(relation)
        child, upper = quote(names[id(node)]), quote(names[id(parent)])
        if relation is Relation.UNDERCUTS and id(parent) in junctions:
            upper = quote(names[id(parent)] + "~link")
        style = {**_edge_style(relation), "dir": "back"}
        if id(node) in junctions:
            link = quote(names[id(node)] + "~link")
            body.append(f"  {upper} -> {link} {attrs(style)}")
            body.append(f"  {link} -> {child} {attrs({**style, 'dir': 'none'})}")
        else:
            body.append(f"  {upper} -> {child} {attrs(style)}")
    for node, _ in view.nodes:
        for relation, target_id in node.links():
            target = index.get(target_id)
            if target is None or id(target) not in drawn:
                continue
            has_links = True
            relations.add(relation)
            head = names[id(target)] + (
                "~link" if relation is Relation.UNDERCUTS and id(target) in junctions else ""
            )
            style = {**_edge_style(relation, faded=True), "constraint": "false"}
            style["arrowhead"] = style.pop("arrowtail")
            body.append(f"  {quote(names[id(node)])} -> {quote(head)} {attrs(style)}")

    ordered_kinds = [kind for kind in KIND_STYLES if kind in kinds]
    ordered_relations = [relation for relation in RELATION_STYLES if relation in relations]
    legend = legend_node(ordered_kinds, ordered_relations, bool(junctions), has_links)
    return "\n".join([*lines, *body, legend, "}"]) + "\n"


def comparison_to_dot(
    comparison: Comparison, map_a: ArgumentMap, map_b: ArgumentMap, *, direction: str = "LR"
) -> str:
    """The DOT source of a comparison: see :mod:`argmap.render.dot_compare`, kept apart for size."""
    from argmap.render.dot_compare import comparison_dot

    return comparison_dot(comparison, map_a, map_b, direction=direction)
