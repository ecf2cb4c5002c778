"""Compare parsed pages with the loaded specs and list every difference a note does not explain.

Which listing a spec is compared with: a ``source:`` citing ``page#Section`` compares the spec's
input (or a type's fields) with that "Other types" section; a whole page is compared (input and
output) when it documents this endpoint (fal pages name it; Magnific's page names none). Other
whole-page citations only back up quotes and names, except for the page's stray statements (a
Limitations line about another endpoint's field), compared wherever the field exists.

Each copy is compared on its own. A difference is dropped when a curation note explains it
(:mod:`.curation`), or — for the silence of a secondary copy (the client guide's own Input/Output)
— when a primary copy of the same endpoint states the fact (that statement is compared on its
own) or lists the field. Type rules ("either name or members, not both") are printed on the
fields that use the type, so they are gathered from every endpoint and compared once per type.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from generator.drift.curation import Register
from generator.drift.differences import Difference, Kind, Owner
from generator.drift.match import Match, match_listing
from generator.drift.model import Aspect, DocField, DocPage, Fact, Listing, Role, Sentence
from generator.drift.pages import DocSet
from generator.drift.specload import DOCS_PREFIX
from generator.spec.model import FieldSpec, RuleSpec, SpecSet

VALUE_ASPECTS: tuple[Aspect, ...] = (
    "default", "enum", "minimum", "maximum", "max_bytes", "total_max_bytes", "used_items", "formats", "schemes",
)  # fmt: skip
_LABELS = {
    "default": "default",
    "enum": "enum values",
    "minimum": "minimum",
    "maximum": "maximum",
    "max_bytes": "size cap",
    "total_max_bytes": "total size cap",
    "used_items": "items used",
    "formats": "formats",
    "schemes": "URL schemes",
}
#: Nouns the pages use for another field in a dimension sentence, and the field names they mean.
_NOUNS = {
    "mask": ("mask_url", "mask"),
    "mask image": ("mask_url", "mask"),
    "input image": ("image_url", "image"),
    "image being edited": ("image_url", "image"),
    "image": ("image_url", "image"),
}
_IDENTIFIER = re.compile(r"[a-z_][a-z0-9_]*")
_MISSING = object()


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
class _Witness:
    """A doc sentence about a type's fields, printed on a field that uses the type."""

    type_name: str
    names: tuple[str, ...]
    resolved: bool
    sentence: Sentence
    page: DocPage


@dataclass
class Outcome:
    unexplained: list[Difference] = field(default_factory=list)
    explained: int = 0
    covered: int = 0
    copies: int = 0


def compare(specs: SpecSet, docs: DocSet, register: Register) -> Outcome:
    outcome = Outcome()
    all_owners = register.owners
    witnesses: list[_Witness] = []
    for owner in all_owners:
        copies = list(_copies(owner, docs, outcome))
        outcome.copies += sum(not copy.listing.partial for copy in copies)
        for copy in copies:
            for diff in _copy_differences(copy, specs, register, witnesses):
                _settle(diff, copies, register, outcome)
        if owner.kind == "endpoint":
            for copy in copies:
                if copy.role == "input" and not copy.listing.partial:
                    for diff in _unstated_rules(copy, register):
                        _settle(diff, copies, register, outcome)
    for owner in all_owners:
        if owner.kind == "type":
            for diff in _type_rules(owner, witnesses, register):
                _settle(diff, [], register, outcome)
    for diff in _uncited(all_owners, docs):
        outcome.unexplained.append(diff)
    return outcome


def _settle(diff: Difference, copies: list[Copy], register: Register, outcome: Outcome) -> None:
    if register.explain(diff):
        outcome.explained += 1
    elif _covered(diff, copies):
        outcome.covered += 1
    else:
        outcome.unexplained.append(diff)


# --------------------------------------------------------------------------------------------- copies


