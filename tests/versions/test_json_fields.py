"""Store records as JSON data: fields in order and made plain, renamed, left out or replaced."""

from __future__ import annotations

import datetime as dt
import json

from pathway_designer.store import Comment, Version
from pathway_designer.store.json_fields import json_fields

WHEN = dt.datetime(2026, 3, 4, 9, 30, 15, 250, tzinfo=dt.timezone.utc)


def test_a_version_is_plain_json_with_its_number_as_version_and_no_blob() -> None:
    version = Version("crisis", 3, "abc123", WHEN, "Amina", "Mind", "Add a café", "b10b",
                      ("p1",), {"Organisation": "Mind"})
    data = version.to_json()
    assert data == {
        "pathway": "crisis", "version": 3, "commit": "abc123", "date": WHEN.isoformat(),
        "author": "Amina", "organisation": "Mind", "rationale": "Add a café", "parents": ["p1"],
        "trailers": {"Organisation": "Mind"}, "label": "v3", "kind": "saved",
    }
    assert json.loads(json.dumps(data)) == data


def test_a_comment_round_trips_with_its_date_to_the_second() -> None:
    comment = Comment("c1", "crisis", None, "Sam", None, "carer", WHEN.replace(microsecond=0), "Too slow")
    data = comment.to_json()
    assert list(data) == ["id", "pathway", "step", "author", "organisation", "role", "date", "text"]
    assert data["date"] == "2026-03-04T09:30:15+00:00"
    assert Comment.from_json(json.loads(json.dumps(data))) == comment


def test_replaced_fields_keep_their_place_and_new_ones_come_last() -> None:
    comment = Comment("c1", "crisis", "triage", "Sam", None, None, WHEN, "x")
    data = json_fields(comment, renamed={"step": "on"}, leave_out=["text"], author="S.", extra=1)
    assert list(data) == ["id", "pathway", "on", "author", "organisation", "role", "date", "extra"]
    assert (data["author"], data["date"]) == ("S.", WHEN.isoformat())
