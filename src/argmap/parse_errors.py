"""argmap's own words for what the JSON and YAML parsers found wrong.

The parsers' messages are theirs: they differ between libyaml and PyYAML's pure-Python
parser, and change between releases of each (and of Python, for JSON). argmap says what
is wrong in its own words, the same whichever parser read the file, so that a message a
user learns, a script greps or a test holds stays put. A message of the parser that this
table does not know is passed on as it is, rather than lost.
"""

from __future__ import annotations

# (what the parser's message starts with or holds, argmap's message)
_JSON = (
    ("Expecting value", "a value is missing here"),
    ("Expecting property name", "a key in double quotes is expected here"),
    ("Expecting ':'", "a ':' is expected after the key"),
    ("Expecting ','", "a ',' or the end of the list or object is expected here"),
    ("Unterminated string", "a string that is never closed (a '\"' is missing)"),
    ("Invalid control character", "a control character inside a string; write it as a \\u escape"),
    ("Invalid \\uXXXX", "a \\u escape without four hexadecimal digits"),
    ("Invalid \\escape", "a backslash escape JSON does not have"),
    ("Extra data", "more text after the end of the JSON value"),
    ("Illegal trailing comma", "a ',' just before the end of a list or object"),
)

_YAML = (
    ("expected ',' or ']'", "a ',' or the closing ']' of a flow list is expected here"),
    ("expected ',' or '}'", "a ',' or the closing '}' of a flow mapping is expected here"),
    ("mapping values are not allowed", "a ': ' inside a value that is not quoted; quote the text"),
    ("unknown escape character", "a backslash escape YAML does not have; write '\\\\' for a backslash"),
    ("unexpected end of stream", "the file ends inside a value"),
    ("could not find expected ':'", "a key without its ':'"),
    ("expected <block end>", "a line indented differently from the lines before it"),
    ("did not find expected key", "a line indented differently from the lines before it"),
    ("did not find expected '-' indicator", "a list item indented differently from the items before it"),
    ("cannot start any token", "a character that cannot start a value; quote the text"),
    ("found unexpected ':'", "a ':' that YAML cannot read here; quote the text"),
    ("expected alphabetic or numeric character", "an anchor or alias name that is empty or not a word"),
    (
        "expected a comment or a line break",
        "text after a value where only a comment or a line break may follow",
    ),
    ("found a tab character", "a tab where YAML expects spaces; indent with spaces only"),
)

_CONTEXTS = (
    ("flow sequence", "a flow list"),
    ("flow mapping", "a flow mapping"),
    ("quoted scalar", "a quoted text"),
    ("block mapping", "a mapping"),
    ("block collection", "a list or mapping"),
    ("simple key", "a key"),
    ("plain scalar", "a text"),
    ("anchor", "an anchor"),
    ("alias", "an alias"),
    ("directive", "a directive"),
    ("tag", "a tag"),
)


def json_problem(message: str) -> str:
    """argmap's words for a message of Python's JSON reader.

    >>> json_problem("Expecting ',' delimiter")
    "a ',' or the end of the list or object is expected here"
    """
    return _translate(message, _JSON)


def yaml_problem(problem: str) -> str:
    """argmap's words for a problem libyaml or PyYAML's parser reports.

    >>> yaml_problem("did not find expected ',' or ']'")
    "a ',' or the closing ']' of a flow list is expected here"
    >>> yaml_problem("expected ',' or ']', but got '<scalar>'")
    "a ',' or the closing ']' of a flow list is expected here"
    """
    return _translate(problem, _YAML)


def yaml_context(context: str) -> str:
    """What was being read, from a parser's context (``while scanning a quoted scalar``).

    >>> yaml_context("while parsing a flow sequence")
    'a flow list'
    """
    return _translate(context, _CONTEXTS)


def _translate(message: str, table: tuple[tuple[str, str], ...]) -> str:
    for clue, ours in table:
        if clue in message:
            return ours
    return message
