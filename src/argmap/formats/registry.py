"""The formats behind one registry.

``EXPORTERS`` maps a format name to its exporter (``argdown``, ``aif``, ``json``,
``markdown``); ``IMPORTERS`` to its importer (``aif``). docs/formats.md says what each
format keeps and what it loses.
"""

from __future__ import annotations

from argmap.errors import UsageError
from argmap.formats import aif, aif_import, argdown, json_format, markdown
from argmap.formats.base import Exporter, Importer, ImportResult

__all__ = ["EXPORTERS", "IMPORTERS", "Exporter", "ImportResult", "Importer", "exporter", "importer"]

EXPORTERS: dict[str, Exporter] = {
    module.NAME: Exporter(module.NAME, module.SUFFIX, module.export)
    for module in (argdown, aif, json_format, markdown)
}
IMPORTERS: dict[str, Importer] = {
    module.NAME: Importer(module.NAME, module.SUFFIX, module.import_) for module in (aif_import,)
}


def exporter(name: str) -> Exporter:
    try:
        return EXPORTERS[name]
    except KeyError:
        raise UsageError(f"unknown export format '{name}'; one of {', '.join(EXPORTERS)}") from None


def importer(name: str) -> Importer:
    try:
        return IMPORTERS[name]
    except KeyError:
        raise UsageError(f"unknown import format '{name}'; one of {', '.join(IMPORTERS)}") from None
