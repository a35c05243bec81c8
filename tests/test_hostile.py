"""The hostile-input suite: every bad file, through every command that reads input (issue 6).

Each case is one file (or folder) under ``tests/cases/hostile/<category>/``, with a sidecar
``<case>.expect`` giving each command's exit code and exact output (see
:mod:`hostile_support` for the format). A sidecar without its case file is the
"missing input" case. Terminal views and every message are compared exactly; outputs in
an interchange format (export, import, the DOT that render writes) stand as one line with
their size and SHA-256, since the golden tests of each format check their text. Whatever
the case, no command may print a traceback or end with any exit code but 0, 1 (check's
findings) or 2. Regenerate with ARGMAP_UPDATE_GOLDEN=1 and review the diff.

Files too large to commit (50 MB, 10,000 levels deep, 10,000 children, a 1 MB claim) are
generated into ``tmp_path`` by the tests at the end of this module.
"""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from argmap.limits import MAX_JSON_NESTING, MAX_YAML_NESTING
from conftest import ROOT, UPDATE_GOLDEN
from hostile_support import (
    chain,
    comment_of,
    digest,
    parse_expectation,
    render_expectation,
    run_main,
    write_json,
)

HOSTILE = ROOT / "tests" / "cases" / "hostile"
CATEGORIES = ("yaml", "encoding", "model", "size", "text", "paths")
PARTNER = "tests/fixtures/hostile/partner.yaml"
CASE, OUT = "{case}", "{out}"
COMMANDS: dict[str, list[str]] = {
    "check": ["check", "-q", CASE],
    "show": ["show", CASE],
    "compare-a": ["compare", CASE, PARTNER],
    "compare-b": ["compare", PARTNER, CASE],
    "matrix": ["matrix", CASE, PARTNER],
    "render-dot": ["render", CASE, "-o", OUT + ".dot"],
    "render-svg": ["render", CASE, "-o", OUT + ".svg"],
    "export-argdown": ["export", CASE, "--to", "argdown"],
    "export-aif": ["export", CASE, "--to", "aif"],
    "export-json": ["export", CASE, "--to", "json"],
    "export-markdown": ["export", CASE, "--to", "markdown"],
    "import": ["import", "--from", "aif", CASE],
}
# Their standard output is an interchange format: checked by size and digest here.
DIGESTED = {"export-argdown", "export-aif", "export-json", "export-markdown", "import"}
NOT_CASES = {"questions.yaml", "README.md"}
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot is not installed")


def _cases() -> list[Path]:
    """Case files and folders, and the cases whose file is missing on purpose (a lone .expect)."""
    found: set[Path] = set()
    for category in CATEGORIES:
        for path in (HOSTILE / category).iterdir():
            if path.name.endswith(".expect"):
                found.add(path.with_name(path.name[: -len(".expect")]))
            elif path.name not in NOT_CASES:
                found.add(path)
    return sorted(found)


def _arguments(command: str, case: str, out: Path) -> list[str]:
    return [case if arg == CASE else arg.replace(OUT, str(out)) for arg in COMMANDS[command]]


def _observe(command: str, case: str, tmp_path: Path) -> tuple[int, str]:
    """Run one command on one case: its exit code and its output as the expectation file shows it."""
    out = tmp_path / "out"
    result = run_main(_arguments(command, case, out))
    stdout = result.stdout
    if command in DIGESTED and result.exit == 0 and stdout:
        stdout = digest("stdout", stdout.encode("utf-8"))
    for written in sorted(tmp_path.glob("out.*")):
        if written.suffix == ".svg":
            root = ET.fromstring(written.read_bytes())  # well-formed XML, or the test fails here
            assert not [element for element in root.iter() if str(element.tag).lower().endswith("script")]
            stdout += f"<wrote {written.name}: well-formed SVG, no script>\n"
        else:
            stdout += digest(f"wrote {written.name}", written.read_bytes())
        written.unlink()
    output = stdout + result.stderr
    if output and not output.endswith("\n"):
        output += "\n<no newline at end>\n"
    return result.exit, output


