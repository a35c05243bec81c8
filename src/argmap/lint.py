"""Lint rules over a loaded map: each returns findings, none prints or raises.

Every rule is linear in the size of the map (cycle detection included), so ``check``
stays fast on maps of tens of thousands of nodes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from enum import IntEnum

from argmap.errors import did_you_mean
from argmap.loader import Document, VocabularyDocument
from argmap.model import AnyNode, Evidence, Relation, Thesis, position_of, question_of, topic_of
from argmap.provenance import Article
from argmap.reading import format_loc
from argmap.vocabulary import Vocabulary


class Severity(IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True)
class Finding:
    file: str
    line: int | None
    column: int | None
    severity: Severity
    code: str
    message: str
    path: str = ""

    def __str__(self) -> str:
        where = self.file + "".join(f":{n}" for n in (self.line, self.column) if n is not None)
        field = f" {self.path}:" if self.path else ""
        return f"{where}: {self.severity}:{field} {self.message} [{self.code}]"

    def as_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["severity"] = str(self.severity)
        return data


RULES: dict[str, tuple[Severity, str]] = {
    "duplicate-id": (Severity.ERROR, "two nodes share an id"),
    "missing-reference": (
        Severity.ERROR,
        "also_supports/also_opposes/also_undercuts names an id that no node has",
    ),
    "self-reference": (Severity.ERROR, "a node points at itself"),
    "cycle": (Severity.ERROR, "circular support: following supports relations leads back to the start"),
    "unknown-question": (Severity.ERROR, "a node names a question the vocabulary does not have"),
    "unknown-position": (Severity.ERROR, "a node names a position its question does not have"),
    "unknown-topic": (Severity.ERROR, "evidence names a topic the vocabulary does not have"),
    "missing-vocabulary": (
        Severity.ERROR,
        "the map uses questions or topics but its vocabulary file is missing",
    ),
    "quote-not-found": (Severity.ERROR, "a quote anchor is not in the article text"),
    "quote-unverified": (
        Severity.WARNING,
        "a quote was not looked for: the check spent its budget for scanning article texts",
    ),
    "missing-article": (
        Severity.WARNING,
        "source.text names a file that does not exist, so quotes go unchecked",
    ),
    "article-outside": (
        Severity.WARNING,
        "source.text leads outside the folders check may read articles from, so quotes go unchecked",
    ),
    "unsupported-claim": (Severity.WARNING, "a claim has no evidence anywhere beneath it"),
    "duplicate-vocabulary-id": (Severity.ERROR, "two questions, positions or topics share an id"),
}


MAX_HINTS = 20
"""'did you mean' hints per rule and map at most: each compares a name with every id or question, so a
hint on each of 20,000 missing references would compare 400 million pairs."""


class _Reporter:
    def __init__(self, document: Document) -> None:
        self.document = document
        self.findings: list[Finding] = []
        # Every rule visits every node: walk the tree once for all of them.
        self.order = list(document.map.walk())
        self.nodes = [node for node, _, _ in self.order]
        self.hints: Counter[str] = Counter()

    def add(self, code: str, node: AnyNode, message: str, *fields: str | int) -> None:
        # Located and named from the node's linked path: a finding on every level of a deep
        # chain must not walk each path from the top.
        line, column = self.document.where(node, *fields)
        path = self.document.field_path(node, *fields)
        self.findings.append(
            Finding(self.document.display(), line, column, RULES[code][0], code, message, path)
        )

    def hint(self, code: str, word: str, choices: Iterable[str]) -> str:
        """:func:`did_you_mean`, for the first :data:`MAX_HINTS` findings of rule ``code``; then nothing."""
        self.hints[code] += 1
        return did_you_mean(word, choices) if self.hints[code] <= MAX_HINTS else ""


def lint_map(document: Document, vocabulary: Vocabulary | None, article: Article | None) -> list[Finding]:
    """All findings for one map. ``vocabulary`` None means the map's vocabulary file is missing."""
    reporter = _Reporter(document)
    first_by_id = _check_ids(reporter)
    _check_references(reporter, first_by_id)
    _check_cycles(reporter, first_by_id)
    _check_vocabulary(reporter, vocabulary)
    _check_evidence_beneath(reporter)
    if article is not None:
        _check_quotes(reporter, article)
    return reporter.findings


def _check_ids(reporter: _Reporter) -> dict[str, AnyNode]:
    first_by_id: dict[str, AnyNode] = {}
    for node in reporter.nodes:
        first = first_by_id.get(node.id)
        if first is None:
            first_by_id[node.id] = node
        else:
            line, _ = reporter.document.where(first)
            reporter.add("duplicate-id", node, f"duplicate id '{node.id}' (first at line {line})", "id")
    return first_by_id


def _links(node: AnyNode) -> Iterator[tuple[str, int, str]]:
    for field in ("also_supports", "also_opposes", "also_undercuts"):
        for index, target in enumerate(getattr(node, field)):
            yield field, index, target


def _check_references(reporter: _Reporter, first_by_id: dict[str, AnyNode]) -> None:
    for node in reporter.nodes:
        for field, index, target in _links(node):
            if target == node.id:
                reporter.add("self-reference", node, f"node '{node.id}' points at itself", field, index)
            elif target not in first_by_id:
                hint = reporter.hint("missing-reference", target, first_by_id)
                reporter.add("missing-reference", node, f"no node has id '{target}'{hint}", field, index)


