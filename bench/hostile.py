"""Wall time of argmap on hostile inputs (issue 6): whole processes, median of N runs, printed as Markdown.

    .venv/bin/python bench/hostile.py            # 5 runs each, about two minutes
    .venv/bin/python bench/hostile.py --runs 1   # a quick look

Inputs are generated into a temporary folder: the alias bomb of the hostile corpus, a
50 MB map (refused by size), a map just under the 32 MiB limit, a chain 10,000 claims
deep (as JSON, and as flow-style YAML, which is refused), a node with 10,000 children and
a 1 MB claim. Each command runs as a user runs it, so times include Python's start-up
(about 0.1 s). The tests assert no times; issue 6 asks for the alias bomb and the 50 MB
file under 2 s each.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARGMAP = str(Path(sys.executable).parent / "argmap")
PARTNER = ROOT / "tests" / "fixtures" / "hostile" / "partner.yaml"
ALIAS_BOMB = ROOT / "tests" / "cases" / "hostile" / "yaml" / "alias-bomb.yaml"

# The hostile inputs are the test suite's own: the same deep chain, through argmap's writer.
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]
from hostile_support import chain, write_json  # noqa: E402


def big_yaml(path: Path, size: int) -> Path:
    """A valid map of ``size`` bytes or a little more: one thesis and many long claims."""
    claim = "      text: " + "word " * 200 + "\n"
    with path.open("w", encoding="utf-8") as handle:
        handle.write("source:\n  authors: [Ann Author]\nthesis:\n  id: thesis\n  text: Big.\n  children:\n")
        index = 0
        while handle.tell() < size:
            handle.write(f"    - id: c{index}\n      kind: claim\n{claim}      children:\n")
            handle.write(f"        - id: e{index}\n          kind: evidence\n          type: event\n")
            handle.write("          text: A fact.\n")
            index += 1
    return path


def inputs(folder: Path) -> dict[str, Path]:
    deep = write_json(folder / "deep.json", chain(10_000))
    flow = folder / "deep.yaml"
    flow.write_text(
        "source: {authors: [Ann Author]}\nthesis: {id: thesis, text: Top., children: ["
        + "{id: c, kind: claim, text: x, children: [" * 10_000
        + "]}" * 10_000
        + "]}\n",
        encoding="utf-8",
    )
    children = [
        {"id": f"e{i}", "kind": "evidence", "type": "event", "text": f"Fact {i}."} for i in range(10_000)
    ]
    wide = write_json(
        folder / "wide.json",
        {
            "source": {"authors": ["Ann Author"]},
            "thesis": {"id": "thesis", "text": "Top.", "children": children},
        },
    )
    words = " ".join(f"word{i}" for i in range(120_000))[: 2**20]
    long = write_json(
        folder / "long.json",
        {
            "source": {"authors": ["Ann Author"]},
            "thesis": {
                "id": "thesis",
                "text": "Top.",
                "children": [{"id": "c", "kind": "claim", "text": words}],
            },
        },
    )
    subprocess.run(
        [ARGMAP, "export", str(deep), "--to", "aif", "-o", str(folder / "deep-aif.json")], check=True
    )
    return {
        "alias bomb": ALIAS_BOMB,
        "50 MB": big_yaml(folder / "big.yaml", 50 * 2**20),
        "31 MiB": big_yaml(folder / "under.yaml", 31 * 2**20),
        "deep JSON": deep,
        "deep YAML": flow,
        "deep AIF": folder / "deep-aif.json",
        "wide": wide,
        "long": long,
    }


def commands(files: dict[str, Path], out: Path) -> list[tuple[str, list[str]]]:
    rows: list[tuple[str, list[str]]] = [
        ("check: alias bomb (billion laughs)", ["check", str(files["alias bomb"])]),
        ("check: 50 MB file (over the limit)", ["check", str(files["50 MB"])]),
        ("check: 31 MiB map (under the limit)", ["check", str(files["31 MiB"])]),
        ("check: 10,000-deep chain as flow YAML (refused)", ["check", str(files["deep YAML"])]),
    ]
    deep = str(files["deep JSON"])
    for label, args in (
        ("check", ["check", deep]),
        ("show", ["show", deep]),
        ("show --format json", ["show", deep, "--format", "json"]),
        ("compare (with a small map)", ["compare", deep, str(PARTNER)]),
        ("matrix (with a small map)", ["matrix", deep, str(PARTNER)]),
        ("render → DOT", ["render", deep, "-o", str(out / "deep.dot")]),
        ("render → SVG", ["render", deep, "-o", str(out / "deep.svg")]),
        ("export → Argdown", ["export", deep, "--to", "argdown"]),
        ("export → AIF", ["export", deep, "--to", "aif"]),
        ("export → JSON", ["export", deep, "--to", "json"]),
        ("export → Markdown", ["export", deep, "--to", "markdown"]),
        ("import its AIF → JSON", ["import", str(files["deep AIF"]), "-o", str(out / "deep-imported.json")]),
    ):
        rows.append((f"10,000-deep chain (JSON): {label}", args))
    for name, label in (("wide", "10,000 children"), ("long", "1 MB claim")):
        path = str(files[name])
        for command, args in (
            ("check", ["check", path]),
            ("show", ["show", path]),
            ("render → DOT", ["render", path, "-o", str(out / f"{name}.dot")]),
            ("render → SVG", ["render", path, "-o", str(out / f"{name}.svg")]),
            ("export → AIF", ["export", path, "--to", "aif"]),
        ):
            rows.append((f"{label}: {command}", args))
    return rows


def timed(args: list[str], runs: int) -> tuple[list[float], int]:
    times, code = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run(
            [ARGMAP, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False
        )
        times.append(time.perf_counter() - started)
        code = done.returncode
    return times, code


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per command (default 5)")
    parser.add_argument("--only", default="", help="run only the rows whose label contains this")
    options = parser.parse_args(argv)
    show: Callable[[str], None] = print
    with tempfile.TemporaryDirectory(prefix="argmap-hostile-") as folder:
        files = inputs(Path(folder))
        show(f"argmap on hostile inputs: median of {options.runs} whole-process runs (min–max), exit code")
        show(f"load average {os.getloadavg()[0]:.2f}; Python {sys.version.split()[0]}\n")
        show("| input and command | median s | min–max s | exit |")
        show("| --- | ---: | ---: | ---: |")
        for label, args in commands(files, Path(folder)):
            if options.only and options.only not in label:
                continue
            times, code = timed(args, options.runs)
            show(f"| {label} | {statistics.median(times):.2f} | {min(times):.2f}–{max(times):.2f} | {code} |")
    show(f"\nload average at the end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
