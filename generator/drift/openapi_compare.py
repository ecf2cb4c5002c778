"""Spec ↔ fal OpenAPI comparison: every fact a spec and an endpoint's document both can state.

Per field: presence, required, nullable, default, type (refs, ``one_of`` options, list items),
enum, and the four bounds. Shared types (``ImageSize``, ``ColorPalette``, …) are compared with the
schema of the same name in each document that uses them, each difference once. Every difference
carries the JSON pointer of the document node it rests on.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from generator.drift.differences import Owner
from generator.drift.openapi import Document, Prop, Value, pointer
from generator.render.pytypes import refs_of, type_closure
from generator.spec.model import FieldSpec, SpecSet

__all__ = ["SchemaDiff", "compare_documents", "spec_label"]

_BOUNDS = ("minimum", "maximum", "exclusive_minimum", "exclusive_maximum")


@dataclass(frozen=True)
class SchemaDiff:
    """One thing fal's document says that the spec does not (or the reverse).

    ``aspect`` is ``presence`` (the spec has the field, the document not), ``extra`` (the reverse),
    or the fact that differs: ``required``, ``nullable``, ``default``, ``type``, ``enum`` or a bound.
    ``tokens`` are what a curation note must mention to explain it (the document's value).
    """

    owner: Owner
    subject: str
    aspect: str
    message: str
    document: str
    pointer: str
    spec_field: FieldSpec | None = None
    doc_value: object = None
    spec_value: object = None
    tokens: tuple[str, ...] = ()

    @property
    def where(self) -> str:
        return f"{self.document}#{self.pointer}"


def spec_label(spec: FieldSpec) -> str:
    """A spec field's type in the document's words (an image is a string on the wire)."""
    if spec.ref is not None:
        return spec.ref
    if spec.one_of:
        return " | ".join(sorted(spec_label(option) for option in spec.one_of))
    if spec.type == "array" and spec.items is not None:
        return f"array of {spec_label(spec.items)}"
    return "string" if spec.type == "image" else str(spec.type)


def _doc_label(value: Value) -> str:
    if value.options:
        return " | ".join(sorted(_doc_label(option) for option in value.options))
    if value.type == "array" and value.items is not None:
        return f"array of {_doc_label(value.items)}"
    return value.label


def _token(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return '""' if value == "" else str(value)


def _same(left: object, right: object) -> bool:
    if isinstance(left, bool) or isinstance(right, bool):
        return left is right
    return left == right


class _Comparer:
    def __init__(self, owner: Owner, document: Document) -> None:
        self.owner = owner
        self.document = document

    def diff(
        self,
        field: FieldSpec | None,
        subject: str,
        aspect: str,
        message: str,
        at: str,
        *,
        doc_value: object = None,
        spec_value: object = None,
        tokens: tuple[str, ...] | list[str] | None = None,
    ) -> SchemaDiff:
        if tokens is None:
            tokens = (_token(doc_value),) if doc_value is not None and aspect != "nullable" else ()
        return SchemaDiff(
            self.owner, subject, aspect, message, self.document.file, at, field, doc_value, spec_value, tuple(tokens)
        )

    def fields(self, specs: tuple[FieldSpec, ...], schema: str) -> Iterator[SchemaDiff]:
        props = {prop.name: prop for prop in self.document.props(schema)}
        base = pointer("components", "schemas", schema, "properties")
        for spec in specs:
            prop = props.pop(spec.json_name, None)
            if prop is None:
                yield self.diff(spec, spec.name, "presence", f"spec has it, {schema} in fal's OpenAPI does not", base)
            else:
                yield from self.field(spec, prop)
        for prop in props.values():
            message = f"fal's OpenAPI lists it ({prop.value.label}), the spec does not"
            yield self.diff(None, prop.name, "extra", message, prop.pointer, doc_value=prop.value.label, tokens=())

    def field(self, spec: FieldSpec, prop: Prop) -> Iterator[SchemaDiff]:
        at = prop.pointer
        if spec.required != prop.required:
            said = "required" if prop.required else "optional"
            yield self.diff(
                spec,
                spec.name,
                "required",
                f"fal's OpenAPI has it {said}, the spec {'required' if spec.required else 'optional'}",
                at,
                doc_value=prop.required,
                spec_value=spec.required,
                tokens=(said,),
            )
        if spec.nullable != prop.nullable:
            said = "accepts null" if prop.nullable else "refuses null"
            yield self.diff(
                spec,
                spec.name,
                "nullable",
                f"fal's OpenAPI {said}, the spec does not",
                at,
                doc_value=prop.nullable,
                spec_value=spec.nullable,
            )
        if (prop.has_default, prop.default) != (spec.has_default, spec.default) and not (
            prop.has_default and spec.has_default and _same(prop.default, spec.default)
        ):
            doc = _token(prop.default) if prop.has_default else "none"
            mine = _token(spec.default) if spec.has_default else "none"
            yield self.diff(
                spec,
                spec.name,
                "default",
                f"fal's OpenAPI default {doc}, the spec {mine}",
                at + "/default",
                doc_value=prop.default if prop.has_default else None,
                spec_value=spec.default if spec.has_default else None,
            )
        yield from self.value(spec, spec, prop.value, at)

    def value(self, field: FieldSpec, spec: FieldSpec, value: Value, at: str) -> Iterator[SchemaDiff]:
        at = value.at or at
        doc_type, spec_type = _doc_label(value), spec_label(spec)
        if doc_type != spec_type:
            yield self.diff(
                field,
                field.name,
                "type",
                f"fal's OpenAPI type {doc_type}, the spec {spec_type}",
                at,
                doc_value=doc_type,
                spec_value=spec_type,
                tokens=(),
            )
            return
        if spec.one_of:
            options = {_doc_label(option): option for option in value.options}
            for option in spec.one_of:
                yield from self.value(field, option, options[spec_label(option)], at)
            return
        if value.enum is not None or spec.enum is not None:
            doc_enum, spec_enum = set(value.enum or ()), set(spec.enum or ())
            if doc_enum != spec_enum:
                missing, added = sorted(map(str, doc_enum - spec_enum)), sorted(map(str, spec_enum - doc_enum))
                message = (
                    f"enum differs: fal's OpenAPI also has {missing or 'nothing'}, the spec also {added or 'nothing'}"
                )
                yield self.diff(
                    field,
                    field.name,
                    "enum",
                    message,
                    at + "/enum",
                    doc_value=sorted(map(str, doc_enum)),
                    spec_value=sorted(map(str, spec_enum)),
                    tokens=missing + added,
                )
        for bound in _BOUNDS:
            doc, mine = getattr(value, bound), getattr(spec, bound)
            if doc != mine or (doc is not None and mine is not None and not _same(doc, mine)):
                shown = bound.replace("_", " ")
                yield self.diff(
                    field,
                    field.name,
                    bound,
                    f"fal's OpenAPI {shown} {_token(doc) if doc is not None else 'none'}, the "
                    f"spec {_token(mine) if mine is not None else 'none'}",
                    f"{at}/{_keyword(bound)}",
                    doc_value=doc,
                    spec_value=mine,
                )
        if spec.items is not None and value.items is not None:
            yield from self.value(field, spec.items, value.items, value.items.at)


def _keyword(bound: str) -> str:
    head, *rest = bound.split("_")
    return head + "".join(part.title() for part in rest)


def compare_documents(specs: SpecSet, owners: list[Owner], documents: dict[str, Document]) -> Iterator[SchemaDiff]:
    """Every difference between the fal specs and their documents (shared types once each)."""
    by_label = {owner.label: owner for owner in owners}
    seen: set[tuple[str, str, str, str]] = set()
    for spec in specs.endpoints:
        document = documents.get(spec.endpoint)
        if spec.provider != "fal" or document is None:
            continue
        owner = by_label[spec.endpoint]
        comparer = _Comparer(owner, document)
        yield from comparer.fields(spec.input, document.input)
        yield from comparer.fields(spec.output, document.output)
        for name in sorted(type_closure(refs_of(spec.input + spec.output), specs.types)):
            if name not in document.schemas:
                continue
            for diff in _Comparer(by_label[name], document).fields(specs.types[name].fields, name):
                key = (name, diff.subject, diff.aspect, diff.message)
                if key not in seen:
                    seen.add(key)
                    yield diff
