"""Parser for Magnific's API reference pages (``magnific-*.api-reference.txt``).

The text copy keeps each body field's description, example, range line (``0 <= x <= …``) and
enum line (``TURBO, DEFAULT, QUALITY "DEFAULT"``: the values, then the default in quotes) but loses
every field name and required marker, so all body fields are nameless and are matched to the spec
by their descriptions. An example glued to the next description (``["a", "b"]The type…``) is cut
off first. The "Response" part has only a JSON example: its keys become the output fields, known to
exist and nothing more.
"""

from __future__ import annotations

import json
import re

from generator.drift.facts import build_field, split_values
from generator.drift.model import DocField, DocPage, Fact, Listing, PageError, Snippet

_ENUM_LINE = re.compile(r'^(?P<values>[A-Z0-9_]+(?:, [A-Z0-9_]+)*)(?: "(?P<default>[^"]*)")?$')
_RANGE_LINE = re.compile(r"^-?[\d.]+\s*<=?\s*x\b|^x\s*[<>]=?")
_BULLET = re.compile(r"^- ")
_DECODER = json.JSONDecoder()


def parse(name: str, display: str, text: str) -> DocPage:
    lines = text.splitlines()
    body = _find(lines, "Body")
    if body is None:
        raise PageError(display, None, "no 'Body' heading (expected a Magnific API reference page)")
    response = _find(lines, "Response", body)
    end = response if response is not None else len(lines)
    inputs = _body_fields(lines, body + 1, end)
    if not inputs:
        raise PageError(display, body + 1, "the Body lists no fields")
    listings = [Listing(name, "input", None, body + 1, inputs)]
    if response is not None:
        listings.append(Listing(name, "output", None, response + 1, _response_fields(lines, response + 1, display)))
    return DocPage(name, display, "Magnific API reference", None, tuple(listings))


def _find(lines: list[str], heading: str, after: int = -1) -> int | None:
    return next((index for index, line in enumerate(lines) if index > after and line.strip() == heading), None)


def _split_examples(lines: list[str], start: int, end: int) -> list[tuple[int, str, bool]]:
    """``(line, text, is_example)``, with examples glued to the next description cut off."""
    result: list[tuple[int, str, bool]] = []
    for index in range(start, end):
        line = lines[index].strip()
        if line[:1] in ('"', "[", "{"):
            try:
                _, stop = _DECODER.raw_decode(line)
            except ValueError:
                stop = len(line)
            result.append((index + 1, line[:stop], True))
            line = line[stop:].strip()
        if line:
            result.append((index + 1, line, False))
    return result


def _body_fields(lines: list[str], start: int, end: int) -> tuple[DocField, ...]:
    entries: list[tuple[int, list[tuple[int, str]], list[Fact]]] = []
    for number, line, is_example in _split_examples(lines, start, end):
        if is_example:
            continue
        enum = _ENUM_LINE.match(line)
        if entries and (enum or _RANGE_LINE.match(line) or _BULLET.match(line)):
            _, text, header = entries[-1]
            if enum:
                values = split_values(enum.group("values"))
                header.append(Fact("enum", values, enum.group("values"), number))
                if enum.group("default") is not None:
                    header.append(Fact("default", enum.group("default"), enum.group("default"), number, quoted=True))
            else:
                text.append((number, line))
            continue
        entries.append((number, [(number, line)], []))
    return tuple(build_field(None, number, tuple(header), Snippet.from_lines(text)) for number, text, header in entries)


def _response_fields(lines: list[str], start: int, display: str) -> tuple[DocField, ...]:
    text = "\n".join(lines[start:])
    brace = text.find("{")
    if brace < 0:
        return ()
    try:
        example, _ = _DECODER.raw_decode(text, brace)
    except json.JSONDecodeError as exc:
        raise PageError(
            display, start + text.count("\n", 0, brace) + 1, f"the response example is not JSON: {exc.msg}"
        ) from None
    if not isinstance(example, dict):
        return ()
    line = start + text.count("\n", 0, brace) + 1
    return tuple(build_field(str(key), line, (), Snippet("", ()), complete=False) for key in example)
