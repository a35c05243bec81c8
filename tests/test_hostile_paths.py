"""Files and paths: unreadable inputs, and outputs that cannot or must not be written (issue 6).

Whatever goes wrong, the command says so in one line and exits 2, an earlier output file
keeps every byte, no temporary file is left behind, and no input is ever overwritten.
Failures a test cannot cause for real (a full disk, an interrupted rename) are injected
by replacing one ``os`` function inside :mod:`argmap.atomic` for the test's duration.
"""

from __future__ import annotations

import errno
import os
import signal
import socket
import stat
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


def _run(command: str, case: str, folder: Path) -> tuple[int, str]:
    """``command`` of the hostile suite on ``case`` in ``folder`` (its partner map from the repository)."""
    args = [
        str(ROOT / PARTNER) if arg == PARTNER else arg for arg in _arguments(command, case, folder / "out")
    ]
    result = run_main(args)
    return result.exit, result.output


# --------------------------------------------------------------------------- unreadable inputs


@pytest.mark.skipif(RUNNING_AS_ROOT, reason="root reads a file whatever its permissions (CI runs as root)")
@pytest.mark.parametrize("command", list(COMMANDS))
def test_unreadable_input_is_one_line(command: str, folder: Path) -> None:
    """A map with no read permission is refused by every command, naming the file and the reason."""
    case = folder / "locked.yaml"
    case.write_text(MAP, encoding="utf-8")
    case.chmod(0)
    try:
        outcome = _run(command, "locked.yaml", folder)
    finally:
        case.chmod(0o644)
    assert outcome == (2, "locked.yaml: cannot be read: permission denied\n")


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
    assert _run(command, "loop.yaml", folder) == (
        2,
        "loop.yaml: cannot be read: a loop of symbolic links\n",
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
            "loop.yaml: cannot be read: a loop of symbolic links\n",
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


@pytest.mark.parametrize("command", list(WRITERS))
def test_read_only_output_file_is_refused_and_kept(command: str, folder: Path) -> None:
    """An existing output without write permission is not replaced behind the user's back, by root either.

    Root passes every permission check, so argmap reads the mode bits itself (issue 12).
    """
    _aif(folder)
    target = folder / "out.json"
    target.write_bytes(EARLIER)
    target.chmod(0o444)
    before = _snapshot(folder)
    result = run_main([*WRITERS[command], "-o", "out.json"])
    assert (result.exit, result.output) == (2, "out.json: cannot write: the file is read-only\n")
    assert _snapshot(folder) == before
    assert target.stat().st_mode & 0o777 == 0o444


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
    assert (result.exit, result.output) == (2, "locked/out.json: cannot write: permission denied\n")


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


@pytest.mark.parametrize("step", ["fsync", "replace", "fchmod"])
def test_disk_full_keeps_the_earlier_output_and_no_temporary_file(
    step: str, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A write that fails at any step (disk full) keeps the earlier file byte for byte and cleans up."""
    target = folder / "out.json"
    target.write_bytes(EARLIER)
    before = _snapshot(folder)
    monkeypatch.setattr(f"argmap.atomic.os.{step}", _fail(OSError(errno.ENOSPC, "No space left on device")))
    result = run_main(["export", "map.yaml", "--to", "json", "-o", "out.json"])
    assert (result.exit, result.output) == (2, "out.json: cannot write: no space left on the device\n")
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
    assert (done.returncode, done.stderr) == (
        2,
        "cannot write to standard output: no space left on the device\n",
    )


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


# --------------------------------------------------------------------------- what -o names (issue 12)
#
# -o follows a symbolic link to its final target and writes that atomically; it writes a
# character device or a FIFO in place, without a rename; it refuses any other special file.
# No test here names /dev/null or /dev/stdout themselves: were the code to regress, a test
# run as root would replace the system's nodes. Device nodes made in tmp_path, links to
# /dev/null and /dev/fd/1 (whose folder no one can create files in) stand for them.


def _names(folder: Path) -> list[str]:
    """Every entry of the folder, hidden ones (a temporary file left behind) included."""
    return sorted(os.listdir(folder))


def _to_stdout(command: str) -> tuple[bytes, str]:
    """What the command writes to standard output (what -o FILE must receive), and its messages."""
    result = run_main([*WRITERS[command], "-o", "-"])
    assert result.exit == 0, result.output
    return result.stdout.encode("utf-8"), result.stderr  # import's notes on what it left out


def _character_device(path: Path) -> Path:
    """A real null device node (1, 3) at ``path``; only root may make one."""
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (OSError, AttributeError) as error:
        pytest.skip(f"cannot make a device node here: {error}")
    return path


@pytest.mark.parametrize("command", list(WRITERS))
def test_output_onto_a_character_device_writes_through_it(command: str, folder: Path) -> None:
    """-o ./null (a character device) is written in place: it stays the device, exit 0, nothing else appears."""
    _aif(folder)
    _, messages = _to_stdout(command)
    device = _character_device(folder / "null")
    names = _names(folder)
    result = run_main([*WRITERS[command], "-o", "./null"])
    assert (result.exit, result.stderr) == (0, messages)
    info = os.lstat(device)
    assert stat.S_ISCHR(info.st_mode)
    assert info.st_rdev == os.makedev(1, 3)
    assert _names(folder) == names


@pytest.mark.parametrize("command", list(WRITERS))
def test_output_onto_a_link_to_dev_null_keeps_the_link_and_the_device(command: str, folder: Path) -> None:
    """-o LINK where LINK -> /dev/null: the link is followed; it stays a link, /dev/null stays a device."""
    _aif(folder)
    _, messages = _to_stdout(command)
    (folder / "sink").symlink_to(os.devnull)
    names = _names(folder)
    result = run_main([*WRITERS[command], "-o", "sink"])
    assert (result.exit, result.stderr) == (0, messages)
    assert os.readlink(folder / "sink") == os.devnull
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)
    assert _names(folder) == names


def _read_all(descriptor: int) -> bytes:
    """Everything waiting in a non-blocking read end, up to the writer's end of file."""
    chunks = []
    while True:
        try:
            chunk = os.read(descriptor, 1 << 16)
        except BlockingIOError:
            break  # no writer ever came
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks)


@pytest.mark.parametrize("command", list(WRITERS))
def test_output_onto_a_fifo_writes_into_the_pipe(command: str, folder: Path) -> None:
    """-o FIFO sends the output down the pipe, as '>' would, and leaves the FIFO a FIFO.

    The read end is opened (non-blocking) before argmap runs, so argmap finds a reader at
    once; the outputs are far smaller than a pipe's buffer, so nothing waits.
    """
    _aif(folder)
    expected, messages = _to_stdout(command)
    fifo = folder / "pipe"
    os.mkfifo(fifo)
    names = _names(folder)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        result = run_main([*WRITERS[command], "-o", "pipe"])
        received = _read_all(reader)
    finally:
        os.close(reader)
    assert (result.exit, result.stderr) == (0, messages)
    assert received == expected
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert _names(folder) == names


@pytest.mark.parametrize("command", list(WRITERS))
def test_output_through_a_symbolic_link_writes_its_target(command: str, folder: Path) -> None:
    """-o LINK writes the file the link (a chain of two) points to; the links stay links."""
    _aif(folder)
    expected, messages = _to_stdout(command)
    (folder / "real.txt").write_bytes(EARLIER)
    (folder / "real.txt").chmod(0o640)
    (folder / "middle").symlink_to("real.txt")
    (folder / "link").symlink_to("middle")
    names = _names(folder)
    result = run_main([*WRITERS[command], "-o", "link"])
    assert (result.exit, result.stderr) == (0, messages)
    assert (os.readlink(folder / "link"), os.readlink(folder / "middle")) == ("middle", "real.txt")
    assert (folder / "real.txt").read_bytes() == expected
    assert (folder / "real.txt").stat().st_mode & 0o777 == 0o640
    assert _names(folder) == names


def test_output_through_a_dangling_link_creates_its_target(folder: Path) -> None:
    """A link to a file not yet there: the target is created, as '>' would, and the link kept."""
    (folder / "sub").mkdir()
    (folder / "link.json").symlink_to("sub/made.json")
    result = run_main(["export", "map.yaml", "--to", "json", "-o", "link.json"])
    assert (result.exit, result.output) == (0, "")
    assert os.readlink(folder / "link.json") == "sub/made.json"
    assert (folder / "sub" / "made.json").read_bytes() == run_main(
        ["export", "map.yaml", "--to", "json"]
    ).stdout.encode("utf-8")
    assert _names(folder / "sub") == ["made.json"]


def test_output_through_a_read_only_link_target_is_refused(folder: Path) -> None:
    """The read-only rule applies to the link's target: it is kept, and so is the link."""
    (folder / "real.json").write_bytes(EARLIER)
    (folder / "real.json").chmod(0o444)
    (folder / "link.json").symlink_to("real.json")
    result = run_main(["export", "map.yaml", "--to", "json", "-o", "link.json"])
    assert (result.exit, result.output) == (2, "link.json: cannot write: the file is read-only\n")
    assert (folder / "real.json").read_bytes() == EARLIER
    assert os.readlink(folder / "link.json") == "real.json"


def test_output_onto_a_socket_is_refused(folder: Path) -> None:
    """A socket is neither a file nor a device argmap can write: refused, and left a socket."""
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        server.bind("sock")  # relative: a socket path may hold only about 100 bytes
        names = _names(folder)
        result = run_main(["export", "map.yaml", "--to", "json", "-o", "sock"])
    finally:
        server.close()
    assert (result.exit, result.output) == (
        2,
        "sock: cannot write: it is a socket; -o takes a regular file, a character device or a pipe\n",
    )
    assert stat.S_ISSOCK(os.lstat(folder / "sock").st_mode)
    assert _names(folder) == names


def test_output_onto_a_block_device_is_refused(folder: Path) -> None:
    """A block device (a disk) is never written: refused, and left as it was."""
    device = folder / "disk"
    try:
        os.mknod(device, stat.S_IFBLK | 0o660, os.makedev(7, 0))
    except (OSError, AttributeError) as error:
        pytest.skip(f"cannot make a device node here: {error}")
    result = run_main(["render", "map.yaml", "--format", "dot", "-o", "disk"])
    assert (result.exit, result.output) == (
        2,
        "disk: cannot write: it is a block device; -o takes a regular file, a character device or a pipe\n",
    )
    assert stat.S_ISBLK(os.lstat(device).st_mode)


def test_output_to_dev_fd_1_is_standard_output(folder: Path) -> None:
    """-o /dev/fd/1 writes to the process's standard output (a pipe here), as a real process."""
    expected = run_main(["export", "map.yaml", "--to", "json"]).stdout
    done = subprocess.run(
        [sys.executable, "-m", "argmap", "export", "map.yaml", "--to", "json", "-o", "/dev/fd/1"],
        capture_output=True,
        text=True,
        cwd=folder,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        check=False,
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, expected, "")


KILLED_WRITER = """
import os, signal, sys
import argmap.atomic
# The writer dies (SIGKILL, as the OOM killer or 'kill -9' would) just before its rename.
os.replace = lambda *args, **kwargs: os.kill(os.getpid(), signal.SIGKILL)
argmap.atomic.write_atomic(sys.argv[1], "half of a diagram")
"""


def test_temporary_file_of_a_killed_writer_is_cleaned_up_by_the_next_write(folder: Path) -> None:
    """A writer killed mid-write leaves its temporary file; the next write to that target removes it."""
    (folder / "out.json").write_bytes(EARLIER)
    names = _names(folder)
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_WRITER, "out.json"],
        cwd=folder,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        check=False,
    )
    assert killed.returncode == -signal.SIGKILL
    left = [name for name in _names(folder) if name not in names]
    assert len(left) == 1  # what a killed writer leaves
    assert left[0].startswith(".out.json.")
    assert (folder / "out.json").read_bytes() == EARLIER
    result = run_main(["export", "map.yaml", "--to", "json", "-o", "out.json"])
    assert (result.exit, result.output) == (0, "")
    assert _names(folder) == names
    assert (folder / "out.json").read_bytes() != EARLIER