def _copies(owner: Owner, docs: DocSet, outcome: Outcome) -> Iterator[Copy]:
    for ref in owner.pages:
        page = docs.pages.get(ref.page.removeprefix(DOCS_PREFIX))
        if page is None:
            continue
        if ref.section:
            listing = page.section(ref.section)
            if listing is None:
                message = f"the page has no section {ref.section!r} any more, spec cites it"
                outcome.unexplained.append(Difference(owner, "page", ref.section, message, page, None))
                continue
            role: Role = "fields" if owner.kind == "type" else "input"
            yield Copy(owner, page, listing, role, match_listing(listing, owner.roles[role]))
        elif owner.kind == "endpoint":
            documents_owner = page.endpoint in (None, owner.label)
            for listing in page.listings:
                if listing.section is None and (documents_owner or listing.partial):
                    yield Copy(owner, page, listing, listing.role, match_listing(listing, owner.roles[listing.role]))


def _covered(diff: Difference, copies: list[Copy]) -> bool:
    """A secondary copy's silence, covered by a primary copy of the same endpoint."""
    if diff.listing is None or diff.listing.primary or diff.fact is not None:
        return False
    for copy in copies:
        if not copy.listing.primary or copy.listing.role != diff.listing.role or copy.listing is diff.listing:
            continue
        if diff.kind == "unstated" and diff.rule is not None:
            if id(diff.rule) in copy.stated_rules:
                return True
            continue
        doc = copy.match.doc_for(diff.spec_field) if diff.spec_field is not None else None
        if doc is None:
            continue
        if diff.kind == "presence" or (diff.kind == "name" and doc.name is not None):
            return True
        if diff.kind in VALUE_ASPECTS and doc.stated(diff.kind):
            return True  # the primary copy's statement is compared on its own
    return False


# ---------------------------------------------------------------------------------------------- fields


def _copy_differences(
    copy: Copy, specs: SpecSet, register: Register, witnesses: list[_Witness]
) -> Iterator[Difference]:
    owner, page, listing = copy.owner, copy.page, copy.listing
    if listing.partial:  # stray statements: only what they state, only for fields the spec has
        for doc, spec in copy.match.pairs:
            yield from (diff for diff in _field_differences(copy, doc, spec) if diff.fact is not None)
        return
    for doc, spec in copy.match.pairs:
        if doc.complete:
            register.compared(spec)
            yield from _field_differences(copy, doc, spec)
    for spec in copy.match.missing:
        yield Difference(
            owner, "presence", spec.name, "doc does not list it, spec has it", page, listing.line, listing, spec
        )
    for doc in copy.match.extra:
        label = doc.name or f'unnamed field "{_first_words(doc)}"'
        kind = f" ({doc.type_text})" if doc.type_text else ""
        yield Difference(
            owner, "extra", label, f"doc lists it{kind}, spec lacks it", page, doc.line, listing, doc_field=doc
        )
    if copy.role in ("input", "fields"):
        yield from _doc_rules(copy, specs, register, witnesses)


def _first_words(doc: DocField) -> str:
    text = " ".join(doc.description.text.split())
    return text if len(text) <= 60 else text[:57] + "..."


def _field_differences(copy: Copy, doc: DocField, spec: FieldSpec) -> Iterator[Difference]:
    def diff(
        kind: Kind,
        message: str,
        line: int,
        fact: Fact | None = None,
        tokens: tuple[str, ...] = (),
        doc_value: object = None,
        spec_value: object = None,
    ) -> Difference:
        return Difference(
            copy.owner,
            kind,
            spec.name,
            message,
            copy.page,
            line,
            copy.listing,
            spec,
            doc,
            fact,
            tokens,
            doc_value=doc_value,
            spec_value=spec_value,
        )

    if doc.name is None:
        yield diff("name", "doc prints no name for it (matched by its description)", doc.line)
    doc_type = doc.type_text
    if doc_type and not type_fits(doc_type, spec):
        fact = doc.stated("type")[0]
        yield diff(
            "type",
            f"doc says type {doc_type}, spec says {spec_type(spec)}",
            fact.line,
            fact,
            (doc_type,),
            doc_type,
            spec_type(spec),
        )
    for fact in doc.stated("required"):
        if fact.value != spec.required:
            words = ("required", "optional") if fact.value else ("optional", "required")
            yield diff(
                "required", f"doc says {words[0]}, spec says {words[1]}", fact.line, fact, (), fact.value, spec.required
            )
    for aspect in VALUE_ASPECTS:
        present, value = spec_value(spec, aspect)
        facts = doc.stated(aspect)
        label = _LABELS[aspect]
        for fact in facts:
            if not _agrees(spec, fact):
                tokens = _tokens(fact)
                shown = show(aspect, value) if present else "none"
                message = f"doc says {label} {printed(fact)}, spec says {shown}"
                if aspect == "enum":
                    message = _enum_message(fact, value)
                yield diff(aspect, message, fact.line, fact, tokens, fact_value(fact, spec), value if present else None)
        if not facts and present:
            yield diff(
                aspect, f"doc states no {label}, spec says {show(aspect, value)}", doc.line, None, (), None, value
            )


