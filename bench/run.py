"""Run the benchmarks of issue 7 and print a Markdown report of the results.

    python bench/generate.py                     # once: synthetic inputs into bench/.data
    python bench/run.py [--repeat 5] [--write docs/performance.md]
    python bench/run.py --quick --data DIR       # smallest sizes, one run each (smoke test)

How it measures:

- Every figure is a **whole process**, started as a user starts it (the venv's
  ``argmap`` script), so interpreter start-up and imports are included. Each benchmark
  runs once untimed (warm-up: file cache, bytecode cache), then ``--repeat`` times; the
  report gives the median, min and max wall time (``time.perf_counter`` around spawn
  and reap) and the median CPU time (user + system), which other load on the machine
  disturbs less than wall time.
- **Peak memory** is the maximum resident set size of the command, from GNU
  ``/usr/bin/time -f %M`` wrapped around it (it adds about 1 ms of wall time, included in
  the figures). Neither ``resource.getrusage(RUSAGE_CHILDREN)`` deltas nor ``os.wait4``
  on the child are used, because Linux carries a process's peak RSS across ``execve``
  and Python spawns children by ``vfork``: every child's ``ru_maxrss`` starts at the
  *benchmark runner's* own peak (``/bin/true`` reports 216 MB after the runner touched
  200 MB), and ``RUSAGE_CHILDREN`` is a running maximum that a delta cannot split.
  Without ``/usr/bin/time`` the runner falls back to ``os.wait4`` and the figures have
  that floor (about 17 MiB here). Peak memory covers children the command waits for,
  such as ``dot`` under ``render``.
- Children run with bytecode caching on (``PYTHONDONTWRITEBYTECODE`` removed) and the
  cache in ``DATA/pycache`` (``PYTHONPYCACHEPREFIX``), so modules are compiled once, in
  the warm-up, as on a user's machine, and nothing is written into ``src/``.
- The "parse" rows time the parse call *inside* one Python process each (interpreter
  start-up and ``import yaml`` excluded), because the YAML target of issue 7 is
  relative to that. The "work alone" rows run an argmap command twice in one process
  and time the second run, for the linearity table: start-up is about 0.1 s and varies
  by a few hundredths from run to run, as much as the whole work on 1,000 nodes.
- Output goes to files under ``DATA/out`` (``show`` and friends write to a file, not to
  a terminal); a command missing from ``argmap --help`` is skipped with a note.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import re
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT / "bench" / ".data"
FLAGSHIP = ROOT / "arguments" / "joscelyn-2020-most-dangerous-alliance.yaml"
FLAGSHIP_OTHER = ROOT / "arguments" / "gabuev-2017-good-cop-bad-cop.yaml"
TIMEOUT = 600.0
# GNU time measures the peak RSS of exactly the command it runs (see the module docstring).
TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None

# Times one YAML parse inside the process; run.py reads the printed seconds.
PARSE_SCRIPT = """
import gc, sys, time, yaml
path, how = sys.argv[1], sys.argv[2]
with open(path, encoding="utf-8") as handle:
    text = handle.read()
if how == "compose-nogc":
    gc.disable()
start = time.perf_counter()
if how.startswith("compose"):
    yaml.compose(text, Loader=yaml.CSafeLoader)
else:
    yaml.load(text, Loader=yaml.CSafeLoader)
print(time.perf_counter() - start)
"""

# Times one argmap command inside the process, after a first untimed run of it has done the
# imports and built the validators: the work alone, for the linearity table. The command's
# own output goes to the null device; the seconds are the only thing printed.
WORK_SCRIPT = """
import contextlib, json, os, sys, time
from argmap.cli import main
from argmap.cli.pydantic_plugins import turn_off
turn_off()
clean, args = json.loads(sys.argv[1]), sys.argv[2:]
def once():
    for path in clean:
        with contextlib.suppress(FileNotFoundError):
            os.remove(path)
    with open(os.devnull, "w") as sink, contextlib.redirect_stdout(sink):
        try:
            main(args)
        except SystemExit as done:
            if done.code not in (0, None):
                raise
