"""pathway-designer: design health and social care pathways together.

The public API:

- `load(path_or_text) -> Pathway` reads a pathway (raises `PathwayError` with findings);
- `validate(pathway) -> list[Finding]` runs every rule;
- `dump(pathway) -> str` gives the canonical YAML;
- `fingerprint(pathway) -> str` is the sha256 of the content partners sign off.
"""

from .checks.validation import FileCheck, check_file, check_text, validate
from .finding import Finding, Severity
from .format.canonical import dump, fingerprint
from .format.loading import PathwayError, load, load_text
from .model import Pathway

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
