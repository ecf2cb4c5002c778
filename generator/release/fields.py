"""Classify how one field changed between two locked models.

Direction matters: a value the caller *sends* (input) breaks callers when it accepts less, a value the
caller *reads* (output) breaks them when it may hold more. ``narrow``/``widen`` below are written
for inputs and swapped for outputs.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import MISSING, fields
from typing import Any

from generator.release.change import Change
from generator.release.semver import Level
from generator.spec.model import FieldSpec

Field = dict[str, Any]
Emit = Callable[[str, Level], None]

#: Text-only keys: no request or response changes with them.
PATCH_KEYS = ("description", "source", "curation")
#: Lower bounds: raising one accepts fewer inputs.
_LOWER = {"minimum": "minimum", "exclusive_minimum": "exclusive minimum", "min_length": "minimum length",
          "min_items": "minimum items"}  # fmt: skip
#: Upper bounds and caps: lowering one accepts fewer inputs.
_UPPER = {"maximum": "maximum", "exclusive_maximum": "exclusive maximum", "max_length": "maximum length",
          "max_items": "maximum items", "max_bytes": "file size cap", "total_max_bytes": "total file size cap",
          "used_items": "items used"}  # fmt: skip
#: Sets of accepted values: losing a member accepts fewer inputs.
_MEMBERS = {"enum": "", "formats": "file format ", "schemes": "URL scheme "}
_WIDER_TYPES = {("integer", "number")}
#: Keys the checks below understand; any other key that differs is reported as breaking, for a human.
_HANDLED = {"name", "path", "type", "ref", "one_of", "items", "required", "nullable", "has_default", "default",
            "pattern", "format", "wire_name", *PATCH_KEYS, *_LOWER, *_UPPER, *_MEMBERS}  # fmt: skip
#: Defaults of the model's attributes: a lock written before an attribute existed reads as its default.
_DEFAULTS: Field = json.loads(
    json.dumps({f.name: None if f.default is MISSING else f.default for f in fields(FieldSpec)})
)


def _complete(field: Field) -> Field:
    return {**_DEFAULTS, **field}


def _show(value: object) -> str:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 1024 * 1024 and value % 1024 == 0:
        return f"{value / (1024 * 1024):g} MB"
    return "unset" if value is None else repr(value) if isinstance(value, str) else str(value).lower()


class FieldDiff:
    """Collects the changes of one field (and its ``items`` / ``one_of`` members)."""

    def __init__(self, subject: str, output: bool) -> None:
        self.subject = subject
        self.output = output
        self.changes: list[Change] = []

    def _emit(self, label: str, text: str, narrows: bool | None) -> None:
        """``narrows``: True/False for accepts less/more (input sense), None for breaking either way."""
        if narrows is None:
            level: Level = "breaking"
        else:
            level = "breaking" if narrows != self.output else "additive"
        self.changes.append(Change(self.subject, f"{label} {text}", level))

    def compare(self, label: str, old: Field, new: Field) -> None:
        old, new = _complete(old), _complete(new)
        self._type(label, old, new)
        self._flags(label, old, new)
        self._bounds(label, old, new)
        self._members(label, old, new)
        self._shape(label, old, new)
        if old["wire_name"] != new["wire_name"]:
            self.changes.append(
                Change(self.subject, f"{label} is sent as {new['wire_name'] or new['name']!r} on the wire", "patch")
            )
        for key in sorted((old.keys() | new.keys()) - _HANDLED):
            if old.get(key) != new.get(key):
                self._emit(label, f"{key} {_show(old.get(key))} → {_show(new.get(key))}", None)
        changed_text = [key for key in PATCH_KEYS if old[key] != new[key]]
        if changed_text:
            self.changes.append(Change(self.subject, f"{label}: {', '.join(changed_text)} updated", "patch"))

    def _type(self, label: str, old: Field, new: Field) -> None:
        if old["type"] != new["type"] or old["ref"] != new["ref"]:
            before, after = old["ref"] or old["type"], new["ref"] or new["type"]
            widens = (before, after) in _WIDER_TYPES
            narrows = (after, before) in _WIDER_TYPES
            kind = " (widened)" if widens else " (narrowed)" if narrows else ""
            self._emit(label, f"type {before} → {after}{kind}", False if widens else True if narrows else None)

    def _flags(self, label: str, old: Field, new: Field) -> None:
        if old["required"] != new["required"]:
            # A required input must now be sent; a required output is now always there.
            self._emit(label, "is now required" if new["required"] else "is now optional", new["required"])
        if old["nullable"] != new["nullable"]:
            self._emit(label, "may now be null" if new["nullable"] else "may no longer be null", not new["nullable"])
        if (old["has_default"], old["default"]) != (new["has_default"], new["default"]):
            before = _show(old["default"]) if old["has_default"] else "none"
            after = _show(new["default"]) if new["has_default"] else "none"
            self._emit(label, f"default {before} → {after}", None)
        for key in ("pattern", "format"):
            if old[key] != new[key]:
                text = f"{key} {_show(old[key])} → {_show(new[key])}"
                self._emit(label, text, None if old[key] and new[key] else new[key] is not None)

    def _bounds(self, label: str, old: Field, new: Field) -> None:
        for keys, lower in ((_LOWER, True), (_UPPER, False)):
            for key, name in keys.items():
                before, after = old[key], new[key]
                if before == after:
                    continue
                if before is None or after is None:
                    narrows = before is None
                else:
                    narrows = after > before if lower else after < before
                self._emit(label, f"{name} {_show(before)} → {_show(after)}", narrows)

    def _members(self, label: str, old: Field, new: Field) -> None:
        for key, noun in _MEMBERS.items():
            before, after = old[key], new[key]
            if before == after:
                continue
            if before is None or after is None:
                self._emit(label, f"{noun or 'value'} list {'added' if before is None else 'lifted'}", before is None)
                continue
            for gone in (member for member in before if member not in after):
                self._emit(label, f"loses {noun}{gone}", True)
            for added in (member for member in after if member not in before):
                self._emit(label, f"gains {noun}{added}", False)

    def _shape(self, label: str, old: Field, new: Field) -> None:
        if old["items"] is not None and new["items"] is not None:
            self.compare(f"{label}[]", old["items"], new["items"])
        elif old["items"] != new["items"]:
            self._emit(label, "item type changed", None)
        old_members = {_member_key(m): m for m in old["one_of"]}
        new_members = {_member_key(m): m for m in new["one_of"]}
        for key in old_members.keys() - new_members.keys():
            self._emit(label, f"no longer accepts {key}", True)
        for key in new_members.keys() - old_members.keys():
            self._emit(label, f"now also accepts {key}", False)
        for key in sorted(old_members.keys() & new_members.keys()):
            self.compare(f"{label} ({key})", old_members[key], new_members[key])


def _member_key(member: Field) -> str:
    return str(member["ref"] or member["type"])


def field_changes(subject: str, old: dict[str, Field], new: dict[str, Field], *, output: bool) -> list[Change]:
    """Every change between two ``{name: field}`` maps: removed, added and modified fields."""
    diff = FieldDiff(subject, output)
    side = "output field" if output else "field"
    for name in old.keys() - new.keys():
        diff.changes.append(Change(subject, f"{side} {name} removed", "breaking"))
    for name in new.keys() - old.keys():
        field = new[name]
        if output:
            diff.changes.append(Change(subject, f"new output field {name}", "additive"))
        else:
            kind = "required" if field["required"] else "optional"
            diff.changes.append(
                Change(subject, f"new {kind} field {name}", "breaking" if field["required"] else "additive")
            )
    for name in sorted(old.keys() & new.keys()):
        diff.compare(name if not output else f"output {name}", old[name], new[name])
    return diff.changes
