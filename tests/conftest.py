"""Shared test helpers: paths, a CLI runner, and golden-file comparison."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOLDEN = Path(__file__).resolve().parent / "golden"
ARGUMENTS = ROOT / "arguments"
# Named, not globbed: a half-written map a user leaves in arguments/ is not test data.
FLAGSHIP_MAPS = [
    ARGUMENTS / "gabuev-2017-good-cop-bad-cop.yaml",
    ARGUMENTS / "joscelyn-2020-most-dangerous-alliance.yaml",
]
VOCABULARY = ARGUMENTS / "questions.yaml"
SOURCES = ROOT.parent / "shared" / "sources"
UPDATE_GOLDEN = os.environ.get("ARGMAP_UPDATE_GOLDEN") == "1"
LOCK = ROOT / "requirements" / "lock.txt"


def locked_version(package: str) -> str | None:
    """The version of ``package`` that requirements/lock.txt pins (what `make test` installs)."""
    match = re.search(
        rf"^{re.escape(package)}==([^\s;\\]+)", LOCK.read_text(encoding="utf-8"), re.MULTILINE | re.I
    )
    return match.group(1) if match else None


@pytest.fixture
def run() -> Callable[..., Result]:
    """Run the argmap CLI in-process, with colour off and a fixed width, as a user's pipe would."""
    from argmap.cli import cli

    def invoke(*args: str, input: str | bytes | None = None, env: dict[str, str] | None = None) -> Result:
        runner = CliRunner()
        environment = {"NO_COLOR": "1", "COLUMNS": "80", **(env or {})}
        return runner.invoke(cli, list(args), input=input, env=environment, catch_exceptions=False)

    return invoke


def assert_golden(name: str, actual: str) -> None:
    """Compare ``actual`` with tests/golden/NAME; ARGMAP_UPDATE_GOLDEN=1 rewrites it (review the diff)."""
    path = GOLDEN / name
    if UPDATE_GOLDEN or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        if not UPDATE_GOLDEN:
            pytest.fail(f"golden file {name} did not exist; written now, review and commit it")
    assert actual == path.read_text(encoding="utf-8"), f"output differs from tests/golden/{name}"