@pytest.mark.parametrize("command", list(WRITERS))
def test_output_with_a_250_character_name_is_written(command: str, folder: Path) -> None:
    """A name of 250 characters is allowed (NAME_MAX is 255 bytes); the temporary file's name must fit too."""
    _aif(folder)
    expected, messages = _to_stdout(command)
    name = "n" * 246 + ".txt"
    result = run_main([*WRITERS[command], "-o", name])
    assert (result.exit, result.stderr) == (0, messages)
    assert (folder / name).read_bytes() == expected
    assert [entry for entry in _names(folder) if entry.startswith(".")] == []


# --------------------------------------------------------------------------- names too long (issue 12)

LONG = "x" * 300  # more than the 255 bytes a file name may hold: ENAMETOOLONG


@pytest.mark.parametrize("command", list(COMMANDS))
def test_input_name_too_long_is_one_line(command: str, folder: Path) -> None:
    """A map whose name is longer than a file name may be: one line naming it, exit 2, every command."""
    assert _run(command, f"{LONG}.yaml", folder) == (
        2,
        f"{LONG}.yaml: cannot be read: the name is longer than the file system allows\n",
    )


@pytest.mark.parametrize("command", [name for name in COMMANDS if name != "import"])
def test_vocabulary_name_too_long_is_one_line(command: str, folder: Path) -> None:
    """A map naming a vocabulary longer than a file name may be: the field, located, exit 2."""
    (folder / "map.yaml").write_text(f"vocabulary: {LONG}.yaml\n" + MAP, encoding="utf-8")
    assert _run(command, "map.yaml", folder) == (
        2,
        "map.yaml:1:13: vocabulary: cannot be used: the name is longer than the file system allows\n",
    )


