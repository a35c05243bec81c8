"""No map leaks a file through ``check``, and no quote makes it stall (issue 12, items 1 and 3).

Item 1: a map's ``source.text`` is read only from the map's folder or below, a ``--text``
folder, a folder of ``ARGMAP_TEXT_ROOTS`` or of the project's ``argmap.toml`` (found from the
working folder, never beside the maps). A refusal is one line naming the map, the field and
the path, and never any of the file's content; ``import`` leaves out paths that lead out
of the map's folder.

Item 3: the closest-passage search is near-linear in the article and bounded by a work
budget. No test measures wall time: work is counted (characters and words compared by
``difflib``), or a whole command runs in a subprocess with a timeout many times what the
fixed code needs (the old code took 77 s on the 400-word quote, and minutes on the others).
"""

from __future__ import annotations

import difflib
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import ARGUMENTS, ROOT, SOURCES
from hostile_support import run_main, write_json

SECRET = "tok-DO-NOT-PRINT-4f2a9c"
ENV_FILE = f"# settings\nAPI_TOKEN={SECRET}\nDATABASE_PASSWORD=pw-DO-NOT-PRINT-77b1\n"
JOSCELYN = "joscelyn-2020-most-dangerous-alliance"
needs_sources = pytest.mark.skipif(not SOURCES.is_dir(), reason="../shared/sources is not beside the repo")
TIMEOUT = 20
"""Seconds for one whole command: the fixed code needs well under one, the old took 77 s and more."""


def _map(text: str, *quotes: str) -> str:
    children = "".join(
        f"    - id: c{index}\n      kind: evidence\n      type: statement\n      text: Evidence {index}.\n"
        f"      quote: {json.dumps(quote)}\n"
        for index, quote in enumerate(quotes[1:])
    )
    return (
        f"source:\n  authors: [Ann Author]\n  text: {json.dumps(text)}\n"
        f"thesis:\n  id: thesis\n  text: A thesis.\n  quote: {json.dumps(quotes[0])}\n"
        + ("  children:\n" + children if children else "")
    )


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder (a repository of its own, so no argmap.toml above it counts) and a secrets file beside it."""
    work = tmp_path / "work"
    (work / ".git").mkdir(parents=True)
    (work / "maps").mkdir()
    (tmp_path / "private").mkdir()
    (tmp_path / "private" / "secrets.env").write_text(ENV_FILE, encoding="utf-8")
    monkeypatch.chdir(work)
    monkeypatch.delenv("ARGMAP_TEXT_ROOTS", raising=False)
    return work


def _outside_line(map_path: str, shown: str) -> str:
    return (
        f"{map_path}:3:9: warning: source.text: article text {shown} is outside the folders check "
        "reads articles from (the map's own folder and below, --text DIR, ARGMAP_TEXT_ROOTS, "
        "argmap.toml; no hidden files); quotes were not verified [article-outside]\n"
    )


# --------------------------------------------------------------------------- item 1: no leaks


@pytest.mark.parametrize("how", ["climbing", "absolute", "link to the file", "link to its folder", "hidden"])
def test_article_outside_the_maps_folder_is_refused_without_content(project: Path, how: str) -> None:
    """A path leading out of the map's folder, by .., by an absolute path or by a link, is one line and none of the file."""
    secrets = project.parent / "private" / "secrets.env"
    text = {
        "climbing": "../../private/secrets.env",
        "absolute": str(secrets),
        "link to the file": "article.txt",
        "link to its folder": "texts/secrets.env",
        "hidden": ".env",
    }[how]
    if how == "link to the file":
        (project / "maps" / "article.txt").symlink_to(secrets)
    if how == "link to its folder":
        (project / "maps" / "texts").symlink_to(secrets.parent)
    if how == "hidden":  # beside the map, in its own folder: still a secrets file, not an article
        shutil.copy(secrets, project / "maps" / ".env")
    (project / "maps" / "map.yaml").write_text(_map(text, "API_TOKEN=a guess"), encoding="utf-8")
    shown = text if how == "absolute" else f"maps/{text}"
    for args in (["check", "-q", "maps/map.yaml"], ["check", "-q", "maps"]):
        result = run_main(args)
        assert (result.exit, result.output) == (0, _outside_line("maps/map.yaml", shown))
    as_json = run_main(["check", "--format", "json", "maps"])
    assert "article-outside" in as_json.stdout
    assert "DO-NOT-PRINT" not in as_json.output


