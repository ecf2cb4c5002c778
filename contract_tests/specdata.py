"""The specs, loaded once through the generator's strict loader, and small views over them.

An :class:`Owner` is anything that has fields and rules: an endpoint's input or a shared type.
``CONTRACT_ENDPOINTS`` (comma-separated ids) limits the suite to some endpoints and
``CONTRACT_GROUPS`` (field names, ``(rules)``, ``(model)``) the boundary tests to some groups; the
mutation harness uses both to run only the tests that can see a mutant.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from generator.spec.loader import load_specs, python_name
from generator.spec.model import EndpointSpec, FalProtocol, FieldSpec, RuleSpec, SpecSet

__all__ = [
    "DEFAULT_SCHEMES",
    "ROOT",
    "SPECS",
    "URL_SCHEMES",
    "Owner",
    "encoding_of",
    "endpoint_owner",
    "groups_limited",
    "is_fal",
    "is_selected",
    "is_selected_group",
    "py_to_wire",
    "referenced_types",
    "selected_endpoints",
    "type_owner",
]

ROOT = Path(__file__).resolve().parent.parent
SPECS: SpecSet = load_specs(ROOT)
#: Schemes an image field accepts when its spec names none (specs/README.md).
DEFAULT_SCHEMES = ("http", "https")
#: Schemes a URL can have at all; anything else is tried as a scheme the field refuses.
URL_SCHEMES = ("http", "https", "ftp")


@dataclass(frozen=True)
class Owner:
    """Fields plus cross-field rules: an endpoint input (``id`` = endpoint id) or a shared type."""

    id: str
    fields: tuple[FieldSpec, ...]
    rules: tuple[RuleSpec, ...]

    @property
    def is_type(self) -> bool:
        """A shared type: its rule errors are reported at the object's own location."""
        return self.id.startswith("types.")

    def field(self, name: str) -> FieldSpec:
        for spec in self.fields:
            if spec.name == name:
                return spec
        raise KeyError(name)


def endpoint_owner(spec: EndpointSpec) -> Owner:
    return Owner(spec.endpoint, spec.input, spec.rules)


@cache
def type_owner(name: str) -> Owner:
    spec = SPECS.types[name]
    return Owner(f"types.{name}", spec.fields, spec.rules)


def encoding_of(spec: EndpointSpec) -> str:
    """How local image data travels for this endpoint: ``data_uri`` (fal) or ``base64`` (Magnific)."""
    return spec.protocol.file_encoding


def is_fal(spec: EndpointSpec) -> bool:
    return isinstance(spec.protocol, FalProtocol)


def _wanted() -> set[str] | None:
    raw = os.environ.get("CONTRACT_ENDPOINTS", "").strip()
    return {part.strip() for part in raw.split(",") if part.strip()} or None


def is_selected(endpoint_id: str) -> bool:
    wanted = _wanted()
    return wanted is None or endpoint_id in wanted


def is_selected_group(group: str) -> bool:
    """``CONTRACT_GROUPS`` (comma-separated field names, ``(rules)``, ``(model)``) limits the boundary tests."""
    raw = os.environ.get("CONTRACT_GROUPS", "").strip()
    return not raw or group in {part.strip() for part in raw.split(",")}


def groups_limited() -> bool:
    return bool(os.environ.get("CONTRACT_GROUPS", "").strip())


def selected_endpoints() -> tuple[EndpointSpec, ...]:
    """Every endpoint, or the ones ``CONTRACT_ENDPOINTS`` names (unknown names are an error)."""
    wanted = _wanted()
    if wanted is not None:
        unknown = wanted - {spec.endpoint for spec in SPECS.endpoints}
        if unknown:
            raise ValueError(f"CONTRACT_ENDPOINTS names unknown endpoints: {sorted(unknown)}")
    return tuple(spec for spec in SPECS.endpoints if wanted is None or spec.endpoint in wanted)


def _refs(spec: FieldSpec) -> set[str]:
    found = {spec.ref} if spec.ref else set()
    for child in (*spec.one_of, *((spec.items,) if spec.items else ())):
        found |= _refs(child)
    return found


def referenced_types(fields: tuple[FieldSpec, ...]) -> list[str]:
    """Shared types reachable from ``fields`` (transitively), in a stable order."""
    seen: list[str] = []
    todo = sorted(set().union(*(_refs(spec) for spec in fields)) if fields else set())
    while todo:
        name = todo.pop(0)
        if name in seen:
            continue
        seen.append(name)
        todo.extend(sorted(set().union(*(_refs(spec) for spec in SPECS.types[name].fields)) - set(seen)))
    return seen


@cache
def py_to_wire() -> dict[str, str]:
    """Python attribute name → wire name, over every field of every owner (they agree where both exist)."""
    mapping: dict[str, str] = {}
    owners = [endpoint_owner(spec) for spec in SPECS.endpoints] + [type_owner(name) for name in SPECS.types]
    for owner in owners:
        for spec in owner.fields:
            mapping[python_name(spec.name)] = spec.json_name
    return mapping
