"""Writing files so that a reader never sees half of one, and a failure never costs the old one."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from argmap.errors import OutputError


def write_atomic(path: str | os.PathLike[str], data: bytes | str) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename.

    ``path`` of ``-`` writes to standard output instead.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if str(path) == "-":
        with stdout_failures():
            sys.stdout.buffer.write(payload)
            sys.stdout.buffer.flush()
        return
    target = Path(path)
    folder = target.parent
    if not folder.is_dir():
        raise OutputError(f"{target}: cannot write: folder {folder} does not exist")
    if target.is_dir():
        raise OutputError(f"{target}: cannot write: it is a folder")
    if target.exists() and not os.access(target, os.W_OK):
        # A rename would replace a read-only file regardless; honour its protection as '>' does.
        raise OutputError(f"{target}: cannot write: permission denied")
    try:
        handle, temporary = _create_beside(target)
    except OSError as error:
        raise OutputError(f"{target}: cannot write: {error.strerror or error}") from error
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        if target.exists():
            # Keep the permissions a user gave the file they are replacing.
            os.chmod(temporary, target.stat().st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, target)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise OutputError(f"{target}: cannot write: {error.strerror or error}") from error
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)


def _create_beside(target: Path) -> tuple[int, str]:
    """A new hidden file in ``target``'s folder, open for writing and readable by its owner only.

    What ``tempfile.mkstemp`` does; importing :mod:`tempfile` (with shutil, bz2 and lzma)
    cost every command that writes a file about 4 ms, for one call.
    """
    for _ in range(100):
        temporary = str(target.with_name(f".{target.name}.{os.urandom(6).hex()}.tmp"))
        try:
            return os.open(temporary, _NEW_FILE, 0o600), temporary
        except FileExistsError:
            continue  # 48 random bits met a file of that name: try another
    raise FileExistsError(f"no free temporary name beside {target}")


@contextmanager
def stdout_failures() -> Iterator[None]:
    """A failed write to standard output (a full disk) as an :class:`OutputError`.

    A reader that went away (``BrokenPipeError``) passes through: argmap.cli.main ends quietly.
    """
    try:
        yield
    except BrokenPipeError:
        raise
    except OSError as error:
        discard_stdout()
        raise OutputError(f"cannot write to standard output: {error.strerror or error}") from None


def discard_stdout() -> None:
    """Point standard output at the null device after a failed write, so that the final flush
    at exit cannot fail a second time with a traceback."""
    try:
        descriptor = os.open(os.devnull, os.O_WRONLY)
        os.dup2(descriptor, sys.stdout.fileno())
    except (OSError, ValueError):
        pass  # not a real file (a test runner's buffer): nothing will reach a device
