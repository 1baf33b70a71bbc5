"""Where the BPMN test files are (a module of its own: `conftest` names several files under tests/)."""

from pathlib import Path

DATA = Path(__file__).parent / "data" / "bpmn"