def test_folder_name_too_long_is_one_line(folder: Path) -> None:
    """check and matrix on a folder path too long: one line each, exit 2."""
    for args in (["check", "-q", f"{LONG}/"], ["matrix", f"{LONG}/", "map.yaml"]):
        result = run_main(args)
        assert (result.exit, result.output) == (
            2,
            f"{LONG}: cannot be read: the name is longer than the file system allows\n",
        ), args


def test_text_option_name_too_long_is_one_line(folder: Path) -> None:
    """check --text with a name too long: one line, exit 2."""
    result = run_main(["check", "--text", f"{LONG}.txt", "map.yaml"])
    assert (result.exit, result.output) == (
        2,
        f"--text {LONG}.txt: cannot be read: the name is longer than the file system allows\n",
    )


@pytest.mark.parametrize("command", list(WRITERS))
def test_output_name_too_long_is_one_line(command: str, folder: Path) -> None:
    """-o with a name too long: one line, exit 2, nothing written."""
    _aif(folder)
    names = _names(folder)
    result = run_main([*WRITERS[command], "-o", f"{LONG}.txt"])
    assert (result.exit, result.output) == (
        2,
        f"{LONG}.txt: cannot write: the name is longer than the file system allows\n",
    )
    assert _names(folder) == names


def test_new_with_a_name_too_long_is_one_line(folder: Path) -> None:
    """argmap new with a name too long: one line, exit 2, nothing written."""
    names = _names(folder)
    result = run_main(["new", f"{LONG}.yaml"])
    assert (result.exit, result.output) == (
        2,
        f"{LONG}.yaml: cannot write: the name is longer than the file system allows\n",
    )
    assert _names(folder) == names
