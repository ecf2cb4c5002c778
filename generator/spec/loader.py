"""Load ``specs/`` and check it: every mistake becomes one ``file:key.path: message`` error.

The checker is deliberately strict: unknown keys, wrong value types, dangling refs, contradictory
bounds, defaults outside their range or enum, rules naming missing fields and ``source:`` quotes
that do not occur in the cited page are all refused. Whatever reaches the renderers is consistent.
"""

from __future__ import annotations

import keyword
import math
import operator
import re
from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar, cast

import yaml

from generator.spec.docs import DocLibrary
from generator.spec.errors import SpecError
from generator.spec.model import (
    EndpointSpec,
    FalProtocol,
    FieldSpec,
    FieldType,
    JSONValue,
    MagnificProtocol,
    Operation,
    PageRef,
    RuleKind,
    RuleSpec,
    SpecSet,
    TypeSpec,
)
from generator.spec.yaml_io import load_yaml

T = TypeVar("T")

FIELD_TYPES: tuple[FieldType, ...] = ("string", "integer", "number", "boolean", "array", "object", "image")
IMAGE_FORMATS = ("jpeg", "png", "webp")
URL_SCHEMES = ("http", "https")
STRING_FORMATS = ("uri",)

_COMMON_KEYS = {
    "type",
    "ref",
    "one_of",
    "required",
    "nullable",
    "default",
    "description",
    "source",
    "curation",
    "wire_name",
}
_KEYS_BY_TYPE: dict[str, set[str]] = {
    "string": {"enum", "min_length", "max_length", "pattern", "format"},
    "integer": {"enum", "minimum", "maximum", "exclusive_minimum", "exclusive_maximum"},
    "number": {"enum", "minimum", "maximum", "exclusive_minimum", "exclusive_maximum"},
    "boolean": set(),
    "array": {"items", "min_items", "max_items", "total_max_bytes", "used_items"},
    "object": set(),
    "image": {"max_bytes", "formats", "schemes"},
}
FIELD_KEYS = _COMMON_KEYS.union(*_KEYS_BY_TYPE.values())
_ITEM_KEYS = FIELD_KEYS - {"required", "default", "wire_name"}

ENDPOINT_KEYS = {
    "endpoint",
    "provider",
    "name",
    "attr",
    "summary",
    "source",
    "protocol",
    "input",
    "output",
    "rules",
    "curation",
}
_ENDPOINT_REQUIRED = ("endpoint", "provider", "name", "attr", "summary", "source", "protocol", "input", "output")
TYPE_KEYS = {"description", "source", "fields", "rules", "curation", "kind"}
RULE_KINDS = ("same_dimensions", "mutually_exclusive", "requires", "exactly_one")

_FAL_PROTOCOL = ("queue_url", "run_url", "auth_header", "auth_scheme", "app", "file_encoding", "source")
_MAGNIFIC_PROTOCOL = (
    "base_url", "auth_header", "alt_base_url", "alt_auth_header", "create", "get", "list",
    "envelope", "statuses", "file_encoding", "source",
)  # fmt: skip
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_CLASS_NAME = re.compile(r"^[A-Z][A-Za-z0-9]*$")
_ENDPOINT_ID = re.compile(r"^[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)+$")
_HTTP_URL = re.compile(r"^https?://[^\s/]+$")


