"""Which nodes of a map the author asserts, as opposed to views the author raises to reject.

A map tags nodes with positions; a comparison must count only the author's own. The
author asserts the thesis and every rebuttal; an objection only when conceded, that is,
when nothing beneath it opposes it outright (an undercut grants the objection and denies
its force, so a merely undercut objection is conceded). A supporting node shares its
parent's standing; a node that opposes or undercuts speaks for the author exactly when
its parent does not.
"""

from __future__ import annotations

from collections.abc import Iterable

from argmap.model import AnyNode, ArgumentMap, Relation, Thesis


def asserted_nodes(argument_map: ArgumentMap) -> set[int]:
    """The ``id()`` of every node the author asserts, computed in one pre-order pass."""
    return asserted_in(argument_map.walk())


def asserted_in(walk: Iterable[tuple[AnyNode, AnyNode | None, int]]) -> set[int]:
    """:func:`asserted_nodes` over a walk already made (``ArgumentMap.walk``'s pre-order)."""
    asserted: set[int] = set()
    for node, parent, _ in walk:
        if _asserts(node, parent, asserted):
            asserted.add(id(node))
    return asserted


def _asserts(node: AnyNode, parent: AnyNode | None, asserted: set[int]) -> bool:
    if parent is None or isinstance(node, Thesis) or node.kind == "rebuttal":
        return True
    if node.kind == "objection":
        return not any(child.relation == Relation.OPPOSES for child in node.children)
    parent_asserted = id(parent) in asserted
    if node.relation == Relation.SUPPORTS:
        return parent_asserted
    return not parent_asserted
