"""``python -m generator drift``: read the pages and fal's OpenAPI documents, load the specs, compare, report.

Exit status: 0 clean, 1 drift (an unexplained difference, a stale curation note or a vanished
source quote), 2 a page or document that is not in its format or a spec error — one line, no traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from generator.drift import report as reporting
from generator.drift.compare import compare
from generator.drift.curation import Register
from generator.drift.differences import owners
from generator.drift.model import PageError
from generator.drift.openapi import OpenAPIError
from generator.drift.openapi_check import check_documents
from generator.drift.pages import DocSet, load_docs
from generator.drift.specload import CheckedPages, load_for_drift, vanished_quotes
from generator.spec.errors import SpecError
from generator.spec.model import SpecSet


def check(specs: SpecSet, docs: DocSet, root: Path | None = None) -> reporting.Report:
    """Compare ``docs`` (pages, and ``openapi/`` documents if the folder has them) with ``specs``."""
    all_owners = owners(specs)
    register = Register(all_owners)
    outcome = compare(specs, docs, register)
    result = reporting.Report(
        pages=len(docs.pages),
        copies=outcome.copies,
        endpoints=len(specs.endpoints),
        types=len(specs.types),
        explained=outcome.explained,
        covered=outcome.covered,
    )
    result.findings.extend(reporting.from_difference(diff) for diff in outcome.unexplained)
    library = CheckedPages(docs.folder, docs.texts)
    result.findings.extend(reporting.from_vanished(quote) for quote in vanished_quotes(specs, library))
    result.findings.extend(reporting.from_stale(stale) for stale in register.stale(docs.texts.values()))
    result.notes = len(register.notes)
    result.notes_used = register.used_count
    schema = check_documents(specs, all_owners, docs.folder, root or docs.folder.parent)
    result.findings.extend(schema.findings)
    result.documents = schema.documents
    result.schema_differences = schema.differences
    result.schema_explained = schema.explained
    result.notes += schema.notes
    result.notes_used += schema.notes_used
    return result


def run(
    root: Path,
    docs: Path,
    *,
    output_format: str = "text",
    suggest: bool = False,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    try:
        docset = load_docs(root, docs)
        specs = load_for_drift(root, docset.folder, docset.texts)
        result = check(specs, docset, root)
    except (PageError, SpecError, OpenAPIError) as exc:
        print(f"error: {exc}", file=err)
        return 2
    if output_format == "json":
        print(result.json(with_suggestions=suggest), file=out)
    else:
        print(result.text(with_suggestions=suggest), file=out)
    return 0 if result.clean else 1
