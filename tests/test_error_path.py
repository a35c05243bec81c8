"""One error path: the library raises ArgmapError subclasses, the CLI turns them into lines in one place.

``LazyGroup.invoke`` prints an :class:`~argmap.errors.ArgmapError` as one-line messages
with its exit code; ``--debug`` or ``ARGMAP_DEBUG`` show the traceback instead; anything
else is a bug, which ``main`` reports in one line with exit 70.
"""

from __future__ import annotations

import ast
import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ARGUMENTS, FLAGSHIP_MAPS, ROOT
from hostile_support import run_main

SOURCE = ROOT / "src" / "argmap"
# Exceptions raised inside the library that never reach the user, each with where it is caught.
INTERNAL = {
    "YamlRefused": "argmap.reading.parse and LazyLocator turn it into InputError",
    "_DuplicateKey": "argmap.reading.parse turns it into InputError",
    "HugeNumber": "argmap.reading.parse and argmap.formats.aif_graph.read_aif turn it into InputError",
    "Declined": "argmap.reading.parse reads the text again with the full YAML reader",
    "FileExistsError": "argmap.atomic.write_atomic turns it, as any OSError, into OutputError",
    "ValueError": "raised in pydantic validators (argmap.model), which pydantic reports as ValidationError",
    "AttributeError": "module __getattr__ functions (argmap/__init__.py, the pydantic plugin loader's "
    "stand-in in argmap/cli/pydantic_plugins.py), as Python requires",
}


def _raised_names() -> dict[str, list[str]]:
    """Every exception class named in a ``raise`` statement of the library, with where."""
    found: dict[str, list[str]] = {}
    for path in sorted(SOURCE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Raise) or node.exc is None:
                continue
            target = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
            name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "?")
            found.setdefault(name, []).append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def _exception_class(name: str) -> type[BaseException] | None:
    for module in ("argmap.errors", "argmap.yamlsafe", "argmap.reading", "argmap.loader", "builtins"):
        candidate = getattr(importlib.import_module(module), name, None)
        if isinstance(candidate, type) and issubclass(candidate, BaseException):
            return candidate
    return None


def test_every_exception_the_library_raises_is_an_argmap_error_or_caught_inside() -> None:
    """A raise in src/argmap names an ArgmapError subclass, or an internal exception caught before the user."""
    from argmap.errors import ArgmapError

    stray = {}
    for name, places in _raised_names().items():
        if name in INTERNAL or name.startswith("_refuse"):
            continue  # _refuse() builds a YamlRefused
        found = _exception_class(name)
        if found is None or not issubclass(found, ArgmapError):
            stray[name] = places
    assert not stray, f"raise something other than an ArgmapError: {stray}"


def test_internal_exceptions_are_caught_where_the_allowlist_says() -> None:
    """YamlRefused and _DuplicateKey, raised inside the library, are caught inside it too."""
    reading = (SOURCE / "reading.py").read_text(encoding="utf-8")
    assert "except YamlRefused" in reading
    assert "except _DuplicateKey" in reading


def test_errors_become_lines_in_one_place() -> None:
    """Only argmap.cli catches ArgmapError to print it, and only it exits the process."""
    catching, exiting, printing = [], [], []
    for path in sorted(SOURCE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        name = path.relative_to(SOURCE).as_posix()
        if name == "gallery.py":
            continue  # a developer's script (python -m argmap.gallery), not part of the CLI
        if "except ArgmapError" in text:
            catching.append(name)
        if "sys.exit(" in text:
            exiting.append(name)
        if "print(" in text.replace("screen.print(", "").replace("target.print(", ""):
            printing.append(name)
    assert catching == ["cli/__init__.py"]
    assert exiting == ["cli/__init__.py"]
    assert printing == []


def test_argmap_error_is_one_line_and_its_exit_code(tmp_path: Path) -> None:
    """A missing map gives the loader's line and exit 2, without a traceback."""
    result = run_main(["show", str(tmp_path / "missing.yaml")])
    assert (result.exit, result.output) == (2, f"{tmp_path / 'missing.yaml'}: no such file\n")


def _argmap(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {key: value for key, value in os.environ.items() if key != "ARGMAP_DEBUG"}
    return subprocess.run(
        [sys.executable, "-m", "argmap", *args],
        capture_output=True,
        text=True,
        env={**environment, **(env or {})},
        check=False,
    )


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["check", str(ARGUMENTS)], 0),
        (["check", "--fail-on", "warning", str(ARGUMENTS)], 1),
        (["check", "missing.yaml"], 2),
        (["show", str(ARGUMENTS / "gabuev-2017-good-cop-bad-cop.yaml"), "--width", "80"], 0),
        (["compare", "--width", "80", *(str(path) for path in FLAGSHIP_MAPS)], 0),
    ],
)
def test_the_command_exits_as_main_does_with_all_its_output(args: list[str], code: int) -> None:
    """`argmap` (run) skips the interpreter's teardown: same exit code, every byte of output."""
    in_process = run_main(args)
    command = subprocess.run(
        [sys.executable, "-m", "argmap", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "NO_COLOR": "1", "COLUMNS": "80"},
        check=False,
    )
    assert (command.returncode, in_process.exit) == (code, code)
    assert command.stdout == in_process.stdout
    assert command.stderr == in_process.stderr
    assert len(command.stdout) > 0 or len(command.stderr) > 0


@pytest.mark.parametrize(
    ("args", "env"),
    [(["--debug", "show", "missing.yaml"], None), (["show", "missing.yaml"], {"ARGMAP_DEBUG": "1"})],
    ids=["--debug", "ARGMAP_DEBUG"],
)
def test_debug_shows_the_traceback(args: list[str], env: dict[str, str] | None, tmp_path: Path) -> None:
    """--debug and ARGMAP_DEBUG=1 let the exception out with its traceback, for developers."""
    done = _argmap(*[str(tmp_path / arg) if arg.endswith(".yaml") else arg for arg in args], env=env)
    assert done.returncode == 1
    assert done.stderr.startswith("Traceback (most recent call last):")
    assert done.stderr.rstrip().endswith(
        f"argmap.errors.InputError: {tmp_path / 'missing.yaml'}: no such file"
    )


def test_unexpected_exception_is_one_harmless_line_with_exit_70(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bug (injected: the tree view raises) is one line, its text made harmless, exit 70."""
    from argmap.render import terminal

    case = tmp_path / "map.yaml"
    case.write_text("source:\n  authors: [A]\nthesis:\n  id: t\n  text: x\n", encoding="utf-8")

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom\nsecond line \x1b[2J")

    monkeypatch.setattr(terminal, "map_tree", broken)
    result = run_main(["show", str(case)])
    assert (result.exit, result.output) == (
        70,
        "argmap: internal error: RuntimeError: boom\\nsecond line \\x1b[2J (run with --debug for details)\n",
    )
    with pytest.raises(RuntimeError, match="boom"):
        run_main(["--debug", "show", str(case)])


def test_broken_pipe_ends_quietly(tmp_path: Path) -> None:
    """A reader that goes away (head) ends argmap without a traceback."""
    script = "import subprocess, sys; p = subprocess.Popen([sys.executable, '-m', 'argmap', 'schema'], stdout=subprocess.PIPE, stderr=subprocess.PIPE); p.stdout.read(10); p.stdout.close(); print(p.wait()); sys.stdout.write(p.stderr.read().decode())"
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False, cwd=tmp_path
    )
    assert "Traceback" not in done.stdout
