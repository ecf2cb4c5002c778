"""Every constraint the specs state, as stable ids, and which of them a valid input exercises.

An id is ``<owner>:<field path>:<kind>``: the owner is an endpoint id or ``types.<Name>``; the
path uses ``[]`` for list items and ``|<n>`` for a ``one_of`` alternative; model-wide entries use
``(model)`` and rules ``(rules)``. For example ``fal-ai/ideogram/v3:num_images:range-max``,
``types.RGBColor:r:range-min``, ``magnific/ideogram-image-edit:(rules):requires(character_reference_images,style_type)``.

Most constraints need a test on both sides: an accepted value (at the boundary, where there is
one) and a refused one. A few have one side only (a default, a nullable field, an output enum).
For ``used_items`` the "invalid" side is "accepted with an IgnoredItemsWarning".
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from contract_tests.images import Img, nbytes_of
from contract_tests.specdata import DEFAULT_SCHEMES, SPECS, Owner, endpoint_owner, referenced_types, type_owner
from generator.spec.model import EndpointSpec, FieldSpec, RuleSpec

__all__ = [
    "BOTH",
    "Constraint",
    "Side",
    "all_constraints",
    "cid",
    "default_id",
    "extra_id",
    "is_url",
    "output_id",
    "rule_id",
    "valid_hits",
]

Side = Literal["valid", "invalid"]
BOTH: tuple[Side, ...] = ("valid", "invalid")
VALID_ONLY: tuple[Side, ...] = ("valid",)


@dataclass(frozen=True)
class Constraint:
    id: str
    owner: str
    field: str
    kind: str
    sides: tuple[Side, ...]


def cid(owner: str, field: str, kind: str) -> str:
    return f"{owner}:{field}:{kind}"


def rule_id(owner: Owner, index: int) -> str:
    rule = owner.rules[index]
    kind = f"{rule.kind}({','.join(rule.fields)})"
    same = [i for i, other in enumerate(owner.rules) if (other.kind, other.fields) == (rule.kind, rule.fields)]
    if len(same) > 1:
        kind += f"#{same.index(index)}"
    return cid(owner.id, "(rules)", kind)


def extra_id(owner: Owner) -> str:
    return cid(owner.id, "(model)", "extra")


def default_id(owner: Owner, spec: FieldSpec) -> str:
    return cid(owner.id, spec.name, "default")


def output_id(endpoint: str, name: str, kind: str) -> str:
    return cid(endpoint, f"output.{name}", kind)


def _c(owner: Owner, path: str, kind: str, sides: tuple[Side, ...] = BOTH) -> Constraint:
    return Constraint(cid(owner.id, path, kind), owner.id, path, kind, sides)


def field_constraints(owner: Owner, spec: FieldSpec) -> Iterator[Constraint]:
    """A member field's constraints: its type, presence and null handling, default and value rules."""
    yield _c(owner, spec.name, "type")
    if spec.required:
        yield _c(owner, spec.name, "required")
    yield _c(owner, spec.name, "nullable", VALID_ONLY if spec.nullable else BOTH)
    if spec.has_default:
        yield _c(owner, spec.name, "default", VALID_ONLY)
    yield from value_constraints(owner, spec.name, spec)


