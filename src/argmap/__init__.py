"""argmap: map the arguments of opinion pieces and compare authors.

The public library API. Names are imported on first use so that the command line's
``--help`` and ``--version`` stay fast.
"""

from __future__ import annotations

import importlib
from typing import Any

from argmap._version import __version__

_EXPORTS = {
    "ArgumentMap": "argmap.model",
    "Thesis": "argmap.model",
    "Claim": "argmap.model",
    "Evidence": "argmap.model",
    "Objection": "argmap.model",
    "Rebuttal": "argmap.model",
    "Relation": "argmap.model",
    "EvidenceType": "argmap.model",
    "Source": "argmap.model",
    "Vocabulary": "argmap.vocabulary",
    "Question": "argmap.vocabulary",
    "Position": "argmap.vocabulary",
    "load_map": "argmap.loader",
    "load_document": "argmap.loader",
    "load_vocabulary": "argmap.loader",
    "check_paths": "argmap.check",
    "ArgmapError": "argmap.errors",
    "InputError": "argmap.errors",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'argmap' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
