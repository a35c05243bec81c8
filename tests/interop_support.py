"""Finding the third-party tools the interop tests run, and the rule for when they are missing.

A developer without node, npm or arguebuf sees the interop tests skipped with the reason
and the command that installs the tools; under CI (the ``CI`` variable set) a missing
tool fails the test instead, so that CI can never pass without running them.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import NoReturn

import pytest

from conftest import FLAGSHIP_MAPS, ROOT

INSTALL = "scripts/install-interop.sh"
ARGDOWN_BIN = ROOT / ".cache" / "argdown" / "node_modules" / ".bin" / "argdown"
CORPORA = ROOT.parent / "shared" / "corpora" / "aif"


def unavailable(reason: str) -> NoReturn:
    """Skip the test, or fail it under CI, where every interop test must run."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI must run the interop tests; {INSTALL} installs what they need)")
    pytest.skip(f"{reason}; run {INSTALL} to install it")


def argdown_command() -> list[str]:
    """The Argdown CLI, as a command line, or skip (fail under CI) saying what is missing."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        unavailable("node or npm is not installed, so the Argdown CLI cannot run")
    if not ARGDOWN_BIN.exists():
        unavailable(f"@argdown/cli is not installed in {ARGDOWN_BIN.parent.parent.parent}")
    return [str(ARGDOWN_BIN)]


def flagship_maps() -> list[Path]:
    """The maps in arguments/ (none before the flagship maps are written)."""
    return list(FLAGSHIP_MAPS)


def corpus_files() -> list[Path]:
    """The shared AIF corpus files beside the repository, for parametrize.

    When there are none, the folder itself stands in, so that the test runs and
    :func:`require_corpus` skips it (or fails it under CI) instead of it vanishing.
    """
    return sorted(CORPORA.glob("*.json")) or [CORPORA]


def require_corpus(path: Path) -> Path:
    if not path.is_file():
        unavailable(f"no AIF corpus files in {CORPORA}")
    return path
