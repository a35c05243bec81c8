"""Writing files so that a reader never sees half of one, and a failure never costs the old one.

What ``-o FILE`` does depends on what FILE is (docs/security.md, "Writing files"):

- ``-``: standard output;
- a new name or a regular file: a temporary file beside it, synced, then renamed over it.
  A read-only file (no write bit in its mode) is refused, by root too: root passes every
  permission check, so the mode bits are read here;
- a symbolic link: followed to its final target, which is then written as above; the
  link stays a link;
- a character device or a FIFO (``/dev/null``, ``/dev/stdout``, a named pipe): written in
  place, as ``>`` would, never renamed over;
- anything else (a folder, a block device, a socket): refused.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from argmap.errors import OutputError, os_reason

ACCEPTED = "-o takes a regular file, a character device or a pipe"


def write_atomic(
    path: str | os.PathLike[str],
    data: bytes | str,
    *,
    for_terminal: Callable[[str], str] | None = None,
) -> None:
    """Write ``data`` to ``path``: a regular file through a temporary file and a rename.

    ``path`` of ``-`` writes to standard output instead. A character device or a FIFO is
    written in place; when it is a terminal and ``data`` is text, ``for_terminal`` (if
    given) makes it safe to show first. Any failure is an :class:`OutputError` naming
    ``path`` as given.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if str(path) == "-":
        with stdout_failures():
            sys.stdout.buffer.write(payload)
            sys.stdout.buffer.flush()
        return
    target = Path(path)
    try:
        _write(target, payload, data if isinstance(data, str) and for_terminal else None, for_terminal)
    except OSError as error:
        raise OutputError(f"{target}: cannot write: {os_reason(error)}") from error
    except ValueError:
        # os.stat refuses a path holding a NUL character.
        raise OutputError(f"{target}: cannot write: the path holds a NUL character") from None