def _check_cycles(reporter: _Reporter, first_by_id: dict[str, AnyNode]) -> None:
    """Find circular support over tree edges and also_supports links (iterative DFS, linear)."""
    edges: dict[str, list[str]] = {}
    for node, parent, _ in reporter.order:
        targets = edges.setdefault(node.id, [])
        if parent is not None and not isinstance(node, Thesis) and node.relation == Relation.SUPPORTS:
            targets.append(parent.id)
        targets.extend(t for t in node.also_supports if t in first_by_id and t != node.id)
    white, grey, black = 0, 1, 2
    colour = dict.fromkeys(edges, white)
    reported: set[frozenset[str]] = set()
    for start in edges:
        if colour[start] != white:
            continue
        colour[start] = grey
        path = [start]
        iterators = [iter(edges[start])]
        while iterators:
            following = next(iterators[-1], None)
            if following is None:
                colour[path.pop()] = black
                iterators.pop()
                continue
            if colour.get(following, black) == grey:
                cycle = [*path[path.index(following) :], following]
                key = frozenset(cycle)
                if key not in reported:
                    reported.add(key)
                    node = first_by_id[path[-1]]
                    reporter.add("cycle", node, "circular support: " + " → ".join(cycle))
            elif colour.get(following) == white:
                colour[following] = grey
                path.append(following)
                iterators.append(iter(edges[following]))


def _check_vocabulary(reporter: _Reporter, vocabulary: Vocabulary | None) -> None:
    tagged = [node for node in reporter.nodes if question_of(node) or topic_of(node)]
    if vocabulary is None:
        if tagged:
            reporter.add(
                "missing-vocabulary",
                tagged[0],
                "the map names questions or topics but its vocabulary file was not found",
            )
        return
    questions = {question.id: question for question in vocabulary.questions}
    topics = {topic.id for topic in vocabulary.topics}
    for node in tagged:
        question_id = question_of(node)
        if question_id is not None:
            question = questions.get(question_id)
            if question is None:
                hint = reporter.hint("unknown-question", question_id, questions)
                reporter.add("unknown-question", node, f"unknown question '{question_id}'{hint}", "question")
            else:
                position = position_of(node)
                if position is not None and question.position(position) is None:
                    names = [p.id for p in question.positions]
                    reporter.add(
                        "unknown-position",
                        node,
                        f"question '{question_id}' has no position '{position}'; one of {', '.join(names)}",
                        "position",
                    )
        topic = topic_of(node)
        if topic is not None and topic not in topics:
            reporter.add(
                "unknown-topic",
                node,
                f"unknown topic '{topic}'{reporter.hint('unknown-topic', topic, topics)}",
                "topic",
            )


def _check_evidence_beneath(reporter: _Reporter) -> None:
    """Warn about claims with no evidence beneath them, in one post-order pass."""
    linked: set[str] = set()
    for node in reporter.nodes:
        if isinstance(node, Evidence):
            linked.update(node.also_supports)
    order = reporter.order
    has_evidence: dict[int, bool] = {}
    for node, _, _ in reversed(order):
        has_evidence[id(node)] = isinstance(node, Evidence) or any(
            has_evidence[id(child)] for child in node.children if child.relation == Relation.SUPPORTS
        )
    for node, _, _ in order:
        if node.kind == "claim" and not has_evidence[id(node)] and node.id not in linked:
            reporter.add("unsupported-claim", node, f"claim '{node.id}' has no evidence beneath it")


def _check_quotes(reporter: _Reporter, article: Article) -> None:
    quoted = [(node, node.quote) for node in reporter.nodes if node.quote is not None]
    matches = article.match_all([quote for _, quote in quoted])
    for (node, _), match in zip(quoted, matches, strict=True):
        if not match.verified:
            reporter.add("quote-unverified", node, f"quote not verified: {match.unsearched}", "quote")
        elif not match.found:
            if match.closest:
                closest = f'; closest passage ({match.similarity:.0%} alike): "{match.closest}"'
            elif match.unsearched:
                closest = f"; no closest passage looked for: {match.unsearched}"
            else:
                closest = ""
            reporter.add("quote-not-found", node, f"quote not found in the article{closest}", "quote")


def lint_vocabulary(document: VocabularyDocument) -> list[Finding]:
    """Duplicate ids among questions, positions and topics."""
    findings: list[Finding] = []
    vocabulary = document.vocabulary

    def report(loc: tuple[str | int, ...], message: str) -> None:
        line, column = document.locator.find(loc)
        findings.append(
            Finding(
                document.display(),
                line,
                column,
                Severity.ERROR,
                "duplicate-vocabulary-id",
                message,
                format_loc(loc),
            )
        )

    seen_questions: set[str] = set()
    for q_index, question in enumerate(vocabulary.questions):
        if question.id in seen_questions:
            report(("questions", q_index, "id"), f"duplicate question id '{question.id}'")
        seen_questions.add(question.id)
        seen_positions: set[str] = set()
        for p_index, position in enumerate(question.positions):
            if position.id in seen_positions:
                report(
                    ("questions", q_index, "positions", p_index, "id"),
                    f"duplicate position id '{position.id}'",
                )
            seen_positions.add(position.id)
    seen_topics: set[str] = set()
    for t_index, topic in enumerate(vocabulary.topics):
        if topic.id in seen_topics:
            report(("topics", t_index, "id"), f"duplicate topic id '{topic.id}'")
        seen_topics.add(topic.id)
    return findings
