"""Classify every difference between two locked spec models (see :mod:`generator.release.lock`).

breaking: endpoint, field or enum member removed; field became required; type, range, pattern or file
cap narrowed; new cross-field rule; default changed; Python name of a model or attribute changed.
additive: endpoint or optional field added; range widened; enum member added; cap raised; field
became nullable; rule dropped. patch: descriptions, doc quotes, page references, curation notes,
wire names and protocol details that callers never spell. Output fields are judged the other way
round (see :mod:`generator.release.fields`).
"""

from __future__ import annotations

from typing import Any

from generator.release.change import Change
from generator.release.fields import field_changes
from generator.release.lock import Model

#: Names callers spell in code: renaming one breaks them.
_PUBLIC_KEYS = {"name": "model class", "attr": "client attribute", "module": "models module"}
#: Keys only the docs or the wire see.
_DOC_KEYS = ("summary", "pages", "curation", "source", "description")


def _rule_key(rule: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    return rule["kind"], tuple(rule["fields"])


def _rule_text(kind: str, fields: tuple[str, ...]) -> str:
    return f"{kind.replace('_', ' ')} ({', '.join(fields)})"


def rule_changes(subject: str, old: list[dict[str, Any]], new: list[dict[str, Any]]) -> list[Change]:
    """A new rule refuses requests that passed before (breaking); a dropped one accepts more."""
    before = {_rule_key(rule): rule for rule in old}
    after = {_rule_key(rule): rule for rule in new}
    changes = [Change(subject, f"new rule: {_rule_text(*key)}", "breaking") for key in after.keys() - before.keys()]
    changes += [
        Change(subject, f"rule dropped: {_rule_text(*key)}", "additive") for key in before.keys() - after.keys()
    ]
    for key in before.keys() & after.keys():
        if (before[key]["source"], before[key]["curation"]) != (after[key]["source"], after[key]["curation"]):
            changes.append(Change(subject, f"rule {_rule_text(*key)}: doc references updated", "patch"))
    return changes


def _doc_changes(subject: str, old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    changed = [key for key in _DOC_KEYS if key in old and old.get(key) != new.get(key)]
    return [Change(subject, f"{', '.join(changed)} updated", "patch")] if changed else []


def endpoint_changes(endpoint: str, old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    changes: list[Change] = []
    for key, noun in _PUBLIC_KEYS.items():
        if old[key] != new[key]:
            changes.append(Change(endpoint, f"{noun} renamed {old[key]} → {new[key]}", "breaking"))
    if old["protocol"] != new["protocol"]:
        before, after = old["protocol"], new["protocol"]
        keys = sorted(key for key in before.keys() | after.keys() if before.get(key) != after.get(key))
        changes.append(Change(endpoint, f"protocol {', '.join(keys)} updated", "patch"))
    changes += field_changes(endpoint, old["input"], new["input"], output=False)
    changes += field_changes(endpoint, old["output"], new["output"], output=True)
    changes += rule_changes(endpoint, old["rules"], new["rules"])
    changes += _doc_changes(endpoint, old, new)
    return changes


def type_changes(name: str, old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """Shared types are judged as inputs, except ``kind: file`` types, which responses carry."""
    subject = f"types.{name}"
    changes = field_changes(subject, old["fields"], new["fields"], output=new["kind"] == "file")
    changes += rule_changes(subject, old["rules"], new["rules"])
    changes += _doc_changes(subject, old, new)
    if old["kind"] != new["kind"]:
        changes.append(Change(subject, f"kind {old['kind']} → {new['kind']}", "breaking"))
    return changes


def classify(old: Model, new: Model) -> list[Change]:
    """Every change from ``old`` to ``new``, sorted by subject then text (deterministic)."""
    changes: list[Change] = []
    for side, label, compare in (("endpoints", "endpoint", endpoint_changes), ("types", "type", type_changes)):
        before, after = old[side], new[side]
        prefix = "" if side == "endpoints" else "types."
        changes += [Change(f"{prefix}{key}", f"{label} removed", "breaking") for key in before.keys() - after.keys()]
        changes += [Change(f"{prefix}{key}", f"new {label}", "additive") for key in after.keys() - before.keys()]
        for key in before.keys() & after.keys():
            changes += compare(key, before[key], after[key])
    return sorted(changes)
