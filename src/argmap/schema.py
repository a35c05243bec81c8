"""The JSON Schema of the map format, for editors and other tools."""

from __future__ import annotations

from typing import Any

from argmap.model import ArgumentMap


def map_schema() -> dict[str, Any]:
    schema = ArgumentMap.model_json_schema(by_alias=True)
    definitions = schema.get("$defs", {})
    # The loader requires `kind` on every node below the thesis: it is what tells them apart.
    for name in ("Claim", "Evidence", "Objection", "Rebuttal"):
        definition = definitions.get(name)
        if definition is not None:
            required = definition.setdefault("required", [])
            if "kind" not in required:
                required.insert(0, "kind")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "argmap map"
    return schema
