"""Exporters: golden output per format, escaping, depth, the registry and the export command."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from argmap.cli import export_cmd
from argmap.errors import UsageError
from argmap.formats import argdown, markdown
from argmap.formats.argdown_escape import data_block, escape_text, quote_yaml
from argmap.formats.markdown_escape import inline
from argmap.formats.registry import EXPORTERS, IMPORTERS, exporter, importer
from argmap.loader import load_document, load_vocabulary
from argmap.model import ArgumentMap, Claim, Source, Thesis
from conftest import FIXTURES, assert_golden

FEATURES = FIXTURES / "interchange" / "features.yaml"


@pytest.mark.parametrize("name", sorted(EXPORTERS))
def test_export_matches_golden_file(name: str) -> None:
    """Each format's export of the feature fixture is exactly the reviewed golden file."""
    chosen = EXPORTERS[name]
    vocabulary = (
        load_vocabulary(FEATURES.parent / "questions.yaml").vocabulary if chosen.uses_vocabulary else None
    )
    assert_golden(
        f"export/features-{name}{chosen.suffix}", chosen.export(load_document(FEATURES).map, vocabulary)
    )


def test_registry_lists_every_format_once_with_its_suffix() -> None:
    """The registry holds four exporters and the AIF importer, and the CLI offers exactly those."""
    assert set(EXPORTERS) == {"argdown", "aif", "json", "markdown"} == set(export_cmd.FORMATS)
    assert {name: item.suffix for name, item in EXPORTERS.items()} == {
        "argdown": ".argdown",
        "aif": ".json",
        "json": ".json",
        "markdown": ".md",
    }
    assert set(IMPORTERS) == {"aif"}
    with pytest.raises(UsageError, match="one of argdown, aif, json, markdown"):
        exporter("dot")
    with pytest.raises(UsageError, match="one of aif"):
        importer("argdown")


def _chain(depth: int) -> ArgumentMap:
    node = Claim(id=f"n{depth}", text="x")
    for level in range(depth - 1, 0, -1):
        node = Claim(id=f"n{level}", text="x", children=[node])
    return ArgumentMap(source=Source(authors=["A"]), thesis=Thesis(id="t", text="top", children=[node]))


@pytest.mark.parametrize("name", sorted(EXPORTERS))
def test_ten_thousand_deep_tree_exports_in_linear_size(name: str) -> None:
    """No exporter recurses or indents without bound: a 10,000-deep chain exports in a few MB."""
    text = EXPORTERS[name].export(_chain(10_000), None)
    assert len(text) < 1_500 * 10_000
    assert "n10000" in text


def test_argdown_nesting_continues_in_new_blocks_past_the_limit() -> None:
    """Past MAX_NESTING levels a node is referenced in place and defined in its own block."""
    text = argdown.export(_chain(argdown.MAX_NESTING + 3))
    deep = f"n{argdown.MAX_NESTING + 1}"
    assert f"\n{'  ' * (argdown.MAX_NESTING + 1)}+ [{deep}]\n" in text
    assert f"\n[{deep}]: x #claim\n" in text


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        (" lead", "\\ lead"),
        ("tab\there", "tab\\\there"),
        ("a,  b", "a\\,  b"),
        ("a, b", "a, b"),
        ("end. ", "end\\. "),
        ("x.A.y", "x\\.A\\.y"),
        ("a // b /* c", "a \\// b \\/\\* c"),
        ("=== front", "\\=\\=\\= front"),
        ("a = b", "a = b"),
        ("#tag [t] <a> {d} *e* _u_ \\", "\\#tag \\[t] \\<a> \\{d\\} \\*e\\* \\_u\\_ \\\\"),
        ("two\nlines", "two lines"),
    ],
)
def test_argdown_escapes_what_would_change_the_text(text: str, escaped: str) -> None:
    """Tokens, skipped spaces and shortcodes are escaped; plain punctuation followed by one space is not."""
    assert escape_text(text) == escaped


def test_argdown_data_and_front_matter_strings_are_quoted() -> None:
    """Data blocks quote every value and hide braces, '=' and invisible characters from Argdown's lexer."""
    assert (
        data_block({"note": "} x {", "actors": ["a", "b"]}) == '{note: "\\x7d x \\x7b", actors: ["a", "b"]}'
    )
    assert data_block({}) == ""
    assert quote_yaml("===\u202e") == '"\\x3d\\x3d\\x3d\\u202e"'


