"""Parser for fal's client guides (``fal-*.client-guide.txt``).

The guide's "Schema" part has ``Input#`` and ``Output#`` sections for the page's own endpoint and an
"Other types" list of ``Name#`` sections (other endpoints' inputs and shared types). Two layouts
occur: name, type and ``* required…`` on separate lines, or glued on one line
(``rendering_speed RenderingSpeedEnumThe rendering…``). The text copy loses the name and type of
complex fields (lists, objects, unions), leaving only their description: such an entry becomes a
nameless field, matched to the spec later by its text. JSON examples are skipped; a ``Note:`` with
an inline JSON example belongs to the entry before it; text glued after a closing brace
(``}negative_prompt string…``) is read as the next line.

The guide's own Input/Output listings are secondary copies (the API reference is the full one);
the "Other types" sections are the only copy of those endpoints and types, so they are primary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.drift.facts import build_field
from generator.drift.model import DocField, DocPage, Fact, Listing, PageError, Role, Snippet
from generator.spec.docs import Page

_TYPE = r"(?:list<[^>]+>|[A-Z][A-Za-z0-9]*?Enum|Enum|string|integer|boolean|float|number)"
_GLUED = re.compile(rf"^(?P<name>[a-z_][a-z0-9_]*) (?P<type>{_TYPE})(?:\s?(?P<required>\* ?required))?(?P<rest>.*)$")
_NAME_ONLY = re.compile(r"^[a-z_][a-z0-9_]*$")
_TYPE_ONLY = re.compile(rf"^(?:{_TYPE}|[A-Z][A-Za-z0-9]*)(?: \| \S+)*$")
_REQUIRED = re.compile(r"^\* ?required")
_CONTINUES = re.compile(
    r"^(?:Possible (?:enum )?values:|Default value:|Range:|Only the first|Cannot be|Must be|MUST |Needs to)"
)
_NOTE = re.compile(r"^Note:")
_HEADING = re.compile(r"[A-Za-z][A-Za-z0-9]*#\s*$")
_SUBSCRIBE = re.compile(r'fal\.(?:subscribe|queue\.submit)\("(?P<id>[^"]+)"')


@dataclass
class _Entry:
    name: str | None
    line: int
    header: list[Fact] = field(default_factory=list)
    text: list[tuple[int, str]] = field(default_factory=list)
    open_for_description: bool = False

    def build(self) -> DocField:
        return build_field(self.name, self.line, tuple(self.header), Snippet.from_lines(self.text))


def parse(name: str, display: str, text: str) -> DocPage:
    endpoint = _SUBSCRIBE.search(text)
    if endpoint is None:
        raise PageError(display, None, 'no fal.subscribe("…") call naming the endpoint (expected a fal client guide)')
    sections = Page(name, text).sections
    if "Input" not in sections:
        raise PageError(display, None, "no 'Input#' section (expected a fal client guide)")
    other_types = sections["types"].first_line if "types" in sections else None
    listings: list[Listing] = []
    for title, section in sections.items():
        role: Role
        if title in ("Input", "Output") and (other_types is None or section.first_line < other_types):
            role, listed_as, primary = ("input" if title == "Input" else "output"), None, False
        elif other_types is not None and section.first_line > other_types:
            role, listed_as, primary = "fields", title, True
        else:
            continue
        lines = section.text.split("\n")
        lines[-1] = _heading_prefix(lines[-1])  # the section text ends with the next heading's line
        fields = _entries(list(enumerate(lines, section.first_line)), display)
        if role != "output" and not fields:
            raise PageError(display, section.first_line - 1, f"section {title!r} lists no fields")
        listings.append(Listing(name, role, listed_as, section.first_line - 1, fields, primary))
    return DocPage(name, display, "fal client guide", endpoint.group("id"), tuple(listings))


def _heading_prefix(line: str) -> str:
    """What precedes a ``Name#`` heading on its line: kept only when it closes a JSON example (``}Output#``)."""
    if not _HEADING.search(line):
        return line  # the last section runs to the end of the page
    closing = max(line.rfind("}"), line.rfind("]"))
    return line[: closing + 1]


def _entries(numbered: list[tuple[int, str]], display: str) -> tuple[DocField, ...]:
    """Split a section's lines into field entries (see the module docstring for the layouts)."""
    entries: list[_Entry] = []
    pending = list(reversed([(number, line.strip()) for number, line in numbered]))
    depth = 0  # brace depth of a JSON example (skipped) or of a Note's inline JSON (kept)
    in_note = False
    while pending:
        number, line = pending.pop()
        if depth or (line.startswith("{") and not in_note):
            depth, rest = _skip_json(line, depth)
            if in_note and entries:
                entries[-1].text.append((number, line[: len(line) - len(rest)]))
            if depth == 0:
                in_note = False
                if rest.strip():
                    pending.append((number, rest.strip()))
            continue
        if not line:
            continue
        current = entries[-1] if entries else None
        if in_note and current is not None:  # a Note runs up to the end of its inline JSON example
            rest = ""
            if "{" in line:
                depth, rest = _skip_json(line[line.index("{") :], 0)
                in_note = depth > 0
            current.text.append((number, line[: len(line) - len(rest)]))
            if rest.strip():
                pending.append((number, rest.strip()))
            continue
        glued = _GLUED.match(line)
        if glued:
            entry = _Entry(glued.group("name"), number)
            entry.header.append(Fact("type", glued.group("type"), glued.group("type"), number))
            required = glued.group("required") is not None
            entry.header.append(Fact("required", required, "* required" if required else "", number))
            rest = glued.group("rest").strip()
            if rest:
                entry.text.append((number, rest))
            entry.open_for_description = not rest
            entries.append(entry)
            continue
        if _NAME_ONLY.match(line) and pending and _TYPE_ONLY.match(pending[-1][1].strip()):
            type_number, type_text = pending.pop()
            entry = _Entry(line, number)
            entry.header.append(Fact("type", type_text.strip(), type_text.strip(), type_number))
            required = bool(pending) and bool(_REQUIRED.match(pending[-1][1].strip()))
            if required:
                required_number, required_line = pending.pop()
                rest = _REQUIRED.sub("", required_line.strip(), count=1).strip()
                if rest:
                    entry.text.append((required_number, rest))
            entry.header.append(Fact("required", required, "* required" if required else "", type_number))
            entry.open_for_description = not entry.text
            entries.append(entry)
            continue
        if current is not None and (current.open_for_description or _CONTINUES.match(line) or _NOTE.match(line)):
            current.text.append((number, line))
            current.open_for_description = False
            in_note = bool(_NOTE.match(line))
            continue
        entries.append(_Entry(None, number, text=[(number, line)]))
    if depth:
        raise PageError(display, numbered[-1][0] if numbered else None, "a JSON example is not closed")
    return tuple(entry.build() for entry in entries)


def _skip_json(line: str, depth: int) -> tuple[int, str]:
    """Follow braces through ``line``; returns the depth after it and what follows the closing brace."""
    in_string = False
    escaped = False
    for index, char in enumerate(line):
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "{[":
            depth += 1
        elif char in "}]":
            depth -= 1
            if depth == 0:
                return 0, line[index + 1 :]
    return depth, ""
