"""Spec fields → Python source fragments (annotations, defaults, docstrings).

All type logic lives here so templates only place fragments. Every value that comes from a spec
reaches the code through :func:`literal`, which is ``repr``-based: a description holding quotes,
backslashes, ``{{ }}`` or triple quotes becomes a plain string literal and cannot inject code.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal as TypingLiteral

from generator.spec.loader import python_name
from generator.spec.model import EndpointSpec, FieldSpec, JSONValue, RuleSpec, TypeSpec
from generator.spec.patterns import python_pattern

Role = TypingLiteral["input", "output"]

_FORMAT_NAMES = {"jpeg": "JPEG", "png": "PNG", "webp": "WebP"}
_RULE_CLASSES = {
    "same_dimensions": "SameDimensions",
    "mutually_exclusive": "MutuallyExclusive",
    "requires": "Requires",
    "exactly_one": "ExactlyOne",
}


def literal(value: JSONValue | tuple[JSONValue, ...]) -> str:
    """A Python literal for a spec value (the one way spec data enters generated code)."""
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"non-finite number {value!r} has no literal")
    if isinstance(value, list):
        return "[" + ", ".join(literal(item) for item in value) + "]"
    if isinstance(value, tuple):
        return "(" + ", ".join(literal(item) for item in value) + ("," if len(value) == 1 else "") + ")"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{literal(key)}: {literal(item)}" for key, item in value.items()) + "}"
    return repr(value)


def _kwargs(pairs: Iterable[tuple[str, JSONValue | tuple[JSONValue, ...] | None]]) -> str:
    return ", ".join(f"{key}={literal(value)}" for key, value in pairs if value is not None)


def _human_number(value: int | float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _human_bytes(nbytes: int) -> str:
    return f"{nbytes / (1 << 20):g} MB ({nbytes} bytes)" if nbytes % (1 << 20) == 0 else f"{nbytes} bytes"


@dataclass(frozen=True)
class TypeContext:
    """What a fragment needs beyond the field: the role, the provider and the class name of each ref."""

    role: Role
    provider: str
    class_names: dict[str, str]

    @property
    def encoding(self) -> str:
        return "data_uri" if self.provider == "fal" else "base64"


class PyField:
    """One model attribute rendered from a :class:`FieldSpec`."""

    def __init__(self, spec: FieldSpec, ctx: TypeContext) -> None:
        self.spec = spec
        self.ctx = ctx

    # ---- names
    @property
    def name(self) -> str:
        return python_name(self.spec.name)

    @property
    def wire_name(self) -> str:
        return self.spec.json_name

    @property
    def alias(self) -> str | None:
        return self.wire_name if self.wire_name != self.name else None

    # ---- the attribute line
    @property
    def optional(self) -> bool:
        return not self.spec.required

    @property
    def annotation(self) -> str:
        base = type_expr(self.spec, self.ctx)
        markers: list[str] = []
        if self.optional and not self.spec.has_default:
            base = f"{base} | None"
            if self.ctx.role == "input" and not self.spec.nullable:
                markers.append("NOT_NULL")
        elif self.spec.nullable:
            base = f"{base} | None"
        if self.alias is not None:
            markers.append(f"Field(alias={literal(self.alias)})")
        return f"Annotated[{base}, {', '.join(markers)}]" if markers else base

    @property
    def default(self) -> str | None:
        """The ``= value`` part, or None for a required field."""
        if self.spec.required:
            return None
        return literal(self.spec.default) if self.spec.has_default else "None"

    @property
    def declaration(self) -> str:
        default = self.default
        return f"{self.name}: {self.annotation}" + (f" = {default}" if default is not None else "")

    # ---- documentation
    @property
    def doc(self) -> str:
        """The attribute docstring: the doc description plus every constraint in words."""
        parts = [self.spec.description.strip()] if self.spec.description.strip() else []
        parts.extend(constraint_notes(self.spec, self.ctx.class_names))
        if self.spec.nullable and self.ctx.role == "input":
            parts.append("None is accepted and means unset (not sent)")
        if self.spec.required:
            parts.append("Required.")
        elif self.spec.has_default:
            parts.append(f"Provider default: {literal(self.spec.default)} (not sent unless set).")
        return " ".join(part if part.endswith((".", "!", "?")) else f"{part}." for part in parts) or self.name

    @property
    def doc_literal(self) -> str:
        return literal(self.doc)


def type_expr(spec: FieldSpec, ctx: TypeContext) -> str:
    """The annotation of a value of ``spec`` (without optionality)."""
    if spec.ref is not None:
        return ctx.class_names[spec.ref]
    if spec.one_of:
        return " | ".join(type_expr(option, ctx) for option in spec.one_of)
    constraints: list[tuple[str, JSONValue | tuple[JSONValue, ...] | None]] = []
    extra: list[str] = []
    if spec.type == "string":
        base = _enum(spec) or ("OutputURL" if ctx.role == "output" and spec.format == "uri" else "str")
        if ctx.role == "input":
            pattern = None if spec.pattern is None else python_pattern(spec.pattern)
            constraints = [("min_length", spec.min_length), ("max_length", spec.max_length), ("pattern", pattern)]
            if spec.format == "uri":
                extra.append("HTTP_URL")
    elif spec.type in ("integer", "number"):
        base = _enum(spec) or ("int" if spec.type == "integer" else "float")
        if ctx.role == "input":
            constraints = [
                ("ge", spec.minimum),
                ("le", spec.maximum),
                ("gt", spec.exclusive_minimum),
                ("lt", spec.exclusive_maximum),
            ]
    elif spec.type == "boolean":
        base = "bool"
    elif spec.type == "object":
        base = "dict[str, Any]"
    elif spec.type == "image":
        base = "ImageInput" if ctx.role == "input" else "str"
        if ctx.role == "input":
            schemes = spec.schemes or ("http", "https")
            marker = _kwargs(
                [
                    ("encoding", ctx.encoding),
                    ("formats", spec.formats),
                    ("max_bytes", spec.max_bytes),
                    ("schemes", schemes),
                ]
            )
            extra.append(f"ImageField({marker})")
    elif spec.type == "array":
        assert spec.items is not None, "the loader requires items on arrays it renders"
        base = f"list[{type_expr(spec.items, ctx)}]"
        if ctx.role == "input":
            constraints = [("min_length", spec.min_items), ("max_length", spec.max_items)]
            if spec.total_max_bytes is not None or spec.used_items is not None:
                extra.append(
                    "ImageList("
                    f"{_kwargs([('total_max_bytes', spec.total_max_bytes), ('used_items', spec.used_items)])})"
                )
    else:
        raise ValueError(f"no Python type for {spec.path}")
    field_kwargs = _kwargs(constraints)
    if field_kwargs:
        extra.append(f"Field({field_kwargs})")
    return f"Annotated[{base}, {', '.join(extra)}]" if extra else base


def _enum(spec: FieldSpec) -> str | None:
    if spec.enum is None:
        return None
    return f"Literal[{', '.join(literal(value) for value in spec.enum)}]"


def constraint_notes(spec: FieldSpec, class_names: dict[str, str]) -> list[str]:
    """Constraints in words, for docstrings (``One of: ...``, ``Range: 1 to 8``, ``Max 10 MB``)."""
    notes: list[str] = []
    if spec.enum is not None:
        notes.append("One of: " + ", ".join(str(value) for value in spec.enum))
    low = spec.minimum if spec.minimum is not None else spec.exclusive_minimum
    high = spec.maximum if spec.maximum is not None else spec.exclusive_maximum
    if low is not None and high is not None:
        low_word = "" if spec.minimum is not None else " (exclusive)"
        high_word = "" if spec.maximum is not None else " (exclusive)"
        notes.append(f"Range: {_human_number(low)}{low_word} to {_human_number(high)}{high_word}")
    elif low is not None:
        notes.append(f"Minimum: {_human_number(low)}{'' if spec.minimum is not None else ' (exclusive)'}")
    elif high is not None:
        notes.append(f"Maximum: {_human_number(high)}{'' if spec.maximum is not None else ' (exclusive)'}")
    if spec.min_length is not None or spec.max_length is not None:
        notes.append(f"Length: {spec.min_length or 0} to {spec.max_length if spec.max_length is not None else 'any'}")
    if spec.pattern is not None:
        notes.append(f"Pattern: {spec.pattern}")
    if spec.format == "uri":
        notes.append("An absolute http(s) URL")
    if spec.one_of:
        notes.append("One of: " + "; or ".join(_alternative(option, class_names) for option in spec.one_of))
    if spec.type == "image":
        notes.extend(_image_notes(spec))
    if spec.type == "array" and spec.items is not None:
        if spec.min_items is not None or spec.max_items is not None:
            notes.append(f"Items: {spec.min_items or 0} to {spec.max_items if spec.max_items is not None else 'any'}")
        if spec.items.pattern is not None:
            notes.append(f"Each item matches {spec.items.pattern}")
        if spec.items.type == "image":
            notes.extend(_image_notes(spec.items))
        if spec.total_max_bytes is not None:
            notes.append(f"At most {_human_bytes(spec.total_max_bytes)} in total across the list")
        if spec.used_items is not None:
            notes.append(
                f"Only the first {spec.used_items} item(s) are used; "
                "more are ignored by the provider (a warning is issued)"
            )
    return notes


def _alternative(option: FieldSpec, class_names: dict[str, str]) -> str:
    if option.ref is not None:
        return class_names[option.ref]
    if option.enum is not None:
        return ", ".join(str(value) for value in option.enum)
    return option.type or "value"


def _image_notes(spec: FieldSpec) -> list[str]:
    schemes = spec.schemes or ("http", "https")
    where = "an https URL" if schemes == ("https",) else "an http(s) URL"
    notes = [f"An image: {where}, a data: URI, bytes or a pathlib.Path"]
    if spec.formats is not None:
        notes.append("Formats: " + ", ".join(_FORMAT_NAMES[name] for name in spec.formats))
    if spec.max_bytes is not None:
        notes.append(f"At most {_human_bytes(spec.max_bytes)}")
    return notes


def rule_expr(rule: RuleSpec) -> str:
    """``MutuallyExclusive(('style_codes', 'style'), doc='...')`` for a spec rule."""
    fields = tuple(python_name(name) for name in rule.fields)
    doc = rule.source[0] if rule.source else ""
    return f"{_RULE_CLASSES[rule.kind]}({literal(fields)}, doc={literal(doc)})"


def rule_classes(rules: Iterable[RuleSpec]) -> list[str]:
    return sorted({_RULE_CLASSES[rule.kind] for rule in rules})


def refs_of(fields: Iterable[FieldSpec]) -> set[str]:
    """Every shared type a field list mentions, directly or through items / one_of."""
    found: set[str] = set()
    for spec in fields:
        if spec.ref is not None:
            found.add(spec.ref)
        found |= refs_of(spec.one_of)
        if spec.items is not None:
            found |= refs_of((spec.items,))
    return found


def type_closure(names: Iterable[str], types: dict[str, TypeSpec]) -> set[str]:
    """``names`` plus every type they reference, transitively."""
    pending, seen = list(names), set[str]()
    while pending:
        name = pending.pop()
        if name not in seen:
            seen.add(name)
            pending.extend(refs_of(types[name].fields))
    return seen


def endpoint_class_names(spec: EndpointSpec) -> tuple[str, str]:
    return f"{spec.name}Input", f"{spec.name}Output"


def kwarg_type(spec: FieldSpec, ctx: TypeContext) -> str:
    """The annotation of a typed keyword argument for ``spec``: what a caller may pass, no constraints.

    Constraints stay in the model (the method validates through it); the annotation only steers the
    IDE and mypy. Shared types also take plain dicts, as the models do.
    """
    if spec.ref is not None:
        base = f"{ctx.class_names[spec.ref]} | dict[str, Any]"
    elif spec.one_of:
        base = " | ".join(kwarg_type(option, ctx) for option in spec.one_of)
    elif spec.type == "string":
        base = _enum(spec) or "str"
    elif spec.type == "integer":
        base = _enum(spec) or "int"
    elif spec.type == "number":
        base = _enum(spec) or "float"
    elif spec.type == "boolean":
        base = "bool"
    elif spec.type == "object":
        base = "dict[str, Any]"
    elif spec.type == "image":
        base = "ImageInput"
    elif spec.type == "array":
        assert spec.items is not None
        base = f"list[{kwarg_type(spec.items, ctx)}]"
    else:
        raise ValueError(f"no Python type for {spec.path}")
    return f"{base} | None" if spec.nullable else base
