"""Template contexts: one view per generated module, exposing ready-made fragments.

Templates only loop over these attributes and place them; nothing is computed in Jinja.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from generator.render.protocols import protocol_expr
from generator.render.pytypes import (
    PyField,
    Role,
    TypeContext,
    endpoint_class_names,
    literal,
    refs_of,
    rule_expr,
)
from generator.spec.model import EndpointSpec, SpecSet, TypeSpec

#: Where each name a fragment may use is imported from (first match wins).
_IMPORTS: tuple[tuple[str, str], ...] = (
    ("typing", "Annotated"),
    ("typing", "Any"),
    ("typing", "ClassVar"),
    ("typing", "Literal"),
    ("pydantic", "Field"),
    ("ideogram_clients._files", "ImageField"),
    ("ideogram_clients._files", "ImageInput"),
    ("ideogram_clients._files", "ImageList"),
    ("ideogram_clients._models", "DOCUMENTED"),
    ("ideogram_clients._models", "HTTP_URL"),
    ("ideogram_clients._models", "NOT_NULL"),
    ("ideogram_clients._models", "InputModel"),
    ("ideogram_clients._models", "OutputFile"),
    ("ideogram_clients._models", "OutputModel"),
    ("ideogram_clients._models", "OutputURL"),
    ("ideogram_clients._rules", "ExactlyOne"),
    ("ideogram_clients._rules", "MutuallyExclusive"),
    ("ideogram_clients._rules", "Requires"),
    ("ideogram_clients._rules", "Rule"),
    ("ideogram_clients._rules", "SameDimensions"),
)


def import_lines(code: Iterable[str], local_types: Iterable[str] = ()) -> list[str]:
    """``from x import a, b`` lines for every known name that appears in ``code``, sorted."""
    text = "\n".join(code)
    by_module: dict[str, list[str]] = {}
    for module, name in _IMPORTS:
        if re.search(rf"\b{name}\b", text):
            by_module.setdefault(module, []).append(name)
    types = sorted(name for name in local_types if re.search(rf"\b{name}\b", text))
    if types:
        by_module["ideogram_clients.models.types"] = types
    stdlib = [module for module in by_module if module == "typing"]
    third = [module for module in by_module if module == "pydantic"]
    ours = sorted(module for module in by_module if module.startswith("ideogram_clients"))
    groups = [stdlib, third, ours]
    lines: list[str] = []
    for group in groups:
        if group and lines:
            lines.append("")
        lines.extend(f"from {module} import {', '.join(sorted(by_module[module]))}" for module in sorted(group))
    return lines


@dataclass(frozen=True)
class ModelClass:
    """One generated class: its name, base, docstring, attributes and rules."""

    name: str
    base: str
    doc: str
    fields: tuple[PyField, ...]
    rules: tuple[str, ...] = ()

    @property
    def doc_literal(self) -> str:
        return literal(self.doc)

    @property
    def rules_literal(self) -> str:
        return "(" + "".join(f"{rule}, " for rule in self.rules) + ")"

    def code(self) -> list[str]:
        return [
            self.base,
            "DOCUMENTED",
            *(field.declaration for field in self.fields),
            *self.rules,
            "ClassVar" if self.rules else "",
            "Rule" if self.rules else "",
        ]


def _class_names(specs: SpecSet) -> dict[str, str]:
    return {name: name for name in specs.types}


def _types_roles(specs: SpecSet) -> dict[str, str]:
    """Each shared type is an input or an output type, from where endpoints use it."""
    from generator.render.pytypes import type_closure

    roles: dict[str, str] = {}
    for endpoint in specs.endpoints:
        for name in type_closure(refs_of(endpoint.input), specs.types):
            roles[name] = "input"
        for name in type_closure(refs_of(endpoint.output), specs.types):
            roles.setdefault(name, "output")
    return roles


class TypesModuleView:
    """``models/types.py``: the shared types, in dependency order."""

    def __init__(self, specs: SpecSet) -> None:
        self.specs = specs

    @cached_property
    def classes(self) -> tuple[ModelClass, ...]:
        roles = _types_roles(self.specs)
        names = _class_names(self.specs)
        ordered: list[ModelClass] = []
        for name in self._dependency_order():
            spec = self.specs.types[name]
            role = roles.get(name, "input")
            provider = "magnific" if name.startswith("Magnific") else "fal"
            ctx = TypeContext(role=role, provider=provider, class_names=names)  # type: ignore[arg-type]
            base = "OutputFile" if spec.kind == "file" else "InputModel" if role == "input" else "OutputModel"
            ordered.append(
                ModelClass(
                    name=name,
                    base=base,
                    doc=_type_doc(spec),
                    fields=tuple(PyField(field, ctx) for field in spec.fields),
                    rules=tuple(rule_expr(rule) for rule in spec.rules),
                )
            )
        return tuple(ordered)

    def _dependency_order(self) -> list[str]:
        order: list[str] = []

        def visit(name: str) -> None:
            if name in order:
                return
            for ref in sorted(refs_of(self.specs.types[name].fields)):
                visit(ref)
            order.append(name)

        for name in sorted(self.specs.types):
            visit(name)
        return order

    @property
    def names(self) -> list[str]:
        return [cls.name for cls in self.classes]

    @property
    def imports(self) -> list[str]:
        return import_lines(part for cls in self.classes for part in cls.code())


def _type_doc(spec: TypeSpec) -> str:
    pages = ", ".join(str(page) for page in spec.pages)
    return f"{spec.description}\n\nFrom specs/types.yaml ({pages})."


class EndpointModuleView:
    """``models/<module>.py``: the Input and Output models of one endpoint."""

    def __init__(self, spec: EndpointSpec, specs: SpecSet) -> None:
        self.spec = spec
        self.specs = specs

    @cached_property
    def input_class(self) -> ModelClass:
        doc = f"Input of ``{self.spec.endpoint}``: {self.spec.summary}\n\nGenerated from {self.spec.file}."
        return self._model_class("input", doc, tuple(rule_expr(rule) for rule in self.spec.rules))

    @cached_property
    def output_class(self) -> ModelClass:
        return self._model_class("output", f"Output of ``{self.spec.endpoint}``.\n\nGenerated from {self.spec.file}.")

    def _model_class(self, role: Role, doc: str, rules: tuple[str, ...] = ()) -> ModelClass:
        ctx = TypeContext(role=role, provider=self.spec.provider, class_names=_class_names(self.specs))
        input_name, output_name = endpoint_class_names(self.spec)
        fields = self.spec.input if role == "input" else self.spec.output
        return ModelClass(
            name=input_name if role == "input" else output_name,
            base="InputModel" if role == "input" else "OutputModel",
            doc=doc,
            fields=tuple(PyField(field, ctx) for field in fields),
            rules=rules,
        )

    @property
    def classes(self) -> tuple[ModelClass, ModelClass]:
        return self.input_class, self.output_class

    @property
    def imports(self) -> list[str]:
        code = [part for cls in self.classes for part in cls.code()]
        return import_lines(code, local_types=self.specs.types)

    @property
    def source_literal(self) -> str:
        return literal(self.spec.file)


@dataclass(frozen=True)
class RegistryEntry:
    """One ``ENDPOINTS`` item, as keyword-argument fragments."""

    spec: EndpointSpec

    @property
    def id(self) -> str:
        return literal(self.spec.endpoint)

    @property
    def classes(self) -> tuple[str, str]:
        return endpoint_class_names(self.spec)

    @property
    def kwargs(self) -> list[tuple[str, str]]:
        input_class, output_class = self.classes
        return [
            ("id", literal(self.spec.endpoint)),
            ("provider", literal(self.spec.provider)),
            ("attr", literal(self.spec.attr)),
            ("name", literal(self.spec.name)),
            ("input_class", literal(input_class)),
            ("output_class", literal(output_class)),
            ("protocol", protocol_expr(self.spec)),
            ("spec_file", literal(self.spec.file)),
            ("module", literal(self.spec.module)),
            ("summary", literal(self.spec.summary)),
        ]


class RegistryView:
    """``_endpoints.py`` and the package ``__init__``: every endpoint, sorted by id."""

    def __init__(self, specs: SpecSet) -> None:
        self.specs = specs
        self.entries = tuple(RegistryEntry(spec) for spec in specs.endpoints)

    @property
    def model_imports(self) -> list[tuple[str, list[str]]]:
        return [(spec.module, sorted(endpoint_class_names(spec))) for spec in self.specs.endpoints]

    @property
    def model_names(self) -> list[str]:
        names = [name for spec in self.specs.endpoints for name in endpoint_class_names(spec)]
        return sorted([*names, *self.specs.types])

    @property
    def type_names(self) -> list[str]:
        return sorted(self.specs.types)
