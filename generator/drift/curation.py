"""The curation register: which ``curation:`` notes explain which differences, and which went stale.

**Explaining.** A note explains only what it is about:

* a difference on a field is explained by that field's own notes, or by an endpoint/type-level note
  that names the field; a note that is just "As image_url." speaks with image_url's notes;
* where the page *states* a value that differs from the spec, the note must mention the value as
  the page prints it (the number, the default, the size as "10MB", the whole enum or format list),
  so a note written about one printed value does not also cover the next one; where the page is
  *silent*, the note must speak of that kind of fact (a bound/range, a default, a format, …);
* a lost name is explained by a note that speaks of the name (or an owner note on "field names");
  a field missing from one copy by a note on the field that speaks of copies/printing, or an owner
  note naming it; a field the page has and the spec lacks only by an owner note naming it;
* a doc sentence no rule covers is explained by a note on its field naming every other field it
  mentions, or an owner note naming all of them; a rule printed under another name
  ("style_reference_images" for fal's ``image_urls``) matches when the rule's own note names the
  printed one; a rule no sentence states is explained by its own notes.

**Stale.** A note is reported stale when either

1. it quotes page text ("…") that no page in the checked folder holds any more — what it was written
   about has changed, whatever else it says; or
2. it is a *gap note* on a field or rule ("no bound on this page", "prints no default", "lost this
   field's name", "printed only in", "does not say it", …), the field or rule was compared with at
   least one page copy, and the note explains no current difference: the gap has closed.

Notes that speak of fal's OpenAPI (``fal's OpenAPI …``) explain differences with the endpoints'
OpenAPI documents only (:mod:`generator.drift.openapi_notes`); this register leaves them out.

Every other note that explains nothing now is a *rationale* (why a value was chosen: enforcement,
patterns, min_items, wording, other endpoints or providers, sources outside the pages). Parsers
cannot see those subjects, so such notes are kept, and only rule 1 can retire them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from generator.drift.differences import Difference, Owner
from generator.drift.match import squeeze
from generator.spec.model import FieldSpec, RuleSpec

_ASPECT_WORDS = {
    "default": r"\bdefaults?\b",
    "enum": r"\b(?:enum|values?|presets?)\b",
    "minimum": r"\b(?:bound|bounds|bounded|range|minimum|maximum)\b|\d\.\.\d",
    "maximum": r"\b(?:bound|bounds|bounded|range|minimum|maximum)\b|\d\.\.\d",
    "max_bytes": r"\b(?:cap|size|\d+\s?MB)\b",
    "total_max_bytes": r"\b(?:cap|size|sum|total|\d+\s?MB)\b",
    "used_items": r"\b(?:first|used|ignored)\b",
    "formats": r"\bformats?\b",
    "schemes": r"\b(?:HTTPS?|schemes?)\b",
    "required": r"\b(?:required|optional)\b",
}
_NAME = re.compile(r"(?i)\bnames?\b")
_FIELD_NAMES = re.compile(r"(?i)\bfield names?\b")
_PRESENCE = re.compile(r"(?i)\b(?:cop(?:y|ies)|printed|prints?|page|pages)\b")
_ALIAS = re.compile(r"^As (?P<name>\w+)\.?$")
_GAP = re.compile(
    r"(?i)\bno (?:bound|range|default|format|limit)s?\b|\bprints? no\b|\bnames no\b|\bnot printed\b|\blost\b"
    r"|\bprinted only\b|\bonly printed\b|\bprints only\b|\bgives? only\b|\bstates? only\b|\bonly (?:on|in) the\b"
    r"|\bbut not (?:in|on)\b|\bdoes not say\b|\brun together\b"
)
_QUOTE = re.compile(r'"(?P<plain>[^"\n]{2,})"|“(?P<curly>[^”\n]{2,})”')
_ELLIPSIS = re.compile(r"\.\.\.|…")
_CASELESS = frozenset({"formats", "schemes"})
#: A note about fal's OpenAPI document rather than the doc pages.
OPENAPI_NOTE = re.compile(r"\bfal's OpenAPI\b")


@dataclass(eq=False)
class Note:
    owner: Owner
    path: str
    text: str
    field: FieldSpec | None = None
    rule: RuleSpec | None = None
    used: bool = False

    @property
    def where(self) -> str:
        return f"{self.owner.file}:{self.path}"


@dataclass(frozen=True)
class StaleNote:
    note: Note
    reason: str


def mentions(text: str, token: str, *, caseless: bool = False) -> bool:
    """Whether ``text`` names ``token``: as a word, or (a printed list or sentence) ignoring spacing."""
    if token == "":
        return '""' in text
    if re.search(r"[\s,]", token.strip()):  # a whole printed list: not part of a longer one
        pattern = rf"(?<![\w,]){re.escape(squeeze(token))}(?![\w,])"
        return re.search(pattern, squeeze(text), re.IGNORECASE if caseless else 0) is not None
    return re.search(rf"(?<!\w){re.escape(token)}(?!\w)", text, re.IGNORECASE if caseless else 0) is not None


def indexed(base: str, notes: tuple[str, ...]) -> Iterable[tuple[str, str]]:
    """Each note with its key path (``…curation[1]`` when there are several)."""
    for index, text in enumerate(notes):
        yield (f"{base}[{index}]" if len(notes) > 1 else base), text


def _indexed(base: str, notes: tuple[str, ...]) -> Iterable[tuple[str, str]]:
    return ((path, text) for path, text in indexed(base, notes) if not OPENAPI_NOTE.search(text))


class Register:
    """Every curation note of every owner, with what it explained during one check."""

    def __init__(self, owners: list[Owner]) -> None:
        self.owners = owners
        self.notes: list[Note] = []
        self._compared: set[int] = set()
        for owner in owners:
            self.notes.extend(Note(owner, path, text) for path, text in _indexed(owner.curation_path, owner.curation))
            for fields in owner.roles.values():
                for spec in fields:
                    for path, text in _indexed(f"{spec.path}.curation", spec.curation):
                        self.notes.append(Note(owner, path, text, field=spec))
            for rule in owner.rules:
                for path, text in _indexed(f"{rule.path}.curation", rule.curation):
                    self.notes.append(Note(owner, path, text, rule=rule))

    # ------------------------------------------------------------------------------------ looking up

    def compared(self, subject: FieldSpec | RuleSpec) -> None:
        """Record that a field or rule met a page copy (its gap notes can now go stale)."""
        self._compared.add(id(subject))

    def _owner_notes(self, owner: Owner) -> list[Note]:
        return [note for note in self.notes if note.owner is owner and note.field is None and note.rule is None]

    def _field_notes(self, owner: Owner, spec: FieldSpec) -> list[Note]:
        return [note for note in self.notes if note.owner is owner and note.field is spec]

    def _text(self, note: Note) -> str:
        """A note's text; "As other_field." speaks with the other field's notes."""
        alias = _ALIAS.match(note.text.strip())
        if note.field is not None and alias and (target := note.owner.field(alias.group("name"))) is not None:
            return " ".join(other.text for other in self._field_notes(note.owner, target)) or note.text
        return note.text

    # ------------------------------------------------------------------------------------ explaining

    def renamed(self, rule: RuleSpec, owner: Owner, printed: tuple[str, ...]) -> bool:
        """Whether ``rule``'s own notes name each printed field name (and mark them used)."""
        notes = [note for note in self.notes if note.owner is owner and note.rule is rule]
        good = [note for note in notes if all(mentions(note.text, name) for name in printed)]
        for note in good:
            note.used = True
        return bool(good)

    def explain(self, diff: Difference) -> bool:
        """Whether a note explains ``diff``; every note that does is marked used."""
        owner = diff.owner
        if diff.kind == "page":
            return False
        if diff.kind == "unstated":
            notes = [note for note in self.notes if note.owner is owner and note.rule is diff.rule]
            return self._use(notes)
        if diff.kind == "extra":
            return self._use([note for note in self._owner_notes(owner) if mentions(note.text, diff.subject)])
        if diff.kind == "rule":
            # a field's note must name the other fields of the rule, an owner note all of them
            field_notes = self._field_notes(owner, diff.spec_field) if diff.spec_field else []
            others = tuple(name for name in diff.tokens if name != diff.subject)
            return self._use(
                [
                    *(note for note in field_notes if all(mentions(self._text(note), name) for name in others)),
                    *(note for note in self._owner_notes(owner) if all(mentions(note.text, n) for n in diff.tokens)),
                ]
            )
        spec = diff.spec_field
        if spec is None:
            return False
        field_notes = self._field_notes(owner, spec)
        naming = [note for note in self._owner_notes(owner) if mentions(note.text, spec.name)]
        if diff.kind == "name":
            owner_notes = [
                n
                for n in self._owner_notes(owner)
                if _FIELD_NAMES.search(n.text) or (n in naming and _NAME.search(n.text))
            ]
            return self._use([*(n for n in field_notes if _NAME.search(self._text(n))), *owner_notes])
        if diff.kind == "presence":
            return self._use([*(n for n in field_notes if _PRESENCE.search(self._text(n))), *naming])
        candidates = [*field_notes, *naming]
        words = re.compile(_ASPECT_WORDS.get(diff.kind, r"\btype\b"), re.IGNORECASE)
        if diff.fact is None or diff.kind == "required":
            return self._use([note for note in candidates if words.search(self._text(note))])
        caseless = diff.kind in _CASELESS
        saying = [n for n in candidates if all(mentions(self._text(n), t, caseless=caseless) for t in diff.tokens)]
        if not saying:
            return False
        self._use([*saying, *(note for note in field_notes if words.search(self._text(note)))])
        return True

    @staticmethod
    def _use(notes: list[Note]) -> bool:
        for note in notes:
            note.used = True
        return bool(notes)

    # ------------------------------------------------------------------------------------ stale notes

    def stale(self, page_texts: Iterable[str]) -> list[StaleNote]:
        """The notes that no longer apply (see the module docstring for the two rules)."""
        squeezed = [squeeze(text) for text in page_texts]
        found: list[StaleNote] = []
        for note in self.notes:
            gone = [quote for quote in _quotes(note.text) if not _quote_on_pages(quote, squeezed)]
            if gone:
                found.append(StaleNote(note, f'it quotes "{gone[0]}", which no page holds any more'))
                continue
            subject = note.field if note.field is not None else note.rule
            if note.used or subject is None or id(subject) not in self._compared:
                continue
            if _GAP.search(self._text(note)):
                found.append(StaleNote(note, "the gap it describes has closed (it explains no difference any more)"))
        return found

    @property
    def used_count(self) -> int:
        return sum(note.used for note in self.notes)


def _quotes(text: str) -> list[str]:
    return [match.group("plain") or match.group("curly") for match in _QUOTE.finditer(text)]


def _quote_on_pages(quote: str, pages: list[str]) -> bool:
    pieces = [squeeze(piece) for piece in _ELLIPSIS.split(quote)]
    return all(any(piece in page for page in pages) for piece in pieces if len(piece) >= 2)