@needs_dot
@pytest.mark.parametrize("case", _cases(), ids=lambda path: f"{path.parent.name}/{path.name}")
def test_hostile_case_through_every_command(
    case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every command gives the exact output and exit code the case's .expect file records, never a traceback."""
    monkeypatch.chdir(ROOT)
    relative = case.relative_to(ROOT).as_posix()
    actual = {command: _observe(command, relative, tmp_path) for command in COMMANDS}
    expect = case.with_name(case.name + ".expect")
    if UPDATE_GOLDEN or not expect.exists():
        old = expect.read_text(encoding="utf-8") if expect.exists() else ""
        comment = comment_of(old) or _first_comment(case)
        expect.write_text(render_expectation(comment, actual), encoding="utf-8")
        if not UPDATE_GOLDEN:
            pytest.fail(f"{expect.name} did not exist; written now, review and commit it")
    expected = parse_expectation(expect.read_text(encoding="utf-8"), list(COMMANDS))
    for command, (code, output) in actual.items():
        assert "Traceback" not in output, command
        assert "internal error" not in output, command
        assert code in ((0, 1, 2) if command == "check" else (0, 2)), command
    assert actual == expected


def _first_comment(case: Path) -> str:
    """The case file's own first comment line, as the first line of a new expectation file."""
    if case.is_file():
        first = case.read_bytes().split(b"\n", 1)[0].decode("utf-8", "replace").strip()
        if first.startswith("# "):
            return first + "\n"
    return ""


def test_every_category_has_cases() -> None:
    """The corpus covers the six categories of issue 6."""
    counts = {
        category: sum(1 for case in _cases() if case.parent.name == category) for category in CATEGORIES
    }
    assert all(count >= 4 for count in counts.values()), counts


def test_every_expectation_names_its_case() -> None:
    """A sidecar without a case is a missing-input case only where it says so."""
    lone = [case.name for case in _cases() if not case.exists()]
    assert lone == ["missing.yaml"]


# --------------------------------------------------------------------------- size and shape


def _run_everywhere(case: Path, tmp_path: Path, commands: Sequence[str]) -> dict[str, tuple[int, str]]:
    out = tmp_path / "outputs"
    out.mkdir(exist_ok=True)
    return {command: _observe(command, str(case), out) for command in commands}


def test_file_above_the_size_limit_is_refused_by_every_command(tmp_path: Path) -> None:
    """A 50 MB map is refused before it is read, with its size and the limit, by every command."""
    from argmap.reading import MAX_FILE_BYTES

    case = tmp_path / "big.yaml"
    claim = "      text: " + "word " * 200 + "\n"
    with case.open("w", encoding="utf-8") as handle:
        handle.write("source:\n  authors: [Ann Author]\nthesis:\n  id: thesis\n  text: Big.\n  children:\n")
        index = 0
        while handle.tell() < 50 * 2**20:
            handle.write(f"    - id: c{index}\n      kind: claim\n{claim}")
            index += 1
    assert case.stat().st_size > MAX_FILE_BYTES
    results = _run_everywhere(case, tmp_path, list(COMMANDS))
    message = f"{case}: is 50.0 MiB; maps larger than 32 MiB are refused\n"
    for command, outcome in results.items():
        assert outcome == (2, message), command


DEEP_COMMANDS = [name for name in COMMANDS if name not in ("render-svg", "import")]


def test_ten_thousand_deep_json_chain_goes_through_every_command(tmp_path: Path) -> None:
    """A chain 10,000 claims deep loads, checks, shows, compares, renders DOT and exports, with no RecursionError."""
    case = write_json(tmp_path / "deep.json", chain(10_000))
    results = _run_everywhere(case, tmp_path, DEEP_COMMANDS)
    for command, (code, output) in results.items():
        assert code == 0, (command, output[-500:])
        assert "Recursion" not in output
        assert "Traceback" not in output
    # show indents ten levels, then lines deeper nodes up and says their level: none is lost.
    show = results["show"][1]
    assert show.count("supports claim") == 10_000
    assert "(level 10001) " in show
    # --format json once went through pydantic's model_dump, which stops at a depth limit.
    as_json = run_main(["show", str(case), "--format", "json"])
    assert (as_json.exit, as_json.stdout) == (0, case.read_text(encoding="utf-8"))
    # The chain's AIF export imports back into the same chain.
    graph, again = tmp_path / "deep-aif.json", tmp_path / "again.json"
    assert run_main(["export", str(case), "--to", "aif", "-o", str(graph)]).exit == 0
    assert run_main(["import", str(graph), "-o", str(again)]).exit == 0
    assert again.read_text(encoding="utf-8") == case.read_text(encoding="utf-8")


def test_ten_thousand_deep_flow_yaml_is_refused_quickly_by_every_command(tmp_path: Path) -> None:
    """The same chain as flow-style YAML is refused at argmap's nesting limit, by every command, at once."""
    text = "source: {authors: [Ann Author]}\nthesis: {id: thesis, text: Top., children: ["
    text += "{id: c, kind: claim, text: x, children: [" * 10_000 + "]}" * 10_000 + "]}\n"
    case = tmp_path / "deep.yaml"
    case.write_text(text, encoding="utf-8")
    results = _run_everywhere(case, tmp_path, [name for name in COMMANDS if name != "import"])
    # The root, the thesis and its children make 3; each claim adds its mapping and its children list,
    # so the 801st collection is the children list of the 399th claim, the last character of its text.
    column = len("thesis: {id: thesis, text: Top., children: [") + 399 * len(
        "{id: c, kind: claim, text: x, children: ["
    )
    line = (
        f"{case}:2:{column}: lists and mappings nest more than {MAX_YAML_NESTING} levels deep, more than "
        "argmap reads as YAML; save very deep maps as JSON\n"
    )
    assert set(results.values()) == {(2, line)}


def test_node_with_ten_thousand_children_goes_through_every_command(tmp_path: Path) -> None:
    """A thesis with 10,000 pieces of evidence is checked, shown, compared, drawn as DOT and exported."""
    children = [
        {"id": f"e{index}", "kind": "evidence", "type": "event", "text": f"Fact {index}."}
        for index in range(10_000)
    ]
    data = {
        "source": {"authors": ["Ann Author"]},
        "thesis": {"id": "thesis", "text": "Top.", "children": children},
    }
    case = write_json(tmp_path / "wide.json", data)
    results = _run_everywhere(case, tmp_path, DEEP_COMMANDS)
    for command, (code, output) in results.items():
        assert code == 0, (command, output[-500:])
    assert results["show"][1].count("evidence:event") == 10_000


@needs_dot
def test_one_megabyte_claim_goes_through_every_command(tmp_path: Path) -> None:
    """A single 1 MB claim is checked, shown, compared, drawn (DOT and SVG) and exported."""
    words = " ".join(f"word{index}" for index in range(120_000))[: 2**20]
    data = {
        "source": {"authors": ["Ann Author"]},
        "thesis": {"id": "thesis", "text": "Top.", "children": [{"id": "c", "kind": "claim", "text": words}]},
    }
    case = write_json(tmp_path / "long.json", data)
    results = _run_everywhere(case, tmp_path, [name for name in COMMANDS if name != "import"])
    for command, (code, output) in results.items():
        assert code == 0, (command, output[-300:])
    assert words.split()[-1] in results["show"][1]


def test_json_nested_past_argmaps_limit_but_within_the_parsers_is_refused_by_argmap(tmp_path: Path) -> None:
    """Argmap's JSON limit, not the parser's recursion, is what refuses: one level past it is one clear line."""
    case = tmp_path / "brackets.json"
    levels = MAX_JSON_NESTING + 1
    case.write_text("[" * levels + "]" * levels, encoding="utf-8")
    line = f"{case}: lists and mappings nest more than {MAX_JSON_NESTING:,} levels deep, more than argmap reads as JSON\n"
    assert _observe("check", str(case), tmp_path) == (2, line)


def test_json_nested_beyond_the_recursion_limit_is_refused(tmp_path: Path) -> None:
    """JSON brackets nested 60,000 deep give one clear line, not a RecursionError."""
    case = tmp_path / "brackets.json"
    case.write_text("[" * 60_000 + "]" * 60_000, encoding="utf-8")
    results = _run_everywhere(case, tmp_path, ["check", "show", "export-json", "import"])
    line = f"{case}: lists and mappings nest more than {MAX_JSON_NESTING:,} levels deep, more than argmap reads as JSON\n"
    assert set(results.values()) == {(2, line)}


def test_flow_work_budget_stops_a_file_that_stays_just_under_the_depth_limit(tmp_path: Path) -> None:
    """Values by the hundred thousand, just inside the nesting limit, are refused once the parser's work passes its budget."""
    case = tmp_path / "wide-deep.yaml"
    levels = MAX_YAML_NESTING - 1
    case.write_text("x: " + "[" * levels + "a, " * 300_000 + "]" * levels + "\n", encoding="utf-8")
    code, output = _observe("check", str(case), tmp_path)
    assert code == 2
    assert output.startswith(f"{case}:1:")
    assert output.endswith(
        "holds too much inside deeply nested flow collections ('[...]', '{...}') to read in reasonable "
        "time; save very deep maps as JSON\n"
    )


def test_deep_json_problem_names_an_elided_path(tmp_path: Path) -> None:
    """A wrong field 10,000 levels down is reported on one short line, its path's middle elided."""
    data = chain(10_000)
    case = write_json(tmp_path / "deep-bad.json", data)
    text = case.read_text(encoding="utf-8").replace('"type": "event"', '"type": "rumour"')
    case.write_text(text, encoding="utf-8")
    code, output = _observe("check", str(case), tmp_path)
    assert code == 2
    assert output == (
        f"{case}: thesis.children[0].children[0].children[0].children[0]…(19988 more steps)…"
        ".children[0].children[0].children[0].type: must be one of event, vote, statement, "
        "statistic, document, example\n"
    )


def test_alias_bomb_is_refused_without_expanding(tmp_path: Path) -> None:
    """A billion-laughs file is refused alias by alias, twenty shown and the rest counted, never expanded."""
    case = HOSTILE / "yaml" / "alias-bomb.yaml"
    code, output = _observe("check", str(case), tmp_path)
    assert code == 2
    lines = output.splitlines()
    assert len(lines) == 21
    assert lines[-1] == f"{case}: ... and 70 more problems in this file"


def test_generated_cases_write_nothing_beside_them(tmp_path: Path) -> None:
    """Refused inputs leave no output file behind (render writes only after a successful render)."""
    case = tmp_path / "bad.yaml"
    case.write_text("source: [\n", encoding="utf-8")
    _observe("render-dot", str(case), tmp_path)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["bad.yaml"]


def test_map_above_the_node_limit_is_refused_without_validating_it(tmp_path: Path) -> None:
    """A map of more than 100,000 nodes (under the size limit) is refused in one line, before validation."""
    from argmap.loader import MAX_NODES

    children = [
        {"id": f"e{index}", "kind": "evidence", "type": "event", "text": "x"} for index in range(MAX_NODES)
    ]
    data = {
        "source": {"authors": ["Ann Author"]},
        "thesis": {"id": "thesis", "text": "Top.", "children": children},
    }
    case = write_json(tmp_path / "many.json", data)
    results = _run_everywhere(case, tmp_path, ["check", "show", "render-dot", "export-json"])
    assert set(results.values()) == {
        (2, f"{case}: thesis: holds more than 100,000 nodes; larger maps are refused\n")
    }


def _aif_chain(length: int) -> dict[str, Any]:
    """An AIF graph: a chain of ``length`` claims, each supporting the one before, down from a conclusion."""
    nodes: list[dict[str, str]] = [{"nodeID": "0", "type": "I", "text": "Top."}]
    edges: list[dict[str, str]] = []
    for index in range(1, length + 1):
        nodes += [
            {"nodeID": str(index), "type": "I", "text": f"Claim {index}."},
            {"nodeID": f"ra{index}", "type": "RA", "text": "Default Inference"},
        ]
        edges += [
            {"edgeID": f"p{index}", "fromID": str(index), "toID": f"ra{index}"},
            {"edgeID": f"c{index}", "fromID": f"ra{index}", "toID": str(index - 1)},
        ]
    return {"nodes": nodes, "edges": edges, "locutions": []}


def test_import_refuses_to_write_yaml_that_argmap_would_not_read_back(tmp_path: Path) -> None:
    """Anything argmap writes, argmap reads: too deep for YAML is refused, nothing written; JSON holds it."""
    source = write_json(tmp_path / "deep-aif.json", _aif_chain(MAX_YAML_NESTING // 2))
    target = tmp_path / "deep.yaml"
    result = run_main(["import", str(source), "-o", str(target)])
    assert result.exit == 2
    assert result.stderr == (
        f"{target}: not written: the map in {source} nests lists and mappings more than "
        f"{MAX_YAML_NESTING} levels deep, more than argmap reads back as YAML; write this map as JSON instead\n"
    )
    assert not target.exists()
    as_json = tmp_path / "deep.json"
    assert run_main(["import", str(source), "-o", str(as_json)]).exit == 0
    assert run_main(["check", "-q", "--fail-on", "error", str(as_json)]).exit == 0
