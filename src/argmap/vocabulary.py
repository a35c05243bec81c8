"""The shared vocabulary of a corpus: contested questions with named positions, and shared topics.

Maps by different authors become comparable when their claims name the same question
and position, and their evidence the same topic.
"""

from __future__ import annotations

from pydantic import Field

from argmap.model import NodeId, Strict, Text, _empty


class Position(Strict):
    id: NodeId
    label: Text = Field(description="A short name for the position, e.g. 'alliance'.")
    text: str | None = Field(None, description="What holding this position means.")


class Question(Strict):
    id: NodeId
    text: Text = Field(description="The contested question, phrased as a question.")
    positions: list[Position] = Field(min_length=1)
    note: str | None = None

    def position(self, position_id: str) -> Position | None:
        return next((p for p in self.positions if p.id == position_id), None)


class Topic(Strict):
    """Something several authors may cite: an event, a vote, a document, a trend."""

    id: NodeId
    text: Text


class Vocabulary(Strict):
    questions: list[Question] = Field(default_factory=_empty)
    topics: list[Topic] = Field(default_factory=_empty)

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    def topic(self, topic_id: str) -> Topic | None:
        return next((t for t in self.topics if t.id == topic_id), None)
