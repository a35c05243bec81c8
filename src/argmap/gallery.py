"""Regenerate docs/gallery: the DOT source and the SVG of each flagship map and of their comparison.

Run it from the repository root (``make gallery``)::

    python -m argmap.gallery

Every file is written by ``argmap render`` itself, so the gallery shows exactly what
users get. The ``.dot`` files are the reviewable part: tests/test_gallery.py fails when
they no longer match what the code generates (SVG bytes vary with the Graphviz version).
"""

from __future__ import annotations

import sys
from pathlib import Path

GALLERY = Path("docs") / "gallery"
JOSCELYN = "arguments/joscelyn-2020-most-dangerous-alliance.yaml"
GABUEV = "arguments/gabuev-2017-good-cop-bad-cop.yaml"

ENTRIES: dict[str, tuple[str, ...]] = {
    # name in docs/gallery: the arguments of `argmap render` before -o
    # --tags shows each claim's question and position: where each author stands on "nature".
    "joscelyn-2020-most-dangerous-alliance": (JOSCELYN, "--tags"),
    "gabuev-2017-good-cop-bad-cop": (GABUEV, "--tags"),
    "comparison-joscelyn-gabuev": (JOSCELYN, GABUEV, "--compare"),
}
FORMATS = ("dot", "svg")


def commands(root: Path, formats: tuple[str, ...] = FORMATS) -> list[list[str]]:
    """The ``argmap`` argument lists that write the gallery under ``root``."""
    return [
        ["render", *(str(root / arg) if arg.endswith(".yaml") else arg for arg in args), "-o", str(path)]
        for name, args in ENTRIES.items()
        for path in (root / GALLERY / f"{name}.{fmt}" for fmt in formats)
    ]


def main(root: Path | None = None) -> int:
    from argmap.cli import cli

    base = Path.cwd() if root is None else root
    if not (base / "arguments").is_dir():
        print(
            "argmap.gallery: run this from the repository root (no arguments/ folder here)", file=sys.stderr
        )
        return 2
    (base / GALLERY).mkdir(parents=True, exist_ok=True)
    for args in commands(base):
        code = cli.main(args=args, prog_name="argmap", standalone_mode=False)
        if code:
            return int(code)
        print(f"wrote {Path(args[-1]).relative_to(base)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
