"""The rule for missing interop tools: skip on a developer's machine, fail under CI."""

from __future__ import annotations

import pytest

from interop_support import unavailable


def test_missing_tool_skips_outside_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without CI set, a missing tool skips the test and names the install script."""
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match=r"scripts/install-interop\.sh"):
        unavailable("node is not installed")


def test_missing_tool_fails_under_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    """With CI set, a missing tool fails the test, so CI cannot pass without running interop tests."""
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI must run the interop tests"):
        unavailable("node is not installed")
