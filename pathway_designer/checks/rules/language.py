"""The push-language rule: words that rank, blame or command, with pull language to use instead.

The word list is data (`pathway_designer/data/push_words.yaml`); a repository adds its own words
under `push-words` in its `pathway-designer.yaml`. Matching is by whole word or phrase, ignoring case;
a space or a hyphen inside a phrase matches either ("world class", "world-class").
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from ...words import quoted
from .registry import Issue, Path, RuleContext, rule


@dataclass(frozen=True)
class PushWords:
    suggestions: dict[str, str]  # lower-case word or phrase -> what to say instead ("" if none)
    allowed: frozenset[str]  # terms of art containing a push word, never reported

    def merged(self, extra: Mapping[str, str] | None) -> PushWords:
        """These words with a repository's own added (its suggestion wins for a shared word)."""
        if not extra:
            return self
        added = {_key(word): suggestion for word, suggestion in extra.items()}
        return PushWords({**self.suggestions, **added}, self.allowed)


def _key(phrase: str) -> str:
    return " ".join(re.split(r"[\s-]+", phrase.strip().lower()))


@lru_cache(maxsize=1)
def default_push_words() -> PushWords:
    """The push words shipped with pathway-designer."""
    text = resources.files("pathway_designer").joinpath("data/push_words.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    return PushWords(
        {_key(str(w)): str(s or "") for w, s in data["words"].items()},
        frozenset(_key(str(a)) for a in data.get("allowed") or []),
    )


def _phrase_pattern(phrase: str) -> str:
    return r"[\s-]+".join(re.escape(word) for word in phrase.split(" "))


@lru_cache(maxsize=16)
def _matcher(phrases: tuple[str, ...]) -> re.Pattern[str]:
    # Longest first, so "best practice" is found as one phrase and not as "best"; a letter, digit or
    # hyphen on either side means the word is part of another ("best-selling" is not "best").
    ordered = sorted(phrases, key=len, reverse=True)
    alternatives = "|".join(_phrase_pattern(p) for p in ordered)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


def find_push_words(text: str, words: PushWords) -> Iterator[tuple[str, str]]:
    """(word as written, suggestion) for each push word or phrase in `text`."""
    matcher = _matcher(tuple(sorted({*words.suggestions, *words.allowed})))
    for match in matcher.finditer(text):
        key = _key(match.group(0))
        if key not in words.allowed:
            yield match.group(0), words.suggestions.get(key, "")


def _texts(ctx: RuleContext) -> Iterator[tuple[str, str, Path, str | None]]:
    """(what, text, path, step) for every title, label, description and condition."""
    p = ctx.pathway
    yield "The title", p.title, ("title",), None
    if p.summary:
        yield "The summary", p.summary, ("summary",), None
    for i, step in enumerate(p.steps):
        yield f"The name of {ctx.step(step.id)}", step.label, ("steps", i, "label"), step.id
        if step.description:
            yield (
                f"The description of {ctx.step(step.id)}", step.description,
                ("steps", i, "description"), step.id,
            )
    for i, t in enumerate(p.transitions):
        if t.when:
            yield (
                f"The condition on the way from {ctx.step(t.from_)} to {ctx.step(t.to)}", t.when,
                ("transitions", i, "when"), t.from_,
            )


@rule("push-language", "warning", category="partnership")
def push_language(ctx: RuleContext) -> Iterator[Issue]:
    """Labels, descriptions or conditions use push words (ranking, blaming, commanding)."""
    words = default_push_words().merged(ctx.option("push-words"))
    for what, text, path, step in _texts(ctx):
        for found, suggestion in find_push_words(text, words):
            instead = f": perhaps {quoted(suggestion)}?" if suggestion else "."
            yield Issue(f"{what} says {quoted(found)}{instead}", path, step)
