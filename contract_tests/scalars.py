"""Values for one leaf field (number, string, boolean, image), read off its spec.

``good_*`` lists accepted values, boundaries first; ``bad_*`` lists ``(kind, label, value)`` for
refused ones, each one step past a single constraint so the error can only come from that
constraint. Objects, lists and ``one_of`` are assembled from these in :mod:`contract_tests.objects`.
"""

from __future__ import annotations

import math
from functools import cache
from typing import Any

from hypothesis import HealthCheck, find, settings
from hypothesis import strategies as st

from contract_tests.images import ACCEPTED_FORMATS, Form, Img
from contract_tests.regexgen import examples
from contract_tests.specdata import DEFAULT_SCHEMES, URL_SCHEMES
from generator.spec.model import FieldSpec
from generator.spec.patterns import search

__all__ = [
    "bad_image",
    "bad_scalar",
    "bounds",
    "good_image",
    "good_scalar",
    "matches",
    "pattern_examples",
    "simple_scalar",
    "url",
    "wrong_types",
]

Bad = tuple[str, str, Any]  # (constraint kind, label, value)

_FIND = settings(
    database=None, derandomize=True, max_examples=150, suppress_health_check=list(HealthCheck), deadline=None
)


def url(scheme: str, name: str = "input") -> str:
    return f"{scheme}://example.com/images/{name}.png"


def matches(pattern: str, value: str) -> bool:
    """The spec's pattern semantics: JSON Schema's (a search; ``$`` is the end of the input, not before a newline)."""
    return search(pattern, value)


@cache
def pattern_examples(pattern: str) -> tuple[str, ...]:
    """Deterministic matching strings: the shortest and a long, mixed-case one."""
    walked = examples(pattern)
    if walked:
        return tuple(walked)
    found = find(st.from_regex(pattern, fullmatch=True), lambda _: True, settings=_FIND)  # minimal example
    return (found,)


def bounds(spec: FieldSpec) -> tuple[float | None, float | None]:
    """The lowest and highest accepted numbers (exclusive bounds stepped inside)."""
    integer = spec.type == "integer"
    low: float | None = spec.minimum
    if spec.exclusive_minimum is not None:
        low = spec.exclusive_minimum + 1 if integer else math.nextafter(spec.exclusive_minimum, math.inf)
    high: float | None = spec.maximum
    if spec.exclusive_maximum is not None:
        high = spec.exclusive_maximum - 1 if integer else math.nextafter(spec.exclusive_maximum, -math.inf)
    return low, high


def simple_scalar(spec: FieldSpec) -> Any:
    """One plain accepted value."""
    if spec.enum is not None:
        return spec.enum[0]
    if spec.type in ("integer", "number"):
        low, high = bounds(spec)
        value = low if low is not None else high if high is not None else 1
        return int(value) if spec.type == "integer" else value
    if spec.type == "boolean":
        return True
    if spec.type == "image":
        schemes = spec.schemes or DEFAULT_SCHEMES
        return url("https" if "https" in schemes else schemes[0])
    if spec.pattern is not None:
        return pattern_examples(spec.pattern)[0]
    if spec.format == "uri":
        return "https://example.com/hooks/contract"
    return "a" * (spec.min_length or 1)


