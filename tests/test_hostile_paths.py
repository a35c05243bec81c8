"""Files and paths: unreadable inputs, and outputs that cannot or must not be written (issue 6).

Whatever goes wrong, the command says so in one line and exits 2, an earlier output file
keeps every byte, no temporary file is left behind, and no input is ever overwritten.
Failures a test cannot cause for real (a full disk, an interrupted rename) are injected
by replacing one ``os`` function inside :mod:`argmap.atomic` for the test's duration.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import ROOT
from hostile_support import run_main
from test_hostile import COMMANDS, PARTNER, _arguments

RUNNING_AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
MAP = "source:\n  authors: [Ann Author]\nthesis:\n  id: thesis\n  text: A thesis.\n  question: q\n"
VOCABULARY = (
    "questions:\n  - id: q\n    text: A question?\n    positions:\n      - {id: p, label: a position}\n"
)
EARLIER = b"the earlier output, which must survive\n"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder with a map, its vocabulary and a second map; commands run inside it."""
    (tmp_path / "map.yaml").write_text(MAP, encoding="utf-8")
    (tmp_path / "other.yaml").write_text(MAP.replace("Ann Author", "Bob Other"), encoding="utf-8")
    (tmp_path / "questions.yaml").write_text(VOCABULARY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir()) if path.is_file()}


# Every command that writes a file, as (arguments before -o, output suffix).
WRITERS: dict[str, list[str]] = {
    "show": ["show", "map.yaml"],
    "compare": ["compare", "map.yaml", "other.yaml"],
    "matrix": ["matrix", "map.yaml", "other.yaml"],
    "render": ["render", "map.yaml", "--format", "dot"],
    "export": ["export", "map.yaml", "--to", "json"],
    "import": ["import", "aif.json"],
    "schema": ["schema"],
}


def _aif(folder: Path) -> None:
    """An AIF file for import, made by exporting the map."""
    assert run_main(["export", "map.yaml", "--to", "aif", "-o", str(folder / "aif.json")]).exit == 0


# --------------------------------------------------------------------------- unreadable inputs


@pytest.mark.skipif(RUNNING_AS_ROOT, reason="root reads a file whatever its permissions (CI runs as root)")
@pytest.mark.parametrize("command", list(COMMANDS))
def test_unreadable_input_is_one_line(command: str, folder: Path) -> None:
    """A map with no read permission is refused by every command, naming the file and the reason."""
    case = folder / "locked.yaml"
    case.write_text(MAP, encoding="utf-8")
    case.chmod(0)
    try:
        args = _arguments(command, "locked.yaml", folder / "out")
        result = run_main([str(ROOT / PARTNER) if arg == PARTNER else arg for arg in args])
    finally:
        case.chmod(0o644)
    assert (result.exit, result.output) == (2, "locked.yaml: cannot be read: permission denied\n")


