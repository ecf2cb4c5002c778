"""Spec → JSON Schema (draft 2020-12), exported into the package for users of other tools.

Cross-field rules JSON Schema can express are expressed (``not``/``required`` for exclusions,
``dependentRequired`` for requirements, ``oneOf`` for exactly-one); the rest, and the image limits,
travel as ``x-`` keywords so nothing the spec says is lost.
"""

from __future__ import annotations

import json
from typing import Any

from generator.render.pytypes import refs_of, type_closure
from generator.spec.model import EndpointSpec, FieldSpec, RuleSpec, TypeSpec

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def field_schema(spec: FieldSpec, *, strict: bool) -> dict[str, Any]:
    """The schema of one field's value."""
    schema: dict[str, Any] = {}
    if spec.ref is not None:
        schema["$ref"] = f"#/$defs/{spec.ref}"
    elif spec.one_of:
        schema["anyOf"] = [field_schema(option, strict=strict) for option in spec.one_of]
    elif spec.type == "image":
        schema["type"] = "string"
        image: dict[str, Any] = {"schemes": list(spec.schemes or ("http", "https"))}
        if spec.formats is not None:
            image["formats"] = list(spec.formats)
        if spec.max_bytes is not None:
            image["max_bytes"] = spec.max_bytes
        schema["x-image"] = image
    else:
        schema["type"] = spec.type
    keywords = {
        "enum": list(spec.enum) if spec.enum is not None else None,
        "minimum": spec.minimum,
        "maximum": spec.maximum,
        "exclusiveMinimum": spec.exclusive_minimum,
        "exclusiveMaximum": spec.exclusive_maximum,
        "minLength": spec.min_length,
        "maxLength": spec.max_length,
        "pattern": spec.pattern,
        "format": spec.format,
        "minItems": spec.min_items,
        "maxItems": spec.max_items,
        "x-total-max-bytes": spec.total_max_bytes,
        "x-used-items": spec.used_items,
    }
    schema.update({key: value for key, value in keywords.items() if value is not None})
    if spec.items is not None:
        schema["items"] = field_schema(spec.items, strict=strict)
    if spec.nullable:
        schema = {"anyOf": [schema, {"type": "null"}]}
    if spec.description:
        schema["description"] = spec.description
    if spec.has_default:
        schema["default"] = spec.default
    return schema


def object_schema(
    title: str, fields: tuple[FieldSpec, ...], rules: tuple[RuleSpec, ...], *, strict: bool, description: str = ""
) -> dict[str, Any]:
    schema: dict[str, Any] = {"title": title, "type": "object"}
    if description:
        schema["description"] = description
    schema["properties"] = {spec.json_name: field_schema(spec, strict=strict) for spec in fields}
    required = [spec.json_name for spec in fields if spec.required]
    if required:
        schema["required"] = required
    schema["additionalProperties"] = not strict
    wire = {spec.name: spec.json_name for spec in fields}
    nullable = {spec.json_name for spec in fields if spec.nullable}
    constraints: list[dict[str, Any]] = []
    for rule in rules:
        names = [wire[name] for name in rule.fields]
        if rule.kind == "mutually_exclusive":
            constraints.extend({"not": _given([a, b], nullable)} for i, a in enumerate(names) for b in names[i + 1 :])
        elif rule.kind == "exactly_one":
            constraints.append({"oneOf": [_given([name], nullable) for name in names]})
        elif rule.kind == "requires":
            schema.setdefault("dependentRequired", {}).setdefault(names[0], []).append(names[1])
    if constraints:
        schema["allOf"] = constraints
    if rules:
        schema["x-rules"] = [
            {rule.kind: [wire[name] for name in rule.fields], "source": list(rule.source)} for rule in rules
        ]
    return schema


def _given(names: list[str], nullable: set[str]) -> dict[str, Any]:
    """ "These fields are set": present, and not null where null means unset."""
    schema: dict[str, Any] = {"required": names}
    nulls = [name for name in names if name in nullable]
    if nulls:
        schema["properties"] = {name: {"not": {"type": "null"}} for name in nulls}
    return schema


def endpoint_schema(spec: EndpointSpec, which: str, types: dict[str, TypeSpec]) -> dict[str, Any]:
    """The input or output schema of an endpoint, with the shared types it uses under ``$defs``."""
    fields = spec.input if which == "input" else spec.output
    rules = spec.rules if which == "input" else ()
    strict = which == "input"
    schema: dict[str, Any] = {"$schema": DIALECT, "$id": f"{spec.endpoint}/{which}"}
    schema.update(object_schema(f"{spec.name}{which.title()}", fields, rules, strict=strict, description=spec.summary))
    used = sorted(type_closure(refs_of(fields), types))
    if used:
        schema["$defs"] = {
            name: object_schema(
                name, types[name].fields, types[name].rules, strict=strict, description=types[name].description
            )
            for name in used
        }
    return schema


def dumps(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
