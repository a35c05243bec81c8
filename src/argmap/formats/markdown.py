"""Markdown export: a readable outline of the map to paste into a report.

A title block (headline, authors and publication), the thesis, then the tree as a nested
list: each item names its kind and how it bears on its parent ("**Claim** (supports)"),
evidence adds its type, date, actors, place and who reported it, and quotes follow as
block quotes. With a vocabulary, questions and positions are shown by their wording and
label instead of their ids. Ids are kept in code spans so that readers can follow
``also_*`` links. Lists nest at most ``MAX_NESTING`` levels; deeper items stay at that
level and say their depth, so the text stays linear in the size of the map. All map text
is escaped (:mod:`argmap.formats.markdown_escape`).
"""

from __future__ import annotations

from argmap.formats.markdown_escape import inline, line_start
from argmap.model import AnyNode, ArgumentMap, Evidence, Relation, position_of, question_of
from argmap.vocabulary import Vocabulary

NAME = "markdown"
SUFFIX = ".md"
USES_VOCABULARY = True
MAX_NESTING = 8
_LINK_WORDS = (
    ("also_supports", "Also supports"),
    ("also_opposes", "Also opposes"),
    ("also_undercuts", "Also undercuts"),
)


def export(argument_map: ArgumentMap, vocabulary: Vocabulary | None = None) -> str:
    """The map as Markdown text ending in a newline."""
    lines = title_block(argument_map)
    thesis = argument_map.thesis
    lines.extend(_entry(f"**Thesis:** {inline(thesis.text)} {_code(thesis.id)}", thesis, "", vocabulary))
    if thesis.children:
        lines.append("")
    stack: list[tuple[AnyNode, int]] = [(child, 1) for child in reversed(thesis.children)]
    while stack:
        node, depth = stack.pop()
        pad = "  " * (min(depth, MAX_NESTING) - 1)
        level = f"(level {depth}) " if depth > MAX_NESTING else ""
        head = f"{pad}- {level}{_label(node)} {inline(node.text, pad + '  ')} {_code(node.id)}"
        lines.extend(_entry(head, node, pad + "  ", vocabulary))
        stack.extend((child, depth + 1) for child in reversed(node.children))
    return "\n".join(lines) + "\n"


def title_block(argument_map: ArgumentMap) -> list[str]:
    source = argument_map.source
    # A heading is one line: line breaks in the headline become spaces.
    headline = " ".join((source.title or argument_map.label()).splitlines())
    lines = [f"# {inline(headline)}", ""]
    byline = [", ".join(inline(author) for author in source.authors)]
    byline.extend(inline(value) for value in (source.affiliation, source.outlet, source.date) if value)
    if source.url:
        byline.append(_url(source.url))
    # The byline starts its own line: an author '- x', '1. x', '---' or '    x' must not make a block.
    lines.append(line_start(" · ".join(byline)))
    if source.note:
        lines.extend(["", f"*Note:* {inline(source.note)}"])
    lines.append("")
    return lines


def _label(node: AnyNode) -> str:
    words = [str(getattr(node, "relation", Relation.SUPPORTS))]
    if isinstance(node, Evidence):
        words.append(str(node.type))
        words.extend(inline(value) for value in (node.date, node.place) if value)
        if node.actors:
            words.append(", ".join(inline(actor) for actor in node.actors))
        if node.reported_by:
            words.append("reported by " + inline(node.reported_by))
    return f"**{node.kind.capitalize()}** ({'; '.join(words)}):"


def _entry(head: str, node: AnyNode, pad: str, vocabulary: Vocabulary | None) -> list[str]:
    """A node's lines: its head, then question, note and links joined by hard line breaks, then its quote.

    The quote comes last because a line after a block quote would run on into it.
    """
    lines = [head]
    question_id = question_of(node)
    if question_id is not None:
        lines.append(pad + _question(question_id, position_of(node), vocabulary))
    if node.note:
        lines.append(f"{pad}*Note:* {inline(node.note, pad)}")
    for field, words in _LINK_WORDS:
        targets = getattr(node, field)
        if targets:
            lines.append(f"{pad}*{words}:* " + ", ".join(_code(target) for target in targets))
    if isinstance(node, Evidence) and node.topic:
        lines.append(f"{pad}*Topic:* {_code(node.topic)}")
    lines = [line + "\\" for line in lines[:-1]] + lines[-1:]
    if node.quote:
        lines.append(f"{pad}> “{inline(node.quote, pad + '> ')}”")
    return lines


def _question(question_id: str, position_id: str | None, vocabulary: Vocabulary | None) -> str:
    question = vocabulary.question(question_id) if vocabulary else None
    asked = inline(question.text) if question else _code(question_id)
    text = f"*Question:* {asked}"
    if position_id is not None:
        position = question.position(position_id) if question else None
        text += f" · *Position:* {inline(position.label) if position else _code(position_id)}"
    return text


def _code(value: str) -> str:
    """An id in a code span; ids never hold backticks, other text is escaped instead."""
    return f"`{value}`" if "`" not in value and value.strip() == value and value else inline(value)


def _url(url: str) -> str:
    if (
        url.startswith(("https://", "http://"))
        and not any(char in url for char in " <>\"'`\\")
        and url.isprintable()
    ):
        return f"<{url}>"
    return inline(url)
