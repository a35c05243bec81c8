"""Reading a clean YAML document straight from the parser's events into plain data.

Composing a node graph costs more than parsing itself, and only a document with a
problem needs the graph's positions. :func:`fast_data` builds dicts, lists and strings
from libyaml's events directly, and gives way to :mod:`argmap.yamlsafe`'s full reader
at the first thing that reader refuses or marks; that reader then reports it, with lines.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import yaml

from argmap.limits import MAX_YAML_NESTING as MAX_NESTING
from argmap.yamlsafe import FLOW_WORK_BUDGET, NULL_WORDS, PARSER


class Declined(Exception):
    """The fast reader met something only :func:`compose` and :func:`to_data` report properly."""


_NO_KEY = object()


def fast_data(text: str) -> Any:
    """Plain data straight from the parser's events, for a document with nothing unusual.

    Equal to ``to_data(compose(text))`` whenever it returns; it never builds the node
    graph, which costs more than the parse itself. It raises :class:`Declined` at the first
    thing the full readers refuse or mark (an alias, an anchor, a tag, a merge or duplicate
    key, a key that is not text, a second document, an empty file, invalid YAML, nesting
    past the limits), and no later than :func:`compose` would stop: the caller then
    reads the text again with them.
    """
    # One loop over every event of the file: local names, exact type tests, no casts.
    scalar_event, sequence_start, mapping_start = (
        yaml.ScalarEvent,
        yaml.SequenceStartEvent,
        yaml.MappingStartEvent,
    )
    sequence_end, mapping_end, document_start = (
        yaml.SequenceEndEvent,
        yaml.MappingEndEvent,
        yaml.DocumentStartEvent,
    )
    node_events = (scalar_event, sequence_start, mapping_start, yaml.AliasEvent)
    null_words, no_key = NULL_WORDS, _NO_KEY
    # Each open collection: [container, pending key (mappings), whether it is in flow style].
    stack: list[list[Any]] = []
    root: Any = no_key
    documents = flow_depth = work = 0
    events: Iterator[Any] = yaml.parse(text, Loader=PARSER)
    try:
        for event in events:
            kind = type(event)
            if kind is sequence_end or kind is mapping_end:
                if stack.pop()[2]:
                    flow_depth -= 1
                continue
            if kind not in node_events:
                if kind is document_start:
                    documents += 1
                    if documents > 1:
                        raise Declined
                continue
            if kind is yaml.AliasEvent or event.anchor is not None or event.tag is not None:
                raise Declined
            if kind is not scalar_event:
                if len(stack) >= MAX_NESTING:
                    raise Declined
                if event.flow_style:
                    flow_depth += 1
            # Every node, key or value, costs what compose() counts, so neither reader
            # gets further into a costly document than the other.
            if flow_depth:
                work += flow_depth
                if work > FLOW_WORK_BUDGET:
                    raise Declined
            value: Any
            if kind is scalar_event:
                value = event.value
                plain = event.implicit[0]
                if plain and value == "<<":
                    raise Declined
                frame = stack[-1] if stack else None
                if frame is not None and frame[1] is no_key and type(frame[0]) is dict:
                    # A key: always its text, even a plain "null".
                    if value in frame[0]:
                        raise Declined
                    frame[1] = value
                    continue
                if plain and value in null_words:
                    value = None
            else:
                value = {} if kind is mapping_start else []
            if stack:
                frame = stack[-1]
                container = frame[0]
                if type(container) is list:
                    container.append(value)
                elif frame[1] is no_key:
                    raise Declined  # a key that is a list or a mapping
                else:
                    container[frame[1]] = value
                    frame[1] = no_key
            else:
                root = value
            if kind is not scalar_event:
                stack.append([value, no_key, bool(event.flow_style)])
    except (yaml.YAMLError, UnicodeEncodeError):
        raise Declined from None
    if root is no_key:
        raise Declined
    return root
