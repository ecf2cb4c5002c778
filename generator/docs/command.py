"""``python -m generator docs``: write the site's Markdown sources. Exit 2 on an invalid spec."""

from __future__ import annotations

import sys
from pathlib import Path

from generator.docs.examples import examples
from generator.spec.model import SpecSet


def write_examples(specs: SpecSet, out: Path) -> None:
    """Each page's examples as modules, so ``make docs`` can type-check them with mypy --strict."""
    out.mkdir(parents=True, exist_ok=True)
    for spec in specs.endpoints:
        for kind, text in zip(("sync", "async"), examples(spec), strict=True):
            (out / f"{spec.module}_{kind}.py").write_text(text, encoding="utf-8")


def run(root: Path, out: Path, examples_out: Path | None = None) -> int:
    from generator.docs.site import write_site
    from generator.spec.errors import SpecError
    from generator.spec.loader import load_specs

    try:
        specs = load_specs(root)
    except SpecError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    pages = write_site(specs, out)
    if examples_out is not None:
        write_examples(specs, examples_out)
    print(f"docs: {pages} pages for {len(specs.endpoints)} endpoints in {out}")
    return 0
