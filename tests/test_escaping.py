"""Map text cannot control a terminal, nor inject structure into DOT, SVG, Argdown, Markdown or JSON.

The maps of ``tests/cases/hostile/text/`` carry rich markup, ANSI and OSC sequences, C1
controls, bidirectional overrides, zero-width characters, wide text, DOT and HTML
metacharacters, ``</svg><script>``, Argdown and Markdown syntax and YAML-significant
words, in every field that reaches an output. Each test here proves one output safe.
"""

from __future__ import annotations

import html
import io
import json
import os
import pty
import re
import select
import shutil
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from rich.console import Console

from argmap.compare import compare
from argmap.formats import aif, argdown, json_format, markdown
from argmap.loader import Document, load_document, load_vocabulary
from argmap.matrix import matrix
from argmap.render.compare_view import comparison_view
from argmap.render.dot import comparison_to_dot, map_to_dot
from argmap.render.dot_escape import visible
from argmap.render.matrix_view import matrix_view
from argmap.render.terminal import map_tree
from argmap.sanitize import terminal_safe
from argmap.serialize import map_to_data
from conftest import FIXTURES, ROOT
from hostile_support import run_main

TEXT_CASES = sorted(
    path
    for path in (ROOT / "tests" / "cases" / "hostile" / "text").glob("*.yaml")
    if path.stem != "questions"
)
VOCABULARY = load_vocabulary(ROOT / "tests" / "cases" / "hostile" / "text" / "questions.yaml").vocabulary
PARTNER = load_document(FIXTURES / "hostile" / "partner.yaml")
SGR = re.compile(r"\x1b\[[0-9;]*m")
ids = [path.stem for path in TEXT_CASES]


def _terminal_unsafe(text: str) -> list[str]:
    """Characters that would act on a terminal or hide text: controls (but line ends) and format characters."""
    text = SGR.sub("", text)  # the colours rich itself writes
    return sorted(
        {
            char
            for char in text
            if char != "\n" and unicodedata.category(char) in ("Cc", "Cf", "Co", "Cs", "Zl", "Zp")
        }
    )


def _printed(renderable: object, width: int = 80) -> str:
    out = io.StringIO()
    Console(file=out, width=width, force_terminal=True, color_system="truecolor").print(renderable)
    return out.getvalue()


@pytest.fixture(params=TEXT_CASES, ids=ids)
def document(request: pytest.FixtureRequest) -> Document:
    """One map of hostile text, loaded."""
    path: Path = request.param
    return load_document(path)


# --------------------------------------------------------------------------- terminal


@pytest.mark.parametrize("width", [80, 160])
def test_terminal_views_send_no_control_characters(document: Document, width: int) -> None:
    """show, compare and matrix, printed in colour to a terminal, hold no character but text, line ends and SGR colours."""
    comparison = compare(document, PARTNER, VOCABULARY)
    for view in (
        map_tree(document, quotes=True, ids=True, vocabulary=VOCABULARY),
        comparison_view(comparison, width),
        matrix_view(matrix([document, PARTNER], VOCABULARY)),
        matrix_view(matrix([document, PARTNER], VOCABULARY), 30),  # the tally of many authors
    ):
        printed = _printed(view, width)
        assert _terminal_unsafe(printed) == []
        assert "\x1b]" not in printed  # no OSC: no hyperlink, no window title


def test_rich_markup_prints_literally() -> None:
    """[bold], [link=...] and :smile: reach the terminal as the characters written, with no link sequence."""
    document = load_document(ROOT / "tests" / "cases" / "hostile" / "text" / "rich-markup.yaml")
    printed = SGR.sub("", _printed(map_tree(document, quotes=True, vocabulary=VOCABULARY), 200))
    assert "[blink]Thesis[/blink] with [/] a closing tag and [reverse]" in printed
    assert "A :smile: claim with [italic]markup[/italic]." in printed
    assert "[link=file:///etc/passwd]evidence[/link]" in printed


def test_every_map_text_is_shown_visibly_in_show(document: Document) -> None:
    """Each field's text is in the tree, its invisible characters spelt out (nothing silently dropped)."""
    printed = SGR.sub("", _printed(map_tree(document, quotes=True, vocabulary=VOCABULARY), 400))
    flat = " ".join(printed.split())
    for node in document.map.nodes():
        assert " ".join(terminal_safe(node.text).split()) in flat


def test_messages_quoting_map_text_stay_one_harmless_line(tmp_path: Path) -> None:
    """A lint message quoting the article's closest passage escapes its controls and line breaks."""
    (tmp_path / "article.txt").write_text(
        "Real words.\x1b[2J\nfake.yaml:1:1: error: forged\x07\n", encoding="utf-8"
    )
    case = tmp_path / "map.yaml"
    case.write_text(
        "source:\n  authors: [A]\n  text: article.txt\nthesis:\n  id: t\n  text: x\n"
        '  quote: "Real words. fake.yaml:1:1: error: forget"\n',
        encoding="utf-8",
    )
    result = run_main(["check", "-q", str(case)])
    assert result.exit == 1
    assert result.output.count("\n") == 1
    assert "\\x1b[2J" in result.output
    assert _terminal_unsafe(result.output) == []