def good_scalar(spec: FieldSpec) -> list[Any]:
    """Accepted values of a number, string or boolean field: every bound, every member."""
    values: list[Any] = []
    if spec.enum is not None:
        values.extend(spec.enum)
    elif spec.type in ("integer", "number"):
        low, high = bounds(spec)
        values.extend(bound for bound in (low, high) if bound is not None)
        if low is not None and high is not None:
            values.append((low + high) / 2 if spec.type == "number" else (int(low) + int(high)) // 2)
            if spec.type == "number" and math.ceil(low) <= high:
                values.append(math.ceil(low))  # an int is a valid number
        elif low is not None:
            values.append(low + 1000)
        elif high is not None:
            values.append(high - 1000)
        else:
            values.extend((0, -7, 123456))
        if spec.type == "integer":
            values = [int(value) for value in values]
    elif spec.type == "boolean":
        values.extend((True, False))
    elif spec.pattern is not None:
        values.extend(pattern_examples(spec.pattern))
    elif spec.format == "uri":
        values.extend(("https://example.com/hooks/contract", "http://127.0.0.1:8080/hook?run=1"))
    else:
        low_len, high_len = spec.min_length or 0, spec.max_length
        values.append("a" * low_len)
        if high_len is not None:
            values.append("b" * high_len)
        else:
            values.append('A prompt with ünïcode ✓ and "quotes" {{braces}}')
    unique: list[Any] = []
    for value in values:
        if not any(value == seen and type(value) is type(seen) for seen in unique):
            unique.append(value)
    return unique


def _wrong_case(member: str, enum: tuple[Any, ...]) -> str:
    for candidate in (member.swapcase(), member.lower(), member.upper(), member.capitalize()):
        if candidate != member and candidate not in enum:
            return candidate
    return f"{member}_"


def bad_scalar(spec: FieldSpec) -> list[Bad]:
    """Refused values of a number, string or boolean field, one constraint at a time."""
    bad: list[Bad] = []
    integer = spec.type == "integer"
    if spec.type in ("integer", "number"):

        def below(bound: float) -> float:
            return bound - 1 if integer else math.nextafter(bound, -math.inf)

        def above(bound: float) -> float:
            return bound + 1 if integer else math.nextafter(bound, math.inf)

        for key, kind, value in (
            ("minimum", "range-min", below),
            ("maximum", "range-max", above),
            ("exclusive_minimum", "range-xmin", lambda bound: bound),
            ("exclusive_maximum", "range-xmax", lambda bound: bound),
        ):
            bound = getattr(spec, key)
            if bound is not None:
                stepped = value(bound)
                bad.append((kind, f"{stepped!r}", int(stepped) if integer else float(stepped)))
    if spec.enum is not None:
        members = [member for member in spec.enum if isinstance(member, str)]
        for member in members:
            wrong = _wrong_case(member, spec.enum)
            bad.append(("enum", repr(wrong), wrong))
        if members:
            for other in ("", "NOT_A_MEMBER"):
                if other not in spec.enum:
                    bad.append(("enum", repr(other), other))
        numbers = [member for member in spec.enum if not isinstance(member, str)]
        if numbers:
            bad.append(("enum", "max+1", max(numbers) + 1))
    if spec.pattern is not None:
        for example in pattern_examples(spec.pattern):
            edits = (example + "!", "!" + example, example[:-1], example + example[-1:], " " + example, "")
            for candidate in (*edits, example + "\n"):  # the trailing newline Python's $ lets through
                if not matches(spec.pattern, candidate) and all(candidate != value for _, _, value in bad):
                    bad.append(("pattern", repr(candidate), candidate))
    if spec.min_length:
        bad.append(("length-min", f"len {spec.min_length - 1}", "a" * (spec.min_length - 1)))
    if spec.max_length is not None:
        bad.append(("length-max", f"len {spec.max_length + 1}", "b" * (spec.max_length + 1)))
    if spec.format == "uri":
        for text in ("example.com/hook", "ftp://example.com/hook", "https://", "/hooks/contract", "mailto:a@b.c"):
            bad.append(("format", repr(text), text))
    return bad


def good_image(spec: FieldSpec, encoding: str) -> list[Any]:
    """Accepted image inputs: each format as bytes, each local form, a URL per accepted scheme, max size."""
    formats = spec.formats or ACCEPTED_FORMATS
    values: list[Any] = [Img(fmt, "bytes") for fmt in formats]
    values.append(Img(formats[-1], "path"))
    values.append(Img(formats[0], "data_uri"))
    if encoding == "base64":
        values.append(Img(formats[len(formats) // 2], "base64"))
    values.extend(url(scheme) for scheme in spec.schemes or DEFAULT_SCHEMES)
    if spec.max_bytes is not None:
        encoded: Form = "base64" if encoding == "base64" else "data_uri"  # size read off the base64 length
        values.extend(Img("png", form, nbytes=spec.max_bytes) for form in ("bytes", "path", encoded))
    return values


def bad_image(spec: FieldSpec, encoding: str) -> list[Bad]:
    """Refused image inputs: wrong formats, refused schemes, one byte over ``max_bytes``."""
    bad: list[Bad] = []
    if spec.formats is not None:
        for img in (Img("gif", "bytes"), Img("bmp", "path"), Img("gif", "data_uri"), Img("text", "bytes")):
            bad.append(("formats", repr(img), img))
        refused = [fmt for fmt in ACCEPTED_FORMATS if fmt not in spec.formats]
        bad.extend(("formats", repr(Img(fmt)), Img(fmt)) for fmt in refused)
        if encoding == "base64":
            bad.append(("formats", repr(Img("bmp", "base64")), Img("bmp", "base64")))
    bad.append(("regular_file", "<named pipe path>", Img("png", "fifo")))
    bad.append(("declared_type", "<png as data:text/plain>", Img("png", "mislabelled")))
    for fmt in spec.formats or ACCEPTED_FORMATS:
        bad.append(("readable_header", f"<truncated {fmt}>", Img(fmt, "truncated")))
    schemes = spec.schemes or DEFAULT_SCHEMES
    for scheme in URL_SCHEMES:
        if scheme not in schemes:
            bad.append(("schemes", f"{scheme} URL", url(scheme)))
    if spec.max_bytes is not None:
        forms: tuple[Any, ...] = ("bytes", "path", "data_uri", *(("base64",) if encoding == "base64" else ()))
        for form in forms:
            img = Img("png", form, nbytes=spec.max_bytes + 1)
            bad.append(("max_bytes", repr(img), img))
    return bad


def wrong_types(spec: FieldSpec, simple: Any, encoding: str) -> list[tuple[str, Any]]:
    """Values of the wrong JSON type for ``spec`` (a valid value is ``simple``), no coercion allowed."""
    if spec.type == "integer":
        return [("str", str(simple)), ("float", float(simple)), ("bool", True), ("list", [simple]), ("dict", {})]
    if spec.type == "number":
        return [("str", str(simple)), ("bool", True), ("list", [simple]), ("nan", math.nan), ("inf", math.inf)]
    if spec.type == "string":
        # bytes of a valid value: only refused if the field really does not coerce
        return [("int", 1), ("bool", True), ("list", [simple]), ("bytes", str(simple).encode()), ("float", 1.5)]
    if spec.type == "boolean":
        return [("int", 1), ("int0", 0), ("str", "true"), ("float", 1.0), ("list", [True])]
    if spec.type == "image":
        values: list[tuple[str, Any]] = [
            ("int", 1),
            ("bool", True),
            ("text", "not an image reference"),
            ("non-base64 data URI", "data:image/png,abc"),
            ("list", [simple]),
            ("dict", {"url": simple}),
        ]
        if encoding != "base64":
            values.append(("bare base64", Img("png", "base64")))
        return values
    if spec.type == "array":
        items = simple if isinstance(simple, list) else [simple]
        return [("tuple", tuple(items)), ("bare item", items[0] if items else "x"), ("str", "x"), ("dict", {})]
    # an object (ref) or a one_of: values of no JSON type that could fit
    return [("str", "x"), ("int", 1), ("bool", True), ("list", [simple]), ("float", 1.5)]
