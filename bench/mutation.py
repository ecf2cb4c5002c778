"""6b. Mutation proof: ``make mutate`` (fast runner) beside ``make mutate-full`` (a process per mutant).

The fast runner (selected tests, two long-lived workers patching each mutant in place) runs here
once, as CI runs it: ``python -m contract_tests.mutate`` in a fresh process, timed from start to
exit. The full runner (a fresh process and package copy per mutant, the old ``make mutate``) takes
five to fifteen minutes, so the bench does not rerun it: its figures come from
``build/mutate-full.json``, written by the last ``make mutate-full`` in this checkout (the detail
says when, and the load then). The two kill sets (``build/mutants-fast.txt``,
``build/mutants-full.txt``: stable mutant ids) must be the same.

History (issue 22): before the fast runner, ``make mutate`` was the full runner with shrinking
Hypothesis failures and boundary tests running every case: 374 s wall and 714 s of CPU for the same
1147 mutants (2026-12-04, load about 2), 578-851 s on busier days. Both runners now skip shrinking
and stop a boundary test at its first failing case (neither changes which mutants die).
"""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path
from typing import Any

from bench._common import PYTHON, ROOT, Config, Row, Samples, Section

__all__ = ["run"]

TIMEOUT = 900
GOAL_SECONDS = 120.0
BUILD = ROOT / "build"


def _summary(mode: str) -> dict[str, Any] | None:
    path = BUILD / f"mutate-{mode}.json"
    if not path.exists():
        return None
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def _kill_set(mode: str) -> set[str] | None:
    path = BUILD / f"mutants-{mode}.txt"
    if not path.exists():
        return None
    return {line.split(" ", 1)[0] for line in path.read_text(encoding="utf-8").splitlines() if line}


def run(config: Config, work: Path) -> Section:
    del config, work
    load = os.getloadavg()[0]
    started = time.perf_counter()
    result = subprocess.run(  # noqa: S603
        [PYTHON, "-m", "contract_tests.mutate"], cwd=ROOT, capture_output=True, text=True, timeout=TIMEOUT, check=False
    )
    seconds = time.perf_counter() - started
    fast, full = _summary("fast"), _summary("full")
    if fast is None or result.returncode != 0:
        raise RuntimeError(f"make mutate failed (exit {result.returncode}): {result.stdout[-2000:]}")
    killed, total = int(fast["killed"]), int(fast["mutants"])
    fast_set, full_set = _kill_set("fast"), _kill_set("full")
    same = fast_set is not None and fast_set == full_set
    rows = [
        Row(
            "Mutation proof, fast runner (`make mutate`, in CI)",
            Samples.of([seconds], "s", 0),
            Samples.of([float(full["seconds"])], "s", 0) if full else None,
            goal=f"≤ {GOAL_SECONDS:.0f} s, 100 % killed",
            goal_met=seconds <= GOAL_SECONDS and killed == total,
            peer_label="`make mutate-full`: a fresh process per mutant (the old `make mutate`)",
            note=f"{killed}/{total} mutants killed; kill set {'identical to' if same else 'NOT identical to'} "
            f"the full runner's; load average at start {load:.2f} on {os.cpu_count()} cores",
        )
    ]
    detail = (
        "| runner | mutants | killed | wall time | CPU time | load (1 min) | when |\n|---|---|---|---|---|---|---|\n"
    )
    for name, summary in (("fast (`make mutate`)", fast), ("full (`make mutate-full`)", full)):
        if summary is None:
            detail += f"| {name} | – | – | not run in this checkout | – | – | – |\n"
            continue
        end_load = summary.get("load_average_at_end", ["?"])[0]
        detail += (
            f"| {name} | {summary['mutants']} | {summary['killed']} | {float(summary['seconds']):.0f} s "
            f"| {summary.get('cpu_seconds', '?')} s | {end_load} at the end "
            f"| {summary.get('finished_utc', '?')} UTC |\n"
        )
    if fast_set is not None and full_set is not None:
        detail += (
            f"\nKill sets: {len(fast_set)} (fast) and {len(full_set)} (full) mutant ids; "
            f"{len(fast_set & full_set)} in both, {len(fast_set - full_set)} only fast, "
            f"{len(full_set - fast_set)} only full.\n"
        )
    passes = fast.get("killed_in_pass")
    if passes:
        detail += (
            f"\nThe fast runner killed {passes[0]} mutants with the tests of their constraint (pass 1), "
            f"{passes[1]} with the rest of their endpoint's tests and {passes[2]} with the rest of the suite; "
            f"it ran {fast.get('tests_run', '?')} test functions in all (the full runner runs a whole pytest "
            f"session per mutant), after a {fast.get('baseline_seconds', '?')} s baseline.\n"
        )
    detail += (
        "\nCPU time (all processes, user + system) does not depend on what else the shared machine runs; "
        "wall time does, hence the load beside it.\n"
    )
    return Section("mutation", "Mutation proof", rows=rows, method=__doc__ or "", detail=detail)
