"""`argmap check` as a user runs it: flagship maps, formats, exit codes, options."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from conftest import ARGUMENTS, FIXTURES, FLAGSHIP_MAPS, ROOT, SOURCES

FLAGSHIPS = FLAGSHIP_MAPS
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


@pytest.mark.parametrize("command", ["check", "matrix"])
@pytest.mark.parametrize("folder", ["empty", "x.yaml", "only-vocabulary"])
def test_a_path_with_no_map_is_bad_input(command: str, folder: str, tmp_path: Path) -> None:
    """An empty folder, a folder named like a map, a folder holding only questions.yaml: exit 2, not '0 checked'."""
    from hostile_support import run_main

    path = tmp_path / folder
    path.mkdir()
    if folder == "only-vocabulary":
        (path / "questions.yaml").write_text("questions: []\n", encoding="utf-8")
    result = run_main([command, str(path)])
    assert result.exit == 2
    assert result.stdout == ""
    assert result.stderr == f"no map files under {path}\n"


def test_a_path_with_no_map_among_others_is_still_bad_input(tmp_path: Path) -> None:
    """One empty folder among good paths is named, and nothing is checked."""
    from hostile_support import run_main

    (tmp_path / "empty").mkdir()
    empty = tmp_path / "empty"
    result = run_main(["check", str(FIXTURES / "pair"), str(empty)])
    assert (result.exit, result.stdout, result.stderr) == (2, "", f"no map files under {empty}\n")


@pytest.mark.parametrize("command", ["check", "matrix"])
def test_ctrl_c_exits_130(command: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """KeyboardInterrupt ends a command with 130 (128 + SIGINT), never 1, which means findings."""
    from hostile_support import run_main

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("argmap.check.check_paths", interrupted)
    monkeypatch.setattr("argmap.batch.load_documents", interrupted)
    result = run_main([command, str(FIXTURES / "pair")])
    assert result.exit == 130
    assert result.stdout == ""
    assert "Traceback" not in result.stderr


def test_summary_counts_maps_apart_from_the_vocabulary_and_says_quotes_checked(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    """The summary counts maps (the vocabulary is named apart) and quotes checked, found or not."""
    folder = tmp_path / "maps"
    folder.mkdir()
    (folder / "questions.yaml").write_text("questions: []\n", encoding="utf-8")
    (folder / "article.txt").write_text("The first quote is here.\n", encoding="utf-8")
    (folder / "map.yaml").write_text(
        "source:\n  authors: [Ann Author]\n  text: article.txt\n"
        "thesis:\n  id: thesis\n  text: T.\n  quote: The first quote is here.\n  children:\n"
        "    - id: e\n      kind: evidence\n      type: event\n      text: E.\n      quote: Not in the article.\n",
        encoding="utf-8",
    )
    result = run("check", str(folder))
    assert result.exit_code == 1  # the second quote is not in the article
    assert result.stderr.splitlines()[-1] == (
        "1 map and 1 vocabulary checked: 0 invalid, 1 errors, 0 warnings; 2 quotes checked"
    )
    result = run("check", str(folder / "map.yaml"))
    last = result.stderr.splitlines()[-1]
    assert last == "1 map checked: 0 invalid, 1 errors, 0 warnings; 2 quotes checked"
    summary = json.loads(run("check", "--format", "json", str(folder)).stdout)["summary"]
    counts = {key: summary[key] for key in ("files", "maps", "vocabularies", "quotes_checked")}
    assert counts == {"files": 2, "maps": 1, "vocabularies": 1, "quotes_checked": 2}


def test_format_help_names_csv_only_where_csv_is_accepted(run: Callable[..., Result]) -> None:
    """--format's help says csv for matrix, which takes it, and not for check, show or compare."""
    for command in ("check", "show", "compare"):
        assert "csv" not in run(command, "--help").stdout, command
    assert "csv" in run("matrix", "--help").stdout


def test_summary_counts_invalid_files_not_their_problems(run: Callable[..., Result], tmp_path: Path) -> None:
    """A file with three problems is one invalid file; the JSON keeps both counts."""
    (tmp_path / "bad.yaml").write_text("source: {}\nthesis: {id: t}\nextra: 1\n", encoding="utf-8")
    result = run("check", str(tmp_path / "bad.yaml"))
    assert result.exit_code == 2
    problems = [
        line for line in result.stdout.splitlines() + result.stderr.splitlines() if "bad.yaml:" in line
    ]
    assert len(problems) >= 3
    assert result.stderr.splitlines()[-1].startswith("1 map checked: 1 invalid, ")
    summary = json.loads(run("check", "--format", "json", str(tmp_path / "bad.yaml")).stdout)["summary"]
    assert (summary["invalid_files"], summary["invalid"]) == (1, len(problems))
