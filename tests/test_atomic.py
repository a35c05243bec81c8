"""argmap.atomic: whole files or none, with the permissions a shell redirection would give."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from argmap.atomic import write_atomic
from argmap.errors import OutputError


@pytest.fixture
def umask_022() -> Iterator[None]:
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


def test_a_new_file_gets_the_permissions_the_umask_allows(tmp_path: Path, umask_022: None) -> None:
    target = tmp_path / "map.svg"
    write_atomic(target, "<svg/>")
    assert target.read_text(encoding="utf-8") == "<svg/>"
    assert target.stat().st_mode & 0o777 == 0o644
    assert sorted(path.name for path in tmp_path.iterdir()) == ["map.svg"]


def test_a_replaced_file_keeps_its_permissions(tmp_path: Path, umask_022: None) -> None:
    target = tmp_path / "map.svg"
    target.write_bytes(b"old")
    target.chmod(0o640)
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert target.stat().st_mode & 0o777 == 0o640
    assert sorted(path.name for path in tmp_path.iterdir()) == ["map.svg"]


def test_many_writes_to_one_folder_leave_only_their_files(tmp_path: Path) -> None:
    for number in range(50):
        write_atomic(tmp_path / f"out-{number}.txt", str(number))
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(f"out-{n}.txt" for n in range(50))
    assert (tmp_path / "out-7.txt").read_text(encoding="utf-8") == "7"


def test_a_missing_folder_is_one_line_and_writes_nothing(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match=r"folder .* does not exist"):
        write_atomic(tmp_path / "nowhere" / "map.svg", "x")
    assert list(tmp_path.iterdir()) == []


def test_a_name_of_255_bytes_is_written_with_no_temporary_file_left(tmp_path: Path) -> None:
    """The temporary file's name is cut to fit NAME_MAX, whatever the target's length, in bytes."""
    for name in ("n" * 255, "é" * 127):  # 255 bytes; 254 bytes of UTF-8 in 127 characters
        write_atomic(tmp_path / name, name)
        assert (tmp_path / name).read_text(encoding="utf-8") == name
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(["n" * 255, "é" * 127])


def test_a_read_only_file_is_refused_whoever_runs(tmp_path: Path) -> None:
    """No write bit in its mode: refused, as root too (root passes os.access and could rename over it)."""
    target = tmp_path / "map.svg"
    target.write_bytes(b"old")
    target.chmod(0o444)
    with pytest.raises(OutputError, match=r"map\.svg: cannot write: the file is read-only$"):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"


def _abandoned(folder: Path, random: str) -> Path:
    """A temporary file as a writer of out.json leaves it when killed before its rename."""
    path = folder / f".out.json.argmap-{random}.tmp"
    path.write_bytes(b"half")
    return path


def test_only_abandoned_temporary_files_of_the_target_are_removed(tmp_path: Path) -> None:
    """A temporary file no writer holds is removed; one a running writer locks, and look-alikes, stay."""
    abandoned = _abandoned(tmp_path, "0123456789ab")
    in_use = _abandoned(tmp_path, "ba9876543210")
    look_alikes = [
        tmp_path / name for name in (".out.json.argmap-notrandomxyz.tmp", ".out.json.bak", ".other.tmp")
    ]
    for path in look_alikes:
        path.write_bytes(b"keep")
    (tmp_path / ".out.json.argmap-0000000000ff.tmp").symlink_to("out.json.bak")
    with in_use.open("rb") as writer:
        fcntl.flock(writer.fileno(), fcntl.LOCK_EX)  # as a running writer holds its own
        write_atomic(tmp_path / "out.json", "{}")
        assert in_use.exists()
    assert not abandoned.exists()
    assert all(path.read_bytes() == b"keep" for path in look_alikes)
    assert (tmp_path / ".out.json.argmap-0000000000ff.tmp").is_symlink()
    assert (tmp_path / "out.json").read_text(encoding="utf-8") == "{}"


def test_a_replaced_file_keeps_its_owner(tmp_path: Path) -> None:
    """Root replacing a user's file gives it back to the user, as '>' (which writes in place) would."""
    if os.geteuid() != 0:
        pytest.skip("only root can make a file another user's")
    target = tmp_path / "map.svg"
    target.write_bytes(b"old")
    os.chown(target, 12345, 54321)
    write_atomic(target, b"new")
    assert (target.stat().st_uid, target.stat().st_gid, target.read_bytes()) == (12345, 54321, b"new")


def test_a_terminal_gets_text_made_safe(tmp_path: Path) -> None:
    """-o naming a terminal device: written in place, with control characters made visible."""
    from argmap.sanitize import terminal_safe

    controller, terminal = os.openpty()
    try:
        termios_raw(terminal)
        write_atomic(os.ttyname(terminal), "red \x1b[31malert\n", for_terminal=terminal_safe)
        received = os.read(controller, 1024)
    finally:
        os.close(terminal)
        os.close(controller)
    assert received == terminal_safe("red \x1b[31malert\n").encode("utf-8")
    assert b"\x1b" not in received


def termios_raw(descriptor: int) -> None:
    """No line discipline translation (\\n stays \\n), so what is read is what was written."""
    import tty

    tty.setraw(descriptor)
