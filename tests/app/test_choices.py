"""Options in people's words (the app's format_func helper)."""

from __future__ import annotations

from pathway_app.choices import named


def test_options_are_shown_in_words_and_the_empty_one_as_asked():
    show = named({"icb": "North ICB", 3: "Third"}, "— choose —")
    assert [show(v) for v in ("icb", 3, "", None, "gone")] == [
        "North ICB", "Third", "— choose —", "— choose —", "gone"
    ]
    assert named({"a": "A"})("") == ""  # without an empty word, the empty option is blank text
