"""Hostile XML gives a finding with its line, never a traceback, never a hang, never a leak."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from bpmn_data import DATA
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pathway_designer import load
from pathway_designer.finding import Severity
from pathway_designer.interchange.bpmn_import import import_bpmn_bytes, import_bpmn_file
from pathway_designer.interchange.bpmn_reading import MAX_BYTES
from pathway_designer.interchange.formats import FORMATS

BPMN = 'xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"'
LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + "".join(f' <!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">\n'
              for i in range(1, 10))
    + f']>\n<definitions {BPMN}><process id="p" name="&lol9;">'
    + '<task id="t" name="&lol9;"/></process></definitions>'
).encode()
EXTERNAL = (
    f'<?xml version="1.0"?>\n<!DOCTYPE d [<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n'
    f'<definitions {BPMN}><process id="p"><task id="t" name="&secret;"/></process></definitions>'
).encode()
NETWORK = (
    f'<?xml version="1.0"?>\n<!DOCTYPE d SYSTEM "http://127.0.0.1:9/evil.dtd">\n'
    f'<definitions {BPMN}/>'
).encode()
PARAMETER = (
    b'<?xml version="1.0"?>\n<!DOCTYPE d [<!ENTITY % remote SYSTEM "http://127.0.0.1:9/x.dtd">'
    b" %remote;]>\n<d/>"
)


def _one_error(data: bytes, rule: str) -> str:
    imported = import_bpmn_bytes(data, "hostile.bpmn")
    assert imported.pathway is None
    assert [n.finding.rule for n in imported.notes] == [rule]
    finding = imported.notes[0].finding
    assert finding.severity is Severity.ERROR and finding.file == "hostile.bpmn"
    return finding.message


@pytest.mark.parametrize("data", [LAUGHS, EXTERNAL, NETWORK, PARAMETER, EXTERNAL.decode().encode("utf-16")],
                         ids=["laughs", "external", "network", "parameter", "utf-16"])
def test_a_doctype_is_refused_before_any_entity_is_expanded(data: bytes) -> None:
    message = _one_error(data, "bpmn-unreadable")
    assert "DOCTYPE" in message and "root:" not in message  # nothing of /etc/passwd


def test_a_file_over_the_limit_is_refused_unread(tmp_path: Path) -> None:
    big = tmp_path / "big.bpmn"
    with big.open("wb") as out:
        out.write(f"<definitions {BPMN}><!--".encode())
        out.write(b" " * (10 * 1024 * 1024))
        out.write(b"--></definitions>")
    imported = import_bpmn_file(big)
    assert imported.pathway is None
    assert [n.finding.rule for n in imported.notes] == ["file-too-large"]
    assert _one_error(b" " * (MAX_BYTES + 1), "file-too-large")


@pytest.mark.parametrize(("data", "line"), [
    (b"hello, not XML", 1),
    (f"<definitions {BPMN}>\n<process id='p'>\n<task id='t'>\n</definitions>".encode(), 4),
    (b"\xff\xfe\x00\x00garbage", None),
    (f"<definitions {BPMN}>\n<task name='caf\xe9'/></definitions>".encode("latin-1"), 2),
    (("<a>" * 5000 + "</a>" * 5000).encode(), 1),
])
def test_what_is_not_well_formed_xml_is_a_finding_with_its_line(data: bytes, line: int | None) -> None:
    imported = import_bpmn_bytes(data, "bad.bpmn")
    assert imported.pathway is None and len(imported.notes) == 1
    assert imported.notes[0].finding.rule == "bpmn-unreadable"
    if line is not None:
        assert imported.notes[0].finding.line == line


@pytest.mark.parametrize("data", [b"", b"   \n", b'<svg xmlns="http://www.w3.org/2000/svg"/>',
                                  b"<definitions/>"])
def test_empty_or_other_xml_is_not_bpmn(data: bytes) -> None:
    imported = import_bpmn_bytes(data, "other.bpmn")
    assert imported.pathway is None
    assert imported.notes[0].finding.rule in ("bpmn-unreadable", "bpmn-not-bpmn")


def test_a_folder_or_a_missing_file_is_a_finding(tmp_path: Path) -> None:
    for path in (tmp_path, tmp_path / "missing.bpmn"):
        imported = import_bpmn_file(path)
        assert imported.pathway is None and imported.notes[0].finding.severity is Severity.ERROR


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.bpmn"
    os.mkfifo(fifo)
    imported = import_bpmn_file(fifo)
    assert imported.pathway is None and imported.notes[0].finding.rule == "unreadable"


_SEED = (DATA / "gateways.bpmn").read_bytes()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, len(_SEED)), st.integers(0, 200), st.binary(max_size=40))
def test_a_mangled_bpmn_file_never_raises(cut: int, drop: int, junk: bytes) -> None:
    imported = import_bpmn_bytes(_SEED[:cut] + junk + _SEED[cut + drop:], "mangled.bpmn")
    assert imported.pathway is not None or imported.notes


def test_a_flow_record_nested_too_deeply_is_a_note_not_a_crash() -> None:
    """Our own extension element, in a file from anywhere: JSON nested deeper than Python's parser
    goes raised RecursionError, which `import` did not catch."""
    example = Path(__file__).resolve().parents[2] / "pathways" / "adult-crisis-rural.yaml"
    exported = FORMATS["bpmn"].export(load(example), None).data
    start, end = exported.index(b"<pd:flow>") + len(b"<pd:flow>"), exported.index(b"</pd:flow>")
    hostile = exported[:start] + b"[" * 5000 + exported[end:]
    result = import_bpmn_bytes(hostile, "deep.bpmn")
    assert result.pathway is not None
    said = [n.finding.rule for n in result.notes if "flow figures" in n.finding.message]
    assert said == ["bpmn-bad-record"]
