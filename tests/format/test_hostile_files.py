"""Hostile files: many unknown keys stay linear, special files are refused at once, huge times are
bounded, YAML tags are findings, and `fmt` writes through a symlink."""

from __future__ import annotations

import json
import math
import os
import socket
import threading
from pathlib import Path
from typing import Any

import pytest
from format_helpers import at, build
from hypothesis import given, settings
from hypothesis import strategies as st

from pathway_designer import PathwayError, check_file, check_text, dump, load, load_text
from pathway_designer.checks.config import CONFIG_NAME, load_config
from pathway_designer.cli.main import main
from pathway_designer.format.atomic import write_atomically
from pathway_designer.format.loading import from_document
from pathway_designer.format.reading import MAX_BYTES, read
from pathway_designer.partnership.measures import analyse
from pathway_designer.partnership.measures_json import as_json as measures_json
from pathway_designer.partnership.measures_text import as_text as measures_text
from pathway_designer.workshop.measures_table import measures_table
from pathway_designer.workshop.pack import build_pack


class _CountingPairs(list[Any]):
    """A mapping node's (key, value) pairs that count every pair handed out, however it is asked."""

    visits = 0

    def __iter__(self) -> Any:
        for pair in super().__iter__():
            _CountingPairs.visits += 1
            yield pair

    def __getitem__(self, index: Any) -> Any:
        _CountingPairs.visits += 1
        return super().__getitem__(index)


def _pair_visits(unknown_keys: int) -> tuple[int, int]:
    """(pairs visited, findings) while turning a file of `unknown_keys` unknown keys into findings."""
    text = build() + "".join(f"extra-{i}: {i}\n" for i in range(unknown_keys))
    document = read(text)
    document.root.value = _CountingPairs(document.root.value)
    _CountingPairs.visits = 0
    try:
        from_document(document, "many.yaml")
    except PathwayError as exc:
        return _CountingPairs.visits, len(exc.findings)
    raise AssertionError("unknown keys must be findings")


def test_positions_of_many_unknown_keys_take_linear_work():
    # Each finding used to search its mapping's keys one by one: n findings, n²/2 pairs visited.
    small_visits, small_findings = _pair_visits(500)
    large_visits, large_findings = _pair_visits(4000)
    assert small_findings >= 500 and large_findings >= 4000
    assert large_visits <= 3 * (4000 + 10)
    assert large_visits <= 8 * small_visits + 100  # 8 times the keys, at most 8 times the work


# Special files -----------------------------------------------------------------------------------


def _special_files(tmp_path: Path) -> dict[str, Path]:
    """A device, a *.yaml symlink to it, a FIFO named x.yaml and a socket named s.yaml."""
    link = tmp_path / "zero.yaml"
    link.symlink_to("/dev/zero")
    fifo = tmp_path / "x.yaml"
    os.mkfifo(fifo)
    sock_path = tmp_path / "s.yaml"
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(sock_path))
    sock.close()
    return {"device": Path("/dev/zero"), "symlink": link, "fifo": fifo, "socket": sock_path}


SPECIAL = ["device", "symlink", "fifo", "socket"]


def _in_thread(work: Any) -> Any:
    """Run `work` and fail (not hang, not eat memory) if it does not return at once."""
    result: list[Any] = []

    def run() -> None:
        try:
            result.append(("returned", work()))
        except BaseException as exc:  # handed back to the test's own thread
            result.append(("raised", exc))

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(20)  # a FIFO used to block forever, /dev/zero to read 7.5 GB
    assert result, "reading a special file did not return"
    how, value = result[0]
    if how == "raised":
        raise value
    return value


@pytest.mark.parametrize("kind", SPECIAL)
def test_a_special_file_is_unreadable_in_check_file(tmp_path, kind):
    path = _special_files(tmp_path)[kind]
    check = _in_thread(lambda: check_file(path))
    assert [f.rule for f in check.findings] == ["unreadable"]
    assert "not a regular file" in check.findings[0].message


# Commands that read pathway files, with {path} where the file goes.
READING = ["validate {path}", "fmt {path}", "fmt --check {path}", "analyse {path}",
           "render {path} --output {out}", "story {path}", "flow {path}", "compare {path} {path}",
           "signoff {path} --organisation Org --name Name", "status {path} in-review"]


