"""The value ``argmap compare`` computes (see :mod:`argmap.compare`), shared by its views and ``--format json``."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields, is_dataclass
from json.encoder import encode_basestring
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
        """What ``argmap compare --format json`` prints; documented in docs/compare-json.md.

        The same text as ``json.dumps(self.to_dict(), indent=2, ensure_ascii=False)``,
        written straight from the dataclasses: with an indent, ``json`` encodes in Python,
        after ``asdict`` has copied everything, which took a fifth of a large comparison.
        """
        out: list[str] = []
        _write_json({"kind": "argmap-comparison", "version": 1, **_items(self)}, "\n", out)
        return "".join(out) + "\n"


_FIELDS: dict[type, tuple[str, ...]] = {}


def _items(value: object) -> dict[str, object]:
    """A dataclass's fields by name, in order."""
    kind = type(value)
    if kind not in _FIELDS:
        _FIELDS[kind] = tuple(field.name for field in fields(value))  # type: ignore[arg-type]
    return {name: getattr(value, name) for name in _FIELDS[kind]}


def _write_json(value: object, newline: str, out: list[str]) -> None:
    """``value`` as ``json.dumps(..., indent=2, ensure_ascii=False)`` writes it; ``newline`` ends its line and indents."""
    if isinstance(value, str):
        out.append(encode_basestring(value))
    elif isinstance(value, int) and not isinstance(value, bool):
        out.append(int.__repr__(value))
    elif isinstance(value, float) and math.isfinite(value):
        out.append(float.__repr__(value))
    elif isinstance(value, tuple | list):
        _write_entries(((None, item) for item in value), "[]", newline, out)
    elif isinstance(value, dict):
        _write_entries(value.items(), "{}", newline, out)
    elif is_dataclass(value):
        _write_entries(_items(value).items(), "{}", newline, out)
    else:
        out.append(json.dumps(value))  # null, true, false, NaN, Infinity


def _write_entries(
    entries: Iterable[tuple[str | None, object]], brackets: str, newline: str, out: list[str]
) -> None:
    inner = newline + "  "
    separator = brackets[0] + inner
    for key, item in entries:
        out.append(separator)
        if key is not None:
            out.append(encode_basestring(key) + ": ")
        _write_json(item, inner, out)
        separator = "," + inner
    out.append(newline + brackets[1] if separator[0] == "," else brackets)
