"""Accepted and refused inputs of an owner (endpoint input or shared type), built from its spec.

Each :class:`Change` says what to set (or leave out) on a valid base object, which constraints it
exercises on the refused side, and where the error must point (``locs``, relative to the object).
Lists, refs and ``one_of`` recurse, so a bound inside ``color_palette.members[].rgb.r`` yields a
whole endpoint input that breaks exactly that bound. The same changes are applied to the minimal
base (explicit boundary cases) and to random bases (Hypothesis).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from contract_tests.constraints import cid, extra_id, matches_option, rule_id
from contract_tests.images import ACCEPTED_FORMATS, Form, Img
from contract_tests.rules import Choose, first, settle
from contract_tests.scalars import bad_image, bad_scalar, good_image, good_scalar, simple_scalar, wrong_types
from contract_tests.specdata import Owner, referenced_types, selected_endpoints, type_owner
from generator.spec.model import FieldSpec

__all__ = ["Change", "Loc", "base", "build", "changes", "expects_warning", "simple"]

Loc = tuple[str | int, ...]
Outcome = Literal["valid", "refused", "warned"]
EXTRA_KEY = "unexpected_field"


@dataclass(frozen=True)
class Change:
    """Set ``assign`` and drop ``absent`` on a base object, leaving rule ``skip`` broken."""

    label: str
    assign: Mapping[str, Any] = field(default_factory=dict)
    absent: tuple[str, ...] = ()
    skip: int | None = None
    outcome: Outcome = "valid"
    hits: frozenset[str] = frozenset()
    locs: tuple[Loc, ...] = ()
    group: str = ""  # the field it is about, "(rules)" or "(model)"


@dataclass(frozen=True)
class _Bad:
    label: str
    value: Any
    hits: frozenset[str]
    locs: tuple[Loc, ...] = ((),)
    warns: bool = False


def simple(spec: FieldSpec) -> Any:
    """One plain accepted value of any field."""
    if spec.one_of:
        return simple(spec.one_of[0])
    if spec.ref is not None:
        return base(type_owner(spec.ref))
    if spec.type == "array":
        assert spec.items is not None
        return [simple(spec.items)] * max(spec.min_items or 0, 1)
    return simple_scalar(spec)


_BASES: dict[str, dict[str, Any]] = {}
_CHANGES: dict[tuple[str, str], tuple[list[Change], list[Change]]] = {}


def base(owner: Owner) -> dict[str, Any]:
    """The minimal valid object: required fields only (plus what the rules demand)."""
    if owner.id not in _BASES:
        start = {spec.json_name: simple(spec) for spec in owner.fields if spec.required}
        settled = settle(owner, start, simple)
        assert settled is not None, f"{owner.id}: no valid minimal object"
        _BASES[owner.id] = settled
    return dict(_BASES[owner.id])


def build(owner: Owner, change: Change, start: Mapping[str, Any], choose: Choose = first) -> dict[str, Any] | None:
    """``start`` with ``change`` applied and every other rule repaired; None if impossible."""
    obj = {key: value for key, value in start.items() if key not in change.absent}
    obj.update(change.assign)
    return settle(
        owner,
        obj,
        simple,
        keep=frozenset(change.assign),
        absent=frozenset(change.absent),
        skip=change.skip,
        choose=choose,
    )


def expects_warning(owner: Owner, obj: Mapping[str, Any]) -> bool:
    """Whether a list in ``obj`` has more items than its ``used_items`` (IgnoredItemsWarning)."""
    for spec in owner.fields:
        value = obj.get(spec.json_name)
        if _warns(spec, value):
            return True
    return False


def _warns(spec: FieldSpec, value: Any) -> bool:
    if isinstance(value, list):
        if spec.used_items is not None and len(value) > spec.used_items:
            return True
        return spec.items is not None and any(_warns(spec.items, item) for item in value)
    if isinstance(value, Mapping):
        options = [spec, *spec.one_of]
        return any(expects_warning(type_owner(option.ref), value) for option in options if option.ref is not None)
    return False


# ------------------------------------------------------------------------------------------ values


def _good_values(spec: FieldSpec, encoding: str, thin: frozenset[str]) -> list[tuple[str, Any]]:
    values: list[tuple[str, Any]] = [("None", None)] if spec.nullable else []
    if spec.one_of:
        for index, option in enumerate(spec.one_of):
            values.extend((f"|{index} {label}", value) for label, value in _good_values(option, encoding, thin))
        return values
    if spec.ref is not None:
        owner = type_owner(spec.ref)
        values.append(("minimal", base(owner)))
        if spec.ref in thin:
            return values
        for change in changes(owner, encoding)[0]:
            obj = build(owner, change, base(owner))
            if obj is not None:
                values.append((f"{{{change.label}}}", obj))
        return values
    if spec.type == "array":
        return values + _good_lists(spec, encoding, thin)
    if spec.type == "image":
        return values + [(repr(value), value) for value in good_image(spec, encoding)]
    return values + [(repr(value), value) for value in good_scalar(spec)]


def _good_lists(spec: FieldSpec, encoding: str, thin: frozenset[str]) -> list[tuple[str, Any]]:
    assert spec.items is not None
    item = simple(spec.items)
    least = spec.min_items or 0
    values: list[tuple[str, Any]] = []
    for count in sorted({count for count in (least, spec.max_items, spec.used_items) if count is not None}):
        values.append((f"{count} items", [item] * count))
    if spec.total_max_bytes is not None and spec.items.type == "image":
        half = spec.total_max_bytes // 2
        pair = [Img("png", "data_uri", nbytes=half), Img("png", "path", nbytes=spec.total_max_bytes - half)]
        values.append((f"{spec.total_max_bytes} bytes in total", pair))
    pad = [item] * max(least - 1, 0)
    for label, value in _good_values(spec.items, encoding, thin):
        values.append((f"[{label}]", [value, *pad]))
    return values


def _type_bads(spec: FieldSpec, path: str, owner_id: str, encoding: str) -> list[_Bad]:
    hits = frozenset({cid(owner_id, path, "type")})
    bads = []
    for label, value in wrong_types(spec, simple(spec), encoding):
        if spec.one_of and any(matches_option(option, value) for option in spec.one_of):
            continue
        bads.append(_Bad(f"{label} {value!r}"[:60], value, hits))
    return bads


def _bad_values(owner_id: str, path: str, spec: FieldSpec, encoding: str, thin: frozenset[str]) -> list[_Bad]:
    """Refused values of one field, list item or alternative (null is handled by the owner)."""
    bads: list[_Bad] = []
    if spec.one_of:
        bads.extend(_type_bads(spec, path, owner_id, encoding))
        for index, option in enumerate(spec.one_of):
            others = [other for number, other in enumerate(spec.one_of) if number != index]
            for bad in _bad_values(owner_id, f"{path}|{index}", option, encoding, thin):
                if any(matches_option(other, bad.value) for other in others):
                    continue  # might be valid for another alternative
                bads.append(replace(bad, label=f"|{index} {bad.label}", locs=((),)))
        return bads
    if spec.ref is not None:
        bads.extend(_type_bads(spec, path, owner_id, encoding))
        owner = type_owner(spec.ref)
        seen: set[frozenset[str]] = set()
        for change in changes(owner, encoding)[1]:
            if spec.ref in thin and change.hits in seen:
                continue  # away from the type's home endpoint: one case per constraint is enough
            seen.add(change.hits)
            obj = build(owner, change, base(owner))
            if obj is not None:
                bads.append(_Bad(f"{{{change.label}}}", obj, change.hits, change.locs, change.outcome == "warned"))
        return bads
    bads.extend(_type_bads(spec, path, owner_id, encoding))
    if spec.type == "array":
        return bads + _bad_lists(owner_id, path, spec, encoding, thin)
    found = bad_image(spec, encoding) if spec.type == "image" else bad_scalar(spec)
    bads.extend(_Bad(label, value, frozenset({cid(owner_id, path, kind)})) for kind, label, value in found)
    return bads


def _bad_lists(owner_id: str, path: str, spec: FieldSpec, encoding: str, thin: frozenset[str]) -> list[_Bad]:
    assert spec.items is not None
    item = simple(spec.items)
    least = spec.min_items or 0
    bads: list[_Bad] = []

    def hit(kind: str) -> frozenset[str]:
        return frozenset({cid(owner_id, path, kind)})

    if spec.min_items:
        bads.append(_Bad(f"{spec.min_items - 1} items", [item] * (spec.min_items - 1), hit("items-min")))
    if spec.max_items is not None:
        bads.append(_Bad(f"{spec.max_items + 1} items", [item] * (spec.max_items + 1), hit("items-max")))
    if spec.used_items is not None and (spec.max_items is None or spec.max_items > spec.used_items):
        count = max(spec.used_items + 1, least)
        bads.append(_Bad(f"{count} items (warned)", [item] * count, hit("used_items"), warns=True))
    if spec.total_max_bytes is not None and spec.items.type == "image":
        total = spec.total_max_bytes
        half = total // 2
        over = [Img("png", "bytes", nbytes=half), Img("png", "path", nbytes=total - half + 1)]
        bads.append(_Bad(f"{total + 1} bytes over 2 items", over, hit("total_max_bytes")))
        single = [Img("png", "data_uri", nbytes=total + 1), *[item] * max(least - 1, 0)]
        bads.append(_Bad(f"{total + 1} bytes in 1 item", single, hit("total_max_bytes")))
    pad = [item] * max(least - 1, 0)
    item_path = f"{path}[]"
    null_item = _Bad("None item", [None, *pad], frozenset({cid(owner_id, item_path, "type")}), ((0,),))
    bads.append(null_item)
    for bad in _bad_values(owner_id, item_path, spec.items, encoding, thin):
        locs = tuple((0, *loc) for loc in bad.locs)
        bads.append(replace(bad, label=f"[{bad.label}]", value=[bad.value, *pad], locs=locs))
    return bads


# ------------------------------------------------------------------------------------------ owners


def _rule_changes(owner: Owner, index: int, encoding: str) -> tuple[list[Change], list[Change]]:
    rule = owner.rules[index]
    specs = [owner.field(name) for name in rule.fields]
    names = [spec.json_name for spec in specs]
    values = {spec.json_name: simple(spec) for spec in specs}
    hits = frozenset({rule_id(owner, index)})
    locs: tuple[Loc, ...] = ((),) if owner.is_type else tuple((name,) for name in names)
    kind = rule.kind
    goods: list[Change] = []
    bads: list[Change] = []

    def bad(label: str, assign: Mapping[str, Any], absent: tuple[str, ...] = ()) -> Change:
        return Change(f"{kind}: {label}", assign, absent, index, "refused", hits, locs)

    if kind in ("mutually_exclusive", "exactly_one"):
        for name in names:
            others = tuple(other for other in names if other != name)
            goods.append(Change(f"{kind}: only {name}", {name: values[name]}, others))
        bads.append(bad("all set", values))
        if kind == "exactly_one":
            bads.append(bad("none set", {}, tuple(names)))
    elif kind == "requires":
        trigger, partner = names
        goods.append(Change(f"requires: {trigger} with {partner}", values))
        goods.append(Change(f"requires: {partner} alone", {partner: values[partner]}, (trigger,)))
        bads.append(bad(f"{trigger} without {partner}", {trigger: values[trigger]}, (partner,)))
    else:  # same_dimensions
        formats = [spec.formats or ACCEPTED_FORMATS for spec in specs]
        local_b: Form = "base64" if encoding == "base64" else "data_uri"
        goods.append(
            Change("same_dimensions: equal", {names[0]: Img(formats[0][0]), names[1]: Img(formats[1][-1], "path")})
        )
        goods.append(
            Change("same_dimensions: one remote", {names[0]: Img(formats[0][-1], local_b), names[1]: values[names[1]]})
        )
        bads.append(
            bad("width", {names[0]: Img(formats[0][0], size=(8, 8)), names[1]: Img(formats[1][0], "path", (9, 8))})
        )
        bads.append(
            bad(
                "height",
                {names[0]: Img(formats[0][-1], local_b, (8, 8)), names[1]: Img(formats[1][-1], "bytes", (8, 9))},
            )
        )
    return goods, bads


def changes(owner: Owner, encoding: str) -> tuple[list[Change], list[Change]]:
    """(accepted, refused-or-warned) changes of ``owner``: every field value and every rule."""
    key = (owner.id, encoding)
    if key not in _CHANGES:
        _CHANGES[key] = _changes(owner, encoding)
    return _CHANGES[key]


def _thin_types(owner: Owner) -> frozenset[str]:
    """Shared types whose full cases live on another endpoint (their home: the first selected user)."""
    if owner.is_type:
        return frozenset()
    homes: dict[str, str] = {}
    for spec in selected_endpoints():
        for name in referenced_types(spec.input):
            homes.setdefault(name, spec.endpoint)
    return frozenset(name for name, home in homes.items() if home != owner.id)


def _changes(owner: Owner, encoding: str) -> tuple[list[Change], list[Change]]:
    goods: list[Change] = []
    bads: list[Change] = []
    thin = _thin_types(owner)
    for spec in owner.fields:
        wire, group = spec.json_name, spec.name
        for label, value in _good_values(spec, encoding, thin):
            goods.append(Change(f"{spec.name}={label}", {wire: value}, group=group))
        for bad in _bad_values(owner.id, spec.name, spec, encoding, thin):
            outcome: Outcome = "warned" if bad.warns else "refused"
            locs = tuple((wire, *loc) for loc in bad.locs)
            label = f"{spec.name}: {bad.label}"
            bads.append(Change(label, {wire: bad.value}, (), None, outcome, bad.hits, locs, group))
        if not spec.nullable:
            null_hit = frozenset({cid(owner.id, spec.name, "nullable")})
            bads.append(Change(f"{spec.name}: None", {wire: None}, (), None, "refused", null_hit, ((wire,),), group))
        if spec.required:
            missing = frozenset({cid(owner.id, spec.name, "required")})
            bads.append(Change(f"{spec.name} missing", {}, (wire,), None, "refused", missing, ((wire,),), group))
    extra = frozenset({extra_id(owner)})
    bads.append(Change("extra key", {EXTRA_KEY: 1}, (), None, "refused", extra, ((EXTRA_KEY,),), "(model)"))
    for index in range(len(owner.rules)):
        rule_goods, rule_bads = _rule_changes(owner, index, encoding)
        goods.extend(replace(change, group="(rules)") for change in rule_goods)
        bads.extend(replace(change, group="(rules)") for change in rule_bads)
    return goods, bads
