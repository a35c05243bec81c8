"""DOT source for a comparison of two maps: a pure function of :class:`argmap.compare.Comparison`.

Left to right: author A's thesis, A's question-tagged claims, the questions, B's claims,
B's thesis. Each author is a cluster; the questions sit between them, disagreements
first. An edge joins each claim to the question it answers, labelled with the claim's
position and drawn by the row's verdict so that greyscale still tells them apart:
disagree red and bold, agree green and solid, one author only grey and dashed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from argmap.render.dot import (
    KIND_STYLES,
    MUTED,
    WRAP,
    Html,
    attrs,
    check_direction,
    lines_label,
    node_names,
    small,
)
from argmap.render.dot_escape import html, html_lines, quote

if TYPE_CHECKING:
    from argmap.compare import Author, ClaimRef, Comparison, Row, Stance
    from argmap.model import AnyNode, ArgumentMap

VERDICT_STYLES: dict[str, dict[str, str]] = {
    "disagree": {"color": "#c62828", "style": "bold", "penwidth": "3"},
    "agree": {"color": "#2e7d32", "style": "solid", "penwidth": "1.6"},
    "only": {"color": "#8a8a8a", "style": "dashed", "penwidth": "1.4"},
}
QUESTION_FILLS = {"disagree": "#fde2de", "agree": "#e3f1dd", "only": "#eeeeee"}
VERDICT_WORDS = {"disagree": "DISAGREE", "agree": "AGREE", "only": "ONLY {}"}
LEGEND_GLYPHS = {"disagree": "━━━━▶", "agree": "────▶", "only": "╌╌╌╌▶"}
LEGEND_WORDS = {
    "disagree": "disagree: the authors take different positions (red, bold)",
    "agree": "agree: the same position (green)",
    "only": "only one author answers the question (grey, dashed)",
}
QUESTION_WRAP = 34


def _kind(row: Row) -> str:
    return "only" if row.verdict in ("only_a", "only_b") else row.verdict


def _author_label(author: Author) -> Html:
    rows = [f'<FONT POINT-SIZE="16"><B>{html(", ".join(author.authors))}</B></FONT>']
    rows += [html(line) for line in html_lines(author.title, 44)] if author.title else []
    dated = " · ".join(part for part in (author.outlet, author.date) if part)
    rows += [small(html(dated), MUTED, 11)] if dated else []
    return lines_label(rows)


def _question_label(row: Row, comparison: Comparison) -> Html:
    kind = _kind(row)
    only = comparison.a.label if row.verdict == "only_a" else comparison.b.label
    color = VERDICT_STYLES[kind]["color"]
    rows = [small(f"<B>{html(VERDICT_WORDS[kind].format(only.upper()))}</B>", color, 9)]
    rows += [f'<FONT POINT-SIZE="11"><B>{line}</B></FONT>' for line in html_lines(row.text, QUESTION_WRAP)]
    for author, stance in ((comparison.a, row.a), (comparison.b, row.b)):
        if stance is not None:
            held = stance.position.label if stance.position is not None else "no position named"
            rows.append(
                f"{small(html(author.label + ':'), MUTED, 9)} {small(f'<B>{html(held)}</B>', color, 10)}"
            )
    return lines_label(rows)


def _claim_label(node: AnyNode) -> Html:
    color = "#c8d7ea" if node.kind == "thesis" else MUTED
    rows = [small(html(node.kind.upper()), color), *html_lines(node.text, WRAP)]
    return lines_label(rows)


def _position_label(stance: Stance, position: str | None) -> str:
    if position is None:
        return "(no position)"
    return next((ref.label for ref in stance.positions if ref.id == position), position)


def _cluster(side: str, author: Author, argument_map: ArgumentMap, members: list[AnyNode]) -> list[str]:
    names = node_names(argument_map, f"{side}~")
    graph = {
        "label": _author_label(author),
        "labeljust": "l",
        "style": "rounded,filled",
        "fillcolor": "#f7f9fc",
        "color": "#9aa9bd",
        "margin": "14",
    }
    out = [f"  subgraph {quote('cluster_' + side)} {{", f"    graph {attrs(graph)}"]
    for node in members:
        out.append(
            f"    {quote(names[id(node)])} {attrs({**KIND_STYLES[node.kind], 'label': _claim_label(node)})}"
        )
    out.append("  }")
    return out


def _legend(kinds: list[str]) -> str:
    rows = [f'<TR><TD COLSPAN="2" ALIGN="LEFT">{small("<B>LEGEND</B>", MUTED, 9)}</TD></TR>']
    for kind in kinds:
        glyph = f'<FONT COLOR="{VERDICT_STYLES[kind]["color"]}">{LEGEND_GLYPHS[kind]}</FONT>'
        rows.append(f'<TR><TD>{glyph}</TD><TD ALIGN="LEFT">{html(LEGEND_WORDS[kind])}</TD></TR>')
    rows.append(
        '<TR><TD></TD><TD ALIGN="LEFT">each edge is labelled with the position its claim takes</TD></TR>'
    )
    table = (
        '<TABLE BORDER="1" COLOR="#999999" STYLE="rounded" CELLBORDER="0" CELLSPACING="3" CELLPADDING="2">\n    '
        + "\n    ".join(rows)
        + "\n  </TABLE>"
    )
    return f"  {quote('legend~')} {attrs({'shape': 'plaintext', 'fontsize': '9', 'label': Html(table)})}"


def comparison_dot(
    comparison: Comparison, map_a: ArgumentMap, map_b: ArgumentMap, *, direction: str = "LR"
) -> str:
    """Two authors as clusters, the questions between them, edges styled by verdict."""
    check_direction(direction)
    direction = "LR" if direction == "auto" else direction
    sides = (("A", map_a, comparison.a), ("B", map_b, comparison.b))
    names = {side: node_names(argument_map, f"{side}~") for side, argument_map, _ in sides}
    members: dict[str, list[AnyNode]] = {}
    for side, argument_map, _ in sides:
        wanted = {claim.id for row in comparison.rows for claim in _claims(row, side)}
        members[side] = [argument_map.thesis] + [
            node for node in argument_map.nodes() if node.id in wanted and node is not argument_map.thesis
        ]

    title = lines_label(
        [
            f'<FONT POINT-SIZE="18"><B>{html(comparison.a.label)} and {html(comparison.b.label)}</B></FONT>',
            small(html(comparison.summary_line()), MUTED, 11),
        ]
    )
    graph = {
        "rankdir": direction,
        "fontname": "Helvetica",
        "label": title,
        "labelloc": "t",
        "labeljust": "l",
        "nodesep": "0.2",
        "ranksep": "0.9",
        "pad": "0.3",
        "bgcolor": "white",
        "newrank": "true",
    }
    lines = [
        f"digraph {quote(comparison.a.label + ' and ' + comparison.b.label)} {{",
        f"  graph {attrs(graph)}",
        f"  node {attrs({'fontname': 'Helvetica', 'fontsize': '10', 'margin': '0.12,0.06'})}",
        f"  edge {attrs({'fontname': 'Helvetica', 'fontsize': '9', 'arrowsize': '0.8'})}",
    ]
    for side, argument_map, author in sides:
        lines += _cluster(side, author, argument_map, members[side])

    questions = [quote(f"Q~{row.question}") for row in comparison.rows]
    for row, name in zip(comparison.rows, questions, strict=True):
        kind = _kind(row)
        style = VERDICT_STYLES[kind]
        values = {
            "shape": "box",
            "style": "filled",
            "fillcolor": QUESTION_FILLS[kind],
            "color": style["color"],
            "penwidth": "2.5" if kind == "disagree" else "1.2",
            "label": _question_label(row, comparison),
        }
        lines.append(f"  {name} {attrs(values)}")
    if len(questions) > 1:
        # Flat invisible edges keep the questions in the comparison's order, disagreements first.
        lines.append(f"  {{ rank=same; {' -> '.join(questions)} {attrs({'style': 'invis'})} }}")

    for side, _, _ in sides:
        thesis = members[side][0]
        for node in members[side][1:]:
            # Invisible: they put each thesis in the outer column, beyond its author's claims.
            ends = (quote(names[side][id(thesis)]), quote(names[side][id(node)]))
            lines.append(f"  {' -> '.join(ends if side == 'A' else ends[::-1])} {attrs({'style': 'invis'})}")
        for row, name in zip(comparison.rows, questions, strict=True):
            stance = row.a if side == "A" else row.b
            if stance is None:
                continue
            by_id = {node.id: node for node in members[side]}
            for claim in stance.claims:
                node = by_id[claim.id]
                style = VERDICT_STYLES[_kind(row)]
                values = {
                    **style,
                    "fontcolor": style["color"],
                    "label": _position_label(stance, claim.position),
                }
                claim_name = quote(names[side][id(node)])
                if side == "A":
                    lines.append(f"  {claim_name} -> {name} {attrs(values)}")
                else:
                    lines.append(f"  {name} -> {claim_name} {attrs({**values, 'dir': 'back'})}")

    used = [kind for kind in VERDICT_STYLES if any(_kind(row) == kind for row in comparison.rows)]
    return "\n".join([*lines, _legend(used), "}"]) + "\n"


def _claims(row: Row, side: str) -> tuple[ClaimRef, ...]:
    stance = row.a if side == "A" else row.b
    return stance.claims if stance is not None else ()
