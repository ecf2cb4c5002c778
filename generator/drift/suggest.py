"""``--suggest``: the spec edit that would absorb a difference, as a YAML fragment to merge.

A changed value suggests the page's value under the field's key path; a value the page no longer
states, a field it no longer lists and a stale note suggest a deletion (or a curation note saying
why the spec keeps it); a new field suggests a whole field block read from the page's facts; a new
sentence suggests the rule with the sentence as its ``source:``.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from generator.drift.differences import Difference
from generator.drift.model import DocField, Fact
from generator.drift.values import fact_value
from generator.spec.model import FieldSpec

_KEYS = {"minimum", "maximum", "default", "enum", "total_max_bytes", "used_items"}
_ITEM_KEYS = {"max_bytes", "formats", "schemes"}
_SIMPLE_TYPES = {"string": "string", "integer": "integer", "float": "number", "number": "number", "boolean": "boolean"}


def _nest(path: str, leaf: Any) -> dict[str, Any]:
    tree: Any = leaf
    for part in reversed(path.split(".")):
        tree = {part: tree}
    return dict(tree)


def _dump(file: str, tree: dict[str, Any], comment: str | None = None) -> str:
    body = yaml.safe_dump(tree, sort_keys=False, allow_unicode=True, default_flow_style=None, width=110).rstrip()
    head = f"# {file}" + (f" — {comment}" if comment else "")
    return f"{head}\n{body}"


def for_difference(diff: Difference) -> str | None:
    owner, spec = diff.owner, diff.spec_field
    where = diff.where
    if diff.kind == "extra" and diff.doc_field is not None:
        role = (
            "input"
            if owner.kind == "endpoint" and (diff.listing is None or diff.listing.role != "output")
            else "output"
        )
        prefix = f"types.{owner.label}.fields" if owner.kind == "type" else role
        name = diff.doc_field.name or "NAME_ME"
        return _dump(owner.file, _nest(f"{prefix}.{name}", new_field(diff.doc_field)), "add the field the page lists")
    if diff.kind == "rule" and diff.sentence is not None:
        names = list(diff.tokens)
        rule: dict[str, Any] = {diff.sentence.kind: names, "source": diff.sentence.text}
        if diff.sentence.kind == "requires" and len(names) == 2:
            rule = {"requires": {"if": names[0], "then": names[1]}, "source": diff.sentence.text}
        prefix = f"types.{owner.label}.rules" if owner.kind == "type" else "rules"
        return _dump(owner.file, _nest(prefix, [rule]), "append the rule (check the field names)")
    if diff.kind == "unstated" and diff.rule is not None:
        return _delete_or_explain(
            owner.file, diff.rule.path, diff.rule.path, f"No page states this rule ({where}); kept because …"
        )
    if spec is None:
        return None
    if diff.kind == "presence":
        return _delete_or_explain(owner.file, spec.path, spec.path, f"Not listed on {where}; kept because …")
    if diff.kind == "name":
        return _dump(
            owner.file,
            _nest(
                spec.path, {"curation": f"The text copy lost this field's name ({where}); matched by its description."}
            ),
        )
    if diff.kind == "required" and diff.fact is not None:
        return _dump(owner.file, _nest(spec.path, {"required": bool(diff.fact.value)}))
    if diff.kind == "type" and diff.fact is not None:
        return _dump(owner.file, _nest(spec.path, type_keys(str(diff.fact.value))), "retype the field")
    if diff.fact is None:
        key = _key(diff.kind, spec)
        text = f"The page states no {key} ({where}); kept because …"
        return _delete_or_explain(owner.file, f"{spec.path}.{key}", spec.path, text)
    return _dump(owner.file, _nest(spec.path, _value(diff.fact, spec)))


def for_stale(file: str, path: str) -> str:
    return f"# {file} — delete {path} (or rewrite it for what the page says now)"


def for_vanished(file: str, path: str, pages: str) -> str:
    return f"# {file} — replace {path} with the text as {pages} prints it now (or drop it and explain with curation:)"


def _delete_or_explain(file: str, doomed: str, path: str, text: str) -> str:
    note = yaml.safe_dump(_nest(path, {"curation": text}), sort_keys=False, allow_unicode=True, width=110).rstrip()
    return f"# {file} — delete {doomed}, or explain it:\n{note}"


def _key(aspect: str, spec: FieldSpec) -> str:
    if aspect in _ITEM_KEYS and spec.type == "array":
        return f"items.{aspect}"
    return aspect


def _value(fact: Fact, spec: FieldSpec) -> dict[str, Any]:
    value: Any = fact_value(fact, spec)
    if isinstance(value, tuple):
        value = list(value)
    key = _key(fact.aspect, spec)
    if key.startswith("items."):
        return {"items": {key.removeprefix("items."): value}}
    if fact.aspect == "enum" and spec.one_of:
        return {"one_of": [{"type": "string", "enum": value}, "…"]}
    return {key: value}


def type_keys(doc_type: str) -> dict[str, Any]:
    """Spec keys for a doc type: ``list<string>`` → array of string, ``StyleEnum`` → string, …"""
    options = [part.strip() for part in doc_type.split("|")]
    if len(options) > 1:
        return {"one_of": [type_keys(option) for option in options]}
    kind = options[0]
    if listed := re.fullmatch(r"list<(.+)>", kind):
        return {"type": "array", "items": type_keys(listed.group(1))}
    if kind in _SIMPLE_TYPES:
        return {"type": _SIMPLE_TYPES[kind]}
    if kind.endswith("Enum"):
        return {"type": "string"}
    return {"ref": kind}


def new_field(doc: DocField) -> dict[str, Any]:
    """A spec field block from what the page states about a field."""
    block: dict[str, Any] = (
        type_keys(doc.type_text) if doc.type_text else {"type": "string  # ? the page names no type"}
    )
    kind = block.get("type")
    for fact in doc.facts:
        if fact.aspect == "required" and fact.value:
            block["required"] = True
        elif fact.aspect in _KEYS and fact.aspect not in block:
            value: Any = _coerce(fact, kind)
            block[fact.aspect] = list(value) if isinstance(value, tuple) else value
        elif fact.aspect in _ITEM_KEYS:
            value = list(fact.value) if isinstance(fact.value, tuple) else fact.value
            (block.setdefault("items", {}) if kind == "array" else block)[fact.aspect] = value
    text = " ".join(doc.description.text.split())
    first = re.split(r"\s*(?:Default value:|Possible (?:enum )?values:)", text)[0].strip()
    if first:
        block["description"] = first if first.endswith(".") else first + "."
        block["source"] = " ".join(doc.description.text.split("\n")[0].split())
    return block


def _coerce(fact: Fact, kind: object) -> object:
    if fact.aspect != "default" or not isinstance(fact.value, str) or fact.quoted:
        return fact.value
    text = fact.value
    if kind == "boolean" and text in ("true", "false"):
        return text == "true"
    if kind == "integer" and re.fullmatch(r"-?\d+", text):
        return int(text)
    if kind == "number" and re.fullmatch(r"-?\d+(?:\.\d+)?", text):
        return float(text)
    return text
