"""The value ``argmap compare`` computes (see :mod:`argmap.compare`), shared by its views and ``--format json``."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any, Literal

Verdict = Literal["disagree", "only_a", "only_b", "agree"]
Sort = Literal["verdict", "question"]


@dataclass(frozen=True, slots=True)
class Author:
    label: str
    authors: tuple[str, ...]
    affiliation: str | None
    outlet: str | None
    date: str | None
    title: str | None
    thesis_id: str
    thesis: str
    path: str | None


@dataclass(frozen=True, slots=True)
class PositionRef:
    id: str
    label: str


@dataclass(frozen=True, slots=True)
class ClaimRef:
    id: str
    kind: str
    text: str
    position: str | None
    depth: int
    evidence: tuple[str, ...]
    evidence_count: int


@dataclass(frozen=True, slots=True)
class Stance:
    """What one author says on one question."""

    position: PositionRef | None
    positions: tuple[PositionRef, ...]
    claims: tuple[ClaimRef, ...]


@dataclass(frozen=True, slots=True)
class Row:
    question: str
    text: str
    verdict: Verdict
    a: Stance | None
    b: Stance | None


@dataclass(frozen=True, slots=True)
class EvidenceUse:
    """One author's citation of a shared event or fact, and the claim it serves."""

    id: str
    type: str
    text: str
    date: str | None
    serves_id: str
    serves_kind: str
    serves_text: str
    relation: str


@dataclass(frozen=True, slots=True)
class SharedEvidence:
    match: Literal["topic", "text"]
    topic: str | None
    topic_text: str | None
    score: float | None
    a: tuple[EvidenceUse, ...]
    b: tuple[EvidenceUse, ...]


@dataclass(frozen=True, slots=True)
class Suggestion:
    id: str
    kind: str
    text: str
    score: float
    question: str | None
    position: str | None


@dataclass(frozen=True, slots=True)
class Unaligned:
    side: Literal["a", "b"]
    id: str
    kind: str
    text: str
    suggestions: tuple[Suggestion, ...]


@dataclass(frozen=True, slots=True)
class Summary:
    questions: int
    disagree: int
    only_a: int
    only_b: int
    agree: int
    shared_evidence: int
    unaligned_a: int
    unaligned_b: int


@dataclass(frozen=True, slots=True)
class Comparison:
    a: Author
    b: Author
    sort: Sort
    rows: tuple[Row, ...]
    shared_evidence: tuple[SharedEvidence, ...]
    unaligned: tuple[Unaligned, ...]
    summary: Summary

    def summary_line(self) -> str:
        """One line: how many questions agree, disagree, or are addressed by one author only."""
        s = self.summary
        questions = f"{s.questions} question{'s' * (s.questions != 1)}"
        counts = f"{s.disagree} disagree, {s.agree} agree, {s.only_a} only {self.a.label}, {s.only_b} only {self.b.label}"
        unaligned = s.unaligned_a + s.unaligned_b
        return (
            f"{questions}: {counts}; {s.shared_evidence} shared evidence; "
            f"{unaligned} unaligned claim{'s' * (unaligned != 1)}"
        )

    def to_dict(self) -> dict[str, Any]:
        return {"kind": "argmap-comparison", "version": 1, **asdict(self)}

    def to_json(self) -> str:
        """What ``argmap compare --format json`` prints; documented in docs/compare-json.md."""
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n"