def spec_value(spec: FieldSpec, aspect: Aspect) -> tuple[bool, object]:
    """Whether the spec states ``aspect`` for the field, and its value (doc terms: images, lists)."""
    items = spec.items
    member = next((option for option in spec.one_of if option.enum is not None), None)
    value: object
    if aspect == "default":
        return spec.has_default, spec.default
    if aspect == "enum":
        value = spec.enum if spec.enum is not None else (member.enum if member else (items.enum if items else None))
        return value is not None, tuple(str(item) for item in value) if isinstance(value, tuple) else value
    if aspect in ("max_bytes", "formats", "schemes"):
        own = getattr(spec, aspect)
        value = own if own is not None else (getattr(items, aspect) if items is not None else None)
        return value is not None, value
    value = getattr(spec, aspect)
    return value is not None, value


def _agrees(spec: FieldSpec, fact: Fact) -> bool:
    present, value = spec_value(spec, fact.aspect)
    if not present:
        return False
    if fact.aspect == "default":
        return _same_json(fact_value(fact, spec), value)
    if fact.aspect in ("enum", "formats", "schemes"):
        return isinstance(value, tuple) and set(map(str, value)) == set(map(str, fact.value))  # type: ignore[arg-type]
    if isinstance(fact.value, bool) or isinstance(value, bool):
        return fact.value == value
    if isinstance(fact.value, int | float) and isinstance(value, int | float):
        return float(fact.value) == float(value)
    return fact.value == value


def fact_value(fact: Fact, spec: FieldSpec | None) -> object:
    """A doc value in spec terms: a default coerced to the field's type unless printed in quotes."""
    if fact.aspect != "default" or not isinstance(fact.value, str):
        return fact.value
    text = fact.value
    kind = spec.type if spec is not None else None
    if kind == "boolean" and text in ("true", "false"):
        return text == "true"
    if kind in ("integer", "number") and re.fullmatch(r"-?\d+(?:\.\d+)?", text):
        return float(text) if "." in text else int(text)
    if kind is None and not fact.quoted:
        if text in ("true", "false"):
            return text == "true"
        if re.fullmatch(r"-?\d+", text):
            return int(text)
        if re.fullmatch(r"-?\d+\.\d+", text):
            return float(text)
    return text


def _same_json(left: object, right: object) -> bool:
    if isinstance(left, bool) or isinstance(right, bool):
        return left is right
    if isinstance(left, int | float) and isinstance(right, int | float):
        return float(left) == float(right)
    return left == right


def _tokens(fact: Fact) -> tuple[str, ...]:
    """What a note must quote to explain a stated difference: the value as the page prints it.

    For a list (enum values, formats) that is the whole printed list, not single members: notes
    often list an enum to compare it with another endpoint's, which must not explain a change.
    """
    return (fact.printed,)


def _enum_message(fact: Fact, value: object) -> str:
    doc_items = list(map(str, fact.value)) if isinstance(fact.value, tuple) else []
    spec_items = list(map(str, value)) if isinstance(value, tuple) else []
    if not spec_items:
        return f"doc says enum values {', '.join(doc_items)}, spec has no enum"
    parts = []
    added = [item for item in doc_items if item not in spec_items]
    dropped = [item for item in spec_items if item not in doc_items]
    if added:
        parts.append(f"doc adds enum value{'s' if len(added) > 1 else ''} {', '.join(added)}")
    if dropped:
        parts.append(f"doc drops enum value{'s' if len(dropped) > 1 else ''} {', '.join(dropped)}")
    return "; ".join(parts) + f" (spec: {', '.join(spec_items)})"


