"""Views of the generated resources (``resources/<module>.py``) and clients (``_clients.py``).

A resource method's keyword arguments are the endpoint's input fields: required ones plain,
optional ones defaulting to ``omit`` so that only what the caller passes reaches the model. The
fragments are built here; the templates only place them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from generator.render.pytypes import PyField, TypeContext, endpoint_class_names, kwarg_type, literal, refs_of
from generator.render.views import import_lines
from generator.spec.loader import python_name
from generator.spec.model import EndpointSpec, SpecSet

#: Keyword arguments the methods define themselves; a field with one of these names cannot be a kwarg.
RESERVED = {
    "fal": {"self", "webhook_url", "on_update", "timeout", "logs", "options"},
    "magnific": {"self", "on_update", "timeout"},
}
_WRAP = 96


class ResourceError(ValueError):
    """A spec that cannot become a resource (a field name collides with a method option)."""


def resource_class_names(spec: EndpointSpec) -> tuple[str, str]:
    return f"{spec.name}Resource", f"Async{spec.name}Resource"


@dataclass(frozen=True)
class Param:
    """One keyword argument of a resource method."""

    field: PyField
    annotation: str

    @property
    def declaration(self) -> str:
        if self.field.spec.required:
            return f"{self.field.name}: {self.annotation}"
        return f"{self.field.name}: {self.annotation} | Omit = omit"

    @property
    def doc_lines(self) -> list[str]:
        """``name: description`` wrapped for an Args section (the text is escaped by the caller)."""
        words = f"{self.field.name}: {self.field.doc}".split()
        lines: list[str] = []
        line = ""
        for word in words:
            if line and len(line) + 1 + len(word) > _WRAP:
                lines.append(line)
                line = "    " + word
            else:
                line = f"{line} {word}" if line else word
        if line:
            lines.append(line)
        return lines


class ResourceModuleView:
    """``resources/<module>.py``: the sync and async resource of one endpoint."""

    def __init__(self, spec: EndpointSpec, specs: SpecSet) -> None:
        self.spec = spec
        self.specs = specs
        reserved = RESERVED[spec.provider]
        for field in spec.input:
            if python_name(field.name) in reserved:
                raise ResourceError(f"{spec.file}: input field {field.name!r} clashes with a method argument")

    @cached_property
    def params(self) -> tuple[Param, ...]:
        ctx = TypeContext(role="input", provider=self.spec.provider, class_names={n: n for n in self.specs.types})
        fields = [PyField(field, ctx) for field in self.spec.input]
        ordered = sorted(fields, key=lambda field: not field.spec.required)
        return tuple(Param(field, kwarg_type(field.spec, ctx)) for field in ordered)

    @property
    def provider(self) -> str:
        return self.spec.provider

    @property
    def endpoint_id(self) -> str:
        return literal(self.spec.endpoint)

    @property
    def sync_class(self) -> str:
        return resource_class_names(self.spec)[0]

    @property
    def async_class(self) -> str:
        return resource_class_names(self.spec)[1]

    @property
    def output_class(self) -> str:
        return endpoint_class_names(self.spec)[1]

    @property
    def summary_literal(self) -> str:
        return literal(f"{self.spec.summary}\n\n``{self.spec.endpoint}``, generated from {self.spec.file}.")

    @property
    def arguments(self) -> str:
        """The dict the method hands to the model, keyed by field name."""
        return "{" + ", ".join(f"{literal(p.field.name)}: {p.field.name}" for p in self.params) + "}"

    def method_doc(self, lead: str) -> str:
        """A method docstring literal: ``lead`` plus an Args section from the spec."""
        lines = [lead, "", "Args:"]
        for param in self.params:
            lines.extend("    " + line for line in param.doc_lines)
        return literal("\n".join(lines) + "\n")

    @property
    def source_literal(self) -> str:
        return literal(self.spec.file)

    @property
    def imports(self) -> list[str]:
        code = [param.annotation for param in self.params]
        lines = import_lines(code, local_types=sorted(refs_of(self.spec.input) | _closure_names(code, self.specs)))
        model = f"from ideogram_clients.models.{self.spec.module} import {self.output_class}"
        return [*lines, model]


def _closure_names(code: list[str], specs: SpecSet) -> set[str]:
    text = " ".join(code)
    return {name for name in specs.types if name in text}


@dataclass(frozen=True)
class ClientEntry:
    """One resource attribute and the overloads keyed by its endpoint id."""

    spec: EndpointSpec

    @property
    def attr(self) -> str:
        return self.spec.attr

    @property
    def id_literal(self) -> str:
        return literal(self.spec.endpoint)

    @property
    def input_class(self) -> str:
        return endpoint_class_names(self.spec)[0]

    @property
    def output_class(self) -> str:
        return endpoint_class_names(self.spec)[1]

    @property
    def sync_resource(self) -> str:
        return resource_class_names(self.spec)[0]

    @property
    def async_resource(self) -> str:
        return resource_class_names(self.spec)[1]

    @property
    def module(self) -> str:
        return self.spec.module

    @property
    def summary_literal(self) -> str:
        return literal(self.spec.summary)


class ClientsView:
    """``_clients.py``: ``FalClient``, ``AsyncFalClient``, ``MagnificClient``, ``AsyncMagnificClient``."""

    def __init__(self, specs: SpecSet) -> None:
        self.fal = tuple(ClientEntry(spec) for spec in specs.endpoints if spec.provider == "fal")
        self.magnific = tuple(ClientEntry(spec) for spec in specs.endpoints if spec.provider == "magnific")
