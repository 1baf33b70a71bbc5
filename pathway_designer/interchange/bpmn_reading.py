"""BPMN XML read safely: no DTD, no entities, no network, a size limit; a bad file is a finding.

XML can do harm that YAML cannot: a DOCTYPE declares entities that expand to gigabytes (billion
laughs) or read local files and URLs (external entities). A BPMN file needs none of that, so a
DOCTYPE is refused outright, and lxml is asked never to load a DTD, resolve an entity or use the
network, and to keep its limits on huge text nodes and deep trees.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from lxml import etree

from ..finding import Finding, Severity
from ..format.files import read_regular
from ..format.reading import YamlReadError

MAX_BYTES = 5 * 1024 * 1024  # the largest BPMN maps we know of are a few hundred KiB
_DOCTYPE = re.compile(rb"<!\s*DOCTYPE", re.IGNORECASE)
_NO_DOCTYPE = ("the file declares a DOCTYPE, which a BPMN file never needs; it is refused because a "
               "DOCTYPE can expand entities without end or read other files and addresses")


class BpmnReadError(Exception):
    """The file is not XML we will read; `finding` says why and where."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.message)
        self.finding = finding


@dataclass(frozen=True)
class XmlDocument:
    root: etree._Element
    name: str


def _refused(message: str, line: int | None = None, rule: str = "bpmn-unreadable") -> BpmnReadError:
    return BpmnReadError(Finding(rule, Severity.ERROR, message, line=line))


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
        huge_tree=False, remove_comments=True, remove_pis=True,
    )


def parse_bytes(data: bytes, name: str = "<text>") -> XmlDocument:
    """The XML tree of `data`, or BpmnReadError: too large, a DOCTYPE, not well-formed XML."""
    if len(data) > MAX_BYTES:
        raise _refused(f"the file is larger than the limit of {MAX_BYTES:,} bytes", rule="file-too-large")
    if not data.strip():
        raise _refused("the file is empty; a BPMN file is XML with a <definitions> element")
    # before parsing: libxml2 expands internal entities even with resolve_entities=False (a billion
    # laughs stopped only at its amplification limit); UTF-16's zero bytes are dropped to see it
    doctype = _DOCTYPE.search(data) or _DOCTYPE.search(data.replace(b"\x00", b""))
    if doctype is not None:
        at = data.replace(b"\x00", b"")[: doctype.start()].count(b"\n") + 1
        raise _refused(_NO_DOCTYPE, at if _DOCTYPE.search(data) else None)
    try:
        tree = etree.ElementTree(etree.fromstring(data, _parser()))
    except etree.XMLSyntaxError as error:
        line = error.lineno if error.lineno and error.lineno > 0 else None
        raise _refused(f"the file is not well-formed XML: {error.msg}", line) from None
    except (ValueError, MemoryError) as error:  # e.g. bytes lxml cannot decode at all
        raise _refused(f"the file is not XML that can be read: {error}") from None
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:  # in an encoding we missed
        raise _refused(_NO_DOCTYPE, 1)
    return XmlDocument(tree.getroot(), name)


def read_file(path: str | os.PathLike[str]) -> XmlDocument:
    """The XML tree of the file at `path` (a regular file, at most MAX_BYTES), or BpmnReadError."""
    name = os.fspath(path)
    try:
        data = read_regular(path, MAX_BYTES)
    except YamlReadError as error:  # not a regular file, or too large: its finding says which
        raise BpmnReadError(error.findings[0]) from None
    except OSError as error:
        raise _refused(f"the file cannot be read: {error.strerror or error}") from None
    return parse_bytes(data, name)
