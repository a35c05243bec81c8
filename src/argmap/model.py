"""The argument-map model: one article's argument as a tree of typed nodes.

Pure data and invariants: no I/O, no printing. Maps are built by
:mod:`argmap.loader`, which validates node by node from the leaves up so that
trees of any depth stay clear of pydantic's recursion limit.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from enum import StrEnum
from itertools import repeat
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationInfo, field_validator

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$"
NodeId = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=120)]
Text = Annotated[str, StringConstraints(min_length=1)]

# ASCII digits only ('\d' also matches '２' and '٠'), and fullmatch: '$' would allow a final line break.
_PARTIAL_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def check_partial_date(value: str) -> str:
    """Accept ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; articles are often dated only by month.

    >>> check_partial_date("2020-07")
    '2020-07'
    """
    match = _PARTIAL_DATE.fullmatch(value)
    if not match:
        raise ValueError("must be a date written YYYY, YYYY-MM or YYYY-MM-DD")
    month, day = match.group(2), match.group(3)
    if month is not None and not 1 <= int(month) <= 12:
        raise ValueError(f"month {month} is not between 01 and 12")
    if day is not None and not 1 <= int(day) <= _DAYS_IN_MONTH[int(month or 1) - 1]:
        raise ValueError(f"day {day} does not exist in month {month}")
    return value


def _empty() -> list[Any]:
    # A plain function, not `list`: pydantic inspects a default factory's signature, and a
    # builtin's costs a text-signature parse at every import.
    return []


class Relation(StrEnum):
    """How a node bears on its parent (Argdown's support, attack and undercut)."""

    SUPPORTS = "supports"
    OPPOSES = "opposes"
    UNDERCUTS = "undercuts"


class EvidenceType(StrEnum):
    EVENT = "event"
    VOTE = "vote"
    STATEMENT = "statement"
    STATISTIC = "statistic"
    DOCUMENT = "document"
    EXAMPLE = "example"


class Strict(BaseModel):
    # Validators are built on first use, not at import: a command validates whole maps
    # through ArgumentMap and never needs most of the node models' own validators.
    model_config = ConfigDict(extra="forbid", frozen=False, validate_default=False, defer_build=True)


class Source(Strict):
    """Where the argument was published."""

    title: str | None = Field(None, description="Headline; omit when the text has none.")
    authors: list[Text] = Field(min_length=1, description="Author names, as printed.")
    affiliation: str | None = Field(None, description="The authors' affiliation, as the text gives it.")
    outlet: str | None = Field(None, description="Publication or website.")
    date: str | None = Field(None, description="Publication date: YYYY, YYYY-MM or YYYY-MM-DD.")
    url: str | None = None
    text: str | None = Field(
        None,
        description="Path of the article's plain text, relative to this map file; used to verify quotes.",
    )
    note: str | None = None

    _check_date = field_validator("date")(lambda cls, v: v if v is None else check_partial_date(v))


class NodeBase(Strict):
    id: NodeId = Field(description="Unique within the map and stable across edits; other files point at it.")
    text: Text = Field(description="The node's content, paraphrased in the mapper's words.")
    quote: Text | None = Field(
        None, description="A short verbatim passage of the article that anchors this node."
    )
    note: str | None = Field(None, description="The mapper's remark; not part of the argument.")
    also_supports: list[NodeId] = Field(
        default_factory=_empty, description="Ids of further nodes this one supports."
    )
    also_opposes: list[NodeId] = Field(
        default_factory=_empty, description="Ids of further nodes this one attacks."
    )
    also_undercuts: list[NodeId] = Field(
        default_factory=_empty, description="Ids of further nodes whose inference this one undercuts."
    )
    children: list[Node] = Field(default_factory=_empty, description="Nodes bearing on this one.")

    def links(self) -> Iterator[tuple[Relation, str]]:
        """Cross-references to nodes elsewhere in the map, beyond the tree edge to the parent."""
        for target in self.also_supports:
            yield Relation.SUPPORTS, target
        for target in self.also_opposes:
            yield Relation.OPPOSES, target
        for target in self.also_undercuts:
            yield Relation.UNDERCUTS, target


class Positioned(NodeBase):
    question: NodeId | None = Field(None, description="Id of the contested question this node answers.")
    position: NodeId | None = Field(None, description="Id of the position taken on that question.")

    @field_validator("position")
    @classmethod
    def _position_needs_question(cls, value: str | None, info: ValidationInfo) -> str | None:
        # A question that failed its own validation is absent from info.data: reported once, there.
        if value is not None and "question" in info.data and info.data["question"] is None:
            raise ValueError("a position needs a question")
        return value


class Thesis(Positioned):
    """The article's main conclusion: the root of the tree."""

    kind: Literal["thesis"] = "thesis"


class Claim(Positioned):
    """A reason the author gives, or an intermediate conclusion."""

    kind: Literal["claim"] = "claim"
    relation: Relation = Relation.SUPPORTS


class Objection(Positioned):
    """A counter-consideration the author raises or concedes."""

    kind: Literal["objection"] = "objection"
    relation: Relation = Relation.OPPOSES


class Rebuttal(Positioned):
    """The author's answer to an objection."""

    kind: Literal["rebuttal"] = "rebuttal"
    relation: Relation = Relation.OPPOSES


class Evidence(NodeBase):
    """Something the author cites: an event, a vote, a statement, a figure, a document, an example."""

    kind: Literal["evidence"] = "evidence"
    relation: Relation = Relation.SUPPORTS
    type: EvidenceType = Field(description="What sort of evidence this is.")
    date: str | None = Field(None, description="When it happened: YYYY, YYYY-MM or YYYY-MM-DD.")
    actors: list[Text] = Field(default_factory=_empty, description="Who acted, voted or spoke.")
    place: str | None = None
    reported_by: str | None = Field(None, description="Who reported it, where the article says so.")
    topic: NodeId | None = Field(
        None,
        description="Id of a shared topic from the vocabulary, so that evidence cited by two authors aligns.",
    )

    _check_date = field_validator("date")(lambda cls, v: v if v is None else check_partial_date(v))

    @field_validator("children")
    @classmethod
    def _evidence_is_only_attacked(cls, children: list[Node]) -> list[Node]:
        for child in children:
            if child.kind not in ("objection", "rebuttal"):
                raise ValueError(
                    f"evidence can only be questioned by objections, not {child.kind} '{child.id}'; "
                    "put supporting nodes under a claim"
                )
        return children


Node = Annotated[Claim | Objection | Rebuttal | Evidence, Field(discriminator="kind")]
AnyNode = Thesis | Claim | Objection | Rebuttal | Evidence

# What a node is tagged with, for any kind of node. isinstance, not getattr with a
# default: a pydantic model answers a missing attribute by raising and catching an
# AttributeError, which is slow over thousands of nodes.


def question_of(node: AnyNode) -> str | None:
    """The question a node answers; evidence answers none (it may name a topic instead)."""
    return None if isinstance(node, Evidence) else node.question


def position_of(node: AnyNode) -> str | None:
    """The position a node takes on its question; evidence takes none."""
    return None if isinstance(node, Evidence) else node.position


def topic_of(node: AnyNode) -> str | None:
    """The shared topic a piece of evidence names; other nodes name none."""
    return node.topic if isinstance(node, Evidence) else None


class ArgumentMap(Strict):
    """One article's argument."""

    schema_: str | None = Field(None, alias="$schema", description="Optional JSON Schema hint for editors.")
    vocabulary: str | None = Field(
        None,
        description="Path of the questions vocabulary, relative to this file (default: questions.yaml beside it).",
    )
    source: Source
    thesis: Thesis

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    def walk(self) -> Iterator[tuple[AnyNode, AnyNode | None, int]]:
        """Every node in pre-order as ``(node, parent, depth)``, without recursion."""
        stack: list[tuple[AnyNode, AnyNode | None, int]] = [(self.thesis, None, 0)]
        while stack:
            entry = stack.pop()
            yield entry
            node = entry[0]
            if node.children:
                # zip and repeat build the entries in C: every command walks every node.
                stack.extend(zip(reversed(node.children), repeat(node), repeat(entry[2] + 1)))

    def nodes(self) -> Iterator[AnyNode]:
        return (node for node, _, _ in self.walk())

    def index(self) -> dict[str, AnyNode]:
        """Nodes by id; with duplicate ids the first in pre-order wins (lint reports the rest)."""
        found: dict[str, AnyNode] = {}
        for node in self.nodes():
            found.setdefault(node.id, node)
        return found

    def label(self) -> str:
        """A short name for the map: its first author's surname and year."""
        names = self.source.authors[0].split()
        surname = names[-1] if names else "?"
        year = (self.source.date or "")[:4]
        return f"{surname} {year}".strip()
