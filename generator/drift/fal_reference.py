"""Parser for fal's API reference pages (``fal-*.api-reference.txt``).

Layout: an ``Endpoint ID:`` line, then "Input Schema" and "Output Schema" listings where each field
is a name line, a type line, optional ``required`` and ``default:"…"`` lines and a description, and
a "Limitations" list (``• style restricted to: …``, ``• num_images range: 1 to 8``), whose lines
join the named field's facts — or, naming a field the schema lacks (``strength``), a partial
listing. This is the fullest copy fal prints: every field has its name, so its listings are primary.
"""

from __future__ import annotations

import re

from generator.drift.facts import build_field, split_values, to_number
from generator.drift.model import DocField, DocPage, Fact, Listing, PageError, Role, Snippet

FIELD_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
TYPE_LINE = re.compile(
    r"^(?:string|integer|boolean|float|number|object|list<[^>]+>|dict<[^>]+>|[A-Z][A-Za-z0-9]*)(?: \| \S+)*$"
)
_ENDPOINT = re.compile(r"Endpoint ID:\s*(?P<id>\S+)")
_DEFAULT_LINE = re.compile(r'^default:\s*"(?P<value>[^"]*)"$')
_HEADINGS = ("Input Schema", "Output Schema", "Input Example", "Output Example", "Limitations", "API Reference")
_LIMIT_ENUM = re.compile(r"^\s*•\s*(?P<name>\w+) restricted to:\s*(?P<values>.+)$")
_LIMIT_RANGE = re.compile(r"^\s*•\s*(?P<name>\w+) range:\s*(?P<low>-?[\d.]+) to (?P<high>-?[\d.]+)\s*$")


def parse(name: str, display: str, text: str) -> DocPage:
    lines = text.splitlines()
    endpoint = _ENDPOINT.search(text)
    if endpoint is None:
        raise PageError(display, None, "no 'Endpoint ID:' line (expected a fal API reference page)")
    headings = {line.strip(): index for index, line in reversed(list(enumerate(lines))) if line.strip() in _HEADINGS}
    if "Input Schema" not in headings:
        raise PageError(display, None, "no 'Input Schema' heading (expected a fal API reference page)")
    limits = _limitations(lines, headings.get("Limitations"))
    listings: list[Listing] = []
    roles: tuple[tuple[str, Role], ...] = (("Input Schema", "input"), ("Output Schema", "output"))
    for heading, role in roles:
        if heading in headings:
            fields = _listing(lines, headings[heading], display, limits if role == "input" else {})
            listings.append(Listing(name, role, None, headings[heading] + 1, fields))
    if limits:  # Limitations about fields the schema does not list (other endpoints' fields)
        strays = tuple(
            build_field(field, facts[0].line, tuple(facts), Snippet("", ())) for field, facts in limits.items()
        )
        listings.append(Listing(name, "input", None, headings["Limitations"] + 1, strays, partial=True))
    return DocPage(name, display, "fal API reference", endpoint.group("id"), tuple(listings))


def _listing(lines: list[str], start: int, display: str, limits: dict[str, list[Fact]]) -> tuple[DocField, ...]:
    """The entries after a heading, up to the next heading."""
    body: list[int] = []
    for index in range(start + 1, len(lines)):
        if lines[index].strip() in _HEADINGS:
            break
        if lines[index].strip():
            body.append(index)
    fields: list[DocField] = []
    position = 0
    while position < len(body):
        index = body[position]
        name = lines[index].strip()
        if not (
            FIELD_NAME.match(name) and position + 1 < len(body) and TYPE_LINE.match(lines[body[position + 1]].strip())
        ):
            raise PageError(display, index + 1, f"expected a field name line followed by a type line, got {name!r}")
        name_line, type_line = index + 1, body[position + 1] + 1
        header = [Fact("type", lines[type_line - 1].strip(), lines[type_line - 1].strip(), type_line)]
        required, required_line = False, name_line
        position += 2
        description: list[tuple[int, str]] = []
        while position < len(body) and not _starts_entry(lines, body, position):
            index = body[position]
            line = lines[index].strip()
            default = _DEFAULT_LINE.match(line)
            if line == "required" and not description:
                required, required_line = True, index + 1
            elif default and not description:
                value = default.group("value")
                header.append(Fact("default", value, value, index + 1, quoted=False))
            else:
                description.append((index + 1, line))
            position += 1
        header.insert(1, Fact("required", required, "required" if required else "", required_line))
        header.extend(limits.pop(name, []))
        fields.append(build_field(name, name_line, tuple(header), Snippet.from_lines(description)))
    if not fields:
        raise PageError(display, start + 1, f"{lines[start].strip()!r} lists no fields")
    return tuple(fields)


def _starts_entry(lines: list[str], body: list[int], position: int) -> bool:
    return (
        bool(FIELD_NAME.match(lines[body[position]].strip()))
        and position + 1 < len(body)
        and bool(TYPE_LINE.match(lines[body[position + 1]].strip()))
    )


def _limitations(lines: list[str], start: int | None) -> dict[str, list[Fact]]:
    """``• name restricted to: …`` / ``• name range: a to b`` facts by field name."""
    found: dict[str, list[Fact]] = {}
    if start is None:
        return found
    for index in range(start + 1, len(lines)):
        line = lines[index]
        if enum := _LIMIT_ENUM.match(line):
            values = split_values(enum.group("values"))
            found.setdefault(enum.group("name"), []).append(
                Fact("enum", values, enum.group("values").strip(), index + 1)
            )
        elif limit := _LIMIT_RANGE.match(line):
            facts = found.setdefault(limit.group("name"), [])
            facts.append(Fact("minimum", to_number(limit.group("low")), limit.group("low"), index + 1))
            facts.append(Fact("maximum", to_number(limit.group("high")), limit.group("high"), index + 1))
    return found
