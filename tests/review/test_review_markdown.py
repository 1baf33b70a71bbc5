"""The review's Markdown keeps people's words as text, and one file's review finds what was fixed."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st
from review_helpers import example

from pathway_designer.review.files import review_file
from pathway_designer.review.markdown import code, escape, file_markdown

HOSTILE = "![x](http://evil.example/p.png) <img src=x> **bold** `code` @everyone #1 | cell"


def test_hostile_text_is_escaped_everywhere_people_typed_it() -> None:
    text = example("adult-crisis-rural")
    old_label = re.search(r"^    label: (.*)$", text, re.MULTILINE)
    assert old_label
    title = "title: Adult mental health crisis pathway (rural)"
    edited = text.replace(old_label.group(0), f"    label: '{HOSTILE}'", 1).replace(
        title, f"title: '{HOSTILE} rural'", 1
    )
    review = review_file("pathways/a.yaml", text, "pathways/a.yaml", edited)
    prose = "\n".join(line for line in file_markdown(review) if not line.startswith("    "))
    prose = prose.split("```mermaid")[0]
    assert "![x](" not in prose and not re.search(r"(?<!\\)<img", prose) and "**bold**" not in prose
    assert r"\!\[x\]\(http\:\/\/evil\.example\/p\.png\)" in prose
    assert r"\| cell" in prose  # a table cell cannot be split by a person's text


@given(st.text())
def test_escaped_text_has_no_unescaped_punctuation(text: str) -> None:
    out = escape(text)
    assert "\n" not in out
    unescaped = re.sub(r"\\[!-/:-@\[-`{-~]", "", out)
    assert not re.search(r"[!-/:-@\[-`{-~]", unescaped)


@given(st.text(alphabet="`ab ", min_size=1).filter(str.strip))
def test_a_code_span_holds_any_backquotes(text: str) -> None:
    span = code(text)
    fence = re.match(r"`+", span)
    assert fence and "`" * len(fence.group(0)) not in span[len(fence.group(0)) : -len(fence.group(0))]


def test_a_finding_the_change_puts_right_is_fixed() -> None:
    text = example("dementia-diagnosis-support")
    review = review_file("pathways/memory.yaml", text, "pathways/dementia-diagnosis-support.yaml", text)
    assert review.status == "renamed" and review.changes == ()
    assert [f.rule for f in review.fixed] == ["id-mismatch"] and review.introduced == ()
    assert any(line.startswith("- Fixed: ") for line in file_markdown(review))


def test_a_side_that_is_not_a_pathway_is_said_so() -> None:
    text = example("dementia-diagnosis-support")
    review = review_file("pathways/d.yaml", text, "pathways/d.yaml", "steps: [unclosed\n")
    assert review.unreadable == ("the new version",) and review.diagram is None
    assert review.introduced and review.title == example_title(text)


def example_title(text: str) -> str:
    found = re.search(r"^title: (.*)$", text, re.MULTILINE)
    assert found
    return found.group(1).strip("'\"")
