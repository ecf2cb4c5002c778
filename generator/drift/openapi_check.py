"""The OpenAPI half of ``make drift``: every fal spec against its endpoint's document.

Documents live in ``<docs>/openapi/`` (``python -m generator fetch`` writes them). A docs folder
without that subfolder has no second upstream and is skipped; with it, a fal endpoint whose
document is missing is drift. Each difference no ``fal's OpenAPI`` note explains becomes a finding
that points into the document (``file#/json/pointer``); unused notes become stale findings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.drift import report as reporting
from generator.drift.curation import Note
from generator.drift.differences import Owner
from generator.drift.openapi import Document, document_name, load_document
from generator.drift.openapi_compare import SchemaDiff, compare_documents
from generator.drift.openapi_notes import SchemaRegister
from generator.drift.openapi_suggest import for_schema_diff, for_schema_stale
from generator.spec.model import SpecSet

__all__ = ["SchemaOutcome", "check_documents", "load_documents"]

FOLDER = "openapi"


@dataclass
class SchemaOutcome:
    findings: list[reporting.Finding] = field(default_factory=list)
    documents: int = 0
    differences: int = 0
    explained: int = 0
    notes: int = 0
    notes_used: int = 0


def load_documents(docs: Path, specs: SpecSet, root: Path) -> tuple[dict[str, Document], list[str]] | None:
    """The documents of the fal endpoints by endpoint id, and the endpoints that have none."""
    folder = docs / FOLDER
    if not folder.is_dir():
        return None
    found: dict[str, Document] = {}
    missing: list[str] = []
    for spec in specs.endpoints:
        if spec.provider != "fal":
            continue
        path = folder / document_name(spec.endpoint)
        if not path.is_file():
            missing.append(spec.endpoint)
            continue
        found[spec.endpoint] = load_document(path, _shown(root, path))
    return found, missing


def _shown(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def check_documents(specs: SpecSet, owners: list[Owner], docs: Path, root: Path) -> SchemaOutcome:
    """Compare, explain, report (raises :class:`~generator.drift.openapi.OpenAPIError` on a bad document)."""
    outcome = SchemaOutcome()
    loaded = load_documents(docs, specs, root)
    if loaded is None:
        return outcome
    documents, missing = loaded
    outcome.documents = len(documents)
    by_label = {owner.label: owner for owner in owners}
    for endpoint in missing:
        owner = by_label[endpoint]
        message = f"no OpenAPI document {document_name(endpoint)} (run `python -m generator fetch`)"
        outcome.findings.append(reporting.Finding("drift", endpoint, "openapi", message, owner.file, owner.file))
    register = SchemaRegister(owners)
    compared: set[str] = set()
    for diff in compare_documents(specs, owners, documents):
        outcome.differences += 1
        compared.add(diff.owner.label)
        if register.explain(diff):
            outcome.explained += 1
        else:
            outcome.findings.append(_finding(diff))
    compared |= {endpoint for endpoint in documents}
    compared |= {name for name in specs.types if any(name in doc.schemas for doc in documents.values())}
    outcome.findings.extend(_stale(note) for note in register.stale(compared))
    outcome.notes = len(register.notes)
    outcome.notes_used = register.used_count
    return outcome


def _finding(diff: SchemaDiff) -> reporting.Finding:
    return reporting.Finding(
        "drift",
        diff.owner.label,
        diff.subject,
        diff.message,
        diff.where,
        diff.owner.file,
        diff.spec_field.path if diff.spec_field is not None else None,
        diff.doc_value,
        diff.spec_value,
        for_schema_diff(diff),
    )


def _stale(note: Note) -> reporting.Finding:
    reason = "it explains no difference with fal's OpenAPI"
    return reporting.stale_finding(note, reason, for_schema_stale(note.owner.file, note.path))