def test_a_refusal_does_not_tell_whether_the_file_exists(project: Path) -> None:
    """A file outside that exists and one that does not get the same line: no probing of other folders."""
    for name in ("secrets.env", "no-such-file.env"):
        (project / "maps" / "map.yaml").write_text(_map(f"../../private/{name}", "x y z"), encoding="utf-8")
        result = run_main(["check", "-q", "maps/map.yaml"])
        assert result.output == _outside_line("maps/map.yaml", f"maps/../../private/{name}")


def test_text_folder_variable_and_project_settings_allow_a_folder(project: Path) -> None:
    """--text DIR, ARGMAP_TEXT_ROOTS and argmap.toml's [check] text_roots each let maps name articles there."""
    private = project.parent / "private"
    (private / "article.txt").write_text("The words of the article.\n", encoding="utf-8")
    (project / "maps" / "map.yaml").write_text(
        _map("../../private/article.txt", "words of the article"), encoding="utf-8"
    )
    clean = (0, "")
    assert "[article-outside]" in run_main(["check", "-q", "maps"]).output
    result = run_main(["check", "-q", "--text", str(private), "maps"])
    assert (result.exit, result.output) == clean
    result = run_main(
        ["check", "-q", "maps"], env={"ARGMAP_TEXT_ROOTS": os.pathsep.join(["/nowhere", "../private"])}
    )
    assert (result.exit, result.output) == clean
    (project / "argmap.toml").write_text('[check]\ntext_roots = ["../private"]\n', encoding="utf-8")
    result = run_main(["check", "-q", "maps"])
    assert (result.exit, result.output) == clean
    # Found from a folder below too, as long as it is in the same repository.
    os.chdir(project / "maps")
    result = run_main(["check", "-q", "map.yaml"])
    assert (result.exit, result.output) == clean


def test_settings_that_come_with_the_maps_are_not_trusted(project: Path, tmp_path: Path) -> None:
    """An argmap.toml beside a stranger's maps cannot widen the folders: only the working folder's counts."""
    stranger = tmp_path / "downloads" / "stranger"
    stranger.mkdir(parents=True)
    (stranger / "argmap.toml").write_text('[check]\ntext_roots = ["/"]\n', encoding="utf-8")
    (stranger / "questions.yaml").write_text('text_roots: ["/"]\n', encoding="utf-8")
    (stranger / "map.yaml").write_text(
        _map(str(tmp_path / "private" / "secrets.env"), "API_TOKEN=a guess"), encoding="utf-8"
    )
    result = run_main(["check", "-q", str(stranger / "map.yaml")])
    assert "article-outside" in result.output
    assert "DO-NOT-PRINT" not in result.output


def test_a_broken_settings_file_is_one_line(project: Path) -> None:
    """argmap.toml that is not TOML, or whose text_roots is not a list of names: exit 2, one line."""
    (project / "maps" / "map.yaml").write_text(_map("article.txt", "x"), encoding="utf-8")
    for content, message in (
        ("[check\n", "argmap.toml: not valid TOML: "),
        ("[check]\ntext_roots = '/'\n", "argmap.toml: [check] text_roots must be a list of folder names"),
    ):
        (project / "argmap.toml").write_text(content, encoding="utf-8")
        result = run_main(["check", "-q", "maps"])
        assert result.exit == 2
        assert result.output.startswith(message)
        assert result.output.count("\n") == 1


def test_an_article_above_the_size_limit_is_refused_before_it_is_read(project: Path) -> None:
    """A 9 MiB article text (sparse: no disk) is refused by its size, not read and searched."""
    with (project / "maps" / "huge.txt").open("wb") as handle:
        handle.truncate(9 * 2**20)
    (project / "maps" / "map.yaml").write_text(_map("huge.txt", "x"), encoding="utf-8")
    result = run_main(["check", "-q", "maps"])
    assert result.output == (
        "maps/map.yaml:3:9: warning: source.text: article text maps/huge.txt is 9.0 MiB; article texts "
        "larger than 8 MiB are refused; quotes were not verified [missing-article]\n"
    )


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_device_is_refused_even_in_a_named_folder(project: Path) -> None:
    """--text /dev allows the folder, still only regular files are read: /dev/zero is one line, no hang."""
    (project / "maps" / "map.yaml").write_text(_map("/dev/zero", "x"), encoding="utf-8")
    result = run_main(["check", "-q", "--text", "/dev", "maps"])
    assert result.output == (
        "maps/map.yaml:3:9: warning: source.text: article text /dev/zero is not a regular file "
        "(a device, a pipe or a socket); quotes were not verified [missing-article]\n"
    )


