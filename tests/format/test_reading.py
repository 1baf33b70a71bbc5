"""Reading YAML safely: every bad input of the issue gives a finding at its line and column, never a
traceback; YAML 1.1 surprises keep the text the person wrote; the header comment survives `dump`."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from format_helpers import at, build, findings, where
from hypothesis import given, settings
from strategies import pathways

from pathway_designer import PathwayError, check_file, check_text, dump, load, load_text
from pathway_designer.cli.main import main
from pathway_designer.format.reading import MAX_BYTES
from pathway_designer.format.syntax_words import syntax_words

VALID = build()


def first(check, rule: str | None = None) -> tuple[str, int | None, int | None]:
    """(rule, line, column) of the first finding (of `rule`, if named)."""
    f = next(f for f in check.findings if rule is None or f.rule == rule)
    return f.rule, f.line, f.column


def alias_bomb(levels: int = 9) -> str:
    """The billion laughs: each level holds nine aliases of the level before."""
    lines = ['lol0: &lol0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels + 1):
        refs = ", ".join([f"*lol{i - 1}"] * 9)
        lines.append(f"lol{i}: &lol{i} [{refs}]")
    return "\n".join(lines) + "\n"


# name -> (file bytes, rule of the first finding, line, column)
BAD_INPUTS: dict[str, tuple[bytes, str, int | None, int | None]] = {
    "syntax-error": (b"format: 1\nid: demo\ntitle: Demo: pathway\n", "yaml-syntax", 3, 12),
    "unclosed-flow": (b"format: 1\nid: demo\nsteps: [\n", "yaml-syntax", 4, 1),
    "tab-indent": (b"format: 1\nsteps:\n\t- id: a\n", "yaml-syntax", 3, 1),
    "two-documents": (b"format: 1\n---\nformat: 1\n", "yaml-syntax", 2, 1),
    "duplicate-top": (VALID.replace("title: Demo pathway", "title: A\ntitle: B").encode(),
                      "duplicate-key", 4, 1),
    "unknown-field": (VALID.replace("organisations:", "organizations:").encode(),
                      "unknown-field", 4, 1),
    "missing-field": (VALID.replace("title: Demo pathway\n", "").encode(), "missing-field", 1, 1),
    "invalid-enum": (VALID.replace("kind: decision", "kind: choice").encode(),
                     "invalid-value", 14, 11),
    "too-large": (VALID.encode() + b"#" * (MAX_BYTES + 1) + b"\n", "file-too-large", None, None),
    "anchor-alias": (VALID.replace("title: Demo pathway", "title: &t Demo\nsummary: *t").encode(),
                     "yaml-alias", 3, 8),
    "alias-bomb": (alias_bomb().encode(), "yaml-alias", 1, 7),
    "merge-key": (b"base: &b {a: 1}\nother:\n  <<: *b\n", "yaml-alias", 1, 7),
    "not-utf8": (b"format: 1\nid: demo\ntitle: Caf\xe9 crisis\n", "not-utf8", 3, 11),
    "not-utf8-utf16": ("format: 1\n".encode("utf-16"), "not-utf8", 1, 1),
    "control-character": (b"format: 1\nid: demo\ntitle: Bell\x07\n", "yaml-syntax", 3, 12),
    "top-level-list": (b"- format: 1\n- id: demo\n", "not-a-mapping", 1, 1),
    "top-level-text": (b"just some words\n", "not-a-mapping", 1, 1),
    "empty": (b"", "empty-file", 1, 1),
    "only-comments": (b"# a pathway, one day\n# not yet\n", "empty-file", 1, 1),
    "only-whitespace": (b"\n   \n\n", "empty-file", 1, 1),
    "deep-nesting": (b"format: 1\nsteps: " + b"[" * 500 + b"]" * 500 + b"\n", "too-deep", 2, 39),
}


def test_nesting_deep_enough_to_overflow_a_parser_is_a_finding_not_a_crash(tmp_path):
    # Before any limit, 100,000 levels crashed the C composer (a segfault). Newer libyaml refuses
    # beyond 1,000 levels itself, as a syntax error; either way the person gets a finding.
    path = tmp_path / "deep.yaml"
    path.write_bytes(b"format: 1\nsteps: " + b"[" * 100_000 + b"]" * 100_000 + b"\n")
    check = check_file(path)
    assert check.pathway is None
    assert first(check)[0] in {"too-deep", "yaml-syntax"}
    assert first(check)[1] == 2


SYNTAX_IN_WORDS = {
    "format: 1\nsteps:\n\t- id: a\n": ((3, 1), "a tab cannot indent YAML (or start a value): use spaces"),
    "format: 1\ntitle: Demo: pathway\n": (
        (2, 12), "a colon followed by a space inside a value: put the whole value in quotes"),
    "format: 1\ntitle: `x`\n": ((2, 8), "a value cannot start with “`”: put the whole value in quotes"),
    "format: 1\nsteps:\n  - id: a\n    label: A\n   kind: entry\n": (
        (5, 4), "this line does not line up with the lines above it: check its indentation"),
    "format: 1\norganisations:\n  - id: a\n - id: b\n": (
        (4, 2), "this line does not line up with the lines above it: check its indentation"),
    'format: 1\ntitle: "Demo\n': (
        (3, 1), "a quotation mark is opened and never closed: close it at the end of its value"),
    "format: 1\nsteps: [\n": (
        (3, 1), "a [ or { is opened and never closed, or holds something it cannot: close it"),
    "format: 1\ntitle: " + "[" * 5000 + "]" * 5000 + "\n": (
        (2, 1007), "values are nested too deeply: a pathway needs only a few levels"),
}


@pytest.mark.parametrize("text", sorted(SYNTAX_IN_WORDS))
def test_syntax_errors_are_said_in_words_not_in_the_parsers(text):
    (found,) = check_text(text, "x.yaml").findings
    assert (found.rule, (found.line, found.column), found.message) == ("yaml-syntax", *SYNTAX_IN_WORDS[text])


def test_a_syntax_error_not_known_keeps_the_parsers_words():
    assert syntax_words("something new", "while doing it", "x") == "something new (while doing it)"
    assert syntax_words("something new", None, "x") == "something new"


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_gives_a_finding_at_its_position(tmp_path, name):
    raw, rule, line, column = BAD_INPUTS[name]
    path = tmp_path / f"{name}.yaml"
    path.write_bytes(raw)
    check = check_file(path)
    assert check.pathway is None
    assert first(check, rule) == (rule, line, column), check.findings
    assert all(f.file == str(path) for f in check.findings)
    with pytest.raises(PathwayError) as raised:
        load(path)
    assert rule in {f.rule for f in raised.value.findings}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_through_the_cli_exits_1_without_traceback(tmp_path, name, capsys):
    path = tmp_path / f"{name}.yaml"
    path.write_bytes(BAD_INPUTS[name][0])
    assert main(["validate", str(path)]) == 1
    out, err = capsys.readouterr()
    assert f"error {BAD_INPUTS[name][1]}:" in out
    assert "Traceback" not in out + err


def test_the_real_cli_on_every_bad_input_prints_findings_not_tracebacks(tmp_path):
    for name, (raw, *_) in BAD_INPUTS.items():
        (tmp_path / f"{name}.yaml").write_bytes(raw)
    done = subprocess.run(
        [sys.executable, "-m", "pathway_designer", "validate", str(tmp_path)],
        capture_output=True, text=True, timeout=60,
    )
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr == f"{len(BAD_INPUTS)} files checked: 0 valid, {len(BAD_INPUTS)} with " + (
        done.stderr.split(" with ", 1)[1])  # the summary, alone on standard error


def test_unreadable_paths_exit_2(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "missing.yaml")]) == 2
    assert "no such file or folder" in capsys.readouterr().err


def test_text_over_the_limit_is_refused_by_check_text():
    check = check_text(VALID + "#" * MAX_BYTES)
    assert first(check) == ("file-too-large", None, None)


def test_a_file_far_over_the_limit_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.truncate(5 * MAX_BYTES)  # sparse: no need to write 10 MiB
    assert first(check_file(path))[0] == "file-too-large"


def test_the_alias_bomb_is_refused_fast():
    text = alias_bomb(levels=12)
    start = time.perf_counter()
    check = check_text(text)
    assert time.perf_counter() - start < 0.5
    assert first(check) == ("yaml-alias", 1, 7)
    assert "anchor '&lol0'" in check.findings[0].message


def test_an_alias_alone_is_refused_at_the_alias():
    text = VALID.replace("title: Demo pathway", "title: *undefined")
    assert first(check_text(text)) == ("yaml-alias", *at(text, "*undefined"))


def test_non_utf8_points_at_the_bad_byte_after_multibyte_text(tmp_path):
    path = tmp_path / "demo.yaml"
    path.write_bytes("format: 1\nid: demo\ntitle: Été \u2014 ".encode() + b"\xff\xfe\n")
    check = check_file(path)
    assert first(check) == ("not-utf8", 3, 14)  # in characters, as an editor counts: not bytes (18)
    assert "0xff" in check.findings[0].message


def test_a_byte_order_mark_is_fine(tmp_path):
    path = tmp_path / "demo.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + VALID.encode())
    assert check_file(path).pathway is not None


# --- duplicate keys, at any depth ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "line_has", "nth"),
    [
        ("title: Demo pathway", "title: Demo pathway\ntitle: Again", "title: Again", 1),
        ("    role: nhs-provider", "    role: nhs-provider\n    role: other", "role: other", 1),
        ("    label: Step help", "    label: Step help\n    label: Help", "label: Help", 1),
        ("    to: triage", "    to: triage\n    to: help", "to: help", 1),
        ("    when: Risk is low", "    when: Risk is low\n    when: Low", "when: Low", 1),
        ("title: Demo pathway", "title: Demo pathway\nreview: {last: 2026-01-01, last: 2026-02-01}",
         "review:", 1),
        ("    kind: exit", "    kind: exit\n    id: done", "id: done", 2),
    ],
)
def test_duplicate_keys_at_any_depth(old, new, line_has, nth):
    text = VALID.replace(old, new)
    check = check_text(text)
    assert check.pathway is None
    [finding] = check.findings
    expected = at(text, line_has, nth=nth)
    if line_has == "review:":
        expected = at(text, "last: 2026-02-01")
    else:
        expected = (expected[0], expected[1] - (len(line_has) - len(line_has.lstrip())))
    assert (finding.rule, finding.line, finding.column) == ("duplicate-key", *expected)
    assert "appears twice" in finding.message and "first at line" in finding.message


def test_duplicate_keys_are_all_reported():
    text = VALID.replace("title: Demo pathway", "title: A\ntitle: B\ntitle: C")
    assert where(check_text(text).findings) == [(4, 1, None), (5, 1, None)]


# --- the model: unknown, missing and invalid fields ----------------------------------------------


def test_unknown_field_with_did_you_mean_in_a_step():
    text = VALID.replace("    kind: decision", "    kind: decision\n    lable: Triage")
    found = findings(text)
    assert [(f.rule, f.line, f.column, f.step) for f in found] == [
        ("unknown-field", *at(text, "lable", "lable"), "triage")
    ]
    assert found[0].message == "unknown field 'lable' in step 'triage' (did you mean 'label'?)"


def test_unknown_field_without_a_close_match_lists_the_allowed_fields():
    text = VALID.replace("    kind: decision", "    kind: decision\n    colour: red")
    [found] = findings(text)
    assert found.rule == "unknown-field" and (found.line, found.column) == at(text, "colour")
    assert "allowed: id, label, kind, setting, owner" in found.message


@pytest.mark.parametrize(
    ("written", "meant"),
    [("based_on", "based-on"), ("organizations", "organisations"), ("transition", "transitions")],
)
def test_python_names_and_spellings_are_unknown_fields(written, meant):
    text = VALID.replace("title: Demo pathway", f"title: Demo pathway\n{written}: x")
    found = [f for f in findings(text) if f.rule == "unknown-field"]
    assert [(f.line, f.column) for f in found] == [at(text, f"{written}:", written)]
    assert f"(did you mean '{meant}'?)" in found[0].message


def test_from_underscore_is_not_from():
    text = VALID.replace("  - from: help", "  - from_: help")
    rules = {(f.rule, f.line) for f in findings(text)}
    line = at(text, "from_: help")[0]
    assert ("unknown-field", line) in rules and ("missing-field", line) in rules


def test_missing_field_in_a_step_points_at_the_step():
    text = VALID.replace("    label: Step help\n", "")
    found = findings(text)
    assert [(f.rule, f.line, f.column, f.step) for f in found] == [
        ("missing-field", *at(text, "- id: help", "id"), "help")
    ]
    assert found[0].message == "Step number 3 has no name."
    assert found[0].detail == "step 'help' needs 'label'"


def test_missing_top_level_fields_point_at_the_top():
    text = "format: 1\nid: demo\n"
    found = findings(text)
    assert {(f.rule, f.line, f.column) for f in found} == {("missing-field", 1, 1)}
    assert [f.message for f in found] == [
        "The pathway has no title.", "The pathway has no organisations.", "The pathway has no steps."
    ]


@pytest.mark.parametrize(
    ("old", "new", "line_has", "allowed"),
    [
        ("kind: decision", "kind: choice", "choice",
         "'entry', 'assessment', 'decision', 'intervention', 'referral', 'review' or 'exit'"),
        ("role: nhs-provider", "role: provider", "provider", "'commissioner', 'nhs-provider'"),
        ("title: Demo pathway", "title: Demo pathway\nstatus: approved", "approved",
         "'draft', 'in-review', 'agreed', 'live' or 'retired'"),
        ("kind: exit", "kind: exit\n    setting: clinic", "clinic", "'home', 'community'"),
    ],
)
def test_invalid_enum_value_lists_the_allowed_values(old, new, line_has, allowed):
    text = VALID.replace(old, new)
    [found] = findings(text)
    assert (found.rule, found.line, found.column) == ("invalid-value", *at(text, line_has))
    assert f"cannot be “{line_has}”: choose one of" in found.message
    assert allowed in (found.detail or "")


@pytest.mark.parametrize(
    ("old", "new", "line_has", "says"),
    [
        ("id: demo", "id: Demo_Pathway", "Demo_Pathway", "lower-case letters"),
        ("kind: entry", "kind: entry\n    wait: 4 hours", "4 hours", "a number then m, h, d or w"),
        ("kind: entry", "kind: entry\n    label: x", "label: x", None),
        ("kind: entry", "kind: entry\n    partners: trust", ("partners: trust", "trust"), "valid list"),
        ("format: 1", "format: 2", "2", "is not one this tool reads: write 1"),
        ("label: Step start", "label: " + "x" * 121, "x" * 121, "at most 120"),
    ],
)
def test_invalid_values_point_at_the_value(old, new, line_has, says):
    text = VALID.replace(old, new)
    found = findings(text)
    assert found, text
    if says is None:  # a duplicate key, not an invalid value
        assert found[0].rule == "duplicate-key"
        return
    line_has, target = line_has if isinstance(line_has, tuple) else (line_has, None)
    assert (found[0].rule, found[0].line, found[0].column) == (
        "invalid-value", *at(text, line_has, target)
    )
    assert says in found[0].message


def test_invalid_date_points_at_it():
    text = VALID + "review:\n  last: 2026-13-45\n"
    [found] = findings(text)
    assert (found.rule, found.line, found.column) == ("invalid-value", *at(text, "2026-13-45"))


# --- YAML 1.1 surprises keep the text; YAML 1.2 numbers and booleans are what the schema says ---

SURPRISES = ["Yes", "No", "on", "off", "y", "n", "1:30", "NO", "~x", "'012'", "'true'", "'1e3'"]
NOT_TEXT = {"012": "a number", "true": "true or false", "0x1F": "a number", "1e3": "a number",
            "1_000": "a number", "False": "true or false", ".inf": "a number"}


@pytest.mark.parametrize("word", SURPRISES)
def test_conditions_keep_the_text_written(word):
    text = build(transitions=[("start", "triage"), ("triage", "help", word),
                              ("triage", "done", "Otherwise"), ("help", "done")])
    pathway = load_text(text)
    assert pathway.transitions[1].when == word.strip("'")
    again = load_text(dump(pathway))
    assert again.transitions[1].when == word.strip("'")


@pytest.mark.parametrize(("word", "what"), NOT_TEXT.items())
def test_a_plain_number_or_boolean_where_text_is_meant_is_refused_in_words(word, what):
    # as the JSON Schema refuses it (YAML 1.2, check-jsonschema): never silently made text
    text = build(transitions=[("start", "triage"), ("triage", "help", word),
                              ("triage", "done", "Otherwise"), ("help", "done")])
    [found] = findings(text)
    assert (found.rule, found.line, found.column) == ("invalid-value", *at(text, f"when: {word}", word))
    assert f"is “{word}”, which is read as {what}, not as words: put it in quotes" in found.message


def test_labels_barriers_and_free_text_keep_the_text_written():
    text = build(
        [("start", "entry", "label: 1:30\nbarriers: [Yes, off, 1:30, '012', '012', n]\n"
                            "modality: on\ndescription: No"),
         ("done", "exit", "label: '012'")],
        [("start", "done")],
    ).replace("    label: Step start\n", "").replace("    label: Step done\n", "")
    text = text.replace("title: Demo pathway", "title: Yes\nsummary: off")
    pathway = load_text(text)
    start, done = pathway.steps
    assert (pathway.title, pathway.summary) == ("Yes", "off")
    assert (start.label, done.label) == ("1:30", "012")
    assert start.barriers == ["Yes", "off", "1:30", "012", "012", "n"]
    assert (start.modality, start.description) == ("on", "No")
    canonical = dump(pathway)
    assert load_text(canonical).model_dump() == pathway.model_dump()
    assert dump(load_text(canonical)) == canonical


def test_dates_and_numbers_where_the_format_expects_them():
    text = VALID + "review:\n  last: 2026-11-20\n  due: '2027-11-20'\n"
    pathway = load_text(text)
    assert str(pathway.review.last) == "2026-11-20" and str(pathway.review.due) == "2027-11-20"
    assert pathway.format == 1


# --- the header comment --------------------------------------------------------------------------

HEADER = (
    "# yaml-language-server: $schema=../schema/pathway.schema.json\n"
    "# Adult crisis pathway: agreed at the partnership board.\n"
)


def test_dump_keeps_the_header_comment():
    pathway = load_text(HEADER + VALID)
    assert pathway.header == HEADER
    canonical = dump(pathway)
    assert canonical.startswith(HEADER)
    assert load_text(canonical).header == HEADER
    assert dump(load_text(canonical)) == canonical


def test_dump_can_replace_the_header():
    pathway = load_text(HEADER + VALID)
    assert dump(pathway, header="").startswith("format: 1\n")


def test_load_takes_a_path_or_text(tmp_path):
    path = tmp_path / "demo.yaml"
    path.write_text(VALID, encoding="utf-8")
    assert load(path).model_dump() == load(str(path)).model_dump() == load(VALID).model_dump()
    assert load(path).source_name == str(path)
    assert load(VALID).source_name == "<text>"


def test_positions_of_a_loaded_pathway(tmp_path):
    pathway = load_text(VALID)
    assert pathway.position(("steps", 1)) == at(VALID, "- id: triage", "id")
    assert pathway.position(("transitions", 2, "when")) == at(VALID, "Risk is low")


def test_a_path_like_string_that_does_not_exist_is_a_finding(tmp_path):
    with pytest.raises(PathwayError) as raised:
        load(str(tmp_path / "nope.yaml"))
    assert raised.value.findings[0].rule == "unreadable"


def test_a_folder_named_like_a_file_is_a_finding(tmp_path):
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    check = check_file(Path(folder))
    assert check.findings and check.findings[0].rule == "unreadable"



def _asked_one_by_one(loaded, fields):
    expected = []
    for index, transition in enumerate(loaded.transitions):
        written = transition.model_dump(by_alias=True, exclude_none=True)
        expected.append(
            [loaded.position(("transitions", index))]
            + [loaded.position(("transitions", index, name)) for name in fields if name in written]
        )
    return expected


FIELDS = ("from", "to", "when", "handoff")


@settings(max_examples=30, deadline=None)
@given(pathways())
def test_item_positions_are_what_asking_each_position_gives(pathway):
    """The one walk over the transitions gives the positions asking for each path gives: the
    item's own, then each field it has."""
    loaded = load_text(dump(pathway))
    assert loaded.item_positions("transitions", FIELDS) == _asked_one_by_one(loaded, FIELDS)


def test_item_positions_in_flow_style_and_without_a_source():
    flow = (
        "transitions: [{from: start, to: triage}, {to: help, from: triage, when: Risk is high},\n"
        "  {from: triage, to: done, when: Risk is low}, {from: help, to: done}]\n"
    )
    text = build(transitions=(), tail=flow)
    loaded = load_text(text)
    assert loaded.item_positions("transitions", FIELDS)[1] == [  # itself, then from, to, when
        at(text, "{to: help", "{to: help"),
        at(text, "{to: help", "triage, when"),
        at(text, "{to: help", "help,"),
        at(text, "{to: help", "Risk is high"),
    ]
    assert loaded.item_positions("transitions", FIELDS) == _asked_one_by_one(loaded, FIELDS)
    loaded.attach_source(None, None)
    assert loaded.item_positions("transitions", FIELDS) == []
