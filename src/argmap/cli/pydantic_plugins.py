"""Pydantic with its plugins off and without the search for them, for the ``argmap`` command.

Validating argmap's own file format is no business of other installed packages' pydantic
plugins, so the command turns them off (``PYDANTIC_DISABLE_PLUGINS=__all__``) unless the
user chose otherwise. Even off, pydantic's plugin loader imports :mod:`importlib.metadata`
on the first validation (about 15 ms of a 0.2 s command, for a function that then returns
no plugins). While every plugin is off, a stand-in takes the loader's place and answers as
the loader does when plugins are off; any other name asked of it brings in the real loader.
"""

from __future__ import annotations

import importlib
import os
import sys
import types
from typing import Any

LOADER = "pydantic.plugin._loader"
ALL_OFF = ("__all__", "1", "true")
"""The values of ``PYDANTIC_DISABLE_PLUGINS`` for which pydantic loads no plugin at all."""


def turn_off() -> None:
    """Turn plugins off unless the user set ``PYDANTIC_DISABLE_PLUGINS``; skip the search if all are off."""
    if os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__") in ALL_OFF:
        sys.modules.setdefault(LOADER, STAND_IN)


def _no_plugins() -> tuple[()]:
    return ()


def _from_the_real_loader(name: str) -> Any:
    if name.startswith("__"):
        # The import system asks modules for __path__ and the like; a plain module lacks them.
        raise AttributeError(name)
    # Reached only if a pydantic release asks its loader for more than get_plugins.
    if sys.modules.get(LOADER) is STAND_IN:
        del sys.modules[LOADER]
    return getattr(importlib.import_module(LOADER), name)


STAND_IN = types.ModuleType(LOADER, "Stand-in for pydantic's plugin loader while every plugin is off.")
STAND_IN.get_plugins = _no_plugins  # type: ignore[attr-defined]
STAND_IN.__getattr__ = _from_the_real_loader  # type: ignore[method-assign]
