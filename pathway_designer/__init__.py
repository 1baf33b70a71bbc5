"""pathway-designer: design health and social care pathways together.

The public API:

- `load(path_or_text) -> Pathway` reads a pathway (raises `PathwayError` with findings);
- `validate(pathway) -> list[Finding]` runs every rule;
- `dump(pathway) -> str` gives the canonical YAML;
- `fingerprint(pathway) -> str` is the sha256 of the content partners sign off.

The names are imported on first use (PEP 562), so that the command line can start without the
models and rules it does not need, and can settle its own process's settings first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .lazy import lazy_names

if TYPE_CHECKING:
    from .checks.validation import FileCheck as FileCheck
    from .checks.validation import check_file as check_file
    from .checks.validation import check_text as check_text
    from .checks.validation import validate as validate
    from .finding import Finding as Finding
    from .finding import Severity as Severity
    from .format.canonical import dump as dump
    from .format.canonical import fingerprint as fingerprint
    from .format.loading import PathwayError as PathwayError
    from .format.loading import load as load
    from .format.loading import load_text as load_text
    from .model import Pathway as Pathway

_HOME = {
    "FileCheck": "checks.validation", "check_file": "checks.validation",
    "check_text": "checks.validation", "validate": "checks.validation",
    "Finding": "finding", "Severity": "finding",
    "dump": "format.canonical", "fingerprint": "format.canonical",
    "PathwayError": "format.loading", "load": "format.loading", "load_text": "format.loading",
    "Pathway": "model",
}  # fmt: skip

__all__ = sorted(_HOME)

__getattr__ = lazy_names(__name__, globals(), _HOME)
