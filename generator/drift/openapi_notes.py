"""Which ``curation:`` notes explain which differences with fal's OpenAPI, and which went stale.

A note speaks of the OpenAPI documents when it says ``fal's OpenAPI``; the page register
(:mod:`generator.drift.curation`) leaves those notes out and this one reads only them. A note
explains a difference when it sits on the field (or is an endpoint/type note naming the field),
speaks of that kind of fact (null, required, a default, a bound, the enum, the type, a missing
field) and mentions the document's value where the document states one (``14142``, ``0``). A
note of an owner that was compared and explains nothing is stale.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from generator.drift.curation import OPENAPI_NOTE, Note, indexed, mentions
from generator.drift.differences import Owner
from generator.drift.openapi_compare import SchemaDiff

__all__ = ["SchemaRegister"]

_BOUND = r"\b(?:bound|bounds|bounded|range|minimum|maximum)\b"
_WORDS = {
    "nullable": r"\b(?:null|nullable|None)\b",
    "required": r"\b(?:required|optional)\b",
    "default": r"\bdefaults?\b",
    "minimum": _BOUND,
    "maximum": _BOUND,
    "exclusive_minimum": _BOUND,
    "exclusive_maximum": _BOUND,
    "enum": r"\b(?:enum|values?|members?|presets?)\b",
    "type": r"\btypes?\b",
    "presence": r"\b(?:no|not|lacks|absent|without)\b",
    "extra": r"\b(?:no|not|lacks|absent|without|left out|omitted)\b",
}


class SchemaRegister:
    """Every ``fal's OpenAPI`` note of every owner, with what it explained during one check."""

    def __init__(self, owners: Iterable[Owner]) -> None:
        self.notes: list[Note] = []
        for owner in owners:
            for path, text in indexed(owner.curation_path, owner.curation):
                if OPENAPI_NOTE.search(text):
                    self.notes.append(Note(owner, path, text))
            for fields in owner.roles.values():
                for spec in fields:
                    for path, text in indexed(f"{spec.path}.curation", spec.curation):
                        if OPENAPI_NOTE.search(text):
                            self.notes.append(Note(owner, path, text, spec))

    def explain(self, diff: SchemaDiff) -> bool:
        """Whether a note explains ``diff``; every note that does is marked used."""
        words = re.compile(_WORDS.get(diff.aspect, r"\btype\b"))
        candidates = [
            note
            for note in self.notes
            if note.owner is diff.owner
            and (
                (diff.spec_field is not None and note.field is diff.spec_field)
                or (note.field is None and mentions(note.text, diff.subject))
            )
        ]
        good = [
            note
            for note in candidates
            if words.search(note.text) and all(mentions(note.text, token) for token in diff.tokens)
        ]
        for note in good:
            note.used = True
        return bool(good)

    def stale(self, compared: set[str]) -> list[Note]:
        """Notes of owners compared with a document that explain no difference."""
        return [note for note in self.notes if note.owner.label in compared and not note.used]

    @property
    def used_count(self) -> int:
        return sum(note.used for note in self.notes)
