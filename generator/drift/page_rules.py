"""Cross-field rules in the pages against the specs' ``rules:``, and the copies they are read in.

A :class:`Copy` is one listing compared with one owner's fields; sentences on its fields ("Cannot be
used with style_codes.") must match a spec rule, and each spec rule must be stated by some copy.
Type rules ("either name or members") are printed on the fields that use the type, so they are
gathered as :class:`Witness` es from every endpoint and compared once per type.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from generator.drift.curation import Register
from generator.drift.differences import Difference, Owner
from generator.drift.match import Match
from generator.drift.model import DocPage, Listing, Role, Sentence
from generator.spec.model import FieldSpec, RuleSpec, SpecSet

#: Nouns the pages use for another field in a dimension sentence, and the field names they mean.
_NOUNS = {
    "mask": ("mask_url", "mask"),
    "mask image": ("mask_url", "mask"),
    "input image": ("image_url", "image"),
    "image being edited": ("image_url", "image"),
    "image": ("image_url", "image"),
}
_IDENTIFIER = re.compile(r"[a-z_][a-z0-9_]*")


@dataclass
class Copy:
    """One listing compared with one owner's fields."""

    owner: Owner
    page: DocPage
    listing: Listing
    role: Role
    match: Match
    stated_rules: set[int] = field(default_factory=set)


@dataclass(frozen=True)
class Witness:
    """A doc sentence about a type's fields, printed on a field that uses the type."""

    type_name: str
    names: tuple[str, ...]
    resolved: bool
    sentence: Sentence
    page: DocPage


@dataclass(frozen=True)
class _DocRule:
    kind: str
    names: tuple[str, ...]  # spec field names, or printed names where unresolved
    unresolved: tuple[str, ...]
    subject: FieldSpec
    sentence: Sentence

    @property
    def key(self) -> tuple[str, tuple[str, ...]]:
        return self.kind, self.names if self.kind == "requires" else tuple(sorted(self.names))


def _rule_key(rule: RuleSpec) -> tuple[str, tuple[str, ...]]:
    return rule.kind, rule.fields if rule.kind == "requires" else tuple(sorted(rule.fields))


def _resolve(target: str, fields: tuple[FieldSpec, ...]) -> str | None:
    names = {spec.name for spec in fields}
    if target in names:
        return target
    return next((name for name in _NOUNS.get(target.lower(), ()) if name in names), None)


def doc_rules(copy: Copy, specs: SpecSet, register: Register, witnesses: list[Witness]) -> Iterator[Difference]:
    owner, fields = copy.owner, copy.owner.roles[copy.role]
    seen: set[tuple[str, tuple[str, ...]]] = set()
    for doc, spec in copy.match.pairs:
        for sentence in doc.sentences:
            if sentence.kind == "exactly_one":
                _witness(spec, sentence, copy.page, specs, witnesses)
                continue
            for target in sentence.targets:
                resolved = _resolve(target, fields)
                names = (resolved or target, spec.name)
                rule = _DocRule(sentence.kind, names, () if resolved else (target,), spec, sentence)
                if rule.key in seen:
                    continue
                seen.add(rule.key)
                matched = _find_rule(owner, rule, register)
                if matched is not None:
                    copy.stated_rules.add(id(matched))
                    register.compared(matched)
                    continue
                fields_text = ", ".join(rule.names)
                message = f'doc says "{sentence.text}", spec has no {sentence.kind} rule on {fields_text}'
                tokens = rule.names
                yield Difference(
                    owner,
                    "rule",
                    spec.name,
                    message,
                    copy.page,
                    sentence.line,
                    copy.listing,
                    spec,
                    doc,
                    None,
                    tokens,
                    sentence=sentence,
                )


def _find_rule(owner: Owner, rule: _DocRule, register: Register) -> RuleSpec | None:
    for spec_rule in owner.rules:
        if _rule_key(spec_rule) == rule.key:
            return spec_rule
    if not rule.unresolved:
        return None
    known = [name for name in rule.names if name not in rule.unresolved]
    for spec_rule in owner.rules:
        if (
            spec_rule.kind == rule.kind
            and len(spec_rule.fields) == len(rule.names)
            and set(known) <= set(spec_rule.fields)
            and register.renamed(spec_rule, owner, rule.unresolved)
        ):
            return spec_rule
    return None


def unstated_rules(copy: Copy, register: Register) -> Iterator[Difference]:
    for rule in copy.owner.rules:
        register.compared(rule)
        if id(rule) not in copy.stated_rules:
            names = ", ".join(rule.fields)
            message = f"doc does not state the {rule.kind} rule on {names}, spec has it"
            yield Difference(
                copy.owner,
                "unstated",
                f"rule {rule.kind}({names})",
                message,
                copy.page,
                copy.listing.line,
                copy.listing,
                rule=rule,
            )


def _witness(spec: FieldSpec, sentence: Sentence, page: DocPage, specs: SpecSet, witnesses: list[Witness]) -> None:
    type_name = spec.ref or (spec.items.ref if spec.items is not None else None)
    if type_name is None or type_name not in specs.types:
        return
    names = {item.name for item in specs.types[type_name].fields}
    chosen: list[str] = []
    for part in sentence.targets:
        found = [word for word in _IDENTIFIER.findall(part) if word in names and word not in chosen]
        chosen.append(found[0] if found else part)
    witnesses.append(Witness(type_name, tuple(chosen), all(name in names for name in chosen), sentence, page))


def type_rules(owner: Owner, witnesses: list[Witness], register: Register) -> Iterator[Difference]:
    mine = [witness for witness in witnesses if witness.type_name == owner.label]
    if not mine:
        return
    stated: set[int] = set()
    reported: set[tuple[str, ...]] = set()
    for witness in mine:
        key = ("exactly_one", tuple(sorted(witness.names)))
        rule = next((rule for rule in owner.rules if _rule_key(rule) == key), None)
        if rule is not None:
            stated.add(id(rule))
            continue
        if key[1] in reported:
            continue
        reported.add(key[1])
        message = f'doc says "{witness.sentence.text}", spec has no exactly_one rule on {", ".join(witness.names)}'
        yield Difference(
            owner,
            "rule",
            "rules",
            message,
            witness.page,
            witness.sentence.line,
            sentence=witness.sentence,
            tokens=witness.names,
        )
    for rule in owner.rules:
        register.compared(rule)
        if id(rule) not in stated:
            names = ", ".join(rule.fields)
            yield Difference(
                owner,
                "unstated",
                f"rule {rule.kind}({names})",
                f"no page states the {rule.kind} rule on {names}, spec has it",
                None,
                None,
                rule=rule,
            )
