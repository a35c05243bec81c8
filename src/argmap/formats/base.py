"""The shape every format module shares, so that the registry and the CLI treat them alike.

An exporter module has ``NAME``, ``SUFFIX``, ``USES_VOCABULARY`` and
``export(map, vocabulary=None) -> str``;
an importer module has ``NAME``, ``SUFFIX`` and ``import_(text, name) -> ImportResult``.
Both are pure: text in, text or a map out; files are read and written by the CLI.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from argmap.model import ArgumentMap
from argmap.vocabulary import Vocabulary

ExportFunction = Callable[[ArgumentMap, Vocabulary | None], str]


@dataclass(frozen=True)
class ImportResult:
    """An imported map, and one line per kind of thing the source had that the map cannot hold."""

    map: ArgumentMap
    warnings: list[str] = field(default_factory=list)


ImportFunction = Callable[[str, str], ImportResult]


@dataclass(frozen=True)
class Exporter:
    name: str
    suffix: str
    export: ExportFunction
    uses_vocabulary: bool = False


@dataclass(frozen=True)
class Importer:
    name: str
    suffix: str
    import_: ImportFunction
