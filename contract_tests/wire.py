"""What the provider must receive and what it answers, both derived from the spec.

:func:`expected_body` is the JSON body for a set of arguments: wire names, only the keys given,
``None`` for a nullable field meaning unset (not sent), images encoded per the endpoint's ``file_encoding`` (fal: ``data:<mime>;base64,…``; Magnific: bare
base64; URLs as given). :func:`same_json` compares strictly: an integer must arrive as an integer,
``True`` is not ``1``; only a ``number`` may arrive as either int or float.
"""

from __future__ import annotations

import base64
import hashlib
import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from contract_tests.constraints import matches_option
from contract_tests.images import MIME, sniff
from contract_tests.specdata import Owner, type_owner
from generator.spec.model import FieldSpec

__all__ = ["UPLOAD_CDN", "Number", "encode_image", "expected_body", "same_json", "uploaded_url"]

#: Where the mocked fal storage puts uploads (``encoding="upload"`` expects their URLs in the body).
UPLOAD_CDN = "https://v3.fal.media"


def uploaded_url(data: bytes) -> str:
    """The URL the mocked storage answers for ``data`` (content-addressed, so tests can predict it)."""
    return f"{UPLOAD_CDN}/files/{hashlib.sha256(data).hexdigest()}"


@dataclass(frozen=True)
class Number:
    """A JSON number whose int/float spelling is free (a ``number`` field)."""

    value: float


def encode_image(value: Any, encoding: str) -> str:
    """The wire form of an image input (``encoding="upload"``: local data as its uploaded URL)."""
    if isinstance(value, Path):
        value = value.read_bytes()
    if encoding == "upload" and isinstance(value, str) and value.startswith("data:"):
        value = base64.b64decode(value.split(",", 1)[1])
    if isinstance(value, bytes) and encoding == "upload":
        return uploaded_url(value)
    if isinstance(value, bytes):
        encoded = base64.b64encode(value).decode("ascii")
        if encoding == "base64":
            return encoded
        return f"data:{MIME[sniff(value) or 'png']};base64,{encoded}"
    assert isinstance(value, str)
    if value.startswith("data:") and encoding == "base64":
        return value.split(",", 1)[1]
    return value


def expected_body(owner: Owner, obj: Mapping[str, Any], encoding: str) -> dict[str, Any]:
    """The body for ``obj``: a nullable field given None is unset, so it is not sent."""
    return {
        spec.json_name: _wire(spec, obj[spec.json_name], encoding)
        for spec in owner.fields
        if spec.json_name in obj and not (spec.nullable and obj[spec.json_name] is None)
    }


def _wire(spec: FieldSpec, value: Any, encoding: str) -> Any:
    if value is None:
        return None
    if spec.one_of:
        option = next(option for option in spec.one_of if matches_option(option, value) or option.type == "image")
        return _wire(option, value, encoding)
    if spec.ref is not None:
        return expected_body(type_owner(spec.ref), value, encoding)
    if spec.type == "array":
        assert spec.items is not None
        return [_wire(spec.items, item, encoding) for item in value]
    if spec.type == "image":
        return encode_image(value, encoding)
    if spec.type == "number":
        return Number(value)
    return value


def same_json(actual: Any, expected: Any, where: str = "body") -> str | None:
    """None when ``actual`` (parsed JSON) equals ``expected``, else where and how they differ."""
    if isinstance(expected, Number):
        ok = isinstance(actual, int | float) and not isinstance(actual, bool) and actual == expected.value
        return None if ok and math.isfinite(actual) else f"{where}: expected number {expected.value!r}, got {actual!r}"
    if isinstance(expected, Mapping):
        if not isinstance(actual, Mapping):
            return f"{where}: expected an object, got {actual!r}"
        if set(actual) != set(expected):
            extra, missing = sorted(set(actual) - set(expected)), sorted(set(expected) - set(actual))
            return f"{where}: keys differ (unexpected {extra}, missing {missing})"
        for key in expected:
            problem = same_json(actual[key], expected[key], f"{where}.{key}")
            if problem:
                return problem
        return None
    if isinstance(expected, list):
        if not isinstance(actual, list) or len(actual) != len(expected):
            return f"{where}: expected a list of {len(expected)}, got {_short(actual)}"
        for index, (left, right) in enumerate(zip(actual, expected, strict=True)):
            problem = same_json(left, right, f"{where}[{index}]")
            if problem:
                return problem
        return None
    if type(actual) is not type(expected) or actual != expected:
        return f"{where}: expected {_short(expected)} ({type(expected).__name__}), got {_short(actual)} ({type(actual).__name__})"
    return None


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 120 else f"{text[:80]}...<{len(text)} chars>"
