"""What a doc page says, independent of its format: listings of fields, each with facts and sentences.

The parsers build these; the comparer reads them. A fact remembers its page line and the text it
was read from, so every reported difference can point at the doc and a curation note can be
checked against the value the page actually prints.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from generator.spec.model import RuleKind

Aspect = Literal[
    "type",
    "required",
    "default",
    "enum",
    "minimum",
    "maximum",
    "max_bytes",
    "total_max_bytes",
    "used_items",
    "formats",
    "schemes",
]
FactValue = str | int | float | bool | tuple[str, ...]
Role = Literal["input", "output", "fields"]


class PageError(Exception):
    """A page cannot be read as its format: ``page:line: message`` (exit status 2)."""

    def __init__(self, page: str, line: int | None, message: str) -> None:
        self.page = page
        self.line = line
        self.message = message
        super().__init__(f"{page}:{line}: {message}" if line else f"{page}: {message}")


@dataclass(frozen=True)
class Snippet:
    """Text gathered from possibly non-adjacent page lines, with the page line of every character."""

    text: str
    lines: tuple[int, ...]

    @classmethod
    def from_lines(cls, parts: list[tuple[int, str]]) -> Snippet:
        text: list[str] = []
        lines: list[int] = []
        for index, (line, part) in enumerate(parts):
            if index:
                text.append("\n")
                lines.append(line)
            text.append(part)
            lines.extend([line] * len(part))
        return cls("".join(text), tuple(lines))

    def line_at(self, index: int, default: int = 0) -> int:
        if not self.lines:
            return default
        return self.lines[min(max(index, 0), len(self.lines) - 1)]

    def cut(self, start: int, end: int | None = None) -> Snippet:
        stop = len(self.text) if end is None else end
        return Snippet(self.text[start:stop], self.lines[start:stop])


@dataclass(frozen=True)
class Fact:
    """One thing the page states about a field; ``printed`` is the value as the page writes it."""

    aspect: Aspect
    value: FactValue
    printed: str
    line: int
    quoted: bool = False  # a default printed in quotes is a string whatever the field type


@dataclass(frozen=True)
class Sentence:
    """A cross-field sentence; ``targets`` are the other fields or nouns as printed."""

    kind: RuleKind
    targets: tuple[str, ...]
    text: str
    line: int


@dataclass(frozen=True)
class DocField:
    """One field entry of a listing. ``name`` is None where the text copy lost it.

    ``complete`` is False for a field known only from an example: it exists, nothing more is known.
    """

    name: str | None
    line: int
    header: tuple[Fact, ...]
    description: Snippet
    facts: tuple[Fact, ...]
    sentences: tuple[Sentence, ...]
    complete: bool = True

    def stated(self, aspect: Aspect) -> list[Fact]:
        return [fact for fact in self.facts if fact.aspect == aspect]

    @property
    def type_text(self) -> str | None:
        found = self.stated("type")
        return str(found[0].value) if found else None


@dataclass(frozen=True)
class Listing:
    """The fields a page lists for one endpoint's input or output, or for one "Other types" section.

    A ``primary`` listing prints every fact it knows (fal's API reference, Magnific's reference, the
    guide's "Other types" sections); a secondary one is a lossy second copy (the client guide's own
    Input/Output), whose silence a primary listing of the same endpoint covers. A ``partial`` listing
    holds only stray statements (a Limitations line about a field the page's schema lacks): only
    what it states is compared, with every spec that cites the page and has the field.
    """

    page: str
    role: Role
    section: str | None
    line: int
    fields: tuple[DocField, ...]
    primary: bool = True
    partial: bool = False


@dataclass(frozen=True)
class DocPage:
    """A parsed page: the endpoint it documents (when it says) and its listings."""

    name: str
    display: str
    format: str
    endpoint: str | None
    listings: tuple[Listing, ...]

    def section(self, name: str) -> Listing | None:
        return next((item for item in self.listings if item.section == name), None)
