"""argmap's messages for broken YAML and JSON are its own: the same whichever parser reads the file."""

from __future__ import annotations

import pytest
import yaml

from argmap import yamlfast, yamlsafe
from argmap.errors import InputError
from argmap.reading import parse

BROKEN_YAML = {
    "unclosed flow list": "source: {authors: [A}\n",
    "colon in a plain value": "thesis:\n  text: a: b\n",
    "unknown escape": 'thesis:\n  text: "a \\q b"\n',
    "unclosed quote": 'thesis:\n  text: "never closed\n',
    "bad indentation": "thesis:\n    id: t\n  text: x\n",
    "tab indentation": "thesis:\n\tid: t\n",
}
PARSERS = {"pure-python": yaml.SafeLoader, "libyaml": getattr(yaml, "CSafeLoader", None)}


def _message(text: str, parser: type, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setattr(yamlsafe, "PARSER", parser)
    monkeypatch.setattr(yamlfast, "PARSER", parser)
    with pytest.raises(InputError) as refused:
        parse(text, "map.yaml", ".yaml")
    problem = refused.value.problems[0]
    return problem.message


@pytest.mark.skipif(PARSERS["libyaml"] is None, reason="PyYAML was built without libyaml")
@pytest.mark.parametrize("case", BROKEN_YAML)
def test_yaml_messages_do_not_depend_on_the_parser(case: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """libyaml and the pure-Python parser word their errors differently; argmap says the same thing."""
    messages = {name: _message(BROKEN_YAML[case], parser, monkeypatch) for name, parser in PARSERS.items()}
    assert messages["pure-python"] == messages["libyaml"], messages
    assert messages["libyaml"].startswith("not valid YAML: ")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{", "a key in double quotes is expected here"),
        ('{"a": 1 "b": 2}', "a ',' or the end of the list or object is expected here"),
        ('{"a" 1}', "a ':' is expected after the key"),
        ("[1, 2] x", "more text after the end of the JSON value"),
        ("", "a value is missing here"),
        ('{"a": "x', "a string that is never closed (a '\"' is missing)"),
    ],
)
def test_json_messages_are_argmaps(text: str, expected: str) -> None:
    with pytest.raises(InputError) as refused:
        parse(text, "map.json", ".json")
    assert refused.value.problems[0].message == f"not valid JSON: {expected}"
