"""Hypothesis strategies for whole endpoint inputs, derived from the specs.

Valid inputs: required fields always, optional ones sometimes, each value drawn from its spec
(boundary values sampled often, the rest of the range too), nested objects and lists recursively,
then the rules repaired with Hypothesis choosing what to keep. Refused inputs: a random valid input
with one refused change: an explicit boundary change from :mod:`contract_tests.objects`, or a
random value anywhere past a bound, outside an enum or off a pattern.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

from hypothesis import assume
from hypothesis import strategies as st

from contract_tests.cases import Case
from contract_tests.constraints import cid
from contract_tests.images import ACCEPTED_FORMATS, Img
from contract_tests.objects import Change, build, changes, simple
from contract_tests.rules import settle
from contract_tests.scalars import bounds, good_scalar, matches, url
from contract_tests.specdata import DEFAULT_SCHEMES, Owner, encoding_of, endpoint_owner, type_owner
from generator.spec.model import EndpointSpec, FieldSpec

__all__ = ["refused_cases", "valid_cases", "valid_object"]

_MAX_ITEMS = 3


def _image(spec: FieldSpec, encoding: str) -> st.SearchStrategy[Any]:
    forms: list[str] = ["bytes", "path", "data_uri", *(["base64"] if encoding == "base64" else [])]
    local = st.builds(Img, fmt=st.sampled_from(spec.formats or ACCEPTED_FORMATS), form=st.sampled_from(forms))
    remote = st.sampled_from(spec.schemes or DEFAULT_SCHEMES).flatmap(
        lambda scheme: st.from_regex(r"[a-z0-9]{1,12}", fullmatch=True).map(lambda name: url(scheme, name))
    )
    return st.one_of(local, remote)


def _number(spec: FieldSpec) -> st.SearchStrategy[Any]:
    low, high = bounds(spec)
    boundaries = st.sampled_from(good_scalar(spec))
    if spec.type == "integer":
        whole = st.integers(None if low is None else int(low), None if high is None else int(high))
        return st.one_of(boundaries, whole)
    floats = st.floats(low, high, allow_nan=False, allow_infinity=False)
    ints = st.integers(None if low is None else math.ceil(low), None if high is None else math.floor(high)).filter(
        lambda value: (low is None or value >= low) and (high is None or value <= high)
    )
    return st.one_of(boundaries, floats, ints)


def _string(spec: FieldSpec) -> st.SearchStrategy[Any]:
    if spec.pattern is not None:
        return st.from_regex(spec.pattern, fullmatch=True)
    if spec.format == "uri":
        paths = st.from_regex(r"[a-z0-9/]{0,20}", fullmatch=True)
        return st.one_of(
            st.sampled_from(good_scalar(spec)), paths.map(lambda path: f"https://hooks.example.com/{path}")
        )
    return st.text(min_size=spec.min_length or 0, max_size=spec.max_length if spec.max_length is not None else 40)


_FIELDS: dict[tuple[int, str], st.SearchStrategy[Any]] = {}
_OBJECTS: dict[tuple[str, str], st.SearchStrategy[dict[str, Any]]] = {}
_REFUSALS: dict[tuple[str, str], st.SearchStrategy[Change]] = {}


def field_values(spec: FieldSpec, encoding: str) -> st.SearchStrategy[Any]:
    """Accepted values of one field, item or alternative (built once per field: specs live all session)."""
    key = (id(spec), encoding)
    if key not in _FIELDS:
        _FIELDS[key] = _field_values(spec, encoding)
    return _FIELDS[key]


def _field_values(spec: FieldSpec, encoding: str) -> st.SearchStrategy[Any]:
    strategy: st.SearchStrategy[Any]
    if spec.one_of:
        strategy = st.one_of(*(field_values(option, encoding) for option in spec.one_of))
    elif spec.ref is not None:
        strategy = valid_object(type_owner(spec.ref), encoding)
    elif spec.type == "array":
        assert spec.items is not None
        least = spec.min_items or 0
        most = max(least, min(spec.max_items if spec.max_items is not None else _MAX_ITEMS, _MAX_ITEMS))
        strategy = st.lists(field_values(spec.items, encoding), min_size=least, max_size=most)
    elif spec.type == "image":
        strategy = _image(spec, encoding)
    elif spec.enum is not None:
        strategy = st.sampled_from(spec.enum)
    elif spec.type in ("integer", "number"):
        strategy = _number(spec)
    elif spec.type == "boolean":
        strategy = st.booleans()
    else:
        strategy = _string(spec)
    return st.one_of(st.none(), strategy) if spec.nullable else strategy


@st.composite
def _object(draw: st.DrawFn, owner: Owner, encoding: str) -> dict[str, Any]:
    obj = {}
    for spec in owner.fields:
        if spec.required or draw(st.booleans()):
            obj[spec.json_name] = draw(field_values(spec, encoding))

    def choose(options: Sequence[str]) -> str:
        return draw(st.sampled_from(list(options)))

    settled = settle(owner, obj, simple, choose=choose)
    assume(settled is not None)
    assert settled is not None
    return settled


def valid_object(owner: Owner, encoding: str) -> st.SearchStrategy[dict[str, Any]]:
    """Accepted objects of ``owner``: any subset of optional fields, rules satisfied."""
    key = (owner.id, encoding)
    if key not in _OBJECTS:
        _OBJECTS[key] = _object(owner, encoding)
    return _OBJECTS[key]


@st.composite
def valid_cases(draw: st.DrawFn, spec: EndpointSpec) -> Case:
    size = draw(st.tuples(st.integers(1, 24), st.integers(1, 24)), label="image size")
    args = draw(valid_object(endpoint_owner(spec), encoding_of(spec)), label="arguments")
    return Case(spec.endpoint, "random", args, "valid", size=size)


def _random_changes(owner: Owner) -> list[st.SearchStrategy[Change]]:
    """Random refused values of top-level scalars (and list items): far past bounds, off enums and patterns."""
    found: list[st.SearchStrategy[Change]] = []
    for spec in owner.fields:
        wire = spec.json_name
        for target, path, wrap in ((spec, spec.name, False), (spec.items, f"{spec.name}[]", True)):
            if target is None or (wrap and spec.min_items not in (None, 0, 1)):
                continue
            for kind, values in _off_values(target):
                hits = frozenset({cid(owner.id, path, kind)})
                locs = ((wire, 0),) if wrap else ((wire,),)
                found.append(values.map(_refusal(f"{wire}: random {kind}", wire, wrap, hits, locs)))
    return found


def _refusal(
    label: str, wire: str, wrap: bool, hits: frozenset[str], locs: tuple[tuple[str | int, ...], ...]
) -> Callable[[Any], Change]:
    def make(value: Any) -> Change:
        return Change(label, {wire: [value] if wrap else value}, (), None, "refused", hits, locs, wire)

    return make


def _off_values(spec: FieldSpec) -> list[tuple[str, st.SearchStrategy[Any]]]:
    out: list[tuple[str, st.SearchStrategy[Any]]] = []
    integer = spec.type == "integer"
    if spec.type in ("integer", "number") and spec.enum is None:
        if spec.minimum is not None:
            below = spec.minimum - 1 if integer else math.nextafter(spec.minimum, -math.inf)
            out.append(
                (
                    "range-min",
                    st.integers(max_value=int(below)) if integer else st.floats(max_value=below, allow_nan=False),
                )
            )
        if spec.maximum is not None:
            above = spec.maximum + 1 if integer else math.nextafter(spec.maximum, math.inf)
            out.append(
                (
                    "range-max",
                    st.integers(min_value=int(above)) if integer else st.floats(min_value=above, allow_nan=False),
                )
            )
    if spec.enum is not None and spec.type == "string":
        members = set(spec.enum)
        out.append(("enum", st.text(max_size=16).filter(lambda value: value not in members)))
    if spec.pattern is not None:
        pattern = spec.pattern
        out.append(("pattern", st.text(max_size=16).filter(lambda value: not matches(pattern, value))))
    return out


def _refusals(owner: Owner, encoding: str) -> st.SearchStrategy[Change]:
    key = (owner.id, encoding)
    if key not in _REFUSALS:
        explicit = [change for change in changes(owner, encoding)[1] if change.outcome == "refused"]
        _REFUSALS[key] = st.one_of(st.sampled_from(explicit), *_random_changes(owner))
    return _REFUSALS[key]


@st.composite
def refused_cases(draw: st.DrawFn, spec: EndpointSpec) -> Case:
    owner, encoding = endpoint_owner(spec), encoding_of(spec)
    change = draw(_refusals(owner, encoding), label="refused change")
    start = draw(valid_object(owner, encoding), label="valid start")

    def choose(options: Sequence[str]) -> str:
        return draw(st.sampled_from(list(options)))

    args = build(owner, change, start, choose)
    assume(args is not None)
    assert args is not None
    return Case(spec.endpoint, change.label, args, "refused", change.hits, change.locs)
