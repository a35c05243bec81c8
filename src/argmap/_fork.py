"""Work done in a forked copy of this process while this one goes on."""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def in_child(work: Callable[[], T]) -> Callable[[], T]:
    """Start ``work()`` in a forked copy of this process; the function returned waits for its result.

    For work that needs only what is already in memory, such as the similarity queries of
    a large comparison: the copy starts with everything loaded and sends back only the
    (pickled) result. Where there is no fork or a single core, or if the copy fails,
    ``work()`` runs here when the result is asked for. Ask for it once, also on an error
    path, so that the copy is waited for.
    """
    if not hasattr(os, "fork") or usable_cores() < 2:
        return work
    reader, writer = os.pipe()
    child = os.fork()
    if child == 0:
        status = 1
        try:
            os.close(reader)
            with os.fdopen(writer, "wb") as pipe:
                pipe.write(pickle.dumps(work(), pickle.HIGHEST_PROTOCOL))
            status = 0
        finally:
            os._exit(status)  # no exit handlers, no flushing of buffers the parent owns
    os.close(writer)

    def result() -> T:
        with os.fdopen(reader, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(child, 0)
        return pickle.loads(data) if status == 0 else work()

    return result


def usable_cores() -> int:
    """The cores this process may run on (its affinity), where the system says; else all of them."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