def test_permission_denied_while_reading_is_one_line(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same refusal when the operating system denies the read (injected, so that root sees it too)."""
    real_open = Path.open

    def deny(self: Path, *args: object, **kwargs: object) -> object:
        if self.name == "map.yaml":
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", deny)
    result = run_main(["show", "map.yaml"])
    assert (result.exit, result.output) == (2, "map.yaml: cannot be read: permission denied\n")


@pytest.mark.parametrize("command", [name for name in COMMANDS if name != "import"])
def test_symbolic_link_loop_is_one_line(command: str, folder: Path) -> None:
    """A map that is a loop of symbolic links is refused by every command, not an internal error."""
    (folder / "loop.yaml").symlink_to("loop.yaml")
    args = [
        str(ROOT / PARTNER) if arg == PARTNER else arg
        for arg in _arguments(command, "loop.yaml", folder / "out")
    ]
    result = run_main(args)
    assert (result.exit, result.output) == (
        2,
        "loop.yaml: cannot be read: Too many levels of symbolic links\n",
    )


def test_symbolic_link_loop_as_import_source_and_output_is_one_line(folder: Path) -> None:
    """import and export with -o compare input and output without resolving the loop (Python 3.11 raised)."""
    (folder / "loop.yaml").symlink_to("loop.yaml")
    for args in (
        ["import", "loop.yaml", "-o", "out.yaml"],
        ["export", "loop.yaml", "--to", "json", "-o", "o.json"],
    ):
        result = run_main(args)
        assert (result.exit, result.output) == (
            2,
            "loop.yaml: cannot be read: Too many levels of symbolic links\n",
        )


def test_vocabulary_link_loop_is_one_line_for_compare(folder: Path) -> None:
    """A map whose vocabulary is a loop of links: compare says so instead of crashing in Path.resolve."""
    (folder / "loop-questions.yaml").symlink_to("loop-questions.yaml")
    (folder / "map.yaml").write_text("vocabulary: loop-questions.yaml\n" + MAP, encoding="utf-8")
    result = run_main(["compare", "map.yaml", "other.yaml"])
    assert (result.exit, result.output) == (
        2,
        "map.yaml:1:13: vocabulary: cannot be used: it is a loop of symbolic links\n",
    )


# --------------------------------------------------------------------------- outputs


@pytest.mark.parametrize("command", list(WRITERS))
def test_output_into_a_missing_folder_is_refused(command: str, folder: Path) -> None:
    """-o into a folder that does not exist: one line, exit 2, nothing created."""
    _aif(folder)
    before = _snapshot(folder)
    result = run_main([*WRITERS[command], "-o", "nowhere/out.txt"])
    assert (result.exit, result.output) == (
        2,
        "nowhere/out.txt: cannot write: folder nowhere does not exist\n",
    )
    assert _snapshot(folder) == before
    assert not (folder / "nowhere").exists()


@pytest.mark.parametrize("command", list(WRITERS))
def test_output_that_is_a_folder_is_refused(command: str, folder: Path) -> None:
    """-o naming a folder: one line, exit 2."""
    _aif(folder)
    (folder / "sub").mkdir()
    result = run_main([*WRITERS[command], "-o", "sub"])
    assert (result.exit, result.output) == (2, "sub: cannot write: it is a folder\n")


INPUTS = {
    # command: the inputs -o may not name
    "show": ["map.yaml", "questions.yaml"],
    "compare": ["map.yaml", "other.yaml", "questions.yaml"],
    "matrix": ["map.yaml", "other.yaml", "questions.yaml"],
    "render": ["map.yaml", "questions.yaml"],
    "export": ["map.yaml", "questions.yaml"],
    "import": ["aif.json"],
}


@pytest.mark.parametrize(
    ("command", "target"), [(command, target) for command, targets in INPUTS.items() for target in targets]
)
def test_output_equal_to_an_input_is_refused_and_the_input_kept(
    command: str, target: str, folder: Path
) -> None:
    """-o naming any file the command reads (a map, the other map, the vocabulary) is refused; it keeps every byte."""
    _aif(folder)
    before = _snapshot(folder)
    result = run_main([*WRITERS[command], "-o", target])
    assert (result.exit, result.output) == (
        2,
        f"-o {target} is an input of this command ({target}); choose another file\n",
    )
    assert _snapshot(folder) == before


@pytest.mark.parametrize("link", ["symbolic", "hard"])
def test_output_that_is_a_link_to_the_input_is_refused(link: str, folder: Path) -> None:
    """An input reached through a symbolic or a hard link is still the input."""
    alias = folder / "alias.yaml"
    if link == "symbolic":
        alias.symlink_to("map.yaml")
    else:
        os.link(folder / "map.yaml", alias)
    before = _snapshot(folder)
    for args in (
        ["show", "map.yaml"],
        ["export", "map.yaml", "--to", "json"],
        ["render", "map.yaml", "--format", "dot"],
    ):
        result = run_main([*args, "-o", "alias.yaml"])
        assert (result.exit, result.output) == (
            2,
            "-o alias.yaml is an input of this command (map.yaml); choose another file\n",
        )
    assert _snapshot(folder) == before


@pytest.mark.skipif(RUNNING_AS_ROOT, reason="root may write a read-only file (CI runs as root)")
def test_read_only_output_file_is_refused_and_kept(folder: Path) -> None:
    """An existing output without write permission is not replaced behind the user's back."""
    target = folder / "out.json"
    target.write_bytes(EARLIER)
    target.chmod(0o444)
    result = run_main(["export", "map.yaml", "--to", "json", "-o", "out.json"])
    assert (result.exit, result.output) == (2, "out.json: cannot write: permission denied\n")
    assert target.read_bytes() == EARLIER


@pytest.mark.skipif(RUNNING_AS_ROOT, reason="root may write into a read-only folder (CI runs as root)")
def test_read_only_folder_is_refused(folder: Path) -> None:
    """A folder without write permission: one line naming the reason."""
    locked = folder / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        result = run_main(["export", "map.yaml", "--to", "json", "-o", "locked/out.json"])
    finally:
        locked.chmod(0o755)
    assert (result.exit, result.output) == (2, "locked/out.json: cannot write: Permission denied\n")


def _unwritable_system_folder() -> str | None:
    for candidate in ("/sys", "/proc"):
        if os.path.isdir(candidate):
            try:
                with open(os.path.join(candidate, "argmap-probe"), "w"):
                    pass
            except OSError:
                return candidate
    return None


@pytest.mark.skipif(_unwritable_system_folder() is None, reason="no folder that even root cannot write into")
def test_folder_even_root_cannot_write_is_refused(folder: Path) -> None:
    """A folder no one may create files in (/sys): one line, exit 2, whoever runs the test."""
    system = _unwritable_system_folder()
    result = run_main(["export", "map.yaml", "--to", "json", "-o", f"{system}/out.json"])
    assert result.exit == 2
    assert result.output.startswith(f"{system}/out.json: cannot write: ")
    assert result.output.count("\n") == 1


def _fail(error: BaseException) -> Callable[..., None]:
    def raiser(*args: object, **kwargs: object) -> None:
        raise error

    return raiser


@pytest.mark.parametrize("step", ["fsync", "replace", "chmod"])
def test_disk_full_keeps_the_earlier_output_and_no_temporary_file(
    step: str, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A write that fails at any step (disk full) keeps the earlier file byte for byte and cleans up."""
    target = folder / "out.json"
    target.write_bytes(EARLIER)
    before = _snapshot(folder)
    monkeypatch.setattr(f"argmap.atomic.os.{step}", _fail(OSError(errno.ENOSPC, "No space left on device")))
    result = run_main(["export", "map.yaml", "--to", "json", "-o", "out.json"])
    assert (result.exit, result.output) == (2, "out.json: cannot write: No space left on device\n")
    assert _snapshot(folder) == before  # the earlier output, and no .out.json.*.tmp beside it


def test_interrupted_write_keeps_the_earlier_output_and_no_temporary_file(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C in the middle of writing leaves the earlier output whole and removes the temporary file."""
    target = folder / "out.svg"
    target.write_bytes(EARLIER)
    before = _snapshot(folder)
    monkeypatch.setattr("argmap.atomic.os.replace", _fail(KeyboardInterrupt()))
    result = run_main(["render", "map.yaml", "--format", "dot", "-o", "out.svg"])
    assert result.exit != 0
    assert "Traceback" not in result.output
    assert _snapshot(folder) == before


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full to fill standard output")
@pytest.mark.parametrize(
    "args",
    [
        ["show", "map.yaml"],
        ["export", "map.yaml", "--to", "aif"],
        ["render", "map.yaml", "--format", "dot", "-o", "-"],
        ["check", "--format", "json", "map.yaml"],
        ["schema"],
    ],
    ids=lambda args: args[0],
)
def test_full_standard_output_is_one_line_exit_2(args: list[str], folder: Path) -> None:
    """Standard output on a full device: one line on standard error and exit 2, as a real process."""
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "argmap", *args],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            cwd=folder,
            env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
            check=False,
        )
    assert (done.returncode, done.stderr) == (2, "cannot write to standard output: No space left on device\n")


def test_new_never_overwrites(folder: Path) -> None:
    """argmap new refuses an existing file and leaves it as it was."""
    before = _snapshot(folder)
    result = run_main(["new", "map.yaml"])
    assert (result.exit, result.output) == (
        2,
        "map.yaml: already exists; argmap new never overwrites a file\n",
    )
    assert _snapshot(folder) == before


def test_partner_map_of_the_suite_is_clean() -> None:
    """The map every hostile case is compared with passes check, so that it adds nothing to their outputs."""
    result = run_main(["check", "-q", str(ROOT / PARTNER)])
    assert (result.exit, result.output) == (0, "")
