"""Documented responses, built from each endpoint's ``output:`` spec (deterministic or by Hypothesis)."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from contract_tests.scalars import bounds
from contract_tests.specdata import SPECS
from generator.spec.model import EndpointSpec, FieldSpec

__all__ = ["output_strategy", "sample_output"]


def _sample(spec: FieldSpec, variant: int) -> Any:
    if spec.one_of:
        return _sample(spec.one_of[variant % len(spec.one_of)], variant)
    if spec.ref is not None:
        return {field.json_name: _sample(field, variant) for field in SPECS.types[spec.ref].fields}
    if spec.enum is not None:
        return spec.enum[variant % len(spec.enum)]
    if spec.type == "array":
        assert spec.items is not None
        return [_sample(spec.items, variant + index) for index in range(max(spec.min_items or 0, 1))]
    if spec.type in ("integer", "number"):
        low, high = bounds(spec)
        value = low if low is not None else high if high is not None else 1234 + variant
        return int(value) if spec.type == "integer" else float(value)
    if spec.type == "boolean":
        return variant % 2 == 0
    if spec.type == "object":
        return {"key": "value"}
    return f"https://cdn.example.com/{spec.name}/{variant}.png"


def sample_output(spec: EndpointSpec, variant: int = 0, *, omit: str | None = None) -> dict[str, Any]:
    """A documented response with every field (``omit`` leaves one out); ``variant`` picks enum members."""
    return {field.json_name: _sample(field, variant) for field in spec.output if field.json_name != omit}


def _strategy(spec: FieldSpec) -> st.SearchStrategy[Any]:
    if spec.one_of:
        return st.one_of(*(_strategy(option) for option in spec.one_of))
    if spec.ref is not None:
        return _object(SPECS.types[spec.ref].fields)
    if spec.enum is not None:
        return st.sampled_from(spec.enum)
    if spec.type == "array":
        assert spec.items is not None
        return st.lists(_strategy(spec.items), min_size=spec.min_items or 0, max_size=3)
    if spec.type == "integer":
        low, high = bounds(spec)
        return st.integers(min_value=None if low is None else int(low), max_value=None if high is None else int(high))
    if spec.type == "number":
        low, high = bounds(spec)
        return st.floats(min_value=low, max_value=high, allow_nan=False, allow_infinity=False)
    if spec.type == "boolean":
        return st.booleans()
    return st.text(max_size=30)


def _object(fields: tuple[FieldSpec, ...]) -> st.SearchStrategy[dict[str, Any]]:
    required = {field.json_name: _strategy(field) for field in fields if field.required}
    optional = {field.json_name: _strategy(field) for field in fields if not field.required}
    return st.fixed_dictionaries(required, optional=optional)


def output_strategy(spec: EndpointSpec) -> st.SearchStrategy[dict[str, Any]]:
    """Random documented responses: required fields always, optional ones sometimes."""
    return _object(spec.output)
