"""The checked, typed form of a spec: what the loader produces and every renderer consumes.

Nothing here parses or validates; :mod:`generator.spec.loader` builds these objects only from
input it has already checked, so renderers can trust every attribute.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Scalar = str | int | float | bool | None
JSONValue = Scalar | list["JSONValue"] | dict[str, "JSONValue"]

FieldType = Literal["string", "integer", "number", "boolean", "array", "object", "image"]
Provider = Literal["fal", "magnific"]
RuleKind = Literal["same_dimensions", "mutually_exclusive", "requires", "exactly_one"]


@dataclass(frozen=True)
class FieldSpec:
    """One field of an input, output or shared type (or an ``items`` / ``one_of`` member)."""

    name: str
    path: str
    type: FieldType | None = None
    ref: str | None = None
    one_of: tuple[FieldSpec, ...] = ()
    items: FieldSpec | None = None
    required: bool = False
    nullable: bool = False
    has_default: bool = False
    default: JSONValue = None
    enum: tuple[str | int | float, ...] | None = None
    minimum: int | float | None = None
    maximum: int | float | None = None
    exclusive_minimum: int | float | None = None
    exclusive_maximum: int | float | None = None
    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None
    format: str | None = None
    min_items: int | None = None
    max_items: int | None = None
    wire_name: str | None = None
    description: str = ""
    source: tuple[str, ...] = ()
    curation: tuple[str, ...] = ()
    max_bytes: int | None = None
    total_max_bytes: int | None = None
    formats: tuple[str, ...] | None = None
    schemes: tuple[str, ...] | None = None
    used_items: int | None = None

    @property
    def json_name(self) -> str:
        """The key on the wire."""
        return self.wire_name or self.name

    @property
    def is_image_list(self) -> bool:
        return self.type == "array" and self.items is not None and self.items.type == "image"


@dataclass(frozen=True)
class RuleSpec:
    """A cross-field rule; ``fields`` lists every field it mentions, in spec order."""

    kind: RuleKind
    fields: tuple[str, ...]
    path: str
    source: tuple[str, ...] = ()
    curation: tuple[str, ...] = ()


@dataclass(frozen=True)
class PageRef:
    """A doc page (optionally one ``Name#`` section of it) a spec was curated from."""

    page: str
    section: str | None = None

    def __str__(self) -> str:
        return f"{self.page}#{self.section}" if self.section else self.page


@dataclass(frozen=True)
class TypeSpec:
    """A shared object type from ``specs/types.yaml``."""

    name: str
    description: str
    fields: tuple[FieldSpec, ...]
    rules: tuple[RuleSpec, ...] = ()
    pages: tuple[PageRef, ...] = ()
    curation: tuple[str, ...] = ()
    kind: Literal["model", "file"] = "model"


@dataclass(frozen=True)
class Operation:
    """One HTTP operation of a task API (Magnific create / get / list)."""

    method: str
    path: str


@dataclass(frozen=True)
class FalProtocol:
    queue_url: str
    run_url: str
    auth_header: str
    auth_scheme: str
    app: str
    file_encoding: Literal["data_uri"]
    source: tuple[str, ...] = ()


@dataclass(frozen=True)
class MagnificProtocol:
    base_url: str
    auth_header: str
    alt_base_url: str
    alt_auth_header: str
    create: Operation
    get: Operation
    list: Operation
    envelope: str
    statuses: tuple[str, ...]
    file_encoding: Literal["base64"]
    source: tuple[str, ...] = ()


@dataclass(frozen=True)
class EndpointSpec:
    """One endpoint: the unit of generation (one model module, one resource, two schemas)."""

    endpoint: str
    provider: Provider
    name: str
    attr: str
    summary: str
    file: str
    pages: tuple[PageRef, ...]
    protocol: FalProtocol | MagnificProtocol
    input: tuple[FieldSpec, ...]
    output: tuple[FieldSpec, ...]
    rules: tuple[RuleSpec, ...] = ()
    curation: tuple[str, ...] = ()

    @property
    def module(self) -> str:
        """Python module stem, from the spec file name (``ideogram-v2-edit`` → ``ideogram_v2_edit``)."""
        stem = self.file.rsplit("/", 1)[-1].removesuffix(".yaml")
        return f"{self.provider}_{stem.replace('-', '_')}"


@dataclass(frozen=True)
class SpecSet:
    """Every endpoint (sorted by id) and every shared type (sorted by name)."""

    endpoints: tuple[EndpointSpec, ...]
    types: dict[str, TypeSpec] = field(default_factory=dict)

    def endpoint(self, endpoint_id: str) -> EndpointSpec:
        for spec in self.endpoints:
            if spec.endpoint == endpoint_id:
                return spec
        raise KeyError(endpoint_id)
