"""Facts and cross-field sentences read from a field's description text, shared by every format.

All three page formats print limits the same way inside a description ("Default value: …",
"Possible values: …", "Range: 1 to 8", "0 <= x <= 9", "(max 10MB)", "maximum total size 10MB",
"Currently only 1 image is supported", "Cannot be used with …", "Must be specified if …"); only
the surrounding layout differs, which the format parsers handle.
"""

from __future__ import annotations

import re

from generator.drift.model import Aspect, DocField, Fact, Sentence, Snippet

_NUMBER = r"-?\d+(?:\.\d+)?"
_DEFAULT = re.compile(r'Default value:[ \t]*(?:"(?P<quoted>[^"\n]*)"|(?P<bare>[^\s"]+?))(?=Range:|Possible|\s|$)')
_ENUM = re.compile(r"Possible (?:enum )?values:[ \t]*(?P<values>[^\n]+)")
_RANGES = (
    re.compile(rf"(?i)range:[ \t]*(?P<low>{_NUMBER})[ \t]+to[ \t]+(?P<high>{_NUMBER})"),
    re.compile(rf"(?P<low>{_NUMBER})[ \t]*<=?[ \t]*x[ \t]*<=?[ \t]*(?P<high>{_NUMBER})"),
    re.compile(rf"\bx[ \t]*>=[ \t]*(?P<low>{_NUMBER})"),
    re.compile(rf"\bx[ \t]*<=[ \t]*(?P<high>{_NUMBER})"),
)
_BOUNDS: tuple[tuple[str, Aspect], ...] = (("low", "minimum"), ("high", "maximum"))
_SIZE = re.compile(r"(?P<amount>\d+(?:\.\d+)?)[ \t]*(?P<unit>KB|MB|GB)\b")
_SIZE_CONTEXT = re.compile(r"(?i)\b(max|maximum|size|limit|up to)\b")
_UNITS = {"KB": 1024, "MB": 1024**2, "GB": 1024**3}
_FORMAT_SENTENCE = re.compile(r"[^.\n]*\bformats?\b[^.\n]*", re.IGNORECASE)
_FORMAT = re.compile(r"\b(JPE?G|PNG|WebP|GIF|BMP|TIFF?|HEIC|AVIF)\b", re.IGNORECASE)
_SCHEMES = re.compile(r"\b(HTTPS?)(?:[ \t]+(?:or|and)[ \t]+(HTTPS?))?[ \t]+URLs?\b")
_USED = (
    re.compile(r"(?i)currently only (?P<count>\d+) \w+ (?:is|are) supported"),
    re.compile(r"(?i)only the first (?:(?P<count>\d+) )?\w+ (?:is|are|will be) used"),
)
_EXCLUSIVE = re.compile(r"(?i)cannot be (?:used|combined)(?: in conjunction)? with (?P<targets>[^.\n]+)")
_SAME_DIMENSIONS = (
    re.compile(r"(?i)must have the exact same dimensions(?: \([^)]*\))? as the (?P<target>[^.\n(]+)"),
    re.compile(r"(?i)needs to match the dimensions of the (?P<target>[^.\n(]+)"),
    re.compile(r"(?i)the same (?:size|dimensions) as the (?P<target>[^.\n(]+)"),
)
_REQUIRES = re.compile(r"(?i)must be specified if (?P<target>\w+) is (?:provided|set|given)")
_EITHER = re.compile(r"(?i)\beither\b(?P<first>[^\n]+?)\bor\b(?P<second>[^\n]+?)(?=,?\s*not both\b|\.(?:\s|$)|\n|$)")
_SPLIT_TARGETS = re.compile(r"\s*,\s*(?:or\s+|and\s+)?|\s+or\s+|\s+and\s+")


def to_number(text: str) -> int | float:
    return float(text) if "." in text else int(text)


