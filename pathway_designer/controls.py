"""Characters a terminal obeys rather than shows, written as escapes (`\\x1b`, `\\n`, `\\u2028`).

People's text (names, rationales, labels, sign-offs) can hold any character a YAML escape or a
commit can carry. Printed raw, ESC starts a terminal command, CR and BEL rewrite or ring, a newline
or U+2028 starts what looks like a line of the tool's own (a forged finding), and the bidirectional
overrides (U+202A-U+202E, U+2066-U+2069) reorder what is shown. Every text format the command line
prints passes people's text through here; JSON needs nothing (its own escapes cover it).

A backslash is left as typed: only real control characters are escaped, so text without them is
shown exactly.
"""

from __future__ import annotations

import re

# C0 and C1 controls, DEL, the line and paragraph separators, and the bidirectional controls.
_UNSAFE = "\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069"
_IN_A_VALUE = re.compile(f"[{_UNSAFE}]")
_IN_LINES = re.compile(f"[{_UNSAFE}]".replace("\x00-\x1f", "\x00-\x08\x0b-\x1f"))  # keeps \t and \n
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group(0)
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escaped(text: str) -> str:
    """One value (a name, a label, a message) on one line: every control character escaped,
    newlines and tabs included."""
    if text.isascii() and text.isprintable():
        return text
    return _IN_A_VALUE.sub(_escape, text)


def escaped_lines(text: str) -> str:
    """A whole text of lines (a report, a file): the same, but its newlines and tabs kept."""
    if text.isascii() and text.isprintable():
        return text
    return _IN_LINES.sub(_escape, text)