def value_constraints(owner: Owner, path: str, spec: FieldSpec) -> Iterator[Constraint]:
    """Constraints on a value (also of list items and one_of alternatives); refs live on their type."""
    for key, kind in (
        ("minimum", "range-min"),
        ("maximum", "range-max"),
        ("exclusive_minimum", "range-xmin"),
        ("exclusive_maximum", "range-xmax"),
        ("min_length", "length-min"),
        ("max_length", "length-max"),
        ("min_items", "items-min"),
        ("max_items", "items-max"),
    ):
        if getattr(spec, key) is not None:
            yield _c(owner, path, kind)
    if spec.enum is not None:
        yield _c(owner, path, "enum")
    if spec.pattern is not None:
        yield _c(owner, path, "pattern")
    if spec.format is not None:
        yield _c(owner, path, "format")
    if spec.type == "image":
        if spec.formats is not None:
            yield _c(owner, path, "formats")
        yield _c(owner, path, "schemes")
        yield _c(owner, path, "regular_file")  # a path must name a regular file (a FIFO would block)
        yield _c(owner, path, "declared_type")  # a data: URI's media type names the format of its bytes
        yield _c(owner, path, "readable_header")  # dimensions readable, so size rules are never skipped
        if spec.max_bytes is not None:
            yield _c(owner, path, "max_bytes")
    if spec.total_max_bytes is not None:
        yield _c(owner, path, "total_max_bytes")
    if spec.used_items is not None:
        yield _c(owner, path, "used_items")
    if spec.items is not None:
        yield _c(owner, f"{path}[]", "type")
        yield from value_constraints(owner, f"{path}[]", spec.items)
    for index, option in enumerate(spec.one_of):
        yield from value_constraints(owner, f"{path}|{index}", option)


def owner_constraints(owner: Owner) -> Iterator[Constraint]:
    for spec in owner.fields:
        yield from field_constraints(owner, spec)
    yield Constraint(extra_id(owner), owner.id, "(model)", "extra", BOTH)
    for index in range(len(owner.rules)):
        ident = rule_id(owner, index)
        yield Constraint(ident, owner.id, "(rules)", ident.rsplit(":", 1)[1], BOTH)


def output_constraints(spec: EndpointSpec) -> Iterator[Constraint]:
    for field in spec.output:
        if field.required:
            ident = output_id(spec.endpoint, field.name, "required")
            yield Constraint(ident, spec.endpoint, f"output.{field.name}", "required", BOTH)
        if field.enum is not None:
            ident = output_id(spec.endpoint, field.name, "enum")
            yield Constraint(ident, spec.endpoint, f"output.{field.name}", "enum", VALID_ONLY)


def all_constraints(endpoints: tuple[EndpointSpec, ...] | None = None) -> list[Constraint]:
    """Every constraint of ``endpoints`` (default: all) and of the shared types their inputs use."""
    chosen = SPECS.endpoints if endpoints is None else endpoints
    found: list[Constraint] = []
    for spec in chosen:
        found.extend(owner_constraints(endpoint_owner(spec)))
        found.extend(output_constraints(spec))
    types = referenced_types(tuple(field for spec in chosen for field in spec.input))
    for name in types:
        found.extend(owner_constraints(type_owner(name)))
    ids = [item.id for item in found]
    duplicates = {ident for ident in ids if ids.count(ident) > 1}
    assert not duplicates, f"constraint ids are not unique: {sorted(duplicates)}"
    return found


# ----------------------------------------------------------------------------- valid-side analysis


def is_url(value: object) -> bool:
    return isinstance(value, str) and value.split(":", 1)[0].lower() in ("http", "https", "ftp") and "://" in value


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _step_up(bound: float, integer: bool) -> float:
    return bound + 1 if integer else math.nextafter(bound, math.inf)


def _step_down(bound: float, integer: bool) -> float:
    return bound - 1 if integer else math.nextafter(bound, -math.inf)


def matches_option(option: FieldSpec, value: object) -> bool:
    """Whether ``value`` is meant for this one_of alternative (objects go to refs, scalars by type)."""
    if option.ref is not None:
        return isinstance(value, Mapping)
    expected = _PYTHON_TYPES.get(option.type or "", object)
    return isinstance(value, expected) and (option.type == "boolean" or not isinstance(value, bool))


#: The Python values a test may pass for each spec type (images also as markers and paths).
_PYTHON_TYPES: dict[str, type | tuple[type, ...]] = {
    "string": str,
    "integer": int,
    "number": (int, float),
    "boolean": bool,
    "array": list,
    "image": (str, bytes, Path, Img),
}


