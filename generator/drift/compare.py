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

from collections.abc import Iterator
from dataclasses import dataclass, field

from generator.drift.curation import Register
from generator.drift.differences import Difference, Kind, Owner
from generator.drift.match import match_listing
from generator.drift.model import DocField, Fact, Role
from generator.drift.page_rules import Copy, Witness, doc_rules, type_rules, unstated_rules
from generator.drift.pages import DocSet
from generator.drift.specload import DOCS_PREFIX
from generator.drift.values import (
    LABELS,
    VALUE_ASPECTS,
    agrees,
    enum_message,
    fact_value,
    note_tokens,
    printed,
    show,
    spec_type,
    spec_value,
    type_fits,
)
from generator.spec.model import FieldSpec, SpecSet


@dataclass
class Outcome:
    unexplained: list[Difference] = field(default_factory=list)
    explained: int = 0
    covered: int = 0
    copies: int = 0


def compare(specs: SpecSet, docs: DocSet, register: Register) -> Outcome:
    outcome = Outcome()
    all_owners = register.owners
    witnesses: list[Witness] = []
    for owner in all_owners:
        copies = list(_copies(owner, docs, outcome))
        outcome.copies += sum(not copy.listing.partial for copy in copies)
        for copy in copies:
            for diff in _copy_differences(copy, specs, register, witnesses):
                _settle(diff, copies, register, outcome)
        if owner.kind == "endpoint":
            for copy in copies:
                if copy.role == "input" and not copy.listing.partial:
                    for diff in unstated_rules(copy, register):
                        _settle(diff, copies, register, outcome)
    for owner in all_owners:
        if owner.kind == "type":
            for diff in type_rules(owner, witnesses, register):
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


def _copy_differences(copy: Copy, specs: SpecSet, register: Register, witnesses: list[Witness]) -> Iterator[Difference]:
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
        yield from doc_rules(copy, specs, register, witnesses)


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
        label = LABELS[aspect]
        for fact in facts:
            if not agrees(spec, fact):
                tokens = note_tokens(fact)
                shown = show(aspect, value) if present else "none"
                message = f"doc says {label} {printed(fact)}, spec says {shown}"
                if aspect == "enum":
                    message = enum_message(fact, value)
                yield diff(aspect, message, fact.line, fact, tokens, fact_value(fact, spec), value if present else None)
        if not facts and present:
            yield diff(
                aspect, f"doc states no {label}, spec says {show(aspect, value)}", doc.line, None, (), None, value
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
