"""The specs' cross-field rules, read independently of the package, and a repair step.

:func:`settle` makes an object satisfy every rule except one left broken on purpose, without
touching the fields a case pins (set or absent); ``choose`` picks among options, so explicit cases
stay deterministic and Hypothesis can explore. It returns None when the pins make that impossible.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from contract_tests.images import DEFAULT_SIZE, Img
from contract_tests.specdata import Owner
from generator.spec.model import FieldSpec, RuleSpec

__all__ = ["Choose", "first", "settle", "violated"]

Choose = Callable[[Sequence[str]], str]


def first(options: Sequence[str]) -> str:
    return options[0]


def _wire(owner: Owner, rule: RuleSpec) -> list[str]:
    return [owner.field(name).json_name for name in rule.fields]


def _given(names: list[str], obj: Mapping[str, Any]) -> list[str]:
    """The rule's fields that are set: present and not None (None on a nullable field means unset)."""
    return [name for name in names if obj.get(name) is not None]


def violated(owner: Owner, rule: RuleSpec, obj: Mapping[str, Any]) -> bool:
    names = _wire(owner, rule)
    given = _given(names, obj)
    if rule.kind == "mutually_exclusive":
        return len(given) > 1
    if rule.kind == "exactly_one":
        return len(given) != 1
    if rule.kind == "requires":
        return obj.get(names[0]) is not None and obj.get(names[1]) is None
    sizes = {obj[name].size or DEFAULT_SIZE for name in given if isinstance(obj[name], Img)}
    return len(sizes) > 1


def settle(
    owner: Owner,
    obj: Mapping[str, Any],
    simple: Callable[[FieldSpec], Any],
    *,
    keep: frozenset[str] = frozenset(),
    absent: frozenset[str] = frozenset(),
    skip: int | None = None,
    choose: Choose = first,
) -> dict[str, Any] | None:
    """``obj`` repaired to satisfy ``owner``'s rules (except rule ``skip``), or None if it cannot be."""
    result = dict(obj)
    needed = set(keep)
    required = {spec.json_name for spec in owner.fields if spec.required}
    for _ in range(4 * len(owner.rules) + 1):
        broken = [i for i, rule in enumerate(owner.rules) if i != skip and violated(owner, rule, result)]
        if not broken:
            return result
        rule = owner.rules[broken[0]]
        names = _wire(owner, rule)
        given = _given(names, result)
        if rule.kind in ("mutually_exclusive", "exactly_one") and len(given) > 1:
            fixed = [name for name in given if name in needed or name in required]
            if len(fixed) > 1:
                return None
            survivor = fixed[0] if fixed else choose(given)
            for name in given:
                if name != survivor:
                    del result[name]
        elif rule.kind == "exactly_one":
            options = [name for name in names if name not in absent and not (name in needed and name in result)]
            if not options:
                return None
            name = choose(options)
            result[name] = simple(owner.field(rule.fields[names.index(name)]))
            needed.add(name)
        elif rule.kind == "requires":
            trigger, partner = names
            if partner in absent:
                if trigger in needed or trigger in required:
                    return None
                del result[trigger]
            else:
                result[partner] = simple(owner.field(rule.fields[1]))
                needed.add(partner)
        else:  # same_dimensions: sizes are set on purpose by the cases that break it
            return None
    return None