once()
start = time.perf_counter()
once()
print(time.perf_counter() - start)
"""


# --------------------------------------------------------------------------- cases and results


@dataclass
class Target:
    """A target of issue 7 for one row: absolute bounds, or a multiple of another row's median."""

    seconds: float | None = None
    mib: float | None = None
    relative_to: str | None = None  # key of the row whose median ``factor`` multiplies
    factor: float = 1.0
    label: str = ""  # short name of that row, for the target text
    beyond: str | None = None  # key of the start-up row that ``extra`` is allowed beyond
    extra: float = 0.0


@dataclass
class Case:
    """One row of the report: a command line run repeatedly as a whole process."""

    key: str
    name: str
    group: str
    argv: list[str] = field(default_factory=list)
    needs: tuple[str, ...] = ()  # argmap commands that must exist (from `argmap --help`)
    output: Path | None = None  # where stdout goes (a file, as a user redirecting it)
    clean: tuple[Path, ...] = ()  # files removed before every run (commands may refuse to overwrite)
    ok_codes: tuple[int, ...] = (0,)
    in_process: bool = False  # the child prints the seconds to report (parse rows)
    target: Target | None = None
    skip: str | None = None
    note: str = ""


@dataclass
class Result:
    case: Case
    times: list[float] = field(default_factory=list)  # what the report gives (seconds)
    walls: list[float] = field(default_factory=list)  # whole-process wall time
    cpus: list[float] = field(default_factory=list)  # user + system CPU time
    peaks: list[float] = field(default_factory=list)  # MiB
    failure: str | None = None
    message: str = ""  # first line of stderr, for refusals
    message_lines: int = 0

    @property
    def ok(self) -> bool:
        return self.failure is None and self.case.skip is None and bool(self.times)

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def peak(self) -> float:
        return statistics.median(self.peaks)


@dataclass
class Run:
    wall: float
    cpu: float
    peak_mib: float
    code: int
    stdout: str
    stderr: str


def run_once(case: Case, env: dict[str, str]) -> Run:
    """One run of ``case``: wall and CPU seconds, peak MiB, exit code, and what it printed."""
    for path in case.clean:
        path.unlink(missing_ok=True)
    with (
        tempfile.TemporaryFile() as err,
        tempfile.TemporaryFile() as captured,
        tempfile.NamedTemporaryFile("r", suffix=".rss") as usage_file,
    ):
        argv = [TIME, "-f", "%M %U %S", "-o", usage_file.name, *case.argv] if TIME else case.argv
        out = case.output.open("wb") if case.output is not None else captured
        try:
            start = time.perf_counter()
            # A session of its own lets the timeout kill the command and not only /usr/bin/time.
            process = subprocess.Popen(
                argv,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=err,
                cwd=ROOT,
                env=env,
                start_new_session=True,
            )
            killer = threading.Timer(TIMEOUT, os.killpg, (process.pid, signal.SIGKILL))
            killer.start()
            _, status, usage = os.wait4(process.pid, 0)
            wall = time.perf_counter() - start
            killer.cancel()
            process.returncode = os.waitstatus_to_exitcode(status)
        finally:
            if out is not captured:
                out.close()
        # GNU time may write "Command exited with non-zero status N" first: the figures are last.
        reported = usage_file.read().strip().splitlines()
        captured.seek(0)
        stdout = captured.read().decode("utf-8", "replace") if case.in_process else ""
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    figures = reported[-1].split() if reported else []
    cpu = usage.ru_utime + usage.ru_stime  # time's own share is negligible
    if TIME and len(figures) == 3 and figures[0].isdigit():
        kib = float(figures[0])
    else:
        # Without GNU time: ru_maxrss of the child, KiB on Linux and bytes on macOS; its floor
        # is this runner's own RSS (see the module docstring).
        kib = usage.ru_maxrss / (1024 if sys.platform == "darwin" else 1)
    code = process.returncode
    if TIME and any("terminated by signal" in line for line in reported):
        code = -(code - 128)  # GNU time exits 128 + signal for a killed command
    return Run(wall, cpu, kib / 1024, code, stdout, stderr)


