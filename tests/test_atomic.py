"""argmap.atomic: whole files or none, with the permissions a shell redirection would give."""

from __future__ import annotations

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
