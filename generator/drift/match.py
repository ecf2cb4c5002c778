"""Pair the fields of a doc listing with spec fields: by name, else by description text.

A named doc field is its spec field. A nameless one (the text copy lost the name) is the spec field
whose ``source:`` quote or description it shares the most text with: a quote that occurs in the
doc field's text, or the doc field's first line occurring in a quote, scores its length; failing
both, the longest common run of text counts if it is long enough to be more than boilerplate.

One layout quirk is undone here because only the spec can tell: where a field's own description
was lost, the next (nameless) field's description runs on after its header ("prompt string*
requiredThe resolution of the generated image…"). When a spec field that has no name on the page
has a ``source:`` quote inside a named field's text, that text is cut off into a nameless field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from generator.drift.facts import build_field
from generator.drift.model import DocField, Listing
from generator.spec.model import FieldSpec

_SPACE = re.compile(r"\s+")
_MIN_QUOTE = 12  # shorter quotes ("seed integer") say too little to identify a field by
_MIN_FIRST_LINE = 20
_MIN_COMMON = 30


@dataclass
class Match:
    """The outcome for one listing: pairs, spec fields it lacks, doc fields the spec lacks."""

    pairs: list[tuple[DocField, FieldSpec]] = field(default_factory=list)
    missing: list[FieldSpec] = field(default_factory=list)
    extra: list[DocField] = field(default_factory=list)

    def doc_for(self, spec: FieldSpec) -> DocField | None:
        return next((doc for doc, paired in self.pairs if paired is spec), None)


def squeeze(text: str) -> str:
    return _SPACE.sub("", text)


def match_listing(listing: Listing, specs: tuple[FieldSpec, ...]) -> Match:
    result = Match()
    unmatched = {spec.json_name: spec for spec in specs}
    nameless: list[DocField] = []
    for doc in listing.fields:
        if doc.name is None:
            nameless.append(doc)
        elif (spec := unmatched.pop(doc.name, None)) is not None:
            result.pairs.append((doc, spec))
        else:
            result.extra.append(doc)
    _split_run_on(result, unmatched, nameless)
    scored = sorted(_scores(nameless, list(unmatched.values())), key=lambda item: (-item[0], item[1]))
    taken_docs: set[int] = set()
    for score, _, doc, spec in scored:
        if score <= 0 or id(doc) in taken_docs or spec.json_name not in unmatched:
            continue
        taken_docs.add(id(doc))
        del unmatched[spec.json_name]
        result.pairs.append((doc, spec))
    result.extra.extend(doc for doc in nameless if id(doc) not in taken_docs)
    result.missing.extend(unmatched.values())
    return result


def _split_run_on(result: Match, unmatched: dict[str, FieldSpec], nameless: list[DocField]) -> None:
    for spec in list(unmatched.values()):
        for quote in spec.source:
            if _cut_run_on(result, squeeze(quote), nameless):
                break


def _cut_run_on(result: Match, needle: str, nameless: list[DocField]) -> bool:
    """Cut ``needle`` (and what follows) out of the first named field whose text holds it."""
    if len(needle) < _MIN_QUOTE:
        return False
    for index, (doc, owner) in enumerate(result.pairs):
        if needle not in squeeze(doc.description.text) or any(needle in squeeze(own) for own in owner.source):
            continue
        squeezed, positions = _squeezed_with_positions(doc.description.text)
        cut = positions[squeezed.find(needle)]
        kept = build_field(doc.name, doc.line, doc.header, doc.description.cut(0, cut), complete=doc.complete)
        result.pairs[index] = (kept, owner)
        tail = doc.description.cut(cut)
        nameless.append(build_field(None, tail.line_at(0, doc.line), (), tail))
        return True
    return False


def _squeezed_with_positions(text: str) -> tuple[str, list[int]]:
    kept = [(index, char) for index, char in enumerate(text) if not char.isspace()]
    return "".join(char for _, char in kept), [index for index, _ in kept]


def _scores(nameless: list[DocField], specs: list[FieldSpec]) -> list[tuple[int, int, DocField, FieldSpec]]:
    """``(score, doc index, doc, spec)`` for every pair; the slow fuzzy score only for a doc field
    that shares no quote or first line with any spec field."""
    texts = {id(spec): _spec_texts(spec) for spec in specs}
    scored: list[tuple[int, int, DocField, FieldSpec]] = []
    for index, doc in enumerate(nameless):
        text = squeeze(doc.description.text)
        first = squeeze(doc.description.text.split("\n", 1)[0])
        row = [(_contained(text, first, texts[id(spec)]), index, doc, spec) for spec in specs]
        if text and not any(score for score, *_ in row):
            row = [(_common(text, texts[id(spec)]), index, doc, spec) for spec in specs]
        scored.extend(row)
    return scored


def _spec_texts(spec: FieldSpec) -> list[str]:
    texts = [squeeze(quote) for quote in spec.source]
    if spec.description:
        texts.append(squeeze(spec.description.rstrip(".")))
    return texts


def _contained(text: str, first: str, candidates: list[str]) -> int:
    best = 0
    for candidate in candidates:
        if len(candidate) >= _MIN_QUOTE and candidate in text:
            best = max(best, len(candidate))
        if len(first) >= _MIN_FIRST_LINE and first in candidate:
            best = max(best, len(first))
    return best


def _common(text: str, candidates: list[str]) -> int:
    best = 0
    for candidate in candidates:
        common = SequenceMatcher(None, text, candidate, autojunk=False).find_longest_match().size
        if common >= _MIN_COMMON:
            best = max(best, common)
    return best