def measure(case: Case, env: dict[str, str], repeat: int, warmup: int) -> Result:
    result = Result(case)
    for index in range(warmup + repeat):
        run = run_once(case, env)
        lines = [line for line in run.stderr.splitlines() if line.strip()]
        result.message = lines[0] if lines else ""
        result.message_lines = len(lines)
        if run.code not in case.ok_codes:
            reason = "killed after timeout" if run.code < 0 else f"exit {run.code}"
            detail = f": {result.message[:100]}" if result.message else ""
            result.failure = f"failed ({reason}){detail}"
            return result
        if index < warmup:
            continue
        result.walls.append(run.wall)
        result.cpus.append(run.cpu)
        result.peaks.append(run.peak_mib)
        result.times.append(float(run.stdout.strip()) if case.in_process else run.wall)
    return result


def _fmt(seconds: float) -> str:
    return f"{seconds:.3f}" if seconds < 10 else f"{seconds:.1f}"


def evaluate(target: Target, result: Result, results: dict[str, Result]) -> tuple[str, bool | None]:
    """The target as text (bounds computed) and whether the row meets it (None: cannot tell)."""
    bounds: list[float] = []
    why: list[str] = []
    met: bool | None = result.ok
    if target.seconds is not None:
        bounds.append(target.seconds)
        why.append(f"{target.seconds:g} s")
    if target.beyond is not None:
        base = results.get(target.beyond)
        if base is not None and base.ok:
            bounds.append(base.median + target.extra)
            why.append(f"pass + {target.extra:g} s")
    if target.relative_to is not None:
        other = results.get(target.relative_to)
        if other is None or not other.ok:
            return f"≤ {target.factor:g} × {target.label} (not measured)", None
        bounds.append(target.factor * other.median)
        why.append(f"{target.factor:g} × {target.label}")
    parts: list[str] = []
    if bounds:
        bound = min(bounds)
        if len(why) > 1:
            parts.append(f"≤ {_fmt(bound)} s = min({', '.join(why)})")
        elif target.relative_to is not None:
            parts.append(f"≤ {_fmt(bound)} s ({why[0]})")
        else:
            parts.append(f"≤ {bound:g} s")
        met = met and result.median <= bound
    if target.mib is not None:
        parts.append(f"≤ {target.mib:g} MiB")
        met = met and result.peak <= target.mib
    return ", ".join(parts), (met if result.ok else None)


# --------------------------------------------------------------------------- the suite


@dataclass
class Setup:
    data: Path
    manifest: dict[str, Any]
    argmap: str
    python: str
    available: set[str]
    output_option: dict[str, bool]
    quick: bool

    def path(self, relative: str) -> Path:
        return self.data / relative

    def out(self, name: str) -> Path:
        return self.data / "out" / name


