"""What the check found, as findings: one line each (text) or one object each (JSON)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from generator.drift import suggest
from generator.drift.curation import Note, StaleNote
from generator.drift.differences import Difference
from generator.drift.specload import VanishedQuote


@dataclass(frozen=True)
class Finding:
    kind: str  # "drift", "stale" (curation note) or "quote" (a source: quote the page lost)
    owner: str
    subject: str
    message: str
    where: str
    file: str | None = None
    path: str | None = None
    doc: object = None
    spec: object = None
    suggestion: str | None = None

    @property
    def line(self) -> str:
        return f"{self.owner} {self.subject}: {self.message} ({self.where})"

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "owner": self.owner,
            "subject": self.subject,
            "message": self.message,
            "where": self.where,
            "file": self.file,
            "path": self.path,
            "doc": _plain(self.doc),
            "spec": _plain(self.spec),
            "suggestion": self.suggestion,
        }


def _plain(value: object) -> object:
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    if value is None or isinstance(value, str | int | float | bool | dict):
        return value
    return str(value)


def from_difference(diff: Difference) -> Finding:
    path = diff.spec_field.path if diff.spec_field is not None else (diff.rule.path if diff.rule is not None else None)
    return Finding(
        "drift",
        diff.label or diff.owner.label,
        diff.subject,
        diff.message,
        diff.where,
        None if diff.label else diff.owner.file,
        path,
        diff.doc_value,
        diff.spec_value,
        suggest.for_difference(diff),
    )


def from_stale(stale: StaleNote) -> Finding:
    return stale_finding(stale.note, stale.reason, suggest.for_stale(stale.note.owner.file, stale.note.path))


def stale_finding(note: Note, reason: str, suggestion: str) -> Finding:
    """A curation note that explains nothing any more: ``reason`` says against what."""
    subject = note.field.name if note.field is not None else (note.rule.path if note.rule is not None else "curation")
    text = " ".join(note.text.split())
    shown = text if len(text) <= 90 else text[:87] + "..."
    message = f'stale curation note, {reason}: "{shown}"'
    return Finding(
        "stale", note.owner.label, subject, message, note.where, note.owner.file, note.path, suggestion=suggestion
    )


def from_vanished(quote: VanishedQuote) -> Finding:
    pages = ", ".join(str(ref) for ref in quote.pages)
    text = quote.quote if len(quote.quote) <= 70 else quote.quote[:67] + "..."
    message = f'source quote "{text}" is no longer on {pages}'
    where = f"{quote.file}:{quote.path}"
    return Finding(
        "quote",
        quote.owner,
        quote.field or quote.path,
        message,
        where,
        quote.file,
        quote.path,
        suggestion=suggest.for_vanished(quote.file, quote.path, pages),
    )


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)
    pages: int = 0
    copies: int = 0
    endpoints: int = 0
    types: int = 0
    explained: int = 0
    covered: int = 0
    notes: int = 0
    notes_used: int = 0
    documents: int = 0
    schema_differences: int = 0
    schema_explained: int = 0

    @property
    def clean(self) -> bool:
        return not self.findings

    def summary(self) -> str:
        counts = {kind: sum(f.kind == kind for f in self.findings) for kind in ("drift", "stale", "quote")}
        state = (
            "clean"
            if self.clean
            else (
                f"{counts['drift']} unexplained difference(s), {counts['stale']} stale curation note(s), "
                f"{counts['quote']} vanished source quote(s)"
            )
        )
        return (
            f"drift: {state} — {self.pages} pages, {self.copies} listings compared with {self.endpoints} endpoints and "
            f"{self.types} types; {self.explained} differences explained by curation notes, {self.covered} by the "
            f"API reference; {self.documents} OpenAPI documents, {self.schema_explained} of "
            f"{self.schema_differences} differences with them explained; {self.notes_used} of {self.notes} notes "
            "explain something now"
        )

    def text(self, *, with_suggestions: bool = False) -> str:
        lines: list[str] = []
        for finding in self.findings:
            lines.append(finding.line)
            if with_suggestions and finding.suggestion:
                lines.extend("    " + row for row in finding.suggestion.splitlines())
        lines.append(self.summary())
        return "\n".join(lines)

    def json(self, *, with_suggestions: bool = False) -> str:
        findings = [finding.as_json() for finding in self.findings]
        if not with_suggestions:
            for item in findings:
                item.pop("suggestion")
        data = {
            "clean": self.clean,
            "summary": self.summary(),
            "findings": findings,
            "counts": {
                "pages": self.pages,
                "listings": self.copies,
                "explained": self.explained,
                "covered": self.covered,
                "notes": self.notes,
                "notes_used": self.notes_used,
                "documents": self.documents,
                "schema_differences": self.schema_differences,
                "schema_explained": self.schema_explained,
            },
        }
        return json.dumps(data, indent=2, ensure_ascii=False)