def printed(fact: Fact) -> str:
    if fact.aspect == "default":
        return f'"{fact.printed}"' if fact.quoted or fact.printed == "" else fact.printed
    if fact.aspect in ("formats", "schemes") and isinstance(fact.value, tuple):
        return ", ".join(fact.value)
    return fact.printed


def show(aspect: str, value: object) -> str:
    if aspect in ("max_bytes", "total_max_bytes") and isinstance(value, int):
        return f"{value // 1024**2}MB" if value % 1024**2 == 0 else f"{value} bytes"
    if isinstance(value, tuple):
        return ", ".join(map(str, value))
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    return str(value)


def type_fits(doc_type: str, spec: FieldSpec) -> bool:
    """Whether a doc type (``list<string>``, ``StyleEnum``, ``ImageSize | Enum``…) fits the spec field."""
    options = [part.strip() for part in doc_type.split("|")]
    if len(options) > 1:
        return len(options) == len(spec.one_of) and all(
            any(type_fits(option, member) for member in spec.one_of) for option in options
        )
    kind = options[0]
    if spec.one_of:
        return False
    if listed := re.fullmatch(r"list<(.+)>", kind):
        return spec.type == "array" and (spec.items is None or type_fits(listed.group(1), spec.items))
    simple = {
        "string": ("string", "image"),
        "integer": ("integer",),
        "float": ("number",),
        "number": ("number",),
        "boolean": ("boolean",),
    }
    if kind in simple:
        return spec.type in simple[kind]
    if kind.endswith("Enum"):
        return spec.type == "string" and spec.enum is not None
    if kind == "object" or kind.startswith("dict<"):
        return spec.type == "object"
    return spec.ref == kind


def spec_type(spec: FieldSpec) -> str:
    if spec.one_of:
        return " | ".join(spec_type(member) for member in spec.one_of)
    if spec.ref:
        return spec.ref
    if spec.type == "array" and spec.items is not None:
        return f"list<{spec_type(spec.items)}>"
    if spec.type == "string" and spec.enum is not None:
        return "string enum"
    return spec.type or "object"


# ----------------------------------------------------------------------------------------------- rules


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


def _doc_rules(copy: Copy, specs: SpecSet, register: Register, witnesses: list[_Witness]) -> Iterator[Difference]:
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


def _unstated_rules(copy: Copy, register: Register) -> Iterator[Difference]:
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


def _witness(spec: FieldSpec, sentence: Sentence, page: DocPage, specs: SpecSet, witnesses: list[_Witness]) -> None:
    type_name = spec.ref or (spec.items.ref if spec.items is not None else None)
    if type_name is None or type_name not in specs.types:
        return
    names = {item.name for item in specs.types[type_name].fields}
    chosen: list[str] = []
    for part in sentence.targets:
        found = [word for word in _IDENTIFIER.findall(part) if word in names and word not in chosen]
        chosen.append(found[0] if found else part)
    witnesses.append(_Witness(type_name, tuple(chosen), all(name in names for name in chosen), sentence, page))


def _type_rules(owner: Owner, witnesses: list[_Witness], register: Register) -> Iterator[Difference]:
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


# ---------------------------------------------------------------------------------------------- pages


def _uncited(all_owners: list[Owner], docs: DocSet) -> Iterator[Difference]:
    cited = {(ref.page.removeprefix(DOCS_PREFIX), ref.section) for owner in all_owners for ref in owner.pages}
    cited_pages = {page for page, _ in cited}
    placeholder = all_owners[0]
    for name, page in sorted(docs.pages.items()):
        if name not in cited_pages:
            yield Difference(placeholder, "page", "page", "no spec cites this page", page, None, label=page.display)
            continue
        for listing in page.listings:
            if listing.section is not None and (name, listing.section) not in cited:
                message = f"no spec cites section {listing.section!r} (a new type or endpoint?)"
                yield Difference(
                    placeholder, "page", listing.section, message, page, listing.line, listing, label=page.display
                )
