"""The commented skeleton that ``argmap new`` writes: a valid map to fill in."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from argmap.atomic import write_atomic
from argmap.errors import OutputError, UsageError
from argmap.model import check_partial_date
from argmap.yamlwrite import quote


@dataclass
class Skeleton:
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    affiliation: str | None = None
    outlet: str | None = None
    date: str | None = None
    url: str | None = None
    text: str | None = None


def _optional(key: str, value: str | None, hint: str) -> str:
    if value is None:
        return f"  # {key}: {hint}"
    return f"  {key}: {quote(value)}"


def _refuse_undecodable(skeleton: Skeleton) -> None:
    """A value from a command line that was not UTF-8 holds lone surrogates, which no file can hold."""
    for name, value in vars(skeleton).items():
        for item in value if isinstance(value, list) else [value]:
            try:
                if item is not None:
                    item.encode("utf-8")
            except UnicodeEncodeError:
                option = "--author" if name == "authors" else f"--{name}"
                raise UsageError(f"{option}: is not UTF-8 text; a map holds only Unicode text") from None


def skeleton_text(skeleton: Skeleton) -> str:
    _refuse_undecodable(skeleton)
    if skeleton.date is not None:
        try:
            check_partial_date(skeleton.date)
        except ValueError as error:
            raise UsageError(f"--date {skeleton.date}: {error}") from None
    authors = ", ".join(quote(a) for a in skeleton.authors) if skeleton.authors else '"Author Name"'
    source = "\n".join(
        [
            _optional("title", skeleton.title, "The Headline"),
            f"  authors: [{authors}]",
            _optional("affiliation", skeleton.affiliation, "the authors' affiliation, as the text gives it"),
            _optional("outlet", skeleton.outlet, "where it was published"),
            _optional("date", skeleton.date, "YYYY, YYYY-MM or YYYY-MM-DD"),
            _optional("url", skeleton.url, "https://..."),
            _optional("text", skeleton.text, "path of the article's plain text, relative to this file"),
        ]
    )
    return f"""# yaml-language-server: $schema=../docs/map.schema.json
# An argument map: the article's thesis at the root, the claims that support it,
# the evidence each claim rests on, and what the author concedes. Field reference:
# docs/format.md. Check it with: argmap check THIS_FILE

source:
{source}

thesis:
  id: thesis
  text: The article's main conclusion, in your own words.
  # quote: A short verbatim sentence of the article that states it.
  # question: nature        # a question id from questions.yaml
  # position: alliance      # one of that question's positions
  children:
    - id: first-claim
      kind: claim           # claim, evidence, objection or rebuttal
      relation: supports    # supports, opposes or undercuts its parent
      text: A reason the author gives for the thesis.
      children:
        - id: first-evidence
          kind: evidence
          type: event       # event, vote, statement, statistic, document or example
          text: What the author cites for that reason.
          # date: YYYY-MM-DD
          # actors: [Who, Acted]
          # place: Where
          # reported_by: Who reported it
          # quote: The words of the article that cite it.
    - id: first-objection
      kind: objection
      relation: opposes
      text: Something the author concedes or answers.
      children:
        - id: first-rebuttal
          kind: rebuttal
          text: The author's answer to it.
"""


def write_skeleton(path: Path, skeleton: Skeleton) -> None:
    # Anything already at PATH (a link, a device, a FIFO too) is kept; a name the system cannot
    # even look up (too long) is the writer's one line.
    if os.path.lexists(path):
        raise OutputError(f"{path}: already exists; argmap new never overwrites a file")
    write_atomic(path, skeleton_text(skeleton))
