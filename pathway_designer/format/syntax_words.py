"""PyYAML's syntax errors in the words of a person editing a pathway file: what is wrong where the
finding points and what to do, instead of the parser's state ("while scanning a quoted scalar").
An error not known here keeps the parser's own words."""

from __future__ import annotations


def syntax_words(problem: str, context: str | None, char: str) -> str:
    """The finding's message for `problem` (and its `context`), `char` being the character at the
    place the parser stopped."""
    context = context or ""
    if char == "\t":
        return "a tab cannot indent YAML (or start a value): use spaces"
    if problem.startswith("found character that cannot start any token"):
        return f"a value cannot start with “{char}”: put the whole value in quotes"
    if problem.startswith("mapping values are not allowed"):
        return "a colon followed by a space inside a value: put the whole value in quotes"
    if problem.startswith(("did not find expected '-' indicator", "did not find expected key")):
        return "this line does not line up with the lines above it: check its indentation"
    if "nesting depth" in problem:  # our Loader's limit, not a mistake of brackets
        return "values are nested too deeply: a pathway needs only a few levels"
    if "quoted scalar" in context:
        return "a quotation mark is opened and never closed: close it at the end of its value"
    if "flow" in context:
        return "a [ or { is opened and never closed, or holds something it cannot: close it"
    return f"{problem} ({context})" if context else problem