def test_only_one_text_file_may_replace_the_maps_own(project: Path) -> None:
    """--text FILE twice is a usage error: one line, exit 2."""
    (project / "maps" / "a.txt").write_text("a\n", encoding="utf-8")
    result = run_main(["check", "--text", "maps/a.txt", "--text", "maps/a.txt", "maps"])
    assert (result.exit, result.output) == (
        2,
        "--text maps/a.txt: only one article file may replace the maps' own\n",
    )


@needs_sources
def test_flagship_maps_check_from_anywhere_with_their_sources_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Outside the project (no argmap.toml), the flagship articles are refused, and --text ../shared/sources allows them."""
    monkeypatch.chdir(tmp_path)
    refused = run_main(["check", "-q", str(ARGUMENTS)])
    assert refused.output.count("[article-outside]") == 2
    allowed = run_main(["check", "--format", "json", "--text", str(SOURCES), str(ARGUMENTS)])
    summary = json.loads(allowed.stdout)["summary"]
    assert (allowed.exit, summary["errors"], summary["quotes_checked"]) == (0, 0, 171)


def test_import_leaves_out_paths_leading_out_of_the_maps_folder(tmp_path: Path) -> None:
    """An AIF file's argmap data naming /etc/passwd or ../ paths: the map is written without them, and says so."""
    case = ROOT / "tests" / "cases" / "hostile" / "paths" / "aif-outside-paths.json"
    result = run_main(["import", str(case), "-o", str(tmp_path / "map.yaml")])
    written = (tmp_path / "map.yaml").read_text(encoding="utf-8")
    assert result.exit == 0
    assert "passwd" not in written
    assert "vocabulary" not in written
    assert "/etc/passwd', outside the map's own folder; it was left out" in result.stderr
    # Paths inside the map's folder are kept as they are.
    graph = json.loads(case.read_text(encoding="utf-8"))
    graph["argmap"]["vocabulary"] = "questions.yaml"
    graph["argmap"]["source"]["text"] = "texts/article.txt"
    inside = tmp_path / "inside.json"
    inside.write_text(json.dumps(graph), encoding="utf-8")
    result = run_main(["import", str(inside), "-o", str(tmp_path / "inside.yaml")])
    written = (tmp_path / "inside.yaml").read_text(encoding="utf-8")
    assert (result.exit, result.stderr) == (0, "")
    assert "vocabulary: questions.yaml\n" in written
    assert "text: texts/article.txt\n" in written


# --------------------------------------------------------------------------- item 3: no stalls


def _article_words() -> list[str]:
    return (SOURCES / f"{JOSCELYN}.txt").read_text(encoding="utf-8").split()


def _wrong_passages(count: int, length: int) -> list[str]:
    """``count`` passages of the article of ``length`` words, every tenth word changed: each a quote not found."""
    words = _article_words()
    quotes = []
    for index in range(count):
        start = (index * 397) % (len(words) - length)
        passage = words[start : start + length]
        passage[::10] = ["zqx"] * len(passage[::10])
        quotes.append(" ".join(passage))
    return quotes


