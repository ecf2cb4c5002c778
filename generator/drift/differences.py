"""The vocabulary shared by the comparer, the curation register and the report.

An :class:`Owner` is what specs attach curation notes to: an endpoint or a shared type. A
:class:`Difference` is one thing a page says that its spec does not (or the other way round), with
the doc statement it rests on, so the register can tell whether a note is about exactly that.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from generator.drift.model import Aspect, DocField, DocPage, Fact, Listing, Role, Sentence
from generator.spec.model import EndpointSpec, FieldSpec, PageRef, RuleSpec, SpecSet

#: A fact's ``Aspect`` that differs, or: ``presence``, the spec has the field, the listing does not;
#: ``extra``, the reverse; ``name``, the listing lost the field's name; ``rule``, a doc sentence no
#: spec rule covers; ``unstated``, a spec rule no doc sentence states; ``page``, a page or section no
#: spec cites, or a cited section that is gone.
Kind = Aspect | Literal["presence", "extra", "name", "rule", "unstated", "page"]


@dataclass(frozen=True)
class Owner:
    """An endpoint or a shared type, seen the same way: fields by role, rules, notes."""

    label: str
    file: str
    kind: Literal["endpoint", "type"]
    pages: tuple[PageRef, ...]
    roles: dict[Role, tuple[FieldSpec, ...]]
    rules: tuple[RuleSpec, ...]
    curation: tuple[str, ...]
    curation_path: str

    def field(self, name: str) -> FieldSpec | None:
        return next((spec for fields in self.roles.values() for spec in fields if spec.name == name), None)


def owners(specs: SpecSet) -> list[Owner]:
    found = [_endpoint_owner(spec) for spec in specs.endpoints]
    for name, spec in sorted(specs.types.items()):
        found.append(
            Owner(
                name,
                "specs/types.yaml",
                "type",
                spec.pages,
                {"fields": spec.fields},
                spec.rules,
                spec.curation,
                f"types.{name}.curation",
            )
        )
    return found


def _endpoint_owner(spec: EndpointSpec) -> Owner:
    roles: dict[Role, tuple[FieldSpec, ...]] = {"input": spec.input, "output": spec.output}
    return Owner(spec.endpoint, spec.file, "endpoint", spec.pages, roles, spec.rules, spec.curation, "curation")


@dataclass(frozen=True)
class Difference:
    """One difference between a page listing and a spec.

    ``fact`` is the doc statement it rests on (None: the page is silent), ``tokens`` what a curation
    note must mention to explain a stated value (the printed value, the enum members that differ).
    """

    owner: Owner
    kind: Kind
    subject: str
    message: str
    page: DocPage | None
    line: int | None
    listing: Listing | None = None
    spec_field: FieldSpec | None = None
    doc_field: DocField | None = None
    fact: Fact | None = None
    tokens: tuple[str, ...] = ()
    rule: RuleSpec | None = None
    sentence: Sentence | None = None
    doc_value: object = None
    spec_value: object = None
    label: str | None = None  # who to name instead of the owner (a page no spec cites)

    @property
    def where(self) -> str:
        if self.page is None:
            return self.owner.file
        return f"{self.page.display}:{self.line}" if self.line else self.page.display
