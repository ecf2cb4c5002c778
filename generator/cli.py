"""``python -m generator``: ``generate [--check]`` (and, later, ``drift``).

Exit status: 0 done / up to date, 1 ``--check`` found stale files, 2 a spec is invalid.
Spec problems print as ``specs/<file>.yaml:<key.path>: message`` — never a traceback.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from generator.render.renderer import RenderError, render
from generator.render.writer import stale_files, write_files
from generator.spec.errors import SpecError
from generator.spec.loader import load_specs

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
    return parser


def generate(root: Path, out: Path, *, check: bool) -> int:
    started = time.perf_counter()
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
    return 2  # pragma: no cover - argparse enforces the sub-command
