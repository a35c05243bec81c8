"""Loading many maps at once: files read and parsed in worker processes, validated here.

Reading YAML is most of the cost of a corpus, and each file's reading is independent of
the others', so it spreads over the machine's cores. Validation stays in this process:
a :class:`~argmap.loader.Document` points at its nodes by object identity, which does not
survive being sent between processes. Workers are forked, so they start with argmap
already imported; where fork is unavailable, maps are read here, one after another.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from argmap._gc import collector_paused
from argmap.errors import InputError, Problem
from argmap.loader import Document, document_from
from argmap.reading import LazyLocator, display_path, parse, read_text

PARALLEL_FROM = 32
"""Fewer maps than this are read in this process: starting workers costs about as much."""

_Read = tuple[str, Any] | list[Problem]


def load_documents(
    paths: Sequence[Path], *, jobs: int | None = None, advance: Callable[[], None] | None = None
) -> list[Document | InputError]:
    """Each map in ``paths``, in order, or the :class:`InputError` that says why it cannot be used.

    ``jobs`` is the number of processes reading files (default: one per usable core, when
    there are at least :data:`PARALLEL_FROM` maps). ``advance`` is called once per map loaded.
    """
    workers = worker_count(len(paths), jobs)
    if workers <= 1:
        return _finish(paths, map(_read, paths), advance)
    # The pool is forked before any progress display starts a thread of its own.
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        chunk = max(1, min(16, len(paths) // (workers * 8)))
        return _finish(paths, pool.imap(_read, paths, chunk), advance)


def worker_count(files: int, jobs: int | None) -> int:
    if jobs is not None and jobs > 0:
        wanted = jobs
    elif files < PARALLEL_FROM:
        return 1
    else:
        wanted = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(wanted, files))


def _read(path: Path) -> _Read:
    """Text and plain data of one file, or its problems (plain values: they cross processes)."""
    try:
        with collector_paused():
            text = read_text(path)
            data, _ = parse(text, display_path(path), path.suffix.lower())
    except InputError as error:
        return error.problems
    return text, data


def _finish(
    paths: Sequence[Path], reads: Iterable[_Read], advance: Callable[[], None] | None
) -> list[Document | InputError]:
    loaded: list[Document | InputError] = []
    for path, read in zip(paths, reads, strict=True):
        if isinstance(read, list):
            loaded.append(InputError(read))
        else:
            text, data = read
            try:
                loaded.append(document_from(path, data, LazyLocator(text)))
            except InputError as error:
                loaded.append(error)
        if advance is not None:
            advance()
    return loaded
