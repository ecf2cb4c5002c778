"""Reading field definitions: types, bounds, enums, defaults, formats, items and names, each checked."""

from __future__ import annotations

import keyword
import operator
import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any, cast

from generator.spec.context import (
    COMMON_KEYS,
    FIELD_KEYS,
    FIELD_TYPES,
    IMAGE_FORMATS,
    ITEM_KEYS,
    KEYS_BY_TYPE,
    STRING_FORMATS,
    URL_SCHEMES,
    Context,
    join_path,
    kind_of,
    read_quotes,
)
from generator.spec.model import (
    FieldSpec,
    FieldType,
    JSONValue,
    PageRef,
)

# -------------------------------------------------------------------------------------------- fields


class FieldReader:
    """Reads one field mapping (recursively for ``items`` and ``one_of``) and checks it."""

    def __init__(self, ctx: Context, pages: tuple[PageRef, ...], type_names: set[str]) -> None:
        self.ctx = ctx
        self.pages = pages
        self.type_names = type_names

    def read(self, name: str, raw: object, path: str, *, nested: bool = False) -> FieldSpec:
        ctx = self.ctx
        data = ctx.mapping(raw, path)
        ctx.only_keys(data, ITEM_KEYS if nested else FIELD_KEYS, path)
        kinds = [key for key in ("type", "ref", "one_of") if key in data]
        if len(kinds) != 1:
            message = (
                "missing type: give one of type, ref, one_of" if not kinds else f"give only one of {', '.join(kinds)}"
            )
            raise ctx.fail(path, message)

        field_type: FieldType | None = None
        if "type" in data:
            field_type = cast(FieldType, ctx.choice(data["type"], FIELD_TYPES, join_path(path, "type")))
            for key in data:
                if key not in COMMON_KEYS and key not in KEYS_BY_TYPE[field_type]:
                    raise ctx.fail(join_path(path, key), f"{key!r} does not apply to type {field_type}")
        else:
            for key in data:
                if key not in COMMON_KEYS:
                    raise ctx.fail(join_path(path, key), f"{key!r} does not apply to a {kinds[0]} field")

        spec = FieldSpec(name=name, path=path, type=field_type)
        if "ref" in data:
            ref = ctx.text(data["ref"], join_path(path, "ref"))
            if ref not in self.type_names:
                known = ", ".join(sorted(self.type_names)) or "none"
                raise ctx.fail(join_path(path, "ref"), f"unknown type {ref!r} (types.yaml defines: {known})")
            spec = replace(spec, ref=ref)
        if "one_of" in data:
            options = ctx.typed(data["one_of"], list, join_path(path, "one_of"), "a list of field mappings")
            if len(options) < 2:
                raise ctx.fail(join_path(path, "one_of"), "one_of needs at least two alternatives")
            members = tuple(
                self.read(name, option, f"{path}.one_of[{index}]", nested=True) for index, option in enumerate(options)
            )
            spec = replace(spec, one_of=members)
        spec = self._common(spec, data, path, nested)
        spec = self._constraints(spec, data, path)
        self._check_consistency(spec, data, path)
        return spec

    def _common(self, spec: FieldSpec, data: dict[str, Any], path: str, nested: bool) -> FieldSpec:
        ctx = self.ctx
        changes: dict[str, Any] = {}
        for key in ("required", "nullable"):
            if key in data:
                changes[key] = ctx.flag(data[key], join_path(path, key))
        if "description" in data:
            changes["description"] = ctx.text(data["description"], join_path(path, "description"))
        if "wire_name" in data:
            wire = ctx.text(data["wire_name"], join_path(path, "wire_name"))
            if not wire:
                raise ctx.fail(join_path(path, "wire_name"), "must not be empty")
            changes["wire_name"] = wire
        if "curation" in data:
            changes["curation"] = ctx.texts(data["curation"], join_path(path, "curation"))
        if "source" in data:
            changes["source"] = read_quotes(ctx, data["source"], join_path(path, "source"), self.pages)
        elif not nested and "curation" not in data:
            raise ctx.fail(path, "cite the doc line with source: (or explain the choice with curation:)")
        if "default" in data:
            changes["has_default"] = True
            changes["default"] = _json_value(ctx, data["default"], join_path(path, "default"))
        return replace(spec, **changes)

    def _constraints(self, spec: FieldSpec, data: dict[str, Any], path: str) -> FieldSpec:
        ctx = self.ctx
        changes: dict[str, Any] = {}
        for key in ("minimum", "maximum", "exclusive_minimum", "exclusive_maximum"):
            if key in data:
                number = ctx.number(data[key], join_path(path, key))
                if spec.type == "integer" and not isinstance(number, int):
                    raise ctx.fail(join_path(path, key), f"an integer field needs an integer bound, got {number!r}")
                changes[key] = number
        for key, least in (("min_length", 0), ("max_length", 0), ("min_items", 0), ("max_items", 0), ("used_items", 1)):
            if key in data:
                changes[key] = ctx.count(data[key], join_path(path, key), least)
        for key in ("max_bytes", "total_max_bytes"):
            if key in data:
                changes[key] = ctx.count(data[key], join_path(path, key), 1)
        if "pattern" in data:
            pattern = ctx.text(data["pattern"], join_path(path, "pattern"))
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ctx.fail(join_path(path, "pattern"), f"not a valid regular expression: {exc}") from None
            changes["pattern"] = pattern
        if "format" in data:
            changes["format"] = ctx.choice(data["format"], STRING_FORMATS, join_path(path, "format"))
        if "formats" in data:
            changes["formats"] = self._subset(data["formats"], IMAGE_FORMATS, join_path(path, "formats"))
        if "schemes" in data:
            changes["schemes"] = self._subset(data["schemes"], URL_SCHEMES, join_path(path, "schemes"))
        if "enum" in data:
            changes["enum"] = self._enum(spec, data["enum"], join_path(path, "enum"))
        if "items" in data:
            changes["items"] = self.read(spec.name, data["items"], join_path(path, "items"), nested=True)
        return replace(spec, **changes)

    def _subset(self, value: object, options: tuple[str, ...], path: str) -> tuple[str, ...]:
        chosen = self.ctx.texts(value, path, allow_single=False)
        for index, item in enumerate(chosen):
            self.ctx.choice(item, options, f"{path}[{index}]")
        if not chosen or len(set(chosen)) != len(chosen):
            raise self.ctx.fail(path, "must list distinct values, at least one")
        return chosen

    def _enum(self, spec: FieldSpec, value: object, path: str) -> tuple[str | int | float, ...]:
        ctx = self.ctx
        members = ctx.typed(value, list, path, "a list")
        if not members:
            raise ctx.fail(path, "an enum needs at least one value")
        checked: list[str | int | float] = []
        for index, member in enumerate(members):
            where = f"{path}[{index}]"
            if spec.type == "string":
                checked.append(ctx.text(member, where))
            elif spec.type == "integer":
                checked.append(ctx.typed(member, int, where, "an integer"))
            else:
                checked.append(ctx.number(member, where))
            if checked[-1] in checked[:-1]:
                raise ctx.fail(where, f"duplicate enum value {member!r}")
        return tuple(checked)

    def _check_consistency(self, spec: FieldSpec, data: dict[str, Any], path: str) -> None:
        ctx = self.ctx
        for low, high in (
            ("minimum", "maximum"),
            ("exclusive_minimum", "exclusive_maximum"),
            ("minimum", "exclusive_maximum"),
            ("exclusive_minimum", "maximum"),
            ("min_length", "max_length"),
            ("min_items", "max_items"),
        ):
            lower, upper = getattr(spec, low), getattr(spec, high)
            strict = low.startswith("exclusive") or high.startswith("exclusive")
            if lower is not None and upper is not None and (lower >= upper if strict else lower > upper):
                raise ctx.fail(join_path(path, low), f"{low} {lower} > {high} {upper}: no value can satisfy both")
        if spec.total_max_bytes is not None and not spec.is_image_list:
            raise ctx.fail(join_path(path, "total_max_bytes"), "total_max_bytes applies to an array of images")
        if spec.required and spec.has_default:
            raise ctx.fail(join_path(path, "default"), "a required field cannot have a default")
        if spec.has_default:
            problem = self.violation(spec, spec.default)
            if problem:
                raise ctx.fail(join_path(path, "default"), f"default {spec.default!r} {problem}")

    def violation(self, spec: FieldSpec, value: JSONValue) -> str | None:
        """Why ``value`` does not fit ``spec`` (checked statically, for defaults), or None."""
        if value is None:
            return None if spec.nullable else "is null but the field is not nullable"
        if spec.one_of:
            reasons = [self.violation(option, value) for option in spec.one_of]
            return None if any(reason is None for reason in reasons) else f"fits no one_of alternative ({reasons[0]})"
        if spec.ref is not None:
            return None if isinstance(value, dict) else f"is not an object for type {spec.ref}"
        expected = {
            "string": (str,), "integer": (int,), "number": (int, float), "boolean": (bool,),
            "array": (list,), "object": (dict,), "image": (str,),
        }[spec.type or "object"]  # fmt: skip
        if isinstance(value, bool) != (spec.type == "boolean") or not isinstance(value, expected):
            return f"is not of type {spec.type}"
        if spec.enum is not None and value not in spec.enum:
            return f"is not in the enum {list(spec.enum)}"
        if isinstance(value, int | float):
            checks: tuple[tuple[float | None, Callable[[float, float], bool], str], ...] = (
                (spec.minimum, operator.lt, "below minimum"),
                (spec.maximum, operator.gt, "above maximum"),
                (spec.exclusive_minimum, operator.le, "not above exclusive_minimum"),
                (spec.exclusive_maximum, operator.ge, "not below exclusive_maximum"),
            )
            for bound, broken, words in checks:
                if bound is not None and broken(value, bound):
                    return f"is {words} {bound}"
        sizes: tuple[tuple[type, int | None, Callable[[int, int], bool], str], ...] = (
            (str, spec.min_length, operator.lt, "is shorter than min_length"),
            (str, spec.max_length, operator.gt, "is longer than max_length"),
            (list, spec.min_items, operator.lt, "has fewer than min_items"),
            (list, spec.max_items, operator.gt, "has more than max_items"),
        )
        length = len(value) if isinstance(value, str | list) else 0
        for sized, size_bound, too, words in sizes:
            if isinstance(value, sized) and size_bound is not None and too(length, size_bound):
                return f"{words} {size_bound}"
        if isinstance(value, str) and spec.pattern is not None and re.search(spec.pattern, value) is None:
            return f"does not match pattern {spec.pattern!r}"
        if isinstance(value, list) and spec.items is not None:
            for item in value:
                if problem := self.violation(spec.items, item):
                    return f"has an item that {problem}"
        return None


