"""``python -m bench``: run every benchmark, write BENCHMARKS.md and docs/bench-throughput.png.

``--quick`` cuts the repeats (a smoke run; its numbers mean little). ``--only a,b`` runs some
measurements and writes nothing unless ``--report``/``--plot`` are given. A measurement that fails
is reported as such and the run exits 1 after writing what it has.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from bench import contract, generation, imports, latency, memory, mutation, overhead, throughput, uploads, validation
from bench._common import ROOT, Config, Section
from bench.batch import run as batch_run
from bench.plot import throughput_plot
from bench.report import machine_line, render

Measurement = Callable[[Config, Path], Section]

#: In report order. Validation imports the peer models generation writes, so it runs after it.
MEASUREMENTS: dict[str, tuple[str, Measurement]] = {
    "generation": ("Generation", generation.run),
    "overhead": ("Per-request overhead", overhead.run),
    "latency": ("Requests and latency per job", latency.run),
    "memory": ("Memory", memory.run),
    "validation": ("Validation throughput", validation.run),
    "contract": ("Contract suite", contract.run),
    "batch": ("Batch throughput", batch_run),
    "mutation": ("Mutation proof", mutation.run),
    "throughput": ("Emulator throughput", throughput.run),
    "uploads": ("Uploads", uploads.run),
    "imports": ("Import time", imports.run),
}
REPORT = ROOT / "BENCHMARKS.md"
PLOT = ROOT / "docs" / "bench-throughput.png"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="few repeats: a smoke run")
    parser.add_argument("--only", help=f"comma-separated subset of: {', '.join(MEASUREMENTS)}")
    parser.add_argument("--report", type=Path, help=f"markdown output (default {REPORT.name} for a full run)")
    parser.add_argument("--plot", type=Path, help="throughput PNG (default docs/bench-throughput.png for a full run)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    chosen = list(MEASUREMENTS)
    if args.only:
        chosen = [name.strip() for name in args.only.split(",") if name.strip()]
        unknown = [name for name in chosen if name not in MEASUREMENTS]
        if unknown:
            print(f"unknown measurement(s): {', '.join(unknown)}", file=sys.stderr)
            return 2
        if "validation" in chosen and "generation" not in chosen:
            chosen.insert(0, "generation")
        chosen = [name for name in MEASUREMENTS if name in chosen]
    full = not args.only
    report = args.report or (REPORT if full else None)
    plot = args.plot or (PLOT if full else None)
    config = Config(quick=args.quick)
    machine = machine_line()
    print(f"bench: {machine}", flush=True)
    started = time.perf_counter()
    sections: list[Section] = []
    with tempfile.TemporaryDirectory(prefix="ideogram-bench-") as tmp:
        for name in chosen:
            title, measure = MEASUREMENTS[name]
            folder = Path(tmp) / name
            folder.mkdir()
            if name == "validation":
                (folder / "peer_models").symlink_to(Path(tmp) / "generation" / generation.PEER_MODELS)
            print(f"bench: {title} …", flush=True)
            begin = time.perf_counter()
            try:
                section = measure(config, folder)
            except Exception as exc:  # one failed measurement must not lose the others
                traceback.print_exc()
                section = Section(name, title, error=f"{type(exc).__name__}: {exc}"[:500])
            section.seconds = time.perf_counter() - begin
            sections.append(section)
            for row in section.rows:
                peer = row.peer.show() if row.peer else "—"
                print(f"  {row.figure}: ours {row.ours.show()} | peer {peer}", flush=True)
            print(f"  ({section.seconds:.0f} s)", flush=True)
    wall = time.perf_counter() - started
    plot_name = "docs/bench-throughput.png"
    if plot is not None:
        found = next((s for s in sections if s.key == "throughput" and not s.error), None)
        if found is not None:
            throughput_plot(found.extra["throughput"], plot, machine)  # type: ignore[arg-type]
            print(f"bench: wrote {plot}")
        plot_name = (
            plot.relative_to(report.parent).as_posix() if report and plot.is_relative_to(report.parent) else str(plot)
        )
    if report is not None:
        report.write_text(render(sections, machine=machine, wall=wall, plot=plot_name), encoding="utf-8")
        print(f"bench: wrote {report}")
    print(f"bench: done in {wall:.0f} s")
    return 1 if any(section.error for section in sections) else 0


if __name__ == "__main__":
    sys.exit(main())
