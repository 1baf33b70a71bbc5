"""The JSON Schema (draft 2020-12) of the pathway format, for editors and other tools."""

from __future__ import annotations

import json
from typing import Any

from ..model import FORMAT_VERSION, Pathway

# The schema's identity, versioned with the format (a URN: it names the schema without promising a
# web address that serves it).
SCHEMA_ID = f"urn:pathway-designer:schema:pathway:{FORMAT_VERSION}"


def json_schema() -> dict[str, Any]:
    schema = Pathway.model_json_schema(by_alias=True, mode="validation")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}


def json_schema_text() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
