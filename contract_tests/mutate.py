"""Mutation proof: ``python -m contract_tests.mutate`` (``make mutate``; ``--full`` is ``make mutate-full``).

Finds the mutants of the generated package (:mod:`contract_tests.mutations`: one plausible
generator or runtime bug each), runs the contract suite against each and reports the kill rate
with every survivor. Two runners, the same mutants:

* fast (default, :mod:`contract_tests.mutate_fast`): only the tests that exercise the mutated
  constraint first (from the baseline's per-test constraint matrix), then the endpoint's, then the
  rest; in long-lived workers that patch the mutant into the loaded package in place.
* full (``--full``, :mod:`contract_tests.mutate_full`): a fresh process per mutant on a patched copy,
  the field's boundary tests then the endpoint's whole suite.

Each run writes the killed mutants' ids to ``build/mutants-<fast|full>.txt`` (``--compare`` checks
that the two runs killed the same set) and its figures to ``build/mutate-<mode>.json``; a run
limited with ``--only``/``--kind`` writes ``…-<mode>-partial…`` instead.

Exit status: 0 when the kill rate reaches ``--threshold`` (default 100 %: every mutant killed),
1 below it, 2 when the unmutated package fails the suite, a sanity mutant of the fast runner comes
out wrong or a mutant could not run (an error, not a kill).
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from collections import Counter
from collections.abc import Sequence

from contract_tests.mutate_report import compare, summarize, write
from contract_tests.mutations import find_mutants
from contract_tests.specdata import ROOT

PACKAGE = ROOT / "generated" / "src" / "ideogram_clients"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m contract_tests.mutate", description=__doc__.split("\n\n")[0])
    parser.add_argument("--full", action="store_true", help="a fresh process per mutant (make mutate-full)")
    parser.add_argument("--jobs", type=int, default=2, help="workers / runs in parallel (default 2)")
    parser.add_argument("--threshold", type=float, default=100.0, help="minimum kill rate in %% (default 100)")
    parser.add_argument("--timeout", type=float, default=0.0, help="seconds per mutant before it counts as killed")
    parser.add_argument("--only", action="append", default=[], help="keep mutants whose description contains this")
    parser.add_argument("--kind", action="append", default=[], help="keep mutants of this kind (bound, enum, ...)")
    parser.add_argument("--list", action="store_true", help="list the mutants and exit")
    parser.add_argument("--subprocess", action="store_true", help="full runner: a new interpreter per run")
    parser.add_argument("--no-baseline", action="store_true", help="full runner: skip the unmutated run")
    parser.add_argument("--compare", action="store_true", help="compare build/mutants-fast.txt and -full.txt, exit")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    options = _parser().parse_args(argv)
    os.environ["HYPOTHESIS_PROFILE"] = "mutate"  # before anything imports contract_tests.profiles
    if options.compare:
        same, message = compare("fast", "full")
        print(f"mutate: {message}")
        return 0 if same else 1
    mutants = find_mutants(PACKAGE)
    if options.kind:
        mutants = [mutant for mutant in mutants if mutant.kind in options.kind]
    if options.only:
        mutants = [
            mutant for mutant in mutants if any(part in f"{mutant.file} {mutant.description}" for part in options.only)
        ]
    if options.list:
        for mutant in mutants:
            print(f"{mutant}  -> {', '.join(mutant.endpoints)}")
        print(f"{len(mutants)} mutants")
        return 0
    os.chdir(ROOT)
    mode = "full" if options.full else "fast"
    counts = Counter(mutant.kind for mutant in mutants)
    kinds = ", ".join(f"{n} {kind}" for kind, n in counts.most_common())
    print(f"mutate ({mode}): {len(mutants)} mutants ({kinds}), {options.jobs} at a time", flush=True)
    started = time.monotonic()
    figures: dict[str, object] = {}
    if options.full:
        from contract_tests.mutate_full import run_full

        use_fork = hasattr(os, "fork") and not options.subprocess
        timeout = options.timeout or 300.0
        found = run_full(
            mutants, jobs=options.jobs, timeout=timeout, use_fork=use_fork, baseline=not options.no_baseline
        )
    else:
        from contract_tests.mutate_fast import run_fast

        outcome = run_fast(mutants, jobs=options.jobs, timeout=options.timeout or 60.0)
        found, figures = outcome if outcome is not None else (None, {})
    if found is None:
        return 2
    seconds = time.monotonic() - started
    _, _, rate = summarize(found, seconds)
    cpu = sum(
        usage.ru_utime + usage.ru_stime
        for usage in (resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN))
    )
    filtered = bool(options.kind or options.only)
    extra = {"jobs": options.jobs, "filtered": filtered, "cpu_seconds": round(cpu), **figures}
    # a run on some mutants must not pass for the whole set: its files say "partial"
    target = write(f"{mode}-partial" if filtered else mode, found, seconds, extra)
    print(f"mutate: killed mutants listed in {target.relative_to(ROOT)}")
    if any(result.status == "error" for result in found):
        return 2
    if rate < options.threshold:
        print(f"mutate: kill rate {rate:.1f} % is below the threshold {options.threshold:g} %")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
