"""Doc pages as the loader sees them: text, ``Name#`` sections, and quote look-up.

A ``source:`` quote must appear in the page (or section) it cites. Comparison ignores all
whitespace, because the text copies wrap lines and glue words differently from page to page, but
keeps every other character.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from generator.spec.model import PageRef

#: A heading of an "Other types" list: a line that ends in ``Name#`` (possibly glued after ``}``).
_HEADING = re.compile(r"([A-Za-z][A-Za-z0-9]*)#\s*$")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Section:
    """A slice of a page, with its first line number for reporting."""

    name: str | None
    text: str
    first_line: int

    @cached_property
    def _squeezed(self) -> tuple[str, tuple[int, ...]]:
        """The text without whitespace, and the page line of each remaining character."""
        chars: list[str] = []
        lines: list[int] = []
        line = self.first_line
        for char in self.text:
            if char == "\n":
                line += 1
            elif not char.isspace():
                chars.append(char)
                lines.append(line)
        return "".join(chars), tuple(lines)

    def line_of(self, quote: str) -> int | None:
        """1-based page line where ``quote`` starts, or None when it is not here."""
        squeezed, lines = self._squeezed
        needle = _SPACE.sub("", quote)
        index = squeezed.find(needle) if needle else -1
        return None if index < 0 else lines[index]


class Page:
    """One doc page from ``upstream-docs/``."""

    def __init__(self, name: str, text: str) -> None:
        self.name = name
        self.text = text

    @cached_property
    def sections(self) -> dict[str, Section]:
        """``Name#`` headings to the text up to the next heading (the first wins when repeated)."""
        found: dict[str, Section] = {}
        lines = self.text.splitlines()
        starts = [(i, m.group(1)) for i, line in enumerate(lines) if (m := _HEADING.search(line))]
        for index, (start, name) in enumerate(starts):
            end = starts[index + 1][0] if index + 1 < len(starts) else len(lines)
            found.setdefault(name, Section(name, "\n".join(lines[start + 1 : end + 1]), start + 2))
        return found

    @cached_property
    def whole(self) -> Section:
        return Section(None, self.text, 1)

    def section(self, name: str | None) -> Section | None:
        return self.whole if name is None else self.sections.get(name)


class DocLibrary:
    """Pages read once per load, by their ``upstream-docs/…`` path relative to the project root."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._pages: dict[str, Page | None] = {}

    def page(self, relative: str) -> Page | None:
        if relative not in self._pages:
            path = self.root / relative
            try:
                text = path.read_text(encoding="utf-8") if path.is_file() else None
            except (OSError, UnicodeDecodeError):
                text = None
            self._pages[relative] = None if text is None else Page(relative, text)
        return self._pages[relative]

    def find(self, quote: str, refs: tuple[PageRef, ...]) -> tuple[PageRef, int] | None:
        """The first cited page (section) holding ``quote``, with the line it starts on."""
        for ref in refs:
            page = self.page(ref.page)
            section = page.section(ref.section) if page else None
            if section is not None and (line := section.line_of(quote)) is not None:
                return ref, line
        return None
