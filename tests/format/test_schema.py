"""The JSON Schema: what `pathway-designer schema` prints is what ships, it is a valid draft 2020-12
schema, it explains every field, and it accepts every example (read as an editor reads YAML 1.2)."""

from __future__ import annotations

import copy
import json
import re

import jsonschema
import pytest
import yaml
from format_helpers import PATHWAYS, SCHEMA_FILE

from pathway_designer.cli.main import main


class Yaml12Loader(yaml.SafeLoader):
    """PyYAML read the way a YAML 1.2 editor reads: dates stay text, Yes/No/on/off stay text, 1:30
    and 012 are not sexagesimal or octal, and only true/false are booleans."""


Yaml12Loader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag not in {"tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int"}
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"),
    list("-+0123456789"),
)


def _int12(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
    text = loader.construct_scalar(node)
    return int(text, 8) if text.startswith("0o") else int(text, 0) if text.startswith("0x") else int(text)


Yaml12Loader.add_constructor("tag:yaml.org,2002:int", _int12)

EXAMPLES = sorted(PATHWAYS.glob("*.yaml"))


@pytest.fixture(scope="module")
def schema() -> dict:
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def validator(schema) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def test_the_yaml12_loader_reads_like_an_editor():
    data = yaml.load("a: 2026-11-20\nb: Yes\nc: 1:30\nd: 012\ne: 1\nf: true\ng: off\n", Yaml12Loader)
    assert data == {"a": "2026-11-20", "b": "Yes", "c": "1:30", "d": 12, "e": 1, "f": True, "g": "off"}


def test_the_printed_schema_is_the_shipped_one(capsys):
    assert main(["schema"]) == 0
    printed = capsys.readouterr().out
    assert printed == SCHEMA_FILE.read_text(encoding="utf-8"), (
        "schema/pathway.schema.json is out of date: run pathway-designer schema > "
        "schema/pathway.schema.json"
    )


def test_it_is_a_valid_draft_2020_12_schema(schema):
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_every_field_is_explained(schema):
    objects = [schema, *(d for d in schema["$defs"].values() if d.get("type") == "object")]
    for definition in objects:
        assert definition.get("description"), definition.get("title")
        for name, field in definition["properties"].items():
            assert field.get("description"), f"{definition.get('title')}.{name} has no description"


def test_field_names_are_the_format_names(schema):
    assert "based-on" in schema["properties"] and "based_on" not in schema["properties"]
    assert set(schema["$defs"]["Transition"]["properties"]) == {
        "from", "to", "when", "handoff", "share", "delay", "delay-spread"
    }


def test_there_are_examples_to_check():
    assert len(EXAMPLES) >= 4, f"expected at least four example pathways in {PATHWAYS}"


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_example_is_valid_against_the_schema(validator, path):
    data = yaml.load(path.read_text(encoding="utf-8"), Yaml12Loader)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]
    assert errors == []


@pytest.mark.parametrize("path", EXAMPLES[:1], ids=lambda p: p.name)
def test_the_schema_rejects_unknown_fields_and_bad_values(validator, path):
    data = yaml.load(path.read_text(encoding="utf-8"), Yaml12Loader)
    for change in (
        lambda d: d.update(colour="red"),
        lambda d: d["steps"][0].update(lable="Typo"),
        lambda d: d["transitions"][0].update(from_=d["transitions"][0]["from"]),
        lambda d: d.update(based_on="adult-crisis-national"),
        lambda d: d["steps"][0].update(kind="choice"),
        lambda d: d["steps"][0].update(wait="4 hours"),
        lambda d: d.update(id="Not An Id"),
        lambda d: d.pop("title"),
        lambda d: d.update(review={"last": "2026-02-30"}),
    ):
        broken = copy.deepcopy(data)
        change(broken)
        assert not validator.is_valid(broken), broken


def test_a_when_of_yes_is_valid_text_for_the_schema(validator):
    data = yaml.load(
        "format: 1\nid: a\ntitle: A\norganisations: [{id: o, name: O, role: other}]\n"
        "steps: [{id: s, label: '1:30', kind: entry}]\n"
        "transitions: [{from: s, to: s, when: Yes}]\n",
        Yaml12Loader,
    )
    assert validator.is_valid(data), list(validator.iter_errors(data))
