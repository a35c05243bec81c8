"""Loading many maps at once, in worker processes.

Reading YAML is most of the cost of a corpus, and each file is independent of the others,
so reading and validating spread over the machine's cores. Workers send back the validated
document (unpickling it costs less than validating again); node positions are worked out
again here when needed, since a :class:`~argmap.loader.Document` finds its nodes by
object identity, which does not cross processes. Workers are forked, so they start with
argmap already imported; where fork is unavailable, maps are loaded here, one after another.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from argmap._fork import usable_cores
from argmap._gc import collector_paused
from argmap.errors import InputError, Problem
from argmap.loader import Document, load_document

PARALLEL_FROM = 32
"""Fewer maps than this are read in this process: starting workers costs about as much."""

_Loaded = Document | list[Problem]


def load_documents(
    paths: Sequence[Path], *, jobs: int | None = None, advance: Callable[[], None] | None = None
) -> list[Document | InputError]:
    """Each map in ``paths``, in order, or the :class:`InputError` that says why it cannot be used.

    ``jobs`` is the number of processes reading files (default: one per usable core, when
    there are at least :data:`PARALLEL_FROM` maps). ``advance`` is called once per map loaded.
    """
    workers = worker_count(len(paths), jobs)
    if workers <= 1:
        return _finish(map(_load, paths), advance)
    # An executor, not a Pool: a worker that dies (killed for memory, say) breaks the
    # executor, which raises, where a Pool would wait for its result for ever. map()
    # submits every file at once, so workers are forked before a progress bar's thread.
    fork = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers, mp_context=fork) as executor:
        chunk = max(1, min(16, len(paths) // (workers * 8)))
        return _finish(executor.map(_load, paths, chunksize=chunk), advance)


def worker_count(files: int, jobs: int | None) -> int:
    if jobs is not None and jobs > 0:
        wanted = jobs
    elif files < PARALLEL_FROM:
        return 1
    else:
        wanted = usable_cores()
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(wanted, files))


def _load(path: Path) -> _Loaded:
    """One map, or its problems (plain values: they cross processes)."""
    try:
        document = load_document(path)
    except InputError as error:
        return error.problems
    # Node paths are keyed by object identity, which does not survive the trip: left to be
    # worked out again where the document arrives, if anything asks where a node is.
    document.paths = None
    return document


def _finish(results: Iterable[_Loaded], advance: Callable[[], None] | None) -> list[Document | InputError]:
    loaded: list[Document | InputError] = []
    with collector_paused():
        for result in results:
            loaded.append(InputError(result, cap=False) if isinstance(result, list) else result)
            if advance is not None:
                advance()
    return loaded
