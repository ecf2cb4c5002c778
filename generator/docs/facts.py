"""What the reference says about one field or rule, as plain strings ready for Markdown."""

from __future__ import annotations

from dataclasses import dataclass

from generator.spec.model import FieldSpec, RuleSpec

_ESCAPED = str.maketrans({c: f"\\{c}" for c in "\\`*_[]<>|#"})


def md(text: str) -> str:
    """Prose safe for Markdown: no accidental emphasis, links, HTML or table cells."""
    return text.translate(_ESCAPED)


def code(value: object) -> str:
    text = value if isinstance(value, str) else _json(value)
    fence = "``" if "`" in text else "`"
    return f"{fence}{text}{fence}" if text.strip() else '`""`'


def _json(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_json(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f'"{key}": {_json(item)}' for key, item in value.items()) + "}"
    return str(value)


def _size(count: int) -> str:
    mb = count / (1024 * 1024)
    return f"{mb:g} MB ({count} bytes)" if count >= 1024 * 1024 else f"{count} bytes"


def type_text(field: FieldSpec) -> str:
    """``list[image]``, ``string | ImageSize``: the shape a caller passes, types linked to their page."""
    if field.ref:
        return f"[{field.ref}](types.md#{field.ref.lower()})"
    if field.one_of:
        return " \\| ".join(type_text(member) for member in field.one_of)
    if field.type == "array" and field.items is not None:
        return f"list\\[{type_text(field.items)}\\]"
    return str(field.type)


def constraints(field: FieldSpec) -> list[str]:
    """Every documented limit of the value itself: enum, range, length, pattern, file limits."""
    found: list[str] = []
    if field.enum is not None:
        found.append("one of " + ", ".join(code(member) for member in field.enum))
    low = (">", field.exclusive_minimum) if field.exclusive_minimum is not None else ("≥", field.minimum)
    high = ("<", field.exclusive_maximum) if field.exclusive_maximum is not None else ("≤", field.maximum)
    bounds = [f"{sign} {value}" for sign, value in (low, high) if value is not None]
    if bounds:
        found.append("range " + " and ".join(bounds))
    sizes = (("length", field.min_length, field.max_length), ("items", field.min_items, field.max_items))
    for what, lower, upper in sizes:
        if lower is not None or upper is not None:
            found.append(f"{what} {lower if lower is not None else 0}..{upper if upper is not None else '∞'}")
    if field.pattern is not None:
        found.append(f"pattern {code(field.pattern)}")
    if field.format is not None:
        found.append(f"format {field.format}")
    if field.max_bytes is not None:
        found.append(f"file size at most {_size(field.max_bytes)}")
    if field.total_max_bytes is not None:
        found.append(f"total size of all files at most {_size(field.total_max_bytes)}")
    if field.formats is not None:
        found.append("file formats " + ", ".join(field.formats))
    if field.schemes is not None:
        found.append("URL schemes " + ", ".join(field.schemes))
    if field.used_items is not None:
        found.append(f"only the first {field.used_items} item(s) are used")
    if field.type == "image":
        found.append("accepts a path, bytes, a data: URI or an http(s) URL")
    if field.items is not None:
        found += [f"each item: {text}" for text in constraints(field.items)]
    for member in field.one_of:
        found += [f"as {member.ref or member.type}: {text}" for text in constraints(member)]
    return found


@dataclass(frozen=True)
class FieldFacts:
    """One field's entry on its page; ``anchor`` is its HTML id (``input-seed``)."""

    name: str
    anchor: str
    type: str
    required: bool
    nullable: bool
    default: str
    constraints: list[str]
    description: str
    quotes: list[str]
    curation: list[str]
    wire_name: str | None


def field_facts(field: FieldSpec, section: str) -> FieldFacts:
    if field.has_default:
        default = code(field.default)
    else:
        default = "none (required)" if field.required else "none (left out of the request unless given)"
    return FieldFacts(
        name=field.name,
        anchor=f"{section}-{field.name}".lower(),
        type=type_text(field),
        required=field.required,
        nullable=field.nullable,
        default=default,
        constraints=constraints(field),
        description=md(field.description),
        quotes=[md(quote) for quote in field.source],
        curation=[md(note) for note in field.curation],
        wire_name=field.wire_name,
    )


_RULE_TEXT = {
    "mutually_exclusive": "{names} cannot be used together",
    "exactly_one": "exactly one of {names} must be given",
    "same_dimensions": "{names} must have the same width and height",
}


def rule_text(rule: RuleSpec) -> str:
    names = ", ".join(code(name) for name in rule.fields)
    if rule.kind == "requires":
        first, *rest = rule.fields
        return f"{code(first)} requires " + ", ".join(code(name) for name in rest)
    return _RULE_TEXT[rule.kind].format(names=names)
