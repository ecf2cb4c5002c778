"""What a mutation run reports: each mutant's result, the kill rate, and the kill set on disk.

Both runners (fast and full) end here. The killed mutants' ids (:attr:`Mutant.ident`, stable across
runs) go to ``build/mutants-<mode>.txt`` and a summary (time, counts, load) to
``build/mutate-<mode>.json``, so two runs can be compared line by line (``--compare``) and the bench
report can show them.
"""

from __future__ import annotations

import datetime
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from contract_tests.mutant import Mutant
from contract_tests.specdata import ROOT

__all__ = ["BUILD", "Result", "Status", "compare", "kill_file", "summarize", "write"]

BUILD = ROOT / "build"
Status = Literal["killed", "survived", "error"]


@dataclass(frozen=True)
class Result:
    mutant: Mutant
    status: Status
    seconds: float
    detail: str = ""  # the killing test, or why the run could not happen


def kill_file(mode: str) -> Path:
    return BUILD / f"mutants-{mode}.txt"


def summarize(results: Sequence[Result], seconds: float) -> tuple[int, int, float]:
    """Print the kill rate and every survivor and error; returns (killed, scored, rate %)."""
    killed = [result for result in results if result.status == "killed"]
    survived = [result for result in results if result.status == "survived"]
    errors = [result for result in results if result.status == "error"]
    for result in errors:
        print(f"ERROR {result.mutant}\n{result.detail}\n")
    scored = len(killed) + len(survived)
    rate = 100.0 * len(killed) / scored if scored else 100.0
    tail = f", {len(errors)} could not run" if errors else ""
    print(f"\nmutate: {len(killed)}/{scored} mutants killed ({rate:.1f} %) in {seconds:.0f} s{tail}")
    for result in survived:
        print(f"  SURVIVED {result.mutant}")
    return len(killed), scored, rate


def write(mode: str, results: Sequence[Result], seconds: float, extra: dict[str, Any] | None = None) -> Path:
    """The kill set (one ``<ident> <mutant>`` line per killed mutant) and the run's summary."""
    BUILD.mkdir(parents=True, exist_ok=True)
    target = kill_file(mode)
    lines = sorted(f"{result.mutant.ident} {result.mutant}" for result in results if result.status == "killed")
    target.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    counts = {status: sum(result.status == status for result in results) for status in ("killed", "survived", "error")}
    summary = {
        "mode": mode,
        "mutants": len(results),
        **counts,
        "seconds": round(seconds, 1),
        "cpus": os.cpu_count(),
        "load_average_at_end": [round(value, 2) for value in os.getloadavg()],
        "finished_utc": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M"),
        **(extra or {}),
        "slowest": [
            f"{result.seconds:.2f} s {result.mutant} ({result.detail.splitlines()[0] if result.detail else result.status})"
            for result in sorted(results, key=lambda result: -result.seconds)[:15]
        ],
    }
    (BUILD / f"mutate-{mode}.json").write_text(json.dumps(summary, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return target


def compare(first: str, second: str) -> tuple[bool, str]:
    """Whether two runs' kill sets are the same, and a line saying so (or listing the differences)."""
    sets = {}
    for mode in (first, second):
        path = kill_file(mode)
        if not path.exists():
            return False, f"{path.relative_to(ROOT)} is missing: run that mode first"
        sets[mode] = {line.split(" ", 1)[0]: line for line in path.read_text(encoding="utf-8").splitlines() if line}
    only = {mode: sorted(set(sets[mode]) - set(sets[other])) for mode, other in ((first, second), (second, first))}
    if not only[first] and not only[second]:
        return True, f"kill sets match: {len(sets[first])} mutants killed by both {first} and {second}"
    listing = [f"  only {mode}: {sets[mode][ident]}" for mode in (first, second) for ident in only[mode]]
    return False, "kill sets differ:\n" + "\n".join(listing)