def _json_value(ctx: Context, value: object, path: str) -> JSONValue:
    if value is None or isinstance(value, str | bool | int):
        return value
    if isinstance(value, float):
        return ctx.number(value, path)
    if isinstance(value, list):
        return [_json_value(ctx, item, f"{path}[{index}]") for index, item in enumerate(value)]
    if isinstance(value, dict):
        return {ctx.text(key, path): _json_value(ctx, item, join_path(path, str(key))) for key, item in value.items()}
    raise ctx.fail(path, f"not a JSON value: {kind_of(value)}")


def field_map(reader: FieldReader, raw: object, path: str, *, allow_empty: bool = False) -> tuple[FieldSpec, ...]:
    data = reader.ctx.mapping(raw, path)
    if not data and not allow_empty:
        raise reader.ctx.fail(path, "declare at least one field")
    fields = tuple(reader.read(name, value, join_path(path, name)) for name, value in data.items())
    _check_names(reader.ctx, fields, path)
    return fields


def _check_names(ctx: Context, fields: tuple[FieldSpec, ...], path: str) -> None:
    seen: dict[str, str] = {}
    for spec in fields:
        if not spec.name or spec.name.startswith("__"):
            raise ctx.fail(join_path(path, spec.name), "field names must be non-empty and not start with '__'")
        for name in {python_name(spec.name), spec.json_name}:
            if name in seen and seen[name] != spec.name:
                raise ctx.fail(join_path(path, spec.name), f"collides with field {seen[name]!r} as {name!r}")
            seen[name] = spec.name


def python_name(name: str) -> str:
    """A valid, non-keyword Python identifier for a spec field name (``class`` → ``class_``)."""
    cleaned = re.sub(r"\W", "_", name, flags=re.ASCII)
    if not cleaned or cleaned[0].isdigit():
        cleaned = f"f_{cleaned}"
    if cleaned.startswith("_"):
        cleaned = f"f{cleaned}"
    if keyword.iskeyword(cleaned) or keyword.issoftkeyword(cleaned) or cleaned in _RESERVED:
        cleaned = f"{cleaned}_"
    return cleaned


#: Names a generated model must not shadow (pydantic's BaseModel namespace and our own helpers).
_RESERVED = frozenset(
    {
        "model_config",
        "model_fields",
        "model_computed_fields",
        "copy",
        "dict",
        "json",
        "schema",
        "validate",
        "construct",
        "self",
        "cls",
    }
)
