"""A spec field's facts in the pages' terms, and a page fact in the spec's: the value comparisons
behind drift (does a printed default, bound, enum or type agree with the spec?) and their wording."""

from __future__ import annotations

import re

from generator.drift.model import Aspect, Fact
from generator.spec.model import FieldSpec

VALUE_ASPECTS: tuple[Aspect, ...] = (
    "default", "enum", "minimum", "maximum", "max_bytes", "total_max_bytes", "used_items", "formats", "schemes",
)  # fmt: skip
LABELS = {
    "default": "default",
    "enum": "enum values",
    "minimum": "minimum",
    "maximum": "maximum",
    "max_bytes": "size cap",
    "total_max_bytes": "total size cap",
    "used_items": "items used",
    "formats": "formats",
    "schemes": "URL schemes",
}


def spec_value(spec: FieldSpec, aspect: Aspect) -> tuple[bool, object]:
    """Whether the spec states ``aspect`` for the field, and its value (doc terms: images, lists)."""
    items = spec.items
    member = next((option for option in spec.one_of if option.enum is not None), None)
    value: object
    if aspect == "default":
        return spec.has_default, spec.default
    if aspect == "enum":
        value = spec.enum if spec.enum is not None else (member.enum if member else (items.enum if items else None))
        return value is not None, tuple(str(item) for item in value) if isinstance(value, tuple) else value
    if aspect in ("max_bytes", "formats", "schemes"):
        own = getattr(spec, aspect)
        value = own if own is not None else (getattr(items, aspect) if items is not None else None)
        return value is not None, value
    value = getattr(spec, aspect)
    return value is not None, value


def agrees(spec: FieldSpec, fact: Fact) -> bool:
    present, value = spec_value(spec, fact.aspect)
    if not present:
        return False
    if fact.aspect == "default":
        return same_json(fact_value(fact, spec), value)
    if fact.aspect in ("enum", "formats", "schemes"):
        return isinstance(value, tuple) and set(map(str, value)) == set(map(str, fact.value))  # type: ignore[arg-type]
    if isinstance(fact.value, bool) or isinstance(value, bool):
        return fact.value == value
    if isinstance(fact.value, int | float) and isinstance(value, int | float):
        return float(fact.value) == float(value)
    return fact.value == value


def fact_value(fact: Fact, spec: FieldSpec | None) -> object:
    """A doc value in spec terms: a default coerced to the field's type unless printed in quotes."""
    if fact.aspect != "default" or not isinstance(fact.value, str):
        return fact.value
    text = fact.value
    kind = spec.type if spec is not None else None
    if kind == "boolean" and text in ("true", "false"):
        return text == "true"
    if kind in ("integer", "number") and re.fullmatch(r"-?\d+(?:\.\d+)?", text):
        return float(text) if "." in text else int(text)
    if kind is None and not fact.quoted:
        if text in ("true", "false"):
            return text == "true"
        if re.fullmatch(r"-?\d+", text):
            return int(text)
        if re.fullmatch(r"-?\d+\.\d+", text):
            return float(text)
    return text


def same_json(left: object, right: object) -> bool:
    if isinstance(left, bool) or isinstance(right, bool):
        return left is right
    if isinstance(left, int | float) and isinstance(right, int | float):
        return float(left) == float(right)
    return left == right


def note_tokens(fact: Fact) -> tuple[str, ...]:
    """What a note must quote to explain a stated difference: the value as the page prints it.

    For a list (enum values, formats) that is the whole printed list, not single members: notes
    often list an enum to compare it with another endpoint's, which must not explain a change.
    """
    return (fact.printed,)


def enum_message(fact: Fact, value: object) -> str:
    doc_items = list(map(str, fact.value)) if isinstance(fact.value, tuple) else []
    spec_items = list(map(str, value)) if isinstance(value, tuple) else []
    if not spec_items:
        return f"doc says enum values {', '.join(doc_items)}, spec has no enum"
    parts = []
    added = [item for item in doc_items if item not in spec_items]
    dropped = [item for item in spec_items if item not in doc_items]
    if added:
        parts.append(f"doc adds enum value{'s' if len(added) > 1 else ''} {', '.join(added)}")
    if dropped:
        parts.append(f"doc drops enum value{'s' if len(dropped) > 1 else ''} {', '.join(dropped)}")
    return "; ".join(parts) + f" (spec: {', '.join(spec_items)})"


def printed(fact: Fact) -> str:
    if fact.aspect == "default":
        return f'"{fact.printed}"' if fact.quoted or fact.printed == "" else fact.printed
    if fact.aspect in ("formats", "schemes") and isinstance(fact.value, tuple):
        return ", ".join(fact.value)
    return fact.printed


def show(aspect: str, value: object) -> str:
    if aspect in ("max_bytes", "total_max_bytes") and isinstance(value, int):
        return f"{value // 1024**2}MB" if value % 1024**2 == 0 else f"{value} bytes"
    if isinstance(value, tuple):
        return ", ".join(map(str, value))
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    return str(value)


def type_fits(doc_type: str, spec: FieldSpec) -> bool:
    """Whether a doc type (``list<string>``, ``StyleEnum``, ``ImageSize | Enum``…) fits the spec field."""
    options = [part.strip() for part in doc_type.split("|")]
    if len(options) > 1:
        return len(options) == len(spec.one_of) and all(
            any(type_fits(option, member) for member in spec.one_of) for option in options
        )
    kind = options[0]
    if spec.one_of:
        return False
    if listed := re.fullmatch(r"list<(.+)>", kind):
        return spec.type == "array" and (spec.items is None or type_fits(listed.group(1), spec.items))
    simple = {
        "string": ("string", "image"),
        "integer": ("integer",),
        "float": ("number",),
        "number": ("number",),
        "boolean": ("boolean",),
    }
    if kind in simple:
        return spec.type in simple[kind]
    if kind.endswith("Enum"):
        return spec.type == "string" and spec.enum is not None
    if kind == "object" or kind.startswith("dict<"):
        return spec.type == "object"
    return spec.ref == kind


def spec_type(spec: FieldSpec) -> str:
    if spec.one_of:
        return " | ".join(spec_type(member) for member in spec.one_of)
    if spec.ref:
        return spec.ref
    if spec.type == "array" and spec.items is not None:
        return f"list<{spec_type(spec.items)}>"
    if spec.type == "string" and spec.enum is not None:
        return "string enum"
    return spec.type or "object"
