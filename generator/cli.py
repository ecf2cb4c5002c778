"""``python -m generator``: ``generate [--check]``, ``drift``, ``fetch``, ``release [--check]`` and ``docs``.

Exit status: 0 done / up to date, 1 ``--check`` found stale files (``drift``: found drift; ``fetch``:
an endpoint failed), 2 a spec (or, for ``drift``, a doc page or OpenAPI document) is invalid.
Spec problems print as ``specs/<file>.yaml:<key.path>: message`` — never a traceback.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m generator", description=__doc__.splitlines()[0] if __doc__ else None
    )
    commands = parser.add_subparsers(dest="command", required=True)
    generate = commands.add_parser("generate", help="render specs/ into generated/")
    generate.add_argument("--check", action="store_true", help="change nothing; exit 1 naming stale files")
    generate.add_argument(
        "--root", type=Path, default=PROJECT_ROOT, help="project root holding specs/ and upstream-docs/"
    )
    generate.add_argument("--out", type=Path, default=None, help="output folder (default: <root>/generated)")
    drift = commands.add_parser("drift", help="compare the upstream doc pages with specs/; exit 1 on drift")
    drift.add_argument("--root", type=Path, default=PROJECT_ROOT, help="project root holding specs/")
    drift.add_argument("--docs", type=Path, default=None, help="doc pages to check (default: <root>/upstream-docs)")
    drift.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    drift.add_argument("--suggest", action="store_true", help="print the spec edit that would absorb each change")
    fetch = commands.add_parser("fetch", help="refresh fal's OpenAPI documents in upstream-docs/openapi/")
    fetch.add_argument("--root", type=Path, default=PROJECT_ROOT, help="project root holding specs/")
    fetch.add_argument("--base-url", default=None, help="where fal's OpenAPI route lives (default: https://fal.ai)")
    fetch.add_argument("--timeout", type=float, default=30.0, help="seconds per request (default 30)")
    release = commands.add_parser("release", help="version the package from the spec diff since the last release")
    release.add_argument("--check", action="store_true", help="change nothing; exit 1 if specs changed unreleased")
    release.add_argument("--root", type=Path, default=PROJECT_ROOT, help="project root holding specs/")
    docs = commands.add_parser("docs", help="render the reference site's Markdown from specs/")
    docs.add_argument("--root", type=Path, default=PROJECT_ROOT, help="project root holding specs/")
    docs.add_argument("--out", type=Path, default=None, help="output folder (default: <root>/build/docs-src)")
    docs.add_argument("--examples", type=Path, default=None, help="also write each page's examples here as .py")
    return parser


def generate(root: Path, out: Path, *, check: bool) -> int:
    from generator.render.manifest import MANIFEST, input_digest, render_manifest, up_to_date
    from generator.render.writer import managed_files

    started = time.perf_counter()
    digest = input_digest(root)
    current = up_to_date(out, digest, managed_files(out))
    if current is not None:
        if check:
            print(f"generated/ is up to date ({current} files; inputs unchanged)")
        else:
            elapsed = time.perf_counter() - started
            print(f"nothing to do: generated/ matches its inputs ({current} files) in {elapsed:.2f}s")
        return 0

    from generator.render.renderer import RenderError, render
    from generator.render.writer import stale_files, write_files
    from generator.spec.errors import SpecError
    from generator.spec.loader import load_specs

    try:
        specs = load_specs(root)
    except SpecError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        files = render(specs)
    except RenderError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    files[MANIFEST] = render_manifest(digest, files)
    if check:
        stale = stale_files(out, files)
        if stale:
            print(f"generated/ is out of date ({len(stale)} file(s)); run `make generate`:", file=sys.stderr)
            for path in stale:
                print(f"  {path}", file=sys.stderr)
            return 1
        print(f"generated/ is up to date ({len(files)} files, {len(specs.endpoints)} endpoints)")
        return 0
    changed = write_files(out, files)
    elapsed = time.perf_counter() - started
    print(f"{len(specs.endpoints)} endpoints, {len(files)} files, {len(changed)} changed in {elapsed:.2f}s")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "generate":
        root = args.root.resolve()
        out = (args.out or root / "generated").resolve()
        return generate(root, out, check=args.check)
    if args.command == "drift":
        root = args.root.resolve()
        docs = (args.docs or root / "upstream-docs").resolve()
        from generator.drift.command import run as run_drift

        return run_drift(root, docs, output_format=args.format, suggest=args.suggest)
    if args.command == "fetch":
        from generator.fetch import DEFAULT_BASE_URL
        from generator.fetch import run as run_fetch

        base_url = args.base_url or DEFAULT_BASE_URL
        return run_fetch(args.root.resolve(), base_url, timeout=args.timeout, out=sys.stdout, err=sys.stderr)
    if args.command == "docs":
        from generator.docs.command import run as run_docs

        root = args.root.resolve()
        out = (args.out or root / "build" / "docs-src").resolve()
        return run_docs(root, out, args.examples.resolve() if args.examples else None)
    if args.command == "release":
        from generator.release import command as release_command

        root = args.root.resolve()
        return release_command.check(root) if args.check else release_command.release(root)
    return 2  # pragma: no cover - argparse enforces the sub-command
