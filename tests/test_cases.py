"""Data-driven cases: each file under tests/cases/<group>/ is checked, and the exact output
and exit code are compared with its sidecar ``.expect`` file (first line: ``exit N``).

Regenerate with ARGMAP_UPDATE_GOLDEN=1 and review every changed line.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from conftest import ROOT, UPDATE_GOLDEN

CASES = ROOT / "tests" / "cases"
GROUPS = {
    # group: extra arguments for `argmap check`
    "load": ["-q"],
    "lint": ["-q", "--fail-on", "warning"],
}
CASE_SUFFIXES = {".yaml", ".yml", ".json"}


def _cases() -> list[tuple[str, Path]]:
    found = []
    for group in GROUPS:
        for path in sorted((CASES / group).iterdir()):
            if path.suffix in CASE_SUFFIXES and path.stem != "questions":
                found.append((group, path))
    return found


@pytest.mark.parametrize(("group", "case"), _cases(), ids=lambda value: getattr(value, "name", value))
def test_case_output_and_exit_code(
    group: str, case: Path, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each case file yields exactly the lines and exit code its .expect file records."""
    monkeypatch.chdir(ROOT)
    relative = case.relative_to(ROOT).as_posix()
    result = run("check", *GROUPS[group], relative)
    actual = f"exit {result.exit_code}\n" + result.stdout + result.stderr
    expect = case.with_suffix(case.suffix + ".expect")
    if UPDATE_GOLDEN or not expect.exists():
        expect.write_text(actual, encoding="utf-8")
        if not UPDATE_GOLDEN:
            pytest.fail(f"{expect.name} did not exist; written now, review and commit it")
    assert actual == expect.read_text(encoding="utf-8")
    assert "Traceback" not in actual