@pytest.mark.parametrize("kind", SPECIAL)
@pytest.mark.parametrize("command", READING)
def test_a_special_file_exits_2_in_every_command(tmp_path, capsys, kind, command):
    path = _special_files(tmp_path)[kind]
    argv = command.format(path=path, out=tmp_path / "out.svg").split()
    assert _in_thread(lambda: main(argv)) == 2
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    assert "not a regular file" in out.err + out.out  # what it is, not "no such file"


ONE_FILE = [c for c in READING if c.split()[0] not in {"validate", "fmt", "render"}]  # these take folders


@pytest.mark.parametrize("command", ONE_FILE)
def test_a_folder_where_one_file_is_wanted_is_named_a_folder(tmp_path, capsys, command):
    argv = command.format(path=tmp_path, out=tmp_path / "out.svg").split()
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "is a folder" in err
    assert "no such file" not in err and "Traceback" not in err


@pytest.mark.parametrize("kind", SPECIAL)
def test_load_of_a_special_file_is_an_unreadable_finding(tmp_path, kind):
    path = _special_files(tmp_path)[kind]
    with pytest.raises(PathwayError) as raised:
        _in_thread(lambda: load(path))
    assert raised.value.findings[0].rule == "unreadable"


def test_a_config_that_is_a_fifo_is_a_finding(tmp_path):
    os.mkfifo(tmp_path / CONFIG_NAME)
    config = _in_thread(lambda: load_config(tmp_path / CONFIG_NAME, []))
    assert [f.rule for f in config.findings] == ["unreadable"]


def test_a_regular_file_that_grows_past_the_limit_is_read_only_to_the_limit(tmp_path, monkeypatch):
    # stat() can say 0 (a device) or be stale (a file still growing): the read itself is bounded
    path = tmp_path / "big.yaml"
    path.write_bytes(b"#" * (MAX_BYTES + 10))
    sizes: list[int] = []
    real_read = os.read
    monkeypatch.setattr(os, "read", lambda fd, n: sizes.append(n) or real_read(fd, n))
    check = check_file(path)
    assert check.findings[0].rule == "file-too-large"
    assert sum(sizes) <= MAX_BYTES + 1 + 65536


def test_save_refuses_a_special_file_at_once(tmp_path, capsys):
    path = _special_files(tmp_path)["fifo"]
    code = _in_thread(lambda: main(["save", str(path), "--workspace", str(tmp_path / "ws"),
                                     "--author", "A Person", "--organisation", "Org",
                                     "--message", "why"]))
    assert code == 2


def test_save_of_a_latin1_file_gives_the_finding_validate_gives(tmp_path, capsys):
    path = tmp_path / "cafe.yaml"
    path.write_bytes(build().replace("title: Demo pathway", "title: Caf\xe9 crisis").encode("latin-1"))
    assert main(["validate", str(path)]) == 1
    validate_line = next(line for line in capsys.readouterr().out.splitlines() if "not-utf8" in line)
    assert f"{path}:3:11: error not-utf8:" in validate_line
    workspace = tmp_path / "ws"
    assert main(["init", str(workspace), "--empty"]) == 0
    capsys.readouterr()
    code = main(["save", str(path), "--workspace", str(workspace), "--author", "A Person",
                 "--organisation", "Org", "-m", "why"])
    err = capsys.readouterr().err
    assert code == 1
    assert validate_line in err.splitlines()
    assert "codec" not in err


# Times -------------------------------------------------------------------------------------------

TIMED = [("start", "entry"), ("triage", "decision", "wait: {wait}\nduration: {duration}"),
         ("help", "intervention", "wait: 2w"), ("done", "exit")]


def _timed(wait: str, duration: str = "1h") -> str:
    steps = [(s[0], s[1], s[2].format(wait=wait, duration=duration)) if len(s) == 3 else s
             for s in TIMED]
    return build(steps)


@pytest.mark.parametrize(
    "wait",
    ["521w", "3651d", "87601h", "5256001m", "9" * 400 + "h", "520.5w", "1" + "0" * 30 + ".5d"],
)
def test_a_time_over_ten_years_is_an_invalid_value_at_its_position(wait):
    text = _timed(wait)
    check = check_text(text)
    assert [(f.rule, f.line, f.column) for f in check.findings if f.rule == "invalid-value"] == [
        ("invalid-value", *at(text, f"wait: {wait}", wait))
    ]
    message = next(f.message for f in check.findings if f.rule == "invalid-value")
    assert "10 years" in message and "triage" in message


