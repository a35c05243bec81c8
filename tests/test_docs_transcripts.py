"""Every ``$ argmap …`` transcript in README.md and docs/*.md, replayed against the real command.

A transcript is a fenced block whose lines starting with ``$ argmap`` are commands (a
trailing backslash continues one) and whose following lines, up to the next command or
the end of the block, are what it prints, standard output and standard error together. A
line holding only ``...`` (indented or not) stands for any number of lines. An output
file (``-o FILE``) goes into a temporary folder instead of the repository, and must be
written. ARGMAP_UPDATE_GOLDEN=1 rewrites each transcript that has no ``...`` with what
the command now prints (review the diff); elided ones are edited by hand. The command runs as a user runs it: the installed ``argmap`` in a subprocess,
from the repository's root, with colour off.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import ROOT, SOURCES, UPDATE_GOLDEN

DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
ARGMAP = Path(sys.executable).with_name("argmap")


@dataclass(frozen=True)
class Transcript:
    document: Path
    line: int
    command: str
    expected: list[str]
    output_start: int  # index in the document's lines of the first output line

    @property
    def name(self) -> str:
        return f"{self.document.relative_to(ROOT)}:{self.line}"


def transcripts(document: Path) -> list[Transcript]:
    found: list[Transcript] = []
    lines = document.read_text(encoding="utf-8").splitlines()
    fenced = False
    current: tuple[int, str] | None = None
    expected: list[str] = []
    index = output_start = 0

    def finish() -> None:
        nonlocal current
        if current is not None:
            found.append(Transcript(document, current[0], current[1], expected.copy(), output_start))
        current = None
        expected.clear()

    while index < len(lines):
        line = lines[index]
        if line.startswith("```"):
            finish()
            fenced = not fenced
        elif fenced and line.startswith("$ "):
            finish()
            start, command = index + 1, line[2:]
            while command.endswith("\\") and index + 1 < len(lines):
                index += 1
                command = command[:-1] + " " + lines[index].strip()
            current = (start, command) if command.startswith("argmap ") else None
            output_start = index + 1
        elif current is not None:
            expected.append(line)
        index += 1
    finish()
    return found


ALL = [transcript for document in DOCUMENTS for transcript in transcripts(document)]


def matches(expected: list[str], actual: list[str]) -> bool:
    """Whether ``actual`` fits ``expected``, each ``...`` line standing for any run of lines."""
    # reachable[j]: the expected lines so far can account for the first j actual lines.
    reachable = [True] + [False] * len(actual)
    for pattern in expected:
        if pattern.strip() == "...":
            for j in range(1, len(actual) + 1):
                reachable[j] = reachable[j] or reachable[j - 1]
        else:
            reachable = [False] + [
                reachable[j - 1] and actual[j - 1] == pattern for j in range(1, len(actual) + 1)
            ]
    return reachable[-1]


def test_the_documents_hold_transcripts() -> None:
    """The parser finds the transcripts the documents are known to show (a broken parser would test none)."""
    names = {transcript.document.name for transcript in ALL}
    assert {"README.md", "compare.md", "matrix.md", "show.md", "compare-json.md"} <= names
    assert all(transcript.command.startswith("argmap ") for transcript in ALL)


def test_matching_rules() -> None:
    assert matches(["a", "...", "d"], ["a", "b", "c", "d"])
    assert matches(["a", "  ...", "b"], ["a", "b"])
    assert not matches(["a", "d"], ["a", "b", "d"])
    assert not matches(["a", "..."], ["b"])


@pytest.mark.skipif(not SOURCES.is_dir(), reason="../shared/sources is not beside the repo")
@pytest.mark.parametrize("transcript", ALL, ids=lambda transcript: transcript.name)
def test_transcript_replays(transcript: Transcript, tmp_path: Path) -> None:
    """The command prints what the document says it prints."""
    words = shlex.split(transcript.command)
    outputs = []
    for position, word in enumerate(words):
        if word in ("-o", "--output") and words[position + 1] != "-":
            outputs.append(tmp_path / Path(words[position + 1]).name)
            words[position + 1] = str(outputs[-1])
    environment = {**os.environ, "NO_COLOR": "1", "COLUMNS": "80", "TERM": "dumb"}
    environment.pop("FORCE_COLOR", None)
    result = subprocess.run(
        [str(ARGMAP), *words[1:]],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode in (0, 1), result.stdout[-2000:]
    actual = [line.rstrip() for line in result.stdout.splitlines()]
    expected = [line.rstrip() for line in transcript.expected]
    while expected and not expected[-1]:
        expected.pop()
    while actual and not actual[-1]:
        actual.pop()
    if UPDATE_GOLDEN and not any(line.strip() == "..." for line in expected) and expected != actual:
        _rewrite(transcript, actual)
        return
    assert matches(expected, actual), (
        f"{transcript.name}: `{transcript.command}` printed, in full:\n" + "\n".join(actual)
    )
    for output in outputs:
        assert output.stat().st_size > 0, f"{transcript.name}: {output.name} was not written"


def _rewrite(transcript: Transcript, actual: list[str]) -> None:
    """Put ``actual`` in place of the transcript's output, keeping the blank lines after it."""
    lines = transcript.document.read_text(encoding="utf-8").splitlines()
    kept = len(transcript.expected)
    trailing = 0
    while trailing < kept and not transcript.expected[kept - 1 - trailing].strip():
        trailing += 1
    start = transcript.output_start
    lines[start : start + kept] = [*actual, *[""] * trailing]
    transcript.document.write_text("\n".join(lines) + "\n", encoding="utf-8")