def test_argdown_marks_thesis_tags_evidence_and_writes_undercut_targets_as_arguments() -> None:
    """The thesis is first and tagged; evidence carries its type; undercut targets are <arguments>."""
    text = argdown.export(load_document(FEATURES).map)
    body = text.split("===\n\n", 1)[1]
    assert body.startswith("[thesis]: The city should build a tram network. #thesis {question:")
    assert "+ [survey]: A survey counted fewer cars on tram routes. #evidence #statistic {" in text
    assert "+ <traffic>: " in text
    assert "_ [induced]: " in text
    assert "_> <traffic>" in text
    assert "+> [air]" in text
    assert "-> [air]" in text


def test_markdown_escapes_markup_and_shows_invisible_characters() -> None:
    """Map text cannot open emphasis, links, HTML, tables or headings, nor hide behind bidi controls."""
    assert inline("*a* [b](c) <i> & | ~ $ #") == "\\*a\\* \\[b\\](c) \\<i\\> \\& \\| \\~ \\$ \\#"
    assert inline("x\u202ey") == "x\\\\u202ey"
    assert inline("one\n- two\n3. three", "  ") == "one\\\n  \\- two\\\n  3\\. three"


def test_markdown_uses_vocabulary_wording_when_given() -> None:
    """With a vocabulary, questions show their wording and positions their label; without, their ids."""
    argument_map = load_document(FEATURES).map
    vocabulary = load_vocabulary(FEATURES.parent / "questions.yaml").vocabulary
    assert "*Question:* How should the city move people? · *Position:* trams" in markdown.export(
        argument_map, vocabulary
    )
    assert "*Question:* `transport` · *Position:* `tram`" in markdown.export(argument_map)


def test_markdown_caps_list_nesting_and_says_the_level() -> None:
    """Items deeper than MAX_NESTING stay at that indentation and name their level."""
    text = markdown.export(_chain(markdown.MAX_NESTING + 2))
    last = text.rstrip("\n").splitlines()[-1]
    assert last.startswith(
        "  " * (markdown.MAX_NESTING - 1) + f"- (level {markdown.MAX_NESTING + 2}) **Claim**"
    )


def test_export_command_writes_stdout_and_files(run: Callable[..., Result], tmp_path: Path) -> None:
    """'export --to json' prints the map as JSON; '-o' writes the same text to a file."""
    printed = run("export", str(FEATURES), "--to", "json")
    assert printed.exit_code == 0
    assert json.loads(printed.stdout)["thesis"]["id"] == "thesis"
    target = tmp_path / "features.argdown"
    written = run("export", str(FEATURES), "--to", "argdown", "-o", str(target))
    assert written.exit_code == 0, written.output
    assert target.read_text(encoding="utf-8") == argdown.export(load_document(FEATURES).map)


def test_exported_json_is_a_map_that_passes_check(run: Callable[..., Result], tmp_path: Path) -> None:
    """A JSON export is itself a valid map file."""
    target = tmp_path / "features.json"
    assert run("export", str(FEATURES), "--to", "json", "-o", str(target)).exit_code == 0
    (tmp_path / "questions.yaml").write_text((FEATURES.parent / "questions.yaml").read_text())
    checked = run("check", str(target), "--fail-on", "error")
    assert checked.exit_code == 0, checked.output


def test_export_refuses_to_overwrite_the_map(run: Callable[..., Result], tmp_path: Path) -> None:
    """-o naming the map being exported is a usage error, and the map is left as it was."""
    copy = tmp_path / "map.yaml"
    copy.write_text(FEATURES.read_text(encoding="utf-8"), encoding="utf-8")
    result = run("export", str(copy), "--to", "json", "-o", str(copy))
    assert result.exit_code == 2
    assert "is an input of this command" in result.stderr
    assert copy.read_text(encoding="utf-8") == FEATURES.read_text(encoding="utf-8")


def test_export_rejects_unknown_format_and_bad_map(run: Callable[..., Result], tmp_path: Path) -> None:
    """An unknown --to is a usage error; an invalid map gives the loader's located error."""
    assert run("export", str(FEATURES), "--to", "dot").exit_code == 2
    bad = tmp_path / "bad.yaml"
    bad.write_text("source: {authors: [A]}\nthesis: {id: t}\n", encoding="utf-8")
    result = run("export", str(bad), "--to", "argdown")
    assert result.exit_code == 2
    assert "bad.yaml:2" in result.stderr


@pytest.mark.parametrize("command", ["export", "import"])
def test_interchange_help_does_not_import_pydantic(command: str) -> None:
    """'argmap export --help' and 'argmap import --help' stay fast: no pydantic, no formats."""
    code = (
        "import sys\nfrom argmap.cli import main\n"
        f"try:\n    main(['{command}', '--help'])\nexcept SystemExit:\n    pass\n"
        "print('pydantic' in sys.modules, 'argmap.formats' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip().splitlines()[-1] == "False False"
