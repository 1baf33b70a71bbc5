"""Network -> Pathway -> YAML -> Pathway -> Network gives the same network, every figure exact."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

import pathway_designer as pd
from pathway_designer.flow.errors import FlowError
from pathway_designer.flow.from_pathway import network_of
from pathway_designer.flow.to_pathway import pathway_of
from pathway_designer.model import Organisation, Role

from .strategies import networks

TRUST = Organisation.model_validate({"id": "trust", "name": "The trust", "role": Role.NHS_PROVIDER})


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(networks())
def test_a_network_round_trips_through_the_yaml_exactly(network):
    pathway = pathway_of(network, pathway_id="imported", title="Imported", organisation=TRUST)
    text = pd.dump(pathway)
    again = network_of(pd.load_text(text))
    assert again == network
    assert pd.dump(pd.load_text(text)) == text  # and the text is canonical


def test_a_pathway_without_flow_fields_says_so(example_without_flow):
    with pytest.raises(FlowError, match="does not say yet how many people arrive"):
        network_of(example_without_flow)


@pytest.fixture
def example_without_flow():
    return pd.load_text(
        "id: plain\ntitle: Plain\norganisations:\n  - {id: t, name: T, role: nhs-provider}\n"
        "steps:\n  - {id: a, label: A, kind: entry}\n  - {id: b, label: B, kind: exit}\n"
        "transitions:\n  - {from: a, to: b}\n"
    )