def extract(snippet: Snippet) -> tuple[tuple[Fact, ...], tuple[Sentence, ...]]:
    """Every fact and cross-field sentence in a description, each with its page line."""
    text = snippet.text
    facts: list[Fact] = []

    def add(
        aspect: Aspect, value: int | float | str | tuple[str, ...], printed: str, at: int, *, quoted: bool = False
    ) -> None:
        facts.append(Fact(aspect, value, printed, snippet.line_at(at), quoted))

    for match in _DEFAULT.finditer(text):
        quoted = match.group("quoted") is not None
        printed = match.group("quoted") if quoted else match.group("bare")
        add("default", printed, printed, match.start(), quoted=quoted)
    for match in _ENUM.finditer(text):
        add("enum", split_values(match.group("values")), match.group("values").strip(), match.start())
    taken: list[tuple[int, int]] = []
    for pattern in _RANGES:
        for match in pattern.finditer(text):
            if any(start <= match.start() < end for start, end in taken):
                continue
            taken.append(match.span())
            for bound, limit in _BOUNDS:
                if bound in pattern.groupindex and match.group(bound) is not None:
                    add(limit, to_number(match.group(bound)), match.group(bound), match.start(bound))
    for match in _SIZE.finditer(text):
        before = text[max(0, match.start() - 30) : match.start()]
        if not _SIZE_CONTEXT.search(before):
            continue
        size = round(float(match.group("amount")) * _UNITS[match.group("unit")])
        cap: Aspect = "total_max_bytes" if "total" in before.lower() else "max_bytes"
        add(cap, size, match.group(0).replace(" ", ""), match.start())
    for match in _FORMAT_SENTENCE.finditer(text):
        found = {_format_name(token) for token in _FORMAT.findall(match.group(0))}
        if found:
            add("formats", tuple(sorted(found)), match.group(0).strip(), match.start())
    for match in _SCHEMES.finditer(text):
        schemes = tuple(sorted({group.lower() for group in match.groups() if group}))
        add("schemes", schemes, match.group(0), match.start())
    for pattern in _USED:
        for match in pattern.finditer(text):
            count = match.group("count") or "1"
            add("used_items", int(count), count, match.start())
    return tuple(facts), _sentences(snippet)


def _sentences(snippet: Snippet) -> tuple[Sentence, ...]:
    text = snippet.text
    found: list[Sentence] = []
    for match in _EXCLUSIVE.finditer(text):
        targets = tuple(_clean(part) for part in _SPLIT_TARGETS.split(match.group("targets")) if _clean(part))
        found.append(Sentence("mutually_exclusive", targets, match.group(0).strip(), snippet.line_at(match.start())))
    for pattern in _SAME_DIMENSIONS:
        for match in pattern.finditer(text):
            sentence = Sentence(
                "same_dimensions",
                (_clean(match.group("target")),),
                match.group(0).strip(),
                snippet.line_at(match.start()),
            )
            found.append(sentence)
    for match in _REQUIRES.finditer(text):
        found.append(
            Sentence("requires", (match.group("target"),), match.group(0).strip(), snippet.line_at(match.start()))
        )
    for match in _EITHER.finditer(text):
        rest = text[match.end() : match.end() + 12].lower()
        if "EITHER" in match.group(0) or "not both" in rest:
            parts = (match.group("first").strip(), match.group("second").strip())
            found.append(Sentence("exactly_one", parts, match.group(0).strip(), snippet.line_at(match.start())))
    return tuple(found)


def split_values(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.strip().rstrip(".").split(",") if part.strip())


def _format_name(token: str) -> str:
    lowered = token.lower()
    return {"jpg": "jpeg", "tif": "tiff"}.get(lowered, lowered)


def _clean(target: str) -> str:
    words = target.strip().strip(".,;:").split()
    while words and words[0].lower() in {"the", "a", "an"}:
        words.pop(0)
    return " ".join(words)


def build_field(
    name: str | None, line: int, header: tuple[Fact, ...], description: Snippet, *, complete: bool = True
) -> DocField:
    """A field entry: the facts its format printed around it (``header``) plus those in its text."""
    facts, sentences = extract(description)
    return DocField(name, line, header, description, header + facts, sentences, complete)