def _run_on_a_terminal(args: list[str]) -> bytes:
    """argmap's standard output when it is a terminal (a pseudo-terminal), as bytes."""
    main, secondary = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "argmap", *args],
        stdout=secondary,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_COLOR": "1", "COLUMNS": "100"},
        cwd=ROOT,
    )
    os.close(secondary)
    chunks = []
    while True:
        ready, _, _ = select.select([main], [], [], 30)
        if not ready:
            break
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=30)
    os.close(main)
    return b"".join(chunks)


@pytest.mark.skipif(not hasattr(pty, "openpty") or sys.platform == "win32", reason="needs a pseudo-terminal")
@pytest.mark.parametrize(
    "args",
    [["export", "--to", "argdown"], ["export", "--to", "markdown"], ["show"], ["matrix", "--format", "csv"]],
    ids=lambda args: " ".join(args[:3]),
)
def test_file_formats_printed_to_a_terminal_are_made_harmless(args: list[str]) -> None:
    """Exports printed on a terminal show control characters as escapes; a pipe still gets the exact bytes."""
    case = "tests/cases/hostile/text/ansi-osc.yaml"
    full = [args[0], case, *args[1:]]
    on_terminal = _run_on_a_terminal(full).decode("utf-8")
    assert _terminal_unsafe(on_terminal.replace("\r", "")) == []
    assert "\\x1b" in on_terminal
    if args[0] == "export" and args[-1] == "argdown":
        piped = subprocess.run(
            [sys.executable, "-m", "argmap", *full], capture_output=True, cwd=ROOT, check=True
        )
        # Argdown text has no escape for an invisible character: it shows it visibly, pipe or terminal.
        assert b"\x1b" not in piped.stdout
        assert b"\\\\x1b" in piped.stdout


# --------------------------------------------------------------------------- DOT and SVG


def _svg(source: str) -> ET.Element:
    done = subprocess.run(["dot", "-Tsvg"], input=source.encode(), capture_output=True, check=False)
    assert done.returncode == 0, done.stderr.decode()
    root = ET.fromstring(done.stdout)  # well-formed XML
    assert not [el for el in root.iter() if str(el.tag).lower().endswith(("script", "foreignobject"))]
    assert not [name for el in root.iter() for name in el.attrib if name.lower().startswith("on")]
    return root


def _svg_text(root: ET.Element) -> str:
    return "".join("".join(el.text or "" for el in root.iter("{http://www.w3.org/2000/svg}text")).split())


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot is not installed")
def test_dot_parses_and_svg_is_text_only(document: Document) -> None:
    """Graphviz accepts the DOT of a map and of a comparison; the SVG has no script, and every text is a text node."""
    shown = _svg_text(_svg(map_to_dot(document.map, quotes=True, tags=True, vocabulary=VOCABULARY)))
    for node in document.map.nodes():
        assert "".join(visible(node.text).split()) in shown, node.id
    comparison = compare(document, PARTNER, VOCABULARY)
    shown = _svg_text(_svg(comparison_to_dot(comparison, document.map, PARTNER.map)))
    assert "".join(visible(document.map.thesis.text).split()) in shown


# --------------------------------------------------------------------------- Argdown


@pytest.mark.interop
def test_argdown_reads_every_hostile_text_back_exactly(document: Document, tmp_path: Path) -> None:
    """The Argdown CLI parses the export into the same statements, texts (line breaks as spaces), tags and data."""
    from test_interop_argdown import assert_same_structure, parse_with_argdown

    assert_same_structure(document.map, parse_with_argdown(argdown.export(document.map), tmp_path))


@pytest.mark.parametrize("case", TEXT_CASES, ids=ids)
def test_argdown_export_holds_no_invisible_character(case: Path) -> None:
    """OSC, C1, bidirectional and zero-width characters are visible escapes in Argdown too, as in every output."""
    text = argdown.export(load_document(case).map)
    assert _terminal_unsafe(text) == []
    if case.stem == "ansi-osc":
        assert "\\\\x1b]0;window title\\\\x07" in text  # the backslash of each visible escape is escaped
        assert "\\\\x9b2J" in text


# --------------------------------------------------------------------------- Markdown


def test_markdown_shows_map_text_as_text(document: Document) -> None:
    """A CommonMark parser finds no HTML, link or image in the export, and reads each text back as written."""
    text = markdown.export(document.map, VOCABULARY)
    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    tokens = parser.parse(text)
    kinds = {token.type for token in tokens} | {
        child.type for token in tokens for child in token.children or []
    }
    # Code spans are argmap's own (ids); HTML, links, images, tables and strikethrough would be map text's.
    assert not kinds & {"html_block", "html_inline", "link_open", "image", "table_open", "s_open"}
    assert sum(1 for token in tokens if token.type == "heading_open") == 1  # only the title
    # Emphasis comes from argmap's own labels (**Claim**, *Note:*), never from map text.
    strong = sum(1 for token in tokens for child in token.children or [] if child.type == "strong_open")
    assert strong == sum(1 for _ in document.map.nodes())
    rendered = html.unescape(re.sub(r"<[^>]+>", "", parser.render(text)))
    flat = " ".join(rendered.split())
    for node in document.map.nodes():
        assert " ".join(terminal_safe(node.text).split()) in flat, node.id


