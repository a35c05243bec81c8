"""Many authors by question: each author's primary position on each question any of them tags.

Positions are computed by :func:`argmap.compare.stances`, so with two maps the matrix and
the comparison cannot disagree.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from argmap.compare import PositionRef, question_order, stances
from argmap.loader import Document
from argmap.model import ArgumentMap
from argmap.vocabulary import Vocabulary


@dataclass(frozen=True, slots=True)
class Column:
    label: str
    authors: tuple[str, ...]
    date: str | None
    path: str | None


@dataclass(frozen=True, slots=True)
class Cell:
    """One author on one question: the primary position, and every position held."""

    position: PositionRef | None
    positions: tuple[PositionRef, ...]


@dataclass(frozen=True, slots=True)
class MatrixRow:
    question: str
    text: str
    positions: tuple[PositionRef, ...]
    """The question's positions in vocabulary order, then any others the maps use."""
    cells: tuple[Cell | None, ...]


@dataclass(frozen=True, slots=True)
class Matrix:
    columns: tuple[Column, ...]
    rows: tuple[MatrixRow, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"kind": "argmap-matrix", "version": 1, **asdict(self)}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n"

    def to_csv(self) -> str:
        """One line per question: its id and text, then each author's primary position id (empty if none)."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["question", "text", *(_inert(column.label) for column in self.columns)])
        for row in self.rows:
            cells = [cell.position.id if cell and cell.position else "" for cell in row.cells]
            writer.writerow([row.question, _inert(row.text), *cells])
        return out.getvalue()


def _inert(cell: str) -> str:
    """A cell a spreadsheet will not run as a formula (CSV injection): a leading ' keeps it text."""
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell


def matrix(documents: Sequence[Document | ArgumentMap], vocabulary: Vocabulary | None = None) -> Matrix:
    """Authors as columns, in the order given; questions as rows, in vocabulary order."""
    vocabulary = vocabulary or Vocabulary()
    maps = [document.map if isinstance(document, Document) else document for document in documents]
    per_map = [stances(argument_map, vocabulary) for argument_map in maps]
    labels = _labels(maps)
    columns = tuple(
        Column(
            label=label,
            authors=tuple(argument_map.source.authors),
            date=argument_map.source.date,
            path=document.display() if isinstance(document, Document) else None,
        )
        for label, argument_map, document in zip(labels, maps, documents, strict=True)
    )
    rows = []
    for question in question_order(vocabulary, [q for found in per_map for q in found]):
        known = vocabulary.question(question)
        cells = tuple(
            Cell(found[question].position, found[question].positions) if question in found else None
            for found in per_map
        )
        listed = [PositionRef(p.id, p.label) for p in known.positions] if known else []
        extra = {ref.id: ref for cell in cells if cell for ref in cell.positions if ref not in listed}
        rows.append(MatrixRow(question, known.text if known else question, (*listed, *extra.values()), cells))
    return Matrix(columns=columns, rows=tuple(rows))


def _labels(maps: Sequence[ArgumentMap]) -> list[str]:
    """Each map's label, numbered where two maps would otherwise share one."""
    labels = [argument_map.label() for argument_map in maps]
    repeated = {label for label, count in Counter(labels).items() if count > 1}
    seen: dict[str, int] = {}
    result = []
    for label in labels:
        if label in repeated:
            seen[label] = seen.get(label, 0) + 1
            label = f"{label} ({seen[label]})"
        result.append(label)
    return result
