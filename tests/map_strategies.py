"""Hypothesis strategies for whole maps with arbitrary Unicode text, shared by round-trip tests."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from argmap.model import (
    AnyNode,
    ArgumentMap,
    Claim,
    Evidence,
    EvidenceType,
    Objection,
    Rebuttal,
    Relation,
    Source,
    Thesis,
)

ids = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.:-]{0,12}", fullmatch=True)
# Every code point but surrogates (which no UTF-8 file can hold), control characters included.
texts = st.text(min_size=1, max_size=40)
# The loader refuses an author's name that is only white space: a map is labelled by its
# first author's surname.
names = texts.filter(lambda text: bool(text.strip()))
optional_texts = st.none() | st.text(max_size=30)
dates = (
    st.dates().map(lambda day: day.isoformat()).flatmap(lambda iso: st.sampled_from([iso[:4], iso[:7], iso]))
)
id_lists = st.lists(ids, max_size=3)

_CHILD_KINDS = ("claim", "evidence", "objection", "rebuttal")


@st.composite
def _node_fields(
    draw: st.DrawFn, kind: str, node_id: str, targets: st.SearchStrategy[list[str]]
) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "id": node_id,
        "text": draw(texts),
        "quote": draw(st.none() | texts),
        "note": draw(optional_texts),
        "also_supports": draw(targets),
        "also_opposes": draw(targets),
        "also_undercuts": draw(targets),
    }
    if kind != "thesis":
        fields["relation"] = draw(st.sampled_from(list(Relation)))
    if kind == "evidence":
        fields.update(
            type=draw(st.sampled_from(list(EvidenceType))),
            date=draw(st.none() | dates),
            actors=draw(st.lists(texts, max_size=3)),
            place=draw(optional_texts),
            reported_by=draw(optional_texts),
            topic=draw(st.none() | ids),
        )
    else:
        question = draw(st.none() | ids)
        fields.update(question=question, position=draw(st.none() | ids) if question else None)
    return fields


_MODELS = {"claim": Claim, "evidence": Evidence, "objection": Objection, "rebuttal": Rebuttal}


@st.composite
def trees(draw: st.DrawFn, max_nodes: int = 12, consistent: bool = False) -> Thesis:
    """A thesis with up to ``max_nodes`` descendants of every kind, respecting evidence's rule.

    ``consistent`` trees have unique ids, links only to other nodes of the tree, and
    undercuts only where there is an inference to undercut (not on the thesis).
    """
    count = draw(st.integers(0, max_nodes))
    kinds = ["thesis"]
    parents: list[int] = [-1]
    for index in range(1, count + 1):
        parent = draw(st.integers(0, index - 1))
        allowed = ("objection", "rebuttal") if kinds[parent] == "evidence" else _CHILD_KINDS
        kinds.append(draw(st.sampled_from(allowed)))
        parents.append(parent)
    if consistent:
        names = [f"{draw(ids)}-{index}" for index in range(len(kinds))]
    else:
        names = [draw(ids) for _ in kinds]
    fields = []
    for index, kind in enumerate(kinds):
        pool = [name for position, name in enumerate(names) if position != index] if consistent else None
        targets = (
            st.lists(st.sampled_from(pool), max_size=2) if pool else (st.just([]) if consistent else id_lists)
        )
        fields.append(draw(_node_fields(kind, names[index], targets)))
        if consistent:
            fields[-1]["also_undercuts"] = [t for t in fields[-1]["also_undercuts"] if t != names[0]]
            if parents[index] == 0 and fields[-1].get("relation") == Relation.UNDERCUTS:
                fields[-1]["relation"] = Relation.OPPOSES
    built: list[AnyNode | None] = [None] * len(kinds)
    for index in range(len(kinds) - 1, -1, -1):
        children = [built[child] for child in range(index + 1, len(kinds)) if parents[child] == index]
        model = Thesis if index == 0 else _MODELS[kinds[index]]
        built[index] = model(**fields[index], children=children)
    thesis = built[0]
    assert isinstance(thesis, Thesis)
    return thesis


@st.composite
def maps(draw: st.DrawFn, max_nodes: int = 12, consistent: bool = False) -> ArgumentMap:
    source = Source(
        title=draw(optional_texts),
        authors=draw(st.lists(names, min_size=1, max_size=3)),
        affiliation=draw(optional_texts),
        outlet=draw(optional_texts),
        date=draw(st.none() | dates),
        url=draw(optional_texts),
        text=draw(optional_texts),
        note=draw(optional_texts),
    )
    return ArgumentMap(
        schema_=draw(optional_texts),
        vocabulary=draw(optional_texts),
        source=source,
        thesis=draw(trees(max_nodes, consistent)),
    )
