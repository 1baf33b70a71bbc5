"""pathway-designer: design health and social care pathways together.

The public API:

- `load(path_or_text) -> Pathway` reads a pathway (raises `PathwayError` with findings);
- `validate(pathway) -> list[Finding]` runs every rule;
- `dump(pathway) -> str` gives the canonical YAML;
- `fingerprint(pathway) -> str` is the sha256 of the content partners sign off.
"""

from .canonical import dump, fingerprint
from .finding import Finding, Severity
from .loading import PathwayError, load, load_text
from .model import Pathway
from .validation import FileCheck, check_file, check_text, validate

__all__ = [
    "FileCheck",
    "Finding",
    "Pathway",
    "PathwayError",
    "Severity",
    "check_file",
    "check_text",
    "dump",
    "fingerprint",
    "load",
    "load_text",
    "validate",
]
