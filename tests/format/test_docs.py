"""The documentation's example pathway is a valid pathway: the docs cannot drift from the format."""

import re
from pathlib import Path

from pathway_designer import check_text
from pathway_designer.finding import Severity

DOCS = Path(__file__).resolve().parents[2] / "docs" / "format.md"


def test_the_complete_example_in_the_format_docs_loads_and_has_no_errors():
    text = DOCS.read_text(encoding="utf-8")
    (example,) = re.findall(r"## A complete example\n\n```yaml\n(.*?)```", text, re.DOTALL)
    check = check_text(example, "adult-crisis-rural.yaml")
    assert check.pathway is not None, [str(f) for f in check.findings]
    assert not [f for f in check.findings if f.severity is Severity.ERROR]
    assert check.pathway.summary and check.pathway.summary.startswith("Help within 4 hours")
