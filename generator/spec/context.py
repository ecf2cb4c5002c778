"""What every part of the spec checker shares: the known keys and names, the error-collecting
:class:`Context`, and reading ``source:`` page references and quotes."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from generator.spec.docs import DocLibrary
from generator.spec.errors import SpecError
from generator.spec.model import (
    FieldType,
    PageRef,
)

T = TypeVar("T")

FIELD_TYPES: tuple[FieldType, ...] = ("string", "integer", "number", "boolean", "array", "object", "image")
IMAGE_FORMATS = ("jpeg", "png", "webp")
URL_SCHEMES = ("http", "https")
STRING_FORMATS = ("uri",)

COMMON_KEYS = {
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
KEYS_BY_TYPE: dict[str, set[str]] = {
    "string": {"enum", "min_length", "max_length", "pattern", "format"},
    "integer": {"enum", "minimum", "maximum", "exclusive_minimum", "exclusive_maximum"},
    "number": {"enum", "minimum", "maximum", "exclusive_minimum", "exclusive_maximum"},
    "boolean": set(),
    "array": {"items", "min_items", "max_items", "total_max_bytes", "used_items"},
    "object": set(),
    "image": {"max_bytes", "formats", "schemes"},
}
FIELD_KEYS = COMMON_KEYS.union(*KEYS_BY_TYPE.values())
ITEM_KEYS = FIELD_KEYS - {"required", "default", "wire_name"}

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
ENDPOINT_REQUIRED = ("endpoint", "provider", "name", "attr", "summary", "source", "protocol", "input", "output")
TYPE_KEYS = {"description", "source", "fields", "rules", "curation", "kind"}
RULE_KINDS = ("same_dimensions", "mutually_exclusive", "requires", "exactly_one")

FAL_PROTOCOL = ("queue_url", "run_url", "auth_header", "auth_scheme", "app", "file_encoding", "source")
MAGNIFIC_PROTOCOL = (
    "base_url", "auth_header", "alt_base_url", "alt_auth_header", "create", "get", "list",
    "envelope", "statuses", "file_encoding", "source",
)  # fmt: skip
IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
CLASS_NAME = re.compile(r"^[A-Z][A-Za-z0-9]*$")
ENDPOINT_ID = re.compile(r"^[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)+$")
HTTP_URL = re.compile(r"^https?://[^\s/]+$")


class Context:
    """Where we are: the file being read and the key path inside it."""

    def __init__(self, file: str, docs: DocLibrary) -> None:
        self.file = file
        self.docs = docs

    def fail(self, path: str, message: str) -> SpecError:
        return SpecError(self.file, path, message)

    def mapping(self, value: object, path: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(path, f"expected a mapping, got {kind_of(value)}")
        for key in value:
            if not isinstance(key, str):
                raise self.fail(path, f"keys must be strings, got {key!r}")
        return cast(dict[str, Any], value)

    def only_keys(self, value: Mapping[str, object], allowed: set[str], path: str) -> None:
        for key in value:
            if key not in allowed:
                raise self.fail(join_path(path, key), f"unknown key {key!r} (allowed: {', '.join(sorted(allowed))})")

    def typed(self, value: object, expected: type[T] | tuple[type, ...], path: str, what: str) -> T:
        if isinstance(value, bool) and bool not in (expected if isinstance(expected, tuple) else (expected,)):
            raise self.fail(path, f"expected {what}, got {kind_of(value)}")
        if not isinstance(value, expected):
            raise self.fail(path, f"expected {what}, got {kind_of(value)}")
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


def join_path(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def kind_of(value: object) -> str:
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


def read_pages(ctx: Context, value: object, path: str) -> tuple[PageRef, ...]:
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


def read_quotes(ctx: Context, value: object, path: str, pages: tuple[PageRef, ...]) -> tuple[str, ...]:
    quotes = ctx.texts(value, path)
    for index, quote in enumerate(quotes):
        if not quote.strip():
            raise ctx.fail(path, "a source quote must not be empty")
        if ctx.docs.find(quote, pages) is None:
            where = path if isinstance(value, str) else f"{path}[{index}]"
            cited = ", ".join(str(page) for page in pages)
            raise ctx.fail(where, f"quote {quote!r} not found in {cited}")
    return quotes
