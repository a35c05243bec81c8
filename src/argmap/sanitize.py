"""Making map text harmless for a terminal.

Map files come from strangers. Control characters (ANSI and OSC escape sequences start
with one), bidirectional overrides and other invisible format characters are shown as
visible ``\\x..``/``\\u....`` escapes instead of being sent to the terminal.
"""

from __future__ import annotations

import re
import unicodedata

_UNSAFE = re.compile(
    "["
    "\x00-\x08\x0b-\x1f\x7f-\x9f"  # C0 and C1 controls except tab and newline
    "\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"  # zero-width, bidi, separators
    "]"
)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_safe(text: str) -> str:
    r"""Text with every control or invisible formatting character made visible.

    >>> terminal_safe("ok\x1b[2J\u202egone")
    'ok\\x1b[2J\\u202egone'
    """
    if text.isprintable():
        return text
    text = _UNSAFE.sub(_escape, text)
    # Anything else Unicode files under "Other, format" (Cf) is invisible too.
    return "".join(_escape_cf(ch) for ch in text) if not text.isprintable() else text


def _escape_cf(char: str) -> str:
    if char in "\n\t" or unicodedata.category(char) not in ("Cf", "Cc", "Co", "Cs"):
        return char
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


_LINE_BREAKS = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def one_line(text: str) -> str:
    r"""Like :func:`terminal_safe`, and line breaks and tabs too are shown as escapes.

    For messages that must stay one line: a key or an id holding a line break could
    otherwise print a second, forged message.

    >>> one_line("bad key 'a\nfile.yaml:1:1: ok'")
    "bad key 'a\\nfile.yaml:1:1: ok'"
    """
    text = terminal_safe(text)
    if "\n" in text or "\r" in text or "\t" in text:
        text = "".join(_LINE_BREAKS.get(char, char) for char in text)
    return text


def backslash_escape(char: str) -> str:
    r"""One character as the ``\x``, ``\u`` or ``\U`` escape that YAML and Argdown strings share.

    >>> backslash_escape("\x1b"), backslash_escape("\u202e"), backslash_escape("\U0001f600")
    ('\\x1b', '\\u202e', '\\U0001f600')
    """
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
