"""What a person may type as a name or an organisation: one line of plain text.

Names end up in git identities (`Name <email>`, where `<` and `>` are refused by git and dulwich),
in commit trailers (one `Token: value` a line, so any line separator would start a forged trailer)
and in findings and terminal output. So they are checked where people type them (sign-in,
`save --author`, `signoff --name`, comment authors), with a message that says what is wrong,
instead of failing later in a save.
"""

from __future__ import annotations

import unicodedata

# Every character Python's str.splitlines() (and so many readers) treats as the end of a line.
LINE_SEPARATORS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")


def bad_character(value: str) -> str | None:
    """The first character of `value` that cannot be on one line of a commit, or None."""
    for char in value:
        if char in LINE_SEPARATORS or unicodedata.category(char) in ("Cc", "Zl", "Zp", "Cs"):
            return char
    return None


def plain(text: str) -> str:
    """A name as two people typing it are compared: case and spacing aside."""
    return " ".join(text.split()).casefold()


def one_line(value: str, what: str) -> str:
    """`value` stripped, if it is one non-empty line without control characters; else ValueError."""
    value = value.strip()
    if not value:
        raise ValueError(f"{what} is empty")
    char = bad_character(value)
    if char is not None:
        kind = "a line break" if char in LINE_SEPARATORS else "a control character"
        raise ValueError(f"{what} must be one line of plain text: it contains {kind} (U+{ord(char):04X})")
    return value


def person_name(value: str, what: str = "the name") -> str:
    """A person's name or an organisation as typed: one line, and no `<` or `>`; else ValueError."""
    value = one_line(value, what)
    if "<" in value or ">" in value:
        raise ValueError(f"{what} cannot contain < or >")
    return value
