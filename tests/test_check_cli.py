"""`argmap check` as a user runs it: flagship maps, formats, exit codes, options."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from conftest import ARGUMENTS, FIXTURES, ROOT, SOURCES

FLAGSHIPS = sorted(p for p in ARGUMENTS.glob("*.yaml") if p.name != "questions.yaml")
needs_sources = pytest.mark.skipif(not SOURCES.is_dir(), reason="../shared/sources is not beside the repo")


@needs_sources
def test_flagship_maps_check_clean_with_every_quote_verified(run: Callable[..., Result]) -> None:
    """Both flagship maps pass with no error and every quote anchor found in its article."""
    result = run("check", "--format", "json", str(ARGUMENTS))
    report = json.loads(result.stdout)
    assert result.exit_code == 0, result.stdout
    assert report["summary"]["invalid"] == 0
    assert report["summary"]["errors"] == 0
    quotes = 0
    for path in FLAGSHIPS:
        from argmap.loader import load_map

        quotes += sum(1 for node in load_map(path).nodes() if node.quote)
    assert report["summary"]["quotes_checked"] == quotes
    assert quotes >= 80


def test_flagship_maps_exist_and_name_their_texts() -> None:
    """There are two flagship maps, each naming its article text under ../shared/sources."""
    from argmap.loader import load_map

    assert [p.name for p in FLAGSHIPS] == [
        "gabuev-2017-good-cop-bad-cop.yaml",
        "joscelyn-2020-most-dangerous-alliance.yaml",
    ]
    for path in FLAGSHIPS:
        text = load_map(path).source.text
        assert text is not None
        assert (path.parent / text).resolve() == (SOURCES / (path.stem + ".txt")).resolve()


def test_default_path_is_the_arguments_folder(
    run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With no PATH, check reads arguments/ in the working folder."""
    monkeypatch.chdir(ROOT)
    result = run("check", "--format", "json")
    assert sorted(json.loads(result.stdout)["files"]) == sorted(
        ["arguments/questions.yaml", *(f"arguments/{p.name}" for p in FLAGSHIPS)]
    )


def test_no_default_folder_is_a_usage_error(
    run: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without PATH and without arguments/, check exits 2 with one line."""
    monkeypatch.chdir(tmp_path)
    result = run("check")
    assert result.exit_code == 2
    assert result.stderr == "no PATH given and there is no arguments/ folder here\n"


def test_warnings_fail_only_when_asked(run: Callable[..., Result]) -> None:
    """A warning exits 0 by default and 1 with --fail-on warning."""
    pair = str(FIXTURES / "pair")
    assert run("check", pair).exit_code == 0
    assert run("check", "--fail-on", "warning", pair).exit_code == 1
    assert run("check", "--fail-on", "never", "--text", __file__, pair).exit_code == 0


def test_json_findings_carry_location_and_code(run: Callable[..., Result]) -> None:
    """--format json lists each finding with file, line, column, severity, code and path."""
    result = run("check", "--format", "json", str(FIXTURES / "pair"))
    findings = json.loads(result.stdout)["findings"]
    assert findings == [
        {
            "file": str(FIXTURES / "pair" / "alpha.yaml"),
            "line": 45,
            "column": 7,
            "severity": "warning",
            "code": "unsupported-claim",
            "message": "claim 'lasting-bond' has no evidence beneath it",
            "path": "thesis.children[2]",
        }
    ]


def test_text_option_overrides_the_article(run: Callable[..., Result], tmp_path: Path) -> None:
    """--text verifies quotes against the given file, reporting the closest passage on a miss."""
    article = tmp_path / "article.txt"
    article.write_text("Nothing in this article matches the quotes of the flagship map.\n")
    result = run("check", "-q", "--text", str(article), str(FIXTURES / "pair"))
    assert result.exit_code == 0  # the pair has no quotes
    flagship = ARGUMENTS / "gabuev-2017-good-cop-bad-cop.yaml"
    result = run("check", "-q", "--text", str(article), str(flagship))
    assert result.exit_code == 1
    assert "quote not found in the article; closest passage" in result.stdout


def test_missing_text_option_file_is_usage_error(run: Callable[..., Result]) -> None:
    """--text naming a missing file exits 2."""
    result = run("check", "--text", "/no/such/article.txt", str(FIXTURES / "pair"))
    assert result.exit_code == 2
    assert result.stderr.strip() == "--text /no/such/article.txt: no such file"
