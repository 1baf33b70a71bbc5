"""A per-person limit on comments: the library's limiter (with an injected clock) and the app's
plain message when someone comments too often."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_driving import open_tab, texts

import pathway_app.comments as app_comments
from pathway_designer.store import Workspace
from pathway_designer.workshop.comment_limits import CommentLimiter


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_ten_comments_a_minute_per_person_then_a_wait() -> None:
    clock = Clock()
    limiter = CommentLimiter(clock=clock)
    for _ in range(10):  # one a second
        assert limiter.allow("Jo Carer").allowed
        clock.now += 1
    refused = limiter.allow("Jo Carer")  # 10 s after the first
    assert not refused.allowed and refused.wait == pytest.approx(50.0)
    assert "Please wait 50 seconds" in refused.message and "10 comments" in refused.message
    assert limiter.allow("  jo   carer ").allowed is False  # the same person, however typed
    assert limiter.allow("Sam Lee").allowed  # others are not held up
    clock.now += 50  # a minute after the first: one more is allowed, not ten
    assert limiter.allow("Jo Carer").allowed
    assert not limiter.allow("Jo Carer").allowed
    clock.now += 60
    assert all(limiter.allow("Jo Carer").allowed for _ in range(10))


def test_the_app_refuses_a_comment_too_many_in_plain_words(
    person, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = Clock()
    monkeypatch.setattr(app_comments, "CommentLimiter", lambda: CommentLimiter(limit=2, clock=clock))
    jo = open_tab(person("Jo Carer", "Carers' group", "carer"), "Comments")
    for n in range(3):
        jo.text_area(key="comment_text").input(f"Comment {n}")
        jo.button(key="comment_submit").click().run()
        assert not jo.exception
    assert "You have added 2 comments in the last minute. Please wait 60 seconds" in texts(jo)
    assert [c.text for c in Workspace(workspace).comments("falls")] == ["Comment 0", "Comment 1"]
    clock.now += 60
    jo.button(key="comment_submit").click().run()  # the text is still in the box
    assert [c.text for c in Workspace(workspace).comments("falls")][-1] == "Comment 2"