def _argmap(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """``argmap ARGS`` in a process of its own, stopped after :data:`TIMEOUT` seconds."""
    environment = {**os.environ, "NO_COLOR": "1", "COLUMNS": "80"}
    environment.pop("ARGMAP_DEBUG", None)
    try:
        return subprocess.run(
            [sys.executable, "-m", "argmap", *map(str, args)],
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            env=environment,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"argmap {' '.join(map(str, args))} took longer than {TIMEOUT} s")


@needs_sources
@pytest.mark.parametrize(("count", "length"), [(1, 400), (10, 200)], ids=["one 400-word", "ten 200-word"])
def test_long_wrong_quotes_are_checked_in_bounded_time(tmp_path: Path, count: int, length: int) -> None:
    """Wrong quotes of hundreds of words each get a closest passage, within seconds (took 77 s and over 300 s)."""
    shutil.copy(SOURCES / f"{JOSCELYN}.txt", tmp_path / "article.txt")
    (tmp_path / "map.yaml").write_text(_map("article.txt", *_wrong_passages(count, length)), encoding="utf-8")
    done = _argmap("check", "-q", tmp_path / "map.yaml")
    assert done.returncode == 1, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == count
    assert all("quote not found in the article; closest passage (" in line for line in lines)


@pytest.fixture
def compared() -> Iterator[list[int]]:
    """Work counter: ``len(a) * len(b)`` of every ``difflib`` comparison, what its cost is bounded by."""
    work: list[int] = []
    ratio = difflib.SequenceMatcher.ratio

    def counting(self: difflib.SequenceMatcher[str]) -> float:
        work.append(len(self.a) * len(self.b))
        return ratio(self)

    difflib.SequenceMatcher.ratio = counting  # type: ignore[method-assign]
    try:
        yield work
    finally:
        difflib.SequenceMatcher.ratio = ratio  # type: ignore[method-assign]


def _every_quote_wrong(folder: Path) -> list[str]:
    """The flagship maps in ``folder`` as JSON, every quote with a word added in its middle; the original quotes."""
    from argmap.reading import parse

    originals = []
    for path in sorted(ARGUMENTS.glob("*-*.yaml")):
        data, _ = parse(path.read_text(encoding="utf-8"), str(path), ".yaml")
        data["source"]["text"] = f"{path.stem}.txt"
        stack = [data["thesis"]]
        while stack:
            node = stack.pop()
            stack.extend(node.get("children", []))
            if "quote" in node:
                quote = node["quote"]
                originals.append(quote)
                middle = quote.find(" ", len(quote) // 2)
                node["quote"] = quote[:middle] + " zqx" + quote[middle:] if middle > 0 else quote + " zqx"
        write_json(folder / f"{path.stem}.json", data)
        shutil.copy(SOURCES / f"{path.stem}.txt", folder)
    shutil.copy(ARGUMENTS / "questions.yaml", folder)
    return originals


@needs_sources
def test_flagship_check_with_every_quote_wrong_does_bounded_work(tmp_path: Path, compared: list[int]) -> None:
    """171 near-miss quotes: each gets the passage it was taken from, for a few hundred small comparisons each.

    The old search compared every window of the article with each quote, character by
    character: 4.1 × 10⁸ units of difflib work for these maps (10 s); the new one needs
    1.1 × 10⁷ (0.3 s), and compares no more when the article is longer.
    """
    from argmap.check import check_paths
    from argmap.provenance import normalise

    originals = _every_quote_wrong(tmp_path)
    report = check_paths([tmp_path])
    misses = [finding for finding in report.findings if finding.code == "quote-not-found"]
    assert len(misses) == len(originals) == 171
    passages = [re.search(r'closest passage \(\d+% alike\): "(.*)"$', f.message) for f in misses]
    assert all(passages)
    # The passage a quote came from is what the search finds, for all but a handful of them.
    wanted = {normalise(quote).strip(" .").lower() for quote in originals}
    recovered = sum(
        any(quote in normalise(found.group(1)).lower() for quote in wanted) for found in passages if found
    )
    assert recovered >= 165
    assert sum(compared) < 2 * 10**7


def test_closest_passage_work_does_not_grow_with_the_article(compared: list[int]) -> None:
    """The same wrong quote in an article 1 and 64 times as long: the difflib work stays the same."""
    from argmap.provenance import Article

    sentence = "Beijing and Moscow vote together at the Security Council on every resolution. "
    filler = "Other words fill the rest of this long article about trade and weather. "
    quote = "Beijing and Moscow vote together on each Security Council resolution"
    work = []
    for copies in (1, 64):
        compared.clear()
        match = Article((filler * copies) + sentence + (filler * copies)).match(quote)
        assert match.closest is not None
        assert match.closest.startswith("Beijing and Moscow vote together")
        work.append(sum(compared))
    assert work[1] <= work[0] * 1.5


def test_quote_look_ups_stop_at_their_budgets() -> None:
    """Past the closest-passage budget, misses come without a passage; past the scanning budget, unverified."""
    from argmap.provenance import CLOSEST_MAX_WORDS, Article, SearchBudget

    text = "China and Russia's budding relationship is still primarily transactional."
    assert (
        Article(text, SearchBudget(units=10**6)).match("budding relationship is mainly transactional").closest
    )
    spent = Article(text, SearchBudget(units=0)).match("budding relationship is mainly transactional")
    assert (spent.found, spent.closest, spent.verified) == (False, None, True)
    assert spent.unsearched == "the closest-passage search budget of this check is spent"
    too_long = Article(text).match("word " * (CLOSEST_MAX_WORDS + 1))
    assert (too_long.closest, too_long.unsearched) == (None, f"it is longer than {CLOSEST_MAX_WORDS} words")
    unverified = Article(text, SearchBudget(characters=0)).match("budding relationship")
    assert (unverified.found, unverified.verified) == (False, False)
