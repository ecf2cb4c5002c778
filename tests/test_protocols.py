"""The runtime's protocol dataclasses are generated from the spec model's: same fields, minus what only generation needs."""

from __future__ import annotations

from dataclasses import fields

from generator.render.protocols import SPEC_ONLY
from generator.spec import model
from ideogram_clients import _protocols
from ideogram_clients._endpoints import ENDPOINTS


def test_runtime_protocols_mirror_the_spec_model() -> None:
    pairs = [
        (model.FalProtocol, _protocols.FalProtocol),
        (model.MagnificProtocol, _protocols.MagnificProtocol),
        (model.Operation, _protocols.MagnificOperation),
    ]
    for spec_class, runtime_class in pairs:
        expected = [item.name for item in fields(spec_class) if item.name not in SPEC_ONLY]
        assert [item.name for item in fields(runtime_class)] == expected
    assert "source" in SPEC_ONLY and all(name in {f.name for f in fields(model.FalProtocol)} for name in SPEC_ONLY)


def test_every_endpoint_carries_a_runtime_protocol() -> None:
    for endpoint in ENDPOINTS.values():
        expected = _protocols.FalProtocol if endpoint.provider == "fal" else _protocols.MagnificProtocol
        assert isinstance(endpoint.protocol, expected)
