"""Load ``specs/`` for a drift check: against the pages being checked, and without refusing them.

``load_specs`` refuses a spec whose ``source:`` quote is not on its page — right for generation,
but a changed page is exactly what the drift check must be able to read. So the specs are loaded
with a page library that serves the checked folder's pages and lets a vanished quote or section
through; :func:`vanished_quotes` then reports each one as drift, next to the spec line that cites it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from generator.spec import loader
from generator.spec.docs import DocLibrary, Page, Section
from generator.spec.model import EndpointSpec, FieldSpec, PageRef, SpecSet, TypeSpec

DOCS_PREFIX = "upstream-docs/"


class _TolerantPage(Page):
    def section(self, name: str | None) -> Section | None:
        found = super().section(name)
        return found if found is not None else Section(name, "", 1)


class CheckedPages(DocLibrary):
    """The pages of the folder being checked, by the ``upstream-docs/<page>`` names specs cite."""

    def __init__(self, folder: Path, texts: Mapping[str, str], *, tolerant: bool = False) -> None:
        super().__init__(folder)
        self._texts = texts
        self._tolerant = tolerant
        self._served: dict[str, Page | None] = {}

    def page(self, relative: str) -> Page | None:
        if relative not in self._served:
            text = self._texts.get(relative.removeprefix(DOCS_PREFIX))
            served = None if text is None else (_TolerantPage if self._tolerant else Page)(relative, text)
            self._served[relative] = served
        return self._served[relative]

    def find(self, quote: str, refs: tuple[PageRef, ...]) -> tuple[PageRef, int] | None:
        found = super().find(quote, refs)
        if found is None and self._tolerant and refs:
            return refs[0], 0
        return found


def load_for_drift(root: Path, folder: Path, texts: Mapping[str, str]) -> SpecSet:
    """``load_specs(root)`` reading the pages of ``folder``, tolerating vanished quotes and sections."""
    return loader.load_specs(root, docs=CheckedPages(folder, texts, tolerant=True))


@dataclass(frozen=True)
class VanishedQuote:
    owner: str
    file: str
    path: str
    field: str | None
    quote: str
    pages: tuple[PageRef, ...]


def vanished_quotes(specs: SpecSet, pages: CheckedPages) -> Iterator[VanishedQuote]:
    """Every ``source:`` quote (fields, rules, protocol) that its cited pages no longer hold."""
    for endpoint in specs.endpoints:
        yield from _owner_quotes(endpoint.endpoint, endpoint.file, endpoint, pages)
    for spec in specs.types.values():
        yield from _owner_quotes(spec.name, "specs/types.yaml", spec, pages)


def _owner_quotes(
    label: str, file: str, owner: EndpointSpec | TypeSpec, pages: CheckedPages
) -> Iterator[VanishedQuote]:
    refs = owner.pages
    fields = (*owner.input, *owner.output) if isinstance(owner, EndpointSpec) else owner.fields
    for spec in fields:
        for path, quote in _field_quotes(spec):
            if pages.find(quote, refs) is None:
                yield VanishedQuote(label, file, f"{path}.source", spec.name, quote, refs)
    for rule in owner.rules:
        for quote in rule.source:
            if pages.find(quote, refs) is None:
                yield VanishedQuote(label, file, f"{rule.path}.source", None, quote, refs)
    if isinstance(owner, EndpointSpec):
        for quote in owner.protocol.source:
            if pages.find(quote, refs) is None:
                yield VanishedQuote(label, file, "protocol.source", None, quote, refs)


def _field_quotes(spec: FieldSpec) -> Iterator[tuple[str, str]]:
    for quote in spec.source:
        yield spec.path, quote
    for child in (*spec.one_of, *((spec.items,) if spec.items else ())):
        yield from _field_quotes(child)