def build_cases(setup: Setup) -> list[Case]:
    argmap, python, manifest = setup.argmap, setup.python, setup.manifest
    cases: list[Case] = []
    add = cases.append

    def argmap_case(
        key: str, name: str, group: str, command: str, args: list[str], out: str, **kw: Any
    ) -> Case:
        """A command whose output lands in ``DATA/out/out``: by ``-o`` when it has one, else redirected."""
        target = setup.out(out)
        if command == "render" or setup.output_option.get(command):
            # With -o the command writes the file itself and may refuse to overwrite it.
            argv = [argmap, command, *args, "-o", str(target)]
            return Case(key, name, group, argv, needs=(command,), clean=(target,), **kw)
        return Case(key, name, group, [argmap, command, *args], needs=(command,), output=target, **kw)

    group = "Start-up"
    add(
        Case(
            "pass",
            "python -c pass",
            group,
            [python, "-c", "pass"],
            note="the venv's interpreter, for reference",
        )
    )
    add(Case("version", "argmap --version", group, [argmap, "--version"], target=Target(seconds=0.08)))
    add(Case("help", "argmap --help", group, [argmap, "--help"], target=Target(seconds=0.08)))

    flagship_text = FLAGSHIP.read_text(encoding="utf-8")
    flagship_nodes = len(re.findall(r"^\s*(?:- )?id:", flagship_text, re.MULTILINE))
    flagship_quotes = len(re.findall(r"^\s*quote:", flagship_text, re.MULTILINE))
    group = f"Flagship map (Joscelyn, {flagship_nodes} nodes)"
    flagship_target = Target(seconds=0.2, beyond="pass", extra=0.18)
    add(
        Case(
            "flag-check",
            "check flagship",
            group,
            [argmap, "check", str(FLAGSHIP)],
            needs=("check",),
            target=flagship_target,
            note=f"verifies {flagship_quotes} quotes against the article",
        )
    )
    add(argmap_case("flag-show", "show flagship", group, "show", [str(FLAGSHIP)], "flag-show.txt"))
    cases[-1].target = flagship_target
    add(
        argmap_case(
            "flag-compare",
            "compare flagships (Joscelyn vs Gabuev)",
            group,
            "compare",
            [str(FLAGSHIP), str(FLAGSHIP_OTHER)],
            "flag-compare.txt",
            target=flagship_target,
        )
    )
    add(argmap_case("flag-render", "render flagship → DOT", group, "render", [str(FLAGSHIP)], "flagship.dot"))

    sizes = sorted(int(size) for size in manifest["maps"])
    group = "Single maps"
    for command in ("check", "show"):
        for fmt in ("yaml", "json"):
            for size in sizes:
                entry = manifest["maps"][str(size)]
                key, name = f"{command}-{fmt}-{size}", f"{command} {size:,} nodes ({fmt.upper()})"
                source = str(setup.path(entry[fmt]))
                if command == "check":
                    case = Case(key, name, group, [argmap, "check", source], needs=("check",))
                    case.note = f"{entry['quotes']:,} quotes checked" if size >= 1000 else ""
                else:
                    case = argmap_case(key, name, group, "show", [source], f"{key}.txt")
                if size == 10_000:
                    if command == "check" and fmt == "json":
                        case.target = Target(seconds=0.5, mib=150)
                    elif command == "check":
                        case.target = Target(
                            relative_to="compose-10000", factor=1.2, label="yaml.compose", mib=150
                        )
                    else:
                        case.target = Target(mib=150)
                add(case)
    for size in [size for size in sizes if size >= 1000] or sizes[-1:]:
        entry = manifest["maps"][str(size)]
        for how in ("compose", "load", "compose-nogc"):
            label = "yaml.compose, cyclic collector off" if how == "compose-nogc" else f"yaml.{how}"
            why = "; for reference: argmap runs with the collector off" if how == "compose-nogc" else ""
            add(
                Case(
                    f"{how}-{size}",
                    f"parse {size:,} nodes: {label}, CSafeLoader",
                    group,
                    [python, "-c", PARSE_SCRIPT, str(setup.path(entry["yaml"])), how],
                    in_process=True,
                    note=f"in-process parse only; {entry['yaml_bytes'] / 2**20:.1f} MiB of YAML{why}",
                )
            )

    group = "Conversions"
    for size in sizes:
        entry = manifest["maps"][str(size)]
        source = str(setup.path(entry["yaml"]))
        add(
            argmap_case(
                f"dot-{size}", f"render {size:,} nodes → DOT", group, "render", [source], f"map-{size}.dot"
            )
        )
    for size in sizes:
        entry = manifest["maps"][str(size)]
        source = str(setup.path(entry["yaml"]))
        add(
            argmap_case(
                f"export-{size}",
                f"export --to aif, {size:,} nodes",
                group,
                "export",
                [source, "--to", "aif"],
                f"export-{size}.json",
            )
        )
    for size in sizes:
        entry = manifest["maps"][str(size)]
        add(
            argmap_case(
                f"import-{size}",
                f"import --from aif, {size:,} nodes",
                group,
                "import",
                [str(setup.path(entry["aif"])), "--from", "aif"],
                f"import-{size}.yaml",
                note="AIFdb graph written by the generator" if size == sizes[-1] else "",
            )
        )

    group = "Comparison"
    pair = manifest["compare"]
    for fmt in ("yaml", "json"):
        add(
            argmap_case(
                f"compare-{fmt}",
                f"compare 2 × {pair['claims']:,} claims ({fmt.upper()})",
                group,
                "compare",
                [str(setup.path(pair["a"][fmt])), str(setup.path(pair["b"][fmt]))],
                f"compare-{fmt}.txt",
                target=Target(seconds=1.0),
                note=f"{pair['a']['nodes']:,} and {pair['b']['nodes']:,} nodes",
            )
        )

    group = "Corpora"
    for size in sorted(int(size) for size in manifest["corpora"]):
        if not setup.quick and size < 100:
            continue
        corpus = manifest["corpora"][str(size)]
        folder = str(setup.path(corpus["dir"]))
        note = f"{corpus['nodes']:,} nodes in all"
        add(
            Case(
                f"check-corpus-{size}",
                f"check {size:,} maps",
                group,
                [argmap, "check", folder],
                needs=("check",),
                note=f"{note}: the cost of loading the corpus",
            )
        )
        add(
            argmap_case(
                f"matrix-{size}", f"matrix {size:,} maps", group, "matrix", [folder], f"matrix-{size}.txt"
            )
        )
        cases[-1].note = note
        cases[-1].target = Target(seconds=3.0) if size == 1000 else None

    group = "Rendering with Graphviz"
    render = manifest["render"]
    nodes = render["nodes"]
    add(
        argmap_case(
            "render-svg",
            f"render {nodes:,} nodes → SVG",
            group,
            "render",
            [str(setup.path(render["yaml"]))],
            f"render-{nodes}.svg",
            target=Target(relative_to="dot-svg", factor=1.1, label="dot alone"),
        )
    )
    dot_binary = shutil.which("dot")
    if dot_binary is None:
        cases[-1].skip = "Graphviz dot not installed"
    add(
        Case(
            "dot-svg",
            f"dot -Tsvg alone, {nodes:,} nodes",
            group,
            [
                dot_binary or "dot",
                "-Tsvg",
                str(setup.out(f"render-{nodes}.dot")),
                "-o",
                str(setup.out("dot.svg")),
            ],
            needs=("render",),
            skip=None if dot_binary else "Graphviz dot not installed",
            note="on the DOT that `argmap render -o x.dot` writes",
        )
    )

    group = "Hostile input"
    hostile = manifest["hostile"]
    for key, name, path in (
        ("alias-bomb", f"check alias bomb ({hostile['alias_bomb_bytes']:,} bytes)", hostile["alias_bomb"]),
        ("big-file", f"check {hostile['big_bytes'] / 2**20:.0f} MiB YAML", hostile["big"]),
    ):
        add(
            Case(
                key,
                name,
                group,
                [argmap, "check", str(setup.path(path))],
                needs=("check",),
                ok_codes=(2,),
                target=Target(seconds=2.0),
            )
        )

    for case in cases:
        missing = [command for command in case.needs if command not in setup.available]
        if missing and case.skip is None:
            case.skip = "command not available"
    cases += work_cases(cases, setup)
    return cases