class _Context:
    """Where we are: the file being read and the key path inside it."""

    def __init__(self, file: str, docs: DocLibrary) -> None:
        self.file = file
        self.docs = docs

    def fail(self, path: str, message: str) -> SpecError:
        return SpecError(self.file, path, message)

    def mapping(self, value: object, path: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(path, f"expected a mapping, got {_kind(value)}")
        for key in value:
            if not isinstance(key, str):
                raise self.fail(path, f"keys must be strings, got {key!r}")
        return cast(dict[str, Any], value)

    def only_keys(self, value: Mapping[str, object], allowed: set[str], path: str) -> None:
        for key in value:
            if key not in allowed:
                raise self.fail(_join(path, key), f"unknown key {key!r} (allowed: {', '.join(sorted(allowed))})")

    def typed(self, value: object, expected: type[T] | tuple[type, ...], path: str, what: str) -> T:
        if isinstance(value, bool) and bool not in (expected if isinstance(expected, tuple) else (expected,)):
            raise self.fail(path, f"expected {what}, got {_kind(value)}")
        if not isinstance(value, expected):
            raise self.fail(path, f"expected {what}, got {_kind(value)}")
        return cast(T, value)

    def text(self, value: object, path: str) -> str:
        return self.typed(value, str, path, "a string")

    def flag(self, value: object, path: str) -> bool:
        return self.typed(value, bool, path, "true or false")

    def count(self, value: object, path: str, minimum: int = 0) -> int:
        number = self.typed(value, int, path, "an integer")
        if number < minimum:
            raise self.fail(path, f"must be >= {minimum}, got {number}")
        return number

    def number(self, value: object, path: str) -> int | float:
        number: int | float = self.typed(value, (int, float), path, "a number")
        if isinstance(number, float) and not math.isfinite(number):
            raise self.fail(path, f"must be finite, got {number}")
        return number

    def texts(self, value: object, path: str, *, allow_single: bool = True) -> tuple[str, ...]:
        if allow_single and isinstance(value, str):
            return (value,)
        items = self.typed(value, list, path, "a list of strings" + (" or a string" if allow_single else ""))
        return tuple(self.text(item, f"{path}[{index}]") for index, item in enumerate(items))

    def choice(self, value: object, options: tuple[str, ...], path: str) -> str:
        text = self.text(value, path)
        if text not in options:
            raise self.fail(path, f"must be one of {', '.join(options)}, got {text!r}")
        return text


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _kind(value: object) -> str:
    if value is None:
        return "null"
    return {
        bool: "a boolean",
        int: "an integer",
        float: "a number",
        str: "a string",
        list: "a list",
        dict: "a mapping",
    }.get(type(value), type(value).__name__)


# --------------------------------------------------------------------------------------------- pages


def _pages(ctx: _Context, value: object, path: str) -> tuple[PageRef, ...]:
    refs: list[PageRef] = []
    for index, text in enumerate(ctx.texts(value, path)):
        where = path if isinstance(value, str) else f"{path}[{index}]"
        page, _, section = text.partition("#")
        if not page.startswith("upstream-docs/"):
            raise ctx.fail(where, f"pages are cited as upstream-docs/<page>[#Section], got {text!r}")
        loaded = ctx.docs.page(page)
        if loaded is None:
            raise ctx.fail(where, f"page {page!r} not found under {ctx.docs.root}")
        if section and loaded.section(section) is None:
            raise ctx.fail(where, f"page {page!r} has no section {section!r}")
        refs.append(PageRef(page, section or None))
    if not refs:
        raise ctx.fail(path, "cite at least one page")
    return tuple(refs)


def _quotes(ctx: _Context, value: object, path: str, pages: tuple[PageRef, ...]) -> tuple[str, ...]:
    quotes = ctx.texts(value, path)
    for index, quote in enumerate(quotes):
        if not quote.strip():
            raise ctx.fail(path, "a source quote must not be empty")
        if ctx.docs.find(quote, pages) is None:
            where = path if isinstance(value, str) else f"{path}[{index}]"
            cited = ", ".join(str(page) for page in pages)
            raise ctx.fail(where, f"quote {quote!r} not found in {cited}")
    return quotes


# -------------------------------------------------------------------------------------------- fields


class _FieldReader:
    """Reads one field mapping (recursively for ``items`` and ``one_of``) and checks it."""

    def __init__(self, ctx: _Context, pages: tuple[PageRef, ...], type_names: set[str]) -> None:
        self.ctx = ctx
        self.pages = pages
        self.type_names = type_names

    def read(self, name: str, raw: object, path: str, *, nested: bool = False) -> FieldSpec:
        ctx = self.ctx
        data = ctx.mapping(raw, path)
        ctx.only_keys(data, _ITEM_KEYS if nested else FIELD_KEYS, path)
        kinds = [key for key in ("type", "ref", "one_of") if key in data]
        if len(kinds) != 1:
            message = (
                "missing type: give one of type, ref, one_of" if not kinds else f"give only one of {', '.join(kinds)}"
            )
            raise ctx.fail(path, message)

        field_type: FieldType | None = None
        if "type" in data:
            field_type = cast(FieldType, ctx.choice(data["type"], FIELD_TYPES, _join(path, "type")))
            for key in data:
                if key not in _COMMON_KEYS and key not in _KEYS_BY_TYPE[field_type]:
                    raise ctx.fail(_join(path, key), f"{key!r} does not apply to type {field_type}")
        else:
            for key in data:
                if key not in _COMMON_KEYS:
                    raise ctx.fail(_join(path, key), f"{key!r} does not apply to a {kinds[0]} field")

        spec = FieldSpec(name=name, path=path, type=field_type)
        if "ref" in data:
            ref = ctx.text(data["ref"], _join(path, "ref"))
            if ref not in self.type_names:
                known = ", ".join(sorted(self.type_names)) or "none"
                raise ctx.fail(_join(path, "ref"), f"unknown type {ref!r} (types.yaml defines: {known})")
            spec = replace(spec, ref=ref)
        if "one_of" in data:
            options = ctx.typed(data["one_of"], list, _join(path, "one_of"), "a list of field mappings")
            if len(options) < 2:
                raise ctx.fail(_join(path, "one_of"), "one_of needs at least two alternatives")
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
                changes[key] = ctx.flag(data[key], _join(path, key))
        if "description" in data:
            changes["description"] = ctx.text(data["description"], _join(path, "description"))
        if "wire_name" in data:
            wire = ctx.text(data["wire_name"], _join(path, "wire_name"))
            if not wire:
                raise ctx.fail(_join(path, "wire_name"), "must not be empty")
            changes["wire_name"] = wire
        if "curation" in data:
            changes["curation"] = ctx.texts(data["curation"], _join(path, "curation"))
        if "source" in data:
            changes["source"] = _quotes(ctx, data["source"], _join(path, "source"), self.pages)
        elif not nested and "curation" not in data:
            raise ctx.fail(path, "cite the doc line with source: (or explain the choice with curation:)")
        if "default" in data:
            changes["has_default"] = True
            changes["default"] = _json_value(ctx, data["default"], _join(path, "default"))
        return replace(spec, **changes)

    def _constraints(self, spec: FieldSpec, data: dict[str, Any], path: str) -> FieldSpec:
        ctx = self.ctx
        changes: dict[str, Any] = {}
        for key in ("minimum", "maximum", "exclusive_minimum", "exclusive_maximum"):
            if key in data:
                number = ctx.number(data[key], _join(path, key))
                if spec.type == "integer" and not isinstance(number, int):
                    raise ctx.fail(_join(path, key), f"an integer field needs an integer bound, got {number!r}")
                changes[key] = number
        for key, least in (("min_length", 0), ("max_length", 0), ("min_items", 0), ("max_items", 0), ("used_items", 1)):
            if key in data:
                changes[key] = ctx.count(data[key], _join(path, key), least)
        for key in ("max_bytes", "total_max_bytes"):
            if key in data:
                changes[key] = ctx.count(data[key], _join(path, key), 1)
        if "pattern" in data:
            pattern = ctx.text(data["pattern"], _join(path, "pattern"))
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ctx.fail(_join(path, "pattern"), f"not a valid regular expression: {exc}") from None
            changes["pattern"] = pattern
        if "format" in data:
            changes["format"] = ctx.choice(data["format"], STRING_FORMATS, _join(path, "format"))
        if "formats" in data:
            changes["formats"] = self._subset(data["formats"], IMAGE_FORMATS, _join(path, "formats"))
        if "schemes" in data:
            changes["schemes"] = self._subset(data["schemes"], URL_SCHEMES, _join(path, "schemes"))
        if "enum" in data:
            changes["enum"] = self._enum(spec, data["enum"], _join(path, "enum"))
        if "items" in data:
            changes["items"] = self.read(spec.name, data["items"], _join(path, "items"), nested=True)
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
                raise ctx.fail(_join(path, low), f"{low} {lower} > {high} {upper}: no value can satisfy both")
        if spec.total_max_bytes is not None and not spec.is_image_list:
            raise ctx.fail(_join(path, "total_max_bytes"), "total_max_bytes applies to an array of images")
        if spec.required and spec.has_default:
            raise ctx.fail(_join(path, "default"), "a required field cannot have a default")
        if spec.has_default:
            problem = self.violation(spec, spec.default)
            if problem:
                raise ctx.fail(_join(path, "default"), f"default {spec.default!r} {problem}")

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
        if isinstance(value, str):
            if spec.min_length is not None and len(value) < spec.min_length:
                return f"is shorter than min_length {spec.min_length}"
            if spec.max_length is not None and len(value) > spec.max_length:
                return f"is longer than max_length {spec.max_length}"
            if spec.pattern is not None and re.search(spec.pattern, value) is None:
                return f"does not match pattern {spec.pattern!r}"
        if isinstance(value, list):
            if spec.min_items is not None and len(value) < spec.min_items:
                return f"has fewer than min_items {spec.min_items}"
            if spec.max_items is not None and len(value) > spec.max_items:
                return f"has more than max_items {spec.max_items}"
            if spec.items is not None:
                for item in value:
                    if problem := self.violation(spec.items, item):
                        return f"has an item that {problem}"
        return None


def _json_value(ctx: _Context, value: object, path: str) -> JSONValue:
    if value is None or isinstance(value, str | bool | int):
        return value
    if isinstance(value, float):
        return ctx.number(value, path)
    if isinstance(value, list):
        return [_json_value(ctx, item, f"{path}[{index}]") for index, item in enumerate(value)]
    if isinstance(value, dict):
        return {ctx.text(key, path): _json_value(ctx, item, _join(path, str(key))) for key, item in value.items()}
    raise ctx.fail(path, f"not a JSON value: {_kind(value)}")


def _field_map(reader: _FieldReader, raw: object, path: str, *, allow_empty: bool = False) -> tuple[FieldSpec, ...]:
    data = reader.ctx.mapping(raw, path)
    if not data and not allow_empty:
        raise reader.ctx.fail(path, "declare at least one field")
    fields = tuple(reader.read(name, value, _join(path, name)) for name, value in data.items())
    _check_names(reader.ctx, fields, path)
    return fields


def _check_names(ctx: _Context, fields: tuple[FieldSpec, ...], path: str) -> None:
    seen: dict[str, str] = {}
    for spec in fields:
        if not spec.name or spec.name.startswith("__"):
            raise ctx.fail(_join(path, spec.name), "field names must be non-empty and not start with '__'")
        for name in {python_name(spec.name), spec.json_name}:
            if name in seen and seen[name] != spec.name:
                raise ctx.fail(_join(path, spec.name), f"collides with field {seen[name]!r} as {name!r}")
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


# --------------------------------------------------------------------------------------------- rules


def _rules(
    ctx: _Context, raw: object, path: str, fields: tuple[FieldSpec, ...], pages: tuple[PageRef, ...]
) -> tuple[RuleSpec, ...]:
    entries = ctx.typed(raw, list, path, "a list of rules")
    by_name = {spec.name: spec for spec in fields}
    rules: list[RuleSpec] = []
    for index, entry in enumerate(entries):
        where = f"{path}[{index}]"
        data = ctx.mapping(entry, where)
        kinds = [key for key in data if key in RULE_KINDS]
        ctx.only_keys(data, {*RULE_KINDS, "source", "curation"}, where)
        if len(kinds) != 1:
            raise ctx.fail(where, f"a rule names exactly one kind of {', '.join(RULE_KINDS)}")
        kind = kinds[0]
        if "source" not in data and "curation" not in data:
            raise ctx.fail(where, "cite the doc line with source: (or explain the rule with curation:)")
        source = _quotes(ctx, data["source"], _join(where, "source"), pages) if "source" in data else ()
        curation = ctx.texts(data["curation"], _join(where, "curation")) if "curation" in data else ()
        key_path = _join(where, kind)
        if kind == "requires":
            spec = ctx.mapping(data[kind], key_path)
            ctx.only_keys(spec, {"if", "then"}, key_path)
            for part in ("if", "then"):
                if part not in spec:
                    raise ctx.fail(key_path, f"requires needs '{part}'")
            names: tuple[str, ...] = (
                ctx.text(spec["if"], _join(key_path, "if")),
                ctx.text(spec["then"], _join(key_path, "then")),
            )
        else:
            names = ctx.texts(data[kind], key_path, allow_single=False)
            if len(names) < 2 or len(set(names)) != len(names):
                raise ctx.fail(key_path, f"{kind} needs at least two distinct fields")
        for name in names:
            if name not in by_name:
                raise ctx.fail(key_path, f"unknown field {name!r} (fields: {', '.join(by_name)})")
        if kind == "same_dimensions":
            for name in names:
                if by_name[name].type != "image":
                    raise ctx.fail(
                        key_path, f"same_dimensions compares images, {name!r} is {by_name[name].type or 'not an image'}"
                    )
        if kind in ("mutually_exclusive", "exactly_one") and any(by_name[name].required for name in names):
            raise ctx.fail(key_path, f"{kind} cannot involve a required field")
        rules.append(RuleSpec(kind=cast(RuleKind, kind), fields=names, path=where, source=source, curation=curation))
    return tuple(rules)


# ------------------------------------------------------------------------------------------ protocol


def _protocol(
    ctx: _Context, endpoint: str, provider: str, raw: object, path: str, pages: tuple[PageRef, ...]
) -> FalProtocol | MagnificProtocol:
    data = ctx.mapping(raw, path)
    keys = _FAL_PROTOCOL if provider == "fal" else _MAGNIFIC_PROTOCOL
    ctx.only_keys(data, set(keys), path)
    for key in keys:
        if key not in data:
            raise ctx.fail(path, f"missing key {key!r}")
    source = _quotes(ctx, data["source"], _join(path, "source"), pages)

    def url(key: str) -> str:
        value = ctx.text(data[key], _join(path, key))
        if not _HTTP_URL.match(value):
            raise ctx.fail(_join(path, key), f"expected a scheme://host URL without a path, got {value!r}")
        return value

    def header(key: str) -> str:
        value = ctx.text(data[key], _join(path, key))
        if not re.fullmatch(r"[A-Za-z0-9-]+", value):
            raise ctx.fail(_join(path, key), f"not an HTTP header name: {value!r}")
        return value

    if provider == "fal":
        app = ctx.text(data["app"], _join(path, "app"))
        if not re.fullmatch(r"[a-z0-9-]+/[a-z0-9-]+", app):
            raise ctx.fail(_join(path, "app"), f"expected owner/alias, got {app!r}")
        if not endpoint.startswith(app + "/"):
            raise ctx.fail(_join(path, "app"), f"{app!r} is not the owner/alias prefix of {endpoint!r}")
        return FalProtocol(
            queue_url=url("queue_url"),
            run_url=url("run_url"),
            auth_header=header("auth_header"),
            auth_scheme=ctx.text(data["auth_scheme"], _join(path, "auth_scheme")),
            app=app,
            file_encoding=cast(Any, ctx.choice(data["file_encoding"], ("data_uri",), _join(path, "file_encoding"))),
            source=source,
        )

    def operation(key: str) -> Operation:
        where = _join(path, key)
        op = ctx.mapping(data[key], where)
        ctx.only_keys(op, {"method", "path"}, where)
        method = ctx.choice(op.get("method"), ("GET", "POST", "PUT", "DELETE"), _join(where, "method"))
        op_path = ctx.text(op.get("path"), _join(where, "path"))
        if not op_path.startswith("/"):
            raise ctx.fail(_join(where, "path"), f"paths start with '/', got {op_path!r}")
        return Operation(method, op_path)

    statuses = ctx.texts(data["statuses"], _join(path, "statuses"), allow_single=False)
    for required_status in ("COMPLETED", "FAILED"):
        if required_status not in statuses:
            raise ctx.fail(_join(path, "statuses"), f"statuses must include {required_status}")
    get = operation("get")
    if "{task_id}" not in get.path:
        raise ctx.fail(_join(path, "get.path"), "the get path must contain {task_id}")
    return MagnificProtocol(
        base_url=url("base_url"),
        auth_header=header("auth_header"),
        alt_base_url=url("alt_base_url"),
        alt_auth_header=header("alt_auth_header"),
        create=operation("create"),
        get=get,
        list=operation("list"),
        envelope=ctx.text(data["envelope"], _join(path, "envelope")),
        statuses=statuses,
        file_encoding=cast(Any, ctx.choice(data["file_encoding"], ("base64",), _join(path, "file_encoding"))),
        source=source,
    )


# ------------------------------------------------------------------------------------------- entries


def _read_file(root: Path, path: Path) -> tuple[str, Any]:
    relative = path.relative_to(root).as_posix()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SpecError(relative, "", f"cannot read: {exc}") from None
    try:
        return relative, load_yaml(text)
    except yaml.YAMLError as exc:
        message = " ".join(str(exc).split())
        raise SpecError(relative, "", f"invalid YAML: {message}") from None
    except RecursionError:
        raise SpecError(relative, "", "invalid YAML: nested too deeply") from None


def _load_types(root: Path, docs: DocLibrary) -> dict[str, TypeSpec]:
    path = root / "specs" / "types.yaml"
    if not path.exists():
        return {}
    file, raw = _read_file(root, path)
    ctx = _Context(file, docs)
    data = ctx.mapping(raw, "")
    ctx.only_keys(data, {"types"}, "")
    entries = ctx.mapping(data.get("types", {}), "types")
    names = set(entries)
    types: dict[str, TypeSpec] = {}
    for name in sorted(entries):
        where = f"types.{name}"
        if not _CLASS_NAME.match(name):
            raise ctx.fail(where, "type names are CamelCase identifiers")
        entry = ctx.mapping(entries[name], where)
        ctx.only_keys(entry, TYPE_KEYS, where)
        if "source" not in entry:
            raise ctx.fail(where, "missing key 'source'")
        pages = _pages(ctx, entry["source"], _join(where, "source"))
        reader = _FieldReader(ctx, pages, names)
        fields = _field_map(reader, entry.get("fields"), _join(where, "fields"))
        rules = _rules(ctx, entry["rules"], _join(where, "rules"), fields, pages) if "rules" in entry else ()
        kind = ctx.choice(entry.get("kind", "model"), ("model", "file"), _join(where, "kind"))
        if kind == "file" and not any(
            spec.name == "url" and spec.type == "string" and spec.required for spec in fields
        ):
            raise ctx.fail(_join(where, "fields"), "a file type needs a required string field 'url'")
        types[name] = TypeSpec(
            name=name,
            description=ctx.text(entry.get("description", ""), _join(where, "description")),
            fields=fields,
            rules=rules,
            pages=pages,
            curation=ctx.texts(entry["curation"], _join(where, "curation")) if "curation" in entry else (),
            kind=cast(Any, kind),
        )
    _check_type_cycles(ctx, types)
    return types


def _check_type_cycles(ctx: _Context, types: dict[str, TypeSpec]) -> None:
    def refs(spec: FieldSpec) -> set[str]:
        found = {spec.ref} if spec.ref else set()
        for child in (*spec.one_of, *((spec.items,) if spec.items else ())):
            found |= refs(child)
        return found

    graph = {name: set().union(*(refs(spec) for spec in entry.fields)) for name, entry in types.items()}

    def visit(name: str, trail: tuple[str, ...]) -> None:
        for target in sorted(graph[name]):
            if target in trail:
                raise ctx.fail(f"types.{name}", f"types refer to each other in a cycle: {' → '.join((*trail, target))}")
            visit(target, (*trail, target))

    for name in sorted(graph):
        visit(name, (name,))


def _load_endpoint(root: Path, path: Path, docs: DocLibrary, types: dict[str, TypeSpec]) -> EndpointSpec:
    file, raw = _read_file(root, path)
    ctx = _Context(file, docs)
    data = ctx.mapping(raw, "")
    ctx.only_keys(data, ENDPOINT_KEYS, "")
    for key in _ENDPOINT_REQUIRED:
        if key not in data:
            raise ctx.fail(key, "missing required key")
    endpoint = ctx.text(data["endpoint"], "endpoint")
    if not _ENDPOINT_ID.match(endpoint):
        raise ctx.fail("endpoint", f"expected an id like owner/alias/path, got {endpoint!r}")
    provider = ctx.choice(data["provider"], ("fal", "magnific"), "provider")
    name = ctx.text(data["name"], "name")
    if not _CLASS_NAME.match(name):
        raise ctx.fail("name", f"expected a CamelCase class stem, got {name!r}")
    attr = ctx.text(data["attr"], "attr")
    if not _IDENTIFIER.match(attr) or keyword.iskeyword(attr) or attr.startswith("_"):
        raise ctx.fail("attr", f"expected a public Python identifier, got {attr!r}")
    pages = _pages(ctx, data["source"], "source")
    reader = _FieldReader(ctx, pages, set(types))
    inputs = _field_map(reader, data["input"], "input")
    outputs = _field_map(reader, data["output"], "output")
    return EndpointSpec(
        endpoint=endpoint,
        provider=cast(Any, provider),
        name=name,
        attr=attr,
        summary=ctx.text(data["summary"], "summary"),
        file=file,
        pages=pages,
        protocol=_protocol(ctx, endpoint, provider, data["protocol"], "protocol", pages),
        input=inputs,
        output=outputs,
        rules=_rules(ctx, data["rules"], "rules", inputs, pages) if "rules" in data else (),
        curation=ctx.texts(data["curation"], "curation") if "curation" in data else (),
    )


def load_specs(root: Path, *, docs: DocLibrary | None = None) -> SpecSet:
    """Load and check ``root/specs`` against the pages in ``root/upstream-docs`` (or ``docs``).

    ``docs`` lets the drift check serve other pages, and tolerate quotes that vanished from them.
    Raises :class:`SpecError` for the first problem found, with its ``file:key.path``.
    """
    docs = DocLibrary(root) if docs is None else docs
    specs_dir = root / "specs"
    if not specs_dir.is_dir():
        raise SpecError("specs", "", f"no specs directory at {specs_dir}")
    types = _load_types(root, docs)
    endpoints: list[EndpointSpec] = []
    for path in sorted(specs_dir.glob("*/*.yaml")):
        endpoints.append(_load_endpoint(root, path, docs, types))
    if not endpoints:
        raise SpecError("specs", "", "no endpoint specs found (specs/<provider>/*.yaml)")
    _check_unique(endpoints)
    return SpecSet(endpoints=tuple(sorted(endpoints, key=lambda spec: spec.endpoint)), types=types)


def _check_unique(endpoints: list[EndpointSpec]) -> None:
    for attribute in ("endpoint", "name", "attr"):
        seen: dict[str, str] = {}
        for spec in endpoints:
            value = getattr(spec, attribute)
            if value in seen:
                raise SpecError(spec.file, attribute, f"{value!r} is already used by {seen[value]}")
            seen[value] = spec.file