def valid_hits(owner: Owner, obj: Mapping[str, Any]) -> set[str]:
    """Constraint ids whose valid side ``obj`` (an accepted input of ``owner``) exercises.

    Bounds count only when a value sits exactly on them, so "range-min valid" means "the minimum
    itself was accepted"; enums, patterns and types count for any accepted value.
    """
    hits = {extra_id(owner)}
    for spec in owner.fields:
        if spec.json_name not in obj:
            continue
        value = obj[spec.json_name]
        hits.add(cid(owner.id, spec.name, "type"))
        hits.add(cid(owner.id, spec.name, "nullable"))
        if spec.required:
            hits.add(cid(owner.id, spec.name, "required"))
        if value is not None:
            _value_hits(owner, spec.name, spec, value, hits)
    for index, rule in enumerate(owner.rules):
        if _rule_engaged(rule, obj, owner):
            hits.add(rule_id(owner, index))
    return hits


def _rule_engaged(rule: RuleSpec, obj: Mapping[str, Any], owner: Owner) -> bool:
    """A satisfied rule counts as tested when the input actually involves it."""
    wire = [owner.field(name).json_name for name in rule.fields]
    given = [name for name in wire if name in obj]
    if rule.kind == "requires":
        return wire[0] in obj
    if rule.kind == "same_dimensions":
        return sum(isinstance(obj[name], Img) for name in given) >= 2
    return bool(given)


def _value_hits(owner: Owner, path: str, spec: FieldSpec, value: Any, hits: set[str]) -> None:
    here = owner.id
    if spec.one_of:
        for index, option in enumerate(spec.one_of):
            if matches_option(option, value):
                _value_hits(owner, f"{path}|{index}", option, value, hits)
                return
        return
    if spec.ref is not None:
        if isinstance(value, Mapping):
            hits.update(valid_hits(type_owner(spec.ref), value))
        return
    if spec.enum is not None and value in spec.enum:
        hits.add(cid(here, path, "enum"))
    if isinstance(value, int | float) and not isinstance(value, bool):
        integer = spec.type == "integer"
        for bound, kind, target in (
            (spec.minimum, "range-min", lambda b: b),
            (spec.maximum, "range-max", lambda b: b),
            (spec.exclusive_minimum, "range-xmin", lambda b: _step_up(b, integer)),
            (spec.exclusive_maximum, "range-xmax", lambda b: _step_down(b, integer)),
        ):
            if bound is not None and value == target(bound):
                hits.add(cid(here, path, kind))
    if isinstance(value, str) and spec.type == "string":
        if spec.pattern is not None:
            hits.add(cid(here, path, "pattern"))
        if spec.format is not None:
            hits.add(cid(here, path, "format"))
        if spec.min_length is not None and len(value) == spec.min_length:
            hits.add(cid(here, path, "length-min"))
        if spec.max_length is not None and len(value) == spec.max_length:
            hits.add(cid(here, path, "length-max"))
    if spec.type == "image":
        if isinstance(value, Img):
            if spec.formats is not None and value.fmt in spec.formats:
                hits.add(cid(here, path, "formats"))
            if spec.max_bytes is not None and value.nbytes == spec.max_bytes:
                hits.add(cid(here, path, "max_bytes"))
            if value.form == "path":
                hits.add(cid(here, path, "regular_file"))
            if value.form == "data_uri":
                hits.add(cid(here, path, "declared_type"))
            hits.add(cid(here, path, "readable_header"))
        elif is_url(value) and value.split(":", 1)[0].lower() in (spec.schemes or DEFAULT_SCHEMES):
            hits.add(cid(here, path, "schemes"))
    if isinstance(value, list):
        count = len(value)
        if spec.min_items is not None and count == spec.min_items:
            hits.add(cid(here, path, "items-min"))
        if spec.max_items is not None and count == spec.max_items:
            hits.add(cid(here, path, "items-max"))
        if spec.used_items is not None and 1 <= count <= spec.used_items:
            hits.add(cid(here, path, "used_items"))
        if spec.total_max_bytes is not None:
            total = sum(nbytes_of(item) for item in value if isinstance(item, Img))
            if total == spec.total_max_bytes:
                hits.add(cid(here, path, "total_max_bytes"))
        if spec.items is not None:
            for item in value:
                hits.add(cid(here, f"{path}[]", "type"))
                _value_hits(owner, f"{path}[]", spec.items, item, hits)