def work_cases(cases: list[Case], setup: Setup) -> list[Case]:
    """The linearity rows at the two largest sizes again, timed inside the process without start-up.

    At 1,000 nodes a command's work is a few tens of milliseconds, no more than the
    run-to-run noise of a whole process's start-up, so a ratio of whole-process times
    says little; the work alone gives a clean one.
    """
    sizes = sorted(int(size) for size in setup.manifest["maps"])[-2:]
    by_key = {case.key: case for case in cases}
    derived = []
    for label, pattern in LINEAR_ROWS:
        for size in sizes:  # one size with --quick: the smoke test runs the script too
            case = by_key.get(pattern.format(size))
            if case is None or case.argv[:1] != [setup.argmap]:
                continue
            script = [setup.python, "-c", WORK_SCRIPT, json.dumps([str(path) for path in case.clean])]
            derived.append(
                Case(
                    f"work-{case.key}",
                    f"{label}, {size:,} nodes: the work alone",
                    "Work without start-up (in-process)",
                    [*script, *case.argv[1:]],
                    needs=case.needs,
                    in_process=True,
                    note="second run in one process: imports and validators already built",
                )
            )
    return derived


def prepare(setup: Setup, cases: list[Case], env: dict[str, str]) -> None:
    """Untimed inputs some rows need: the DOT that `dot -Tsvg` renders alone."""
    dot_case = next((case for case in cases if case.key == "dot-svg"), None)
    if dot_case is None or dot_case.skip is not None:
        return
    render = setup.manifest["render"]
    dot_file = setup.out(f"render-{render['nodes']}.dot")
    dot_file.unlink(missing_ok=True)
    completed = subprocess.run(
        [setup.argmap, "render", str(setup.path(render["yaml"])), "-o", str(dot_file)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0 or not dot_file.exists():
        first = (completed.stderr.strip().splitlines() or ["no DOT written"])[0]
        dot_case.skip = f"could not write the DOT: {first[:100]}"


# --------------------------------------------------------------------------- report


def load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text(encoding="ascii").split()[:3])
    except OSError:
        return "unknown"


def machine(setup: Setup, env: dict[str, str]) -> list[tuple[str, str]]:
    def first_match(path: str, pattern: str) -> str | None:
        try:
            found = re.search(pattern, Path(path).read_text(encoding="utf-8"), re.MULTILINE)
        except OSError:
            return None
        return found.group(1).strip() if found else None

    def output(*argv: str) -> str:
        done = subprocess.run(argv, capture_output=True, text=True, env=env, check=False)
        return (done.stdout.strip() or done.stderr.strip()).splitlines()[0]

    cpu = first_match("/proc/cpuinfo", r"^model name\s*:\s*(.+)$") or platform.processor() or "unknown"
    memory = first_match("/proc/meminfo", r"^MemTotal:\s*(\d+) kB")
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    dot = shutil.which("dot")
    yaml_version = (
        "import yaml; print(yaml.__version__, 'with libyaml' if yaml.__with_libyaml__ else '(pure Python)')"
    )
    return [
        ("CPU", f"{cpu}, {os.cpu_count()} logical cores ({usable} usable)"),
        ("Memory", f"{int(memory) / 2**20:.1f} GiB" if memory else "unknown"),
        ("OS", f"{platform.system()} {platform.release()}"),
        ("Python", output(setup.python, "-c", "import platform; print(platform.python_version())")),
        ("argmap", output(setup.argmap, "--version")),
        ("Graphviz", output(dot, "-V") if dot else "not installed"),
        ("PyYAML", output(setup.python, "-c", yaml_version)),
        ("Peak memory from", "GNU time (%M)" if TIME else "os.wait4 ru_maxrss (floor: the runner's own RSS)"),
        ("Date", datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")),
    ]


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def group_table(results: list[Result], by_key: dict[str, Result]) -> list[str]:
    lines = [
        "| benchmark | median s | min s | max s | CPU s | peak MiB | target | met | note |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- | :---: | --- |",
    ]
    for result in results:
        case = result.case
        target_text, met = evaluate(case.target, result, by_key) if case.target else ("", None)
        note = case.note
        if case.skip or result.failure:
            cells = ["—"] * 5
            note = case.skip or result.failure or ""
            met = False if result.failure and case.target else None
        else:
            cpu = _fmt(statistics.median(result.cpus))
            cells = [_fmt(result.median), _fmt(min(result.times)), _fmt(max(result.times)), cpu]
            cells.append(f"{result.peak:.0f}")
            if case.in_process:
                # The figures are the parse alone; CPU would be the whole process's, so it goes here.
                cells[3] = "—"
                note = f"{note}; whole process {_fmt(statistics.median(result.walls))} s wall, {cpu} s CPU"
            if case.ok_codes != (0,):
                # The file is named in the benchmark's name; keep the message itself.
                message = re.sub(r"^\S+?\.(?:yaml|yml|json)(?::\d+)*: ", "", result.message)
                count = f" ({result.message_lines} lines)" if result.message_lines > 2 else ""
                note = f"refused{count}: {message[:80]}"
        mark = {True: "yes", False: "**no**", None: ""}[met]
        row = [case.name, *cells, target_text, mark, note]
        lines.append("| " + " | ".join(_cell(cell) for cell in row) + " |")
    return lines


LINEAR_ROWS = (
    ("check (YAML)", "check-yaml-{}"),
    ("check (JSON)", "check-json-{}"),
    ("show (YAML)", "show-yaml-{}"),
    ("show (JSON)", "show-json-{}"),
    ("render → DOT", "dot-{}"),
    ("export --to aif", "export-{}"),
    ("import --from aif", "import-{}"),
)


def linearity_table(by_key: dict[str, Result], sizes: list[int]) -> list[str]:
    """Times per map size, the growth from the second-largest to the largest size, and that of the work alone.

    Whole-process times include start-up and imports (about 0.1 s), so their ratio is far
    below 10 for ten times the nodes. The last columns time the command's work inside the
    process (``WORK_SCRIPT``): a linear operation shows about 10, n log n about 13.
    """
    if len(sizes) < 2:
        return ["Only one map size was generated: no ratios."]
    high, low = sizes[-1], sizes[-2]
    header = "| operation | " + " | ".join(f"{size:,} nodes" for size in sizes)
    header += f" | × ({high:,} / {low:,}) | work, {low:,} | work, {high:,} | work × |"
    lines = [header, "| --- |" + " ---: |" * (len(sizes) + 4)]
    for label, pattern in LINEAR_ROWS:
        row = [label]
        medians: dict[int, float] = {}
        for size in sizes:
            result = by_key.get(pattern.format(size))
            if result is not None and result.ok:
                medians[size] = result.median
            row.append(_fmt(medians[size]) if size in medians else "—")
        row.append(f"{medians[high] / medians[low]:.1f}" if high in medians and low in medians else "—")
        work = {}
        for size in (low, high):
            result = by_key.get("work-" + pattern.format(size))
            if result is not None and result.ok:
                work[size] = result.median
        row += [_fmt(work[size]) if size in work else "—" for size in (low, high)]
        row.append(f"{work[high] / work[low]:.1f}" if len(work) == 2 and work[low] > 0 else "—")
        lines.append("| " + " | ".join(row) + " |")
    return lines


def display(argv: Sequence[str]) -> str:
    """A command line with paths shown relative to the repository, as one would type it."""
    shown = []
    for arg in argv:
        if "\n" in arg:
            shown.append("<parse script in bench/run.py>")
            continue
        if Path(arg).is_absolute():
            with contextlib.suppress(ValueError):
                arg = str(Path(arg).relative_to(ROOT))
        shown.append(arg)
    return shlex.join(shown)


def report(
    setup: Setup,
    results: list[Result],
    facts: list[tuple[str, str]],
    loads: tuple[str, str],
    command: str,
    repeat: int,
    warmup: int,
) -> str:
    by_key = {result.case.key: result for result in results}
    sizes = sorted(int(size) for size in setup.manifest["maps"])
    marks = [evaluate(r.case.target, r, by_key)[1] for r in results if r.case.target and not r.case.skip]
    missed = [
        r.case.name for r in results if r.case.target and evaluate(r.case.target, r, by_key)[1] is False
    ]
    busy = float(loads[0].split()[0]) if loads[0] != "unknown" else 0.0
    lines = [
        "# Performance",
        "",
        f"Regenerate with `make bench`. This run: `{command}`.",
        "",
        f"Medians of {repeat} whole-process run{'s' * (repeat != 1)} after {warmup} untimed warm-up "
        f"run{'s' * (warmup != 1)}, with min and max; CPU is user + system time. Peak memory is the "
        "command's maximum resident set size, children included. Inputs come from "
        f"`bench/generate.py` (seed {setup.manifest['seed']}); bench/run.py explains the method.",
        "",
        "## Machine",
        "",
        *(f"- {name}: {value}" for name, value in facts),
        f"- Load average (1, 5, 15 min): {loads[0]} at the start, {loads[1]} at the end",
        "",
    ]
    if busy > 0.5:
        lines += [
            "> The machine was busy with other work when this run started: wall times are "
            "inflated and noisy; CPU times are the more reliable guide.",
            "",
        ]
    lines += [
        "## Targets",
        "",
        f"{sum(1 for m in marks if m)} of {len(marks)} measured targets met"
        + (f"; missed: {', '.join(missed)}." if missed else "."),
        "",
    ]
    group_order = list(dict.fromkeys(result.case.group for result in results))
    for group in group_order:
        lines += [f"## {group}", "", *group_table([r for r in results if r.case.group == group], by_key), ""]
    lines += [
        "## Linearity",
        "",
        *linearity_table(by_key, sizes),
        "",
        "## Commands",
        "",
        *(f"- {result.case.name}: `{display(result.case.argv)}`" for result in results),
        "",
    ]
    return "\n".join(lines)


# --------------------------------------------------------------------------- driver


def available_commands(argmap: str, env: dict[str, str]) -> set[str]:
    """Commands listed by `argmap --help` (the registry lists only modules that exist)."""
    text = subprocess.run([argmap, "--help"], capture_output=True, text=True, env=env, check=False).stdout
    section = text.split("Commands:", 1)[1] if "Commands:" in text else ""
    return {match.group(1) for match in re.finditer(r"^\s{2}([a-z][a-z-]*)\s", section, re.MULTILINE)}


def has_output_option(argmap: str, command: str, env: dict[str, str]) -> bool:
    text = subprocess.run(
        [argmap, command, "--help"], capture_output=True, text=True, env=env, check=False
    ).stdout
    return "-o, --output" in text


def find_argmap() -> str:
    beside = Path(sys.executable).parent / "argmap"
    if beside.exists():
        return str(beside)
    found = shutil.which("argmap")
    if found is None:
        raise SystemExit(
            "bench/run.py: no argmap script beside this Python or on PATH; run `pip install -e .`"
        )
    return found


def child_environment(data: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("ARGMAP_DEBUG", "PYTHONDONTWRITEBYTECODE")
    }
    env.update({"NO_COLOR": "1", "COLUMNS": "100", "PYTHONPYCACHEPREFIX": str((data / "pycache").resolve())})
    return env


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help="generated inputs (default: bench/.data)"
    )
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per benchmark (default: 5)")
    parser.add_argument(
        "--warmup", type=int, default=None, help="untimed runs first (default: 1; 0 with --quick)"
    )
    parser.add_argument(
        "--quick", action="store_true", help="smallest sizes, one run each (for the smoke test)"
    )
    parser.add_argument("--only", help="run only the rows whose key or name contains this text")
    parser.add_argument("--write", type=Path, help="also write the report to this Markdown file")
    args = parser.parse_args(argv)
    repeat = 1 if args.quick else max(1, args.repeat)
    warmup = args.warmup if args.warmup is not None else (0 if args.quick else 1)
    manifest_path = args.data / "manifest.json"
    if not manifest_path.is_file():
        print(f"bench/run.py: {manifest_path} not found; run bench/generate.py first", file=sys.stderr)
        return 2
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    if args.quick:
        # Only the smallest of each kind of input.
        smallest = str(min(int(size) for size in manifest["maps"]))
        manifest["maps"] = {smallest: manifest["maps"][smallest]}
        corpus = str(min(int(size) for size in manifest["corpora"]))
        manifest["corpora"] = {corpus: manifest["corpora"][corpus]}

    env = child_environment(args.data)
    argmap = find_argmap()
    available = available_commands(argmap, env)
    writers = ("show", "compare", "matrix", "export", "import")
    setup = Setup(
        data=args.data,
        manifest=manifest,
        argmap=argmap,
        python=sys.executable,
        available=available,
        output_option={
            command: has_output_option(argmap, command, env) for command in writers if command in available
        },
        quick=args.quick,
    )
    (args.data / "out").mkdir(parents=True, exist_ok=True)
    cases = build_cases(setup)
    if args.only:
        cases = [case for case in cases if args.only in case.key or args.only in case.name]
    prepare(setup, cases, env)

    start_load = load_average()
    results: list[Result] = []
    for number, case in enumerate(cases, 1):
        if case.skip:
            results.append(Result(case))
            print(f"[{number}/{len(cases)}] {case.name}: skipped ({case.skip})", file=sys.stderr)
            continue
        result = measure(case, env, repeat, warmup)
        results.append(result)
        summary = result.failure or f"{_fmt(result.median)} s, {result.peak:.0f} MiB"
        print(f"[{number}/{len(cases)}] {case.name}: {summary}", file=sys.stderr)

    interpreter = Path(sys.executable)
    with contextlib.suppress(ValueError):
        interpreter = interpreter.relative_to(ROOT)
    command = display([str(interpreter), "bench/run.py", *(argv if argv is not None else sys.argv[1:])])
    loads = (start_load, load_average())
    text = report(setup, results, machine(setup, env), loads, command, repeat, warmup)
    print(text)
    if args.write:
        args.write.parent.mkdir(parents=True, exist_ok=True)
        args.write.write_text(text, encoding="utf-8")
        print(f"wrote {args.write}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
