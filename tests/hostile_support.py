"""Running argmap as a user does, in-process, and the compact expectation files of the hostile suite.

:func:`run_main` calls :func:`argmap.cli.main`, the real entry point, so that what is
tested includes its recursion limit and its last-resort handler (exit 70); it restores
what ``main`` changes for the process (recursion limit, garbage collector).

An expectation file lists, per command, the exit code and the exact output (stdout, then
stderr). Commands that behave alike share a section, so a loader error is written once::

    # what the case is about
    == all: exit 2
    tests/cases/hostile/yaml/tab-indent.yaml:6:1: not valid YAML: ...
    == import: exit 2
    tests/cases/hostile/yaml/tab-indent.yaml:2:1: not valid JSON: a value is missing here

``all`` stands for every command that has no section of its own.
"""

from __future__ import annotations

import gc
import hashlib
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

ENVIRONMENT: dict[str, str | None] = {"NO_COLOR": "1", "COLUMNS": "80", "ARGMAP_DEBUG": None}


@dataclass(frozen=True)
class Outcome:
    exit: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def run_main(args: Sequence[str], env: dict[str, str | None] | None = None) -> Outcome:
    """``argmap ARGS`` through ``argmap.cli.main``, in this process, with colour off and 80 columns."""
    from argmap.cli import main

    runner = CliRunner()
    limit, collecting = sys.getrecursionlimit(), gc.isenabled()
    with runner.isolation(env={**ENVIRONMENT, **(env or {})}) as (out, err, _):
        try:
            main(list(args))
            code = 0
        except SystemExit as done:
            code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
        finally:
            sys.setrecursionlimit(limit)
            if collecting:
                gc.enable()
        return Outcome(code, out.getvalue().decode("utf-8"), err.getvalue().decode("utf-8"))


def digest(label: str, data: bytes) -> str:
    """One line standing for a long output: its line count and the start of its SHA-256."""
    lines = data.count(b"\n") + (0 if data.endswith(b"\n") or not data else 1)
    return f"<{label}: {lines} lines, sha256 {hashlib.sha256(data).hexdigest()[:16]}>\n"


def parse_expectation(text: str, commands: Sequence[str]) -> dict[str, tuple[int, str]]:
    """Each command's expected (exit code, output) from an expectation file."""
    sections: dict[str, tuple[int, str]] = {}
    names: list[str] = []
    code = 0
    body: list[str] = []

    def close() -> None:
        for name in names:
            sections[name] = (code, "".join(body))

    for line in text.splitlines(keepends=True):
        if line.startswith("== "):
            close()
            head, _, exit_part = line[3:].rstrip("\n").rpartition(": exit ")
            names, code, body = [name.strip() for name in head.split(",")], int(exit_part), []
        elif names:
            body.append(line)
        # Lines before the first section are comments about the case.
    close()
    default = sections.pop("all", None)
    unknown = set(sections) - set(commands)
    assert not unknown, f"sections for unknown commands: {sorted(unknown)}"
    expected = {}
    for command in commands:
        found = sections.get(command, default)
        assert found is not None, f"no section for {command} and no 'all' section"
        expected[command] = found
    return expected


def comment_of(text: str) -> str:
    """The comment lines that open an expectation file (kept when it is regenerated)."""
    head = text.split("\n== ", 1)[0] if not text.startswith("== ") else ""
    return "".join(line + "\n" for line in head.splitlines() if line.startswith("#"))


def render_expectation(comment: str, actual: dict[str, tuple[int, str]]) -> str:
    """An expectation file for ``actual``: the most common outcome as ``all``, the others by name."""
    groups: dict[tuple[int, str], list[str]] = {}
    for command, outcome in actual.items():
        groups.setdefault(outcome, []).append(command)
    ordered = sorted(groups.items(), key=lambda item: -len(item[1]))  # stable: command order on ties
    shared = len(ordered[0][1]) > 1  # "all" only when at least two commands agree
    lines = [comment]
    for index, ((code, output), names) in enumerate(ordered):
        lines.append(f"== {'all' if index == 0 and shared else ', '.join(names)}: exit {code}\n")
        lines.append(output)
    return "".join(lines)


def chain(depth: int) -> dict[str, object]:
    """A valid map whose thesis has one line of ``depth`` claims, then a piece of evidence."""
    node: dict[str, object] = {"id": "leaf", "kind": "evidence", "type": "event", "text": "The bottom."}
    for level in range(depth, 0, -1):
        node = {"id": f"c{level}", "kind": "claim", "text": f"Level {level}.", "children": [node]}
    return {
        "source": {"authors": ["Ann Author"]},
        "thesis": {"id": "thesis", "text": "Top.", "children": [node]},
    }


def write_json(path: Path, data: object) -> Path:
    """``data`` as JSON at ``path``, through argmap's writer: no recursion, any depth."""
    from argmap.formats.json_format import dumps

    path.write_text(dumps(data) + "\n", encoding="utf-8")
    return path