BYLINE_NAMES = [
    "- item",
    "1. x",
    "2) two",
    "+ plus",
    "* star",
    "    four spaces",
    "  two spaces",
    "\tTab",
    "---",
    "===",
    "> quoted",
    "# hash",
    "```",
    "~~~ fence",
    "<div>",
]


@pytest.mark.parametrize("name", BYLINE_NAMES)
def test_markdown_byline_shows_every_author_as_written(name: str, tmp_path: Path) -> None:
    """An author name that would start a list, a code block, a rule or a quote stays its literal text (issue 12)."""
    from hostile_support import write_json

    for authors in ([name], [name, "Bo Second"]):
        data = {"source": {"title": "Title", "authors": authors}, "thesis": {"id": "thesis", "text": "T."}}
        argument_map = load_document(write_json(tmp_path / "map.json", data)).map
        parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])
        tokens = parser.parse(markdown.export(argument_map))
        # The title, then the byline as one paragraph holding exactly the names, then the thesis.
        assert [token.type for token in tokens[:7]] == [
            "heading_open",
            "inline",
            "heading_close",
            "paragraph_open",
            "inline",
            "paragraph_close",
            "paragraph_open",
        ]
        byline = tokens[4].children or []
        assert {child.type for child in byline} == {"text"}
        assert "".join(child.content for child in byline) == ", ".join(authors)


# --------------------------------------------------------------------------- JSON and AIF


def test_json_export_is_printable_and_exact(document: Document) -> None:
    """The JSON export holds no invisible character and parses back to exactly the map's data."""
    text = json_format.export(document.map)
    assert text.replace("\n", "").isprintable()
    assert json.loads(text) == map_to_data(document.map)


def test_aif_export_is_printable_and_keeps_every_text(document: Document) -> None:
    """The AIF export holds no invisible character; each I-node's text is its node's text, exactly."""
    text = aif.export(document.map)
    assert text.replace("\n", "").isprintable()
    inodes = {node["nodeID"]: node["text"] for node in json.loads(text)["nodes"] if node["type"] == "I"}
    assert inodes == {node.id: node.text for node in document.map.nodes()}


@pytest.mark.parametrize(
    "args",
    [
        ["show", "{case}", "--format", "json"],
        ["check", "--format", "json", "{case}"],
        ["compare", "{case}", "tests/fixtures/hostile/partner.yaml", "--format", "json"],
        ["matrix", "{case}", "tests/fixtures/hostile/partner.yaml", "--format", "json"],
    ],
    ids=lambda args: args[0],
)
def test_json_printed_by_commands_is_printable(args: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """--format json of show, check, compare and matrix escapes bidirectional and C1 characters too."""
    monkeypatch.chdir(ROOT)
    for case in TEXT_CASES:
        result = run_main([arg.replace("{case}", str(case.relative_to(ROOT))) for arg in args])
        assert result.exit == 0, result.output
        assert result.stdout.replace("\n", "").isprintable(), case.name
        json.loads(result.stdout)


def test_every_map_text_survives_json_and_yaml_round_trips(document: Document) -> None:
    """Each hostile text, YAML-significant words included, reads back the same from argmap's YAML and JSON."""
    from argmap.loader import validate_map
    from argmap.reading import parse
    from argmap.yamlwrite import dump_yaml

    for text, suffix in (
        (dump_yaml(map_to_data(document.map)), ".yaml"),
        (json_format.export(document.map), ".json"),
    ):
        data, locator = parse(text, "again" + suffix, suffix)
        assert validate_map(data, "again" + suffix, locator)[0] == document.map


def test_yaml_significant_words_survive_import(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """yes, no, null, 1e3, 0x10, ':', '#', a leading '-': through AIF export and `argmap import` (YAML and JSON) unchanged."""
    monkeypatch.chdir(tmp_path)
    case = ROOT / "tests" / "cases" / "hostile" / "text" / "yaml-significant.yaml"
    original = load_document(case).map
    assert run_main(["export", str(case), "--to", "aif", "-o", "graph.json"]).exit == 0
    for output in ("map.yaml", "map.json"):
        result = run_main(["import", "graph.json", "-o", output])
        assert result.exit == 0, result.output
        imported = load_document(tmp_path / output).map
        assert [node.text for node in imported.nodes()] == [node.text for node in original.nodes()]
        assert imported.source == original.source
    written = (tmp_path / "map.yaml").read_text(encoding="utf-8")
    for word in ('"null"', '":"', '"#"', '"- dash"', '"<<"'):
        assert word in written  # quoted by the writer, since YAML would read them otherwise
