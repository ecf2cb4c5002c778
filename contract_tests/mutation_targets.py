"""Where a mutant can be seen from: its endpoints, boundary groups and constraint-id prefixes.

A mutation of an endpoint's input class is seen from that endpoint; one of a shared type from the
first endpoint using it (where its full cases live); a runtime mutation from a few endpoints that
together have every kind of constraint (:func:`covering_endpoints`).
"""

from __future__ import annotations

from contract_tests.specdata import SPECS, referenced_types
from generator.spec.loader import python_name
from generator.spec.model import EndpointSpec, FieldSpec

__all__ = ["Target", "class_target", "covering_endpoints", "unbounded_numbers"]


class Target:
    """Which endpoints and boundary groups a mutation of one class can be seen from."""

    def __init__(
        self,
        endpoints: tuple[str, ...],
        fields: dict[str, tuple[str, ...]] | None,
        owner: str = "",
        wire: dict[str, str] | None = None,
    ) -> None:
        self.endpoints = endpoints
        self.fields = fields  # python name -> boundary groups; None: every group
        self.owner = owner  # constraint owner: an endpoint id or ``types.<Name>``
        self.wire = wire or {}  # python name -> spec (wire) name

    def constraints(self, field: str) -> tuple[str, ...]:
        """The constraint-id prefix of one field (or ``(rules)``/``(model)``) of this class."""
        if not self.owner:
            return ()
        return (f"{self.owner}:{self.wire.get(field, field)}",)

    def groups(self, field: str | None) -> tuple[str, ...] | None:
        if self.fields is None or field is None:
            return None
        return self.fields.get(field, (field,))


def reaches(spec: FieldSpec, type_name: str) -> bool:
    refs = {option.ref for option in (spec, *spec.one_of, *([spec.items] if spec.items else [])) if option.ref}
    return any(ref == type_name or type_name in referenced_types(SPECS.types[ref].fields) for ref in refs)


def home_of(type_name: str) -> tuple[EndpointSpec, tuple[str, ...]]:
    """The first endpoint using a shared type (where its full cases live) and its fields reaching it."""
    for spec in SPECS.endpoints:
        fields = tuple(field.name for field in spec.input if reaches(field, type_name))
        if fields:
            return spec, fields
    raise LookupError(type_name)


def class_target(file: str, class_name: str) -> Target | None:
    stem = file.removeprefix("models/").removesuffix(".py")
    if stem == "types":
        type_name = next((name for name in SPECS.types if name == class_name), None)
        if type_name is None:
            return None
        try:
            home, fields = home_of(type_name)
        except LookupError:
            return None  # output-only type
        groups = dict.fromkeys((python_name(field.name) for field in SPECS.types[type_name].fields), fields)
        wire = {python_name(field.name): field.name for field in SPECS.types[type_name].fields}
        return Target((home.endpoint,), {**groups, "(rules)": fields, "(model)": fields}, f"types.{type_name}", wire)
    spec = next((spec for spec in SPECS.endpoints if spec.module == stem), None)
    if spec is None or not class_name.endswith("Input"):
        return None
    wire = {python_name(field.name): field.name for field in spec.input}
    return Target((spec.endpoint,), {name: (field,) for name, field in wire.items()}, spec.endpoint, wire)


def covering_endpoints() -> tuple[str, ...]:
    """A few endpoints that together have every kind of constraint (for runtime mutants)."""
    from contract_tests.constraints import all_constraints

    kinds: dict[str, set[str]] = {}
    for spec in SPECS.endpoints:
        found = all_constraints((spec,))
        kinds[spec.endpoint] = {item.kind.split("(", 1)[0] for item in found}
    wanted = set().union(*kinds.values())
    chosen: list[str] = []
    while wanted:
        best = max(kinds, key=lambda endpoint: (len(kinds[endpoint] & wanted), endpoint))
        chosen.append(best)
        wanted -= kinds[best]
    return tuple(sorted(chosen))


def unbounded_numbers() -> bool:
    def open_ended(spec: FieldSpec) -> bool:
        if spec.type == "number":
            low = spec.minimum is None and spec.exclusive_minimum is None
            high = spec.maximum is None and spec.exclusive_maximum is None
            if low or high:
                return True
        return any(open_ended(child) for child in (*spec.one_of, *([spec.items] if spec.items else [])))

    fields = [field for spec in SPECS.endpoints for field in spec.input]
    fields += [field for spec in SPECS.types.values() for field in spec.fields]
    return any(open_ended(field) for field in fields)
