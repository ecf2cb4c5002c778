"""fal's OpenAPI documents, read into plain facts per property (drift's second upstream).

A document is one endpoint's queue API (OpenAPI 3.0.x as fal publishes it). Its input and output
schemas are found through the paths (the ``POST`` body and the result route's 200), not by name.
A property is nullable in either form: ``nullable: true`` (OpenAPI 3.0) or
``anyOf: [<schema>, {"type": "null"}]`` (pydantic's); what remains is its value schema. An
``exclusiveMinimum: true`` (3.0's boolean form) turns ``minimum`` exclusive; a one-item ``allOf``
around a ``$ref`` is the ``$ref``; ``"default": null`` on a nullable property is no default.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["Document", "OpenAPIError", "Prop", "Value", "document_name", "load_document", "pointer"]

_REF = "#/components/schemas/"


class OpenAPIError(Exception):
    """A document that cannot be read as fal's OpenAPI: ``file: message`` (exit status 2)."""


def document_name(endpoint: str) -> str:
    """The file name of an endpoint's document in ``upstream-docs/openapi/``."""
    return endpoint.replace("/", "__") + ".openapi.json"


def pointer(*parts: str | int) -> str:
    """A JSON pointer (RFC 6901) from its unescaped parts."""
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in parts)


@dataclass(frozen=True)
class Value:
    """A value schema with nullability taken off: one ``type``/``ref`` or several ``options``."""

    type: str | None = None
    ref: str | None = None
    options: tuple[Value, ...] = ()
    items: Value | None = None
    enum: tuple[object, ...] | None = None
    minimum: float | None = None
    maximum: float | None = None
    exclusive_minimum: float | None = None
    exclusive_maximum: float | None = None
    at: str = ""  # the JSON pointer of this schema node

    @property
    def label(self) -> str:
        """The type in words: ``integer``, ``ImageSize``, ``array of string``, ``string | ImageSize``."""
        if self.options:
            return " | ".join(option.label for option in self.options)
        if self.ref is not None:
            return self.ref
        if self.type == "array" and self.items is not None:
            return f"array of {self.items.label}"
        return self.type or "any"


@dataclass(frozen=True)
class Prop:
    """One property of an object schema, where it lives in the document and what it says."""

    name: str
    pointer: str
    value: Value
    required: bool
    nullable: bool
    has_default: bool = False
    default: object = None


@dataclass(frozen=True)
class Document:
    """One endpoint's document: its schemas by name and where its input and output are."""

    file: str
    endpoint: str
    schemas: dict[str, dict[str, Any]]
    input: str
    output: str

    def props(self, schema: str) -> list[Prop]:
        """The properties of a named object schema, in the document's order."""
        body = self.schemas.get(schema)
        if not isinstance(body, dict):
            raise OpenAPIError(f"{self.file}: no schema {schema!r} under components.schemas")
        required = set(body.get("required", []))
        found: list[Prop] = []
        for name, node in (body.get("properties") or {}).items():
            where = pointer("components", "schemas", schema, "properties", name)
            nullable, value = _split_null(node, where)
            # pydantic writes ``"default": null`` on optional nullable fields: that is "no default"
            has_default = "default" in node and not (nullable and node["default"] is None)
            found.append(Prop(name, where, value, name in required, nullable, has_default, node.get("default")))
        return found


def _split_null(node: dict[str, Any], at: str) -> tuple[bool, Value]:
    """(nullable, value schema) of a property node, in either nullable form."""
    nullable = node.get("nullable") is True
    key = "anyOf" if "anyOf" in node else "oneOf"
    options = node.get(key)
    if isinstance(options, list):
        rest = [(index, option) for index, option in enumerate(options) if option != {"type": "null"}]
        nullable = nullable or len(rest) < len(options)
        values = tuple(_value(option, f"{at}/{key}/{index}") for index, option in rest)
        return nullable, values[0] if len(values) == 1 else Value(options=values, at=at)
    return nullable, _value(node, at)


def _value(node: dict[str, Any], at: str) -> Value:
    if "$ref" in node:
        return Value(ref=str(node["$ref"]).removeprefix(_REF), at=at)
    if isinstance(node.get("allOf"), list) and len(node["allOf"]) == 1:  # pydantic's wrapper around a $ref
        return _value(node["allOf"][0], f"{at}/allOf/0")
    if "anyOf" in node or "oneOf" in node:
        return _split_null(node, at)[1]
    minimum, maximum = node.get("minimum"), node.get("maximum")
    low, high = node.get("exclusiveMinimum"), node.get("exclusiveMaximum")
    if low is True:  # OpenAPI 3.0: the boolean qualifies minimum
        low, minimum = minimum, None
    if high is True:
        high, maximum = maximum, None
    return Value(
        type=node.get("type"),
        items=_value(node["items"], at + "/items") if isinstance(node.get("items"), dict) else None,
        enum=tuple(node["enum"]) if isinstance(node.get("enum"), list) else None,
        minimum=minimum,
        maximum=maximum,
        exclusive_minimum=None if low is False else low,
        exclusive_maximum=None if high is False else high,
        at=at,
    )


def _schema_ref(node: Any) -> str | None:
    try:
        ref = node["content"]["application/json"]["schema"]["$ref"]
    except (KeyError, TypeError):
        return None
    return str(ref).removeprefix(_REF) if isinstance(ref, str) and ref.startswith(_REF) else None


def load_document(path: Path, shown: str | None = None) -> Document:
    """Read one document; its endpoint id comes from ``info.x-fal-metadata.endpointId``."""
    label = shown or path.name
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise OpenAPIError(f"{label}: not readable as JSON ({exc})") from None
    try:
        endpoint = data["info"]["x-fal-metadata"]["endpointId"]
        schemas = data["components"]["schemas"]
        paths = data["paths"]
    except (KeyError, TypeError):
        raise OpenAPIError(f"{label}: not fal's OpenAPI (no info.x-fal-metadata.endpointId or components)") from None
    submit = paths.get(f"/{endpoint}", {}).get("post", {})
    result = paths.get(f"/{endpoint}/requests/{{request_id}}", {}).get("get", {})
    input_name = _schema_ref(submit.get("requestBody"))
    output_name = _schema_ref(result.get("responses", {}).get("200"))
    if input_name is None or output_name is None:
        raise OpenAPIError(f"{label}: no input or output schema on the queue routes of {endpoint}")
    return Document(label, str(endpoint), schemas, input_name, output_name)