@pytest.mark.parametrize("wait", ["520w", "3640d", "87360h", "5241600m", "0h", "0.5m"])
def test_times_up_to_ten_years_are_fine(wait):
    assert not [f for f in check_text(_timed(wait)).findings if f.rule == "invalid-value"]


_DIGITS = st.text("0123456789", min_size=1, max_size=400)
_TIMES = st.builds(
    lambda whole, fraction, unit: f"{whole}{'.' + fraction if fraction else ''}{unit}",
    _DIGITS, st.one_of(st.just(""), _DIGITS), st.sampled_from("mhdw"),
)


@settings(max_examples=60, deadline=None)
@given(wait=_TIMES, duration=_TIMES)
def test_analysis_of_any_time_never_overflows(wait, duration):
    check = check_text(_timed(wait, duration))
    if check.pathway is None:  # refused: then with a finding at the value, never a crash
        assert all(f.line for f in check.findings if f.rule == "invalid-value")
        return
    analysis = analyse(check.pathway)
    assert all(math.isfinite(r.minutes) for r in (analysis.routes.quickest, analysis.routes.slowest)
               if r is not None)
    measures_text(analysis)
    json.loads(measures_json(analysis))
    rows = dict(measures_table(check.pathway, analysis))
    pack = build_pack(check.pathway, svg=None, findings=check.findings, analysis=analysis)
    assert "week" in pack or "day" in pack or "hour" in pack or "minute" in pack
    assert rows


# YAML tags ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "old, new, tag",
    [
        ("title: Demo pathway", "title: !!binary RGVtbw==", "!!binary"),
        ("title: Demo pathway", "title: !custom Demo", "!custom"),
        ("format: 1", "format: !!int 1", "!!int"),
        ("title: Demo pathway", "title: !!float 1.5", "!!float"),
        ("title: Demo pathway", "title: ! Demo", "!"),
        ("title: Demo pathway", "title: !!str ~", "!!str"),  # !!str would make a null into text
        ("title: Demo pathway", "title: !<tag:example.com,2026:x> Demo", "!<tag:example.com,2026:x>"),
        ("steps:", "steps: !!seq", "!!seq"),
        ("  - id: triage", "  - !!map\n    id: triage", "!!map"),
    ],
)
def test_a_yaml_tag_is_a_finding_that_names_it_at_its_position(old, new, tag):
    text = build().replace(old, new, 1)
    check = check_text(text)
    tagged = [f for f in check.findings if f.rule == "yaml-tag"]
    assert [(f.line, f.column) for f in tagged] == [at(text, tag)]
    assert f"'{tag}'" in tagged[0].message
    assert check.pathway is None


def test_a_str_tag_on_what_is_already_text_is_accepted():
    check = check_text(build().replace("title: Demo pathway", "title: !!str Demo pathway"))
    assert check.pathway is not None and check.pathway.title == "Demo pathway"


# fmt through a symlink ---------------------------------------------------------------------------


def test_fmt_of_a_symlinked_file_writes_the_target_and_keeps_the_link(project):
    real = project / "shared" / "real.yaml"
    real.parent.mkdir()
    untidy = build().replace("format: 1\nid: demo\n", "id: demo\nformat: 1\n")
    real.write_text(untidy, encoding="utf-8")
    link = project / "link.yaml"
    link.symlink_to(Path("shared") / "real.yaml")
    assert main(["fmt", str(link)]) == 0
    assert link.is_symlink() and os.readlink(link) == str(Path("shared") / "real.yaml")
    assert real.read_text(encoding="utf-8") == dump(load_text(untidy))
    assert [p.name for p in real.parent.iterdir()] == ["real.yaml"]  # no temporary file left


def test_the_atomic_writer_replaces_a_symlink_unless_asked_to_write_through(tmp_path):
    target = tmp_path / "target.txt"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    write_atomically(link, "new", through_symlink=True)
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "new"
    write_atomically(link, "newer")  # the store's writers never follow a link
    assert not link.is_symlink() and target.read_text(encoding="utf-8") == "new"