def _write(target: Path, payload: bytes, text: str | None, for_terminal: Callable[[str], str] | None) -> None:
    try:
        info: os.stat_result | None = os.stat(target)  # through any symbolic link
    except (FileNotFoundError, NotADirectoryError):
        info = None  # a new file, or a link to one not yet there
    if info is not None and not stat.S_ISREG(info.st_mode):
        if stat.S_ISDIR(info.st_mode):
            raise OutputError(f"{target}: cannot write: it is a folder")
        if not (stat.S_ISCHR(info.st_mode) or stat.S_ISFIFO(info.st_mode)):
            raise OutputError(f"{target}: cannot write: it is {_kind(info.st_mode)}; {ACCEPTED}")
        _refuse_read_only(target, info)
        _write_in_place(target, payload, text, for_terminal)
        return
    # A link is followed to its final target, which is replaced; the link itself stays.
    real = Path(os.path.realpath(target)) if os.path.islink(target) else target
    folder = real.parent
    if not os.path.isdir(folder):
        raise OutputError(f"{target}: cannot write: folder {folder} does not exist")
    if info is not None:
        _refuse_read_only(target, info)
    _remove_abandoned(real)
    descriptor, temporary = _create_beside(real)
    try:
        _write_all(descriptor, payload)
        os.fsync(descriptor)
        if info is not None:
            # Keep what the user gave the file being replaced: its owner (root may) and permissions.
            if hasattr(os, "fchown") and (info.st_uid, info.st_gid) != (os.getuid(), os.getgid()):
                with suppress(PermissionError):  # only root may give a file away
                    os.fchown(descriptor, info.st_uid, info.st_gid)
            _set_mode(descriptor, temporary, info.st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            _set_mode(descriptor, temporary, 0o666 & ~umask)
        os.replace(temporary, real)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    finally:
        # Closed only after the rename: the lock it holds tells other writers it is in use.
        os.close(descriptor)


def _set_mode(descriptor: int, path: str, mode: int) -> None:
    if hasattr(os, "fchmod"):
        os.fchmod(descriptor, mode)
    else:
        os.chmod(path, mode)


def _kind(mode: int) -> str:
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _refuse_read_only(target: Path, info: os.stat_result) -> None:
    """A file without a single write bit is read-only for argmap, whoever runs it (root too)."""
    if not info.st_mode & 0o222:
        raise OutputError(f"{target}: cannot write: the file is read-only")
    if not os.access(target, os.W_OK):
        # A rename would replace a file the user may not write regardless; honour it as '>' does.
        raise OutputError(f"{target}: cannot write: permission denied")


def _write_in_place(
    target: Path, payload: bytes, text: str | None, for_terminal: Callable[[str], str] | None
) -> None:
    """Write a character device or a FIFO as ``>`` would: opened, written, closed; no rename.

    A FIFO with no reader waits for one, as ``>`` does (Ctrl-C ends the wait).
    """
    flags = (
        os.O_WRONLY | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    )
    descriptor = os.open(target, flags)
    try:
        if text is not None and for_terminal is not None and os.isatty(descriptor):
            payload = for_terminal(text).encode("utf-8")
        _write_all(descriptor, payload)
    finally:
        os.close(descriptor)


def _write_all(descriptor: int, payload: bytes) -> None:
    view = memoryview(payload)
    while view:
        view = view[os.write(descriptor, view) :]


_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
_MARK = ".argmap-"
_RANDOM_CHARACTERS = 12
_SUFFIX = ".tmp"


def _temporary_prefix(target: Path) -> str:
    """``.NAME.argmap-``, with NAME cut so that the whole temporary name fits the folder's NAME_MAX.

    A 250-byte name plus the marks would pass the 255 bytes most file systems allow.
    """
    try:
        longest = os.pathconf(target.parent, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):
        longest = 255
    room = max(longest, 64) - (1 + len(_MARK) + _RANDOM_CHARACTERS + len(_SUFFIX))
    name = os.fsencode(target.name)[:room]
    return os.fsdecode(b"." + name + os.fsencode(_MARK))


def _create_beside(target: Path) -> tuple[int, str]:
    """A new hidden file in ``target``'s folder, open for writing, readable by its owner only, locked.

    What ``tempfile.mkstemp`` does (importing :mod:`tempfile`, with shutil, bz2 and lzma,
    cost every command that writes a file about 4 ms), plus a lock held until the file is
    renamed or removed: a writer that is killed releases it, and the next write to the
    same target removes what it left (:func:`_remove_abandoned`).
    """
    prefix = _temporary_prefix(target)
    for _ in range(100):
        temporary = str(target.with_name(f"{prefix}{os.urandom(_RANDOM_CHARACTERS // 2).hex()}{_SUFFIX}"))
        try:
            descriptor = os.open(temporary, _NEW_FILE, 0o600)
        except FileExistsError:
            continue  # 48 random bits met a file of that name: try another
        _lock(descriptor, wait=True)
        try:
            still_ours = os.stat(temporary).st_ino == os.fstat(descriptor).st_ino
        except FileNotFoundError:
            still_ours = False
        if still_ours:
            return descriptor, temporary
        # Another write to this target took it for abandoned before it was locked: try again.
        os.close(descriptor)
    raise FileExistsError(f"no free temporary name beside {target}")


def _remove_abandoned(target: Path) -> None:
    """Remove the temporary files that writers to ``target`` were killed before renaming.

    A writer holds a lock on its temporary file until it is renamed; one that can be locked
    belongs to no running writer. Anything that is not a regular file, cannot be opened or
    cannot be locked is left alone: this only ever tidies up.
    """
    prefix = _temporary_prefix(target)
    folder = target.parent
    try:
        names = [
            entry.name
            for entry in os.scandir(folder)
            if entry.name.startswith(prefix) and _is_temporary_name(entry.name[len(prefix) :])
        ]
    except OSError:
        return
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    for name in names:
        path = os.path.join(folder, name)
        try:
            descriptor = os.open(path, flags)
        except OSError:
            continue
        try:
            info = os.fstat(descriptor)
            # Locked: no running writer has it. Unlinked only if the name still holds that file.
            if (
                stat.S_ISREG(info.st_mode)
                and _lock(descriptor, wait=False)
                and os.lstat(path).st_ino == info.st_ino
            ):
                os.unlink(path)
        except OSError:
            pass
        finally:
            os.close(descriptor)


def _is_temporary_name(rest: str) -> bool:
    random, suffix = rest[:_RANDOM_CHARACTERS], rest[_RANDOM_CHARACTERS:]
    return (
        suffix == _SUFFIX
        and len(random) == _RANDOM_CHARACTERS
        and all(c in "0123456789abcdef" for c in random)
    )


def _lock(descriptor: int, *, wait: bool) -> bool:
    """An exclusive lock on the open file; False when another process holds one (or locks are unsupported)."""
    if sys.platform == "win32":
        return False  # no flock: abandoned temporary files are not recognised there
    import fcntl

    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
    except OSError:
        return False  # held by a running writer, or a file system without locks
    return True


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
        raise OutputError(f"cannot write to standard output: {os_reason(error)}") from None


def discard_stdout() -> None:
    """Point standard output at the null device after a failed write, so that the final flush
    at exit cannot fail a second time with a traceback."""
    try:
        descriptor = os.open(os.devnull, os.O_WRONLY)
        os.dup2(descriptor, sys.stdout.fileno())
    except (OSError, ValueError):
        pass  # not a real file (a test runner's buffer): nothing will reach a device
