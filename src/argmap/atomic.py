"""Writing files so that a reader never sees half of one, and a failure never costs the old one."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from argmap.errors import OutputError


def write_atomic(path: str | os.PathLike[str], data: bytes | str) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename.

    ``path`` of ``-`` writes to standard output instead.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if str(path) == "-":
        try:
            sys.stdout.buffer.write(payload)
            sys.stdout.buffer.flush()
        except BrokenPipeError:
            raise  # the reader went away: argmap.cli.main ends quietly
        except OSError as error:
            discard_stdout()
            raise OutputError(f"cannot write to standard output: {error.strerror or error}") from None
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
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
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


def discard_stdout() -> None:
    """Point standard output at the null device after a failed write, so that the final flush
    at exit cannot fail a second time with a traceback."""
    try:
        descriptor = os.open(os.devnull, os.O_WRONLY)
        os.dup2(descriptor, sys.stdout.fileno())
    except (OSError, ValueError):
        pass  # not a real file (a test runner's buffer): nothing will reach a device
