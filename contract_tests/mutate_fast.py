"""The fast runner (``make mutate``): selected tests, in long-lived workers that patch in place.

``--jobs`` worker processes (forked; :mod:`contract_tests.mutate_worker`) each collect the suite
once and run half of the unmutated suite as the baseline, which also maps every test to the
constraint ids it exercised. Each mutant then becomes a task on a shared queue with its passes of
tests (:mod:`contract_tests.mutate_select`); a free worker patches it into its loaded package, runs
the passes until a test fails, and undoes the patch. Two sanity mutants go first and must come out
as expected, or the run is an error: a neutral edit of ``_files.py`` (the whole model layer
re-executed) must survive the whole suite, and a broken ``to_input_error`` in ``_input_errors.py``
(which ``_endpoint.py`` binds with ``from … import``) must be killed, proving the rebinding.
"""

from __future__ import annotations

import multiprocessing
import queue
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from contract_tests.mutant import Edit, Mutant
from contract_tests.mutate_report import Result
from contract_tests.mutate_select import passes
from contract_tests.mutate_worker import BaselineTest, Done, Task, worker_main
from contract_tests.specdata import ROOT

__all__ = ["run_fast"]

PACKAGE = ROOT / "generated" / "src" / "ideogram_clients"
PROGRESS_EVERY = 30.0


def _appended(file: str, text: bytes, description: str) -> Mutant:
    end = len((PACKAGE / file).read_bytes())
    return Mutant(file, "sanity", description, (Edit(end, end, text),), ())


def _sanity() -> list[tuple[Mutant, str]]:
    """(mutant, expected status): one that must survive, one that must be killed."""
    bound = b"from ideogram_clients._input_errors import to_input_error"
    if bound not in (PACKAGE / "_endpoint.py").read_bytes():  # keep the check meaningful after refactors
        raise RuntimeError("sanity mutant: _endpoint.py no longer binds to_input_error by from-import; update it")
    neutral = _appended("_files.py", b"\n_MUTATE_SANITY = None\n", "neutral edit: the model layer re-executed")
    broken = _appended(
        "_input_errors.py",
        b"\n\ndef to_input_error(*args, **kwargs):\n    raise RuntimeError('mutate sanity mutant')\n",
        "to_input_error replaced (bound elsewhere by from-import)",
    )
    return [(neutral, "survived"), (broken, "killed")]


def _collect(results: Any, processes: list[Any], wanted: str) -> tuple[int, Any]:
    """The next message of kind ``wanted`` (``baseline``/``done``); raises once every worker is gone."""
    while True:
        try:
            kind, number, payload = results.get(timeout=1.0)
        except queue.Empty:
            if not any(process.is_alive() for process in processes):
                codes = ", ".join(str(process.exitcode) for process in processes)
                raise RuntimeError(f"the mutation workers exited (status {codes}) with work left") from None
            continue
        if kind == wanted:
            return number, payload


def _tail(log: Path, lines: int = 30) -> str:
    try:
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def run_fast(mutants: Sequence[Mutant], *, jobs: int, timeout: float) -> tuple[list[Result], dict[str, Any]] | None:
    """Every mutant's result and the run's figures, or None when the baseline or a sanity check fails."""
    context = multiprocessing.get_context("fork")
    tasks: Any = context.Queue()
    results: Any = context.Queue()
    with tempfile.TemporaryDirectory(prefix="ideogram-mutate-") as temp:
        logs = [Path(temp) / f"worker-{number}.log" for number in range(jobs)]
        traced = {str(PACKAGE / mutant.file): mutant.file for mutant in mutants if mutant.line is not None}
        processes = [
            context.Process(target=worker_main, args=(number, jobs, tasks, results, logs[number], timeout, traced))
            for number in range(jobs)
        ]
        for process in processes:
            process.start()
        try:
            return _drive(mutants, jobs, tasks, results, processes, logs)
        except RuntimeError as exc:
            print(f"mutate: {exc}\n" + "\n".join(f"--- worker {n} log:\n{_tail(log)}" for n, log in enumerate(logs)))
            return None
        finally:
            for process in processes:
                if process.is_alive():
                    tasks.put(None)
            for process in processes:
                process.join(timeout=30)
                if process.is_alive():
                    process.kill()


def _drive(
    mutants: Sequence[Mutant], jobs: int, tasks: Any, results: Any, processes: list[Any], logs: list[Path]
) -> tuple[list[Result], dict[str, Any]] | None:
    started = time.monotonic()
    tests: dict[str, BaselineTest] = {}
    for _ in range(jobs):
        _, share = _collect(results, processes, "baseline")
        tests.update(share)
    failing = {nodeid: info.failure for nodeid, info in tests.items() if info.failure}
    if failing:
        print(f"mutate: the unmutated package fails the suite: {', '.join(sorted(failing.values()))}")
        return None
    baseline = time.monotonic() - started
    print(f"mutate: baseline green ({len(tests)} tests) in {baseline:.1f} s", flush=True)
    sanity = _sanity()
    everything = (tuple(sorted(tests, key=lambda nodeid: (tests[nodeid].seconds, nodeid))),)
    plan = [Task(-1 - number, mutant, everything) for number, (mutant, _) in enumerate(sanity)]
    plan += [Task(index, mutant, passes(mutant, tests)) for index, mutant in enumerate(mutants)]
    for task in plan:
        tasks.put(task)
    for _ in range(jobs):
        tasks.put(None)
    done: dict[int, Done] = {}
    last = time.monotonic()
    while len(done) < len(plan):
        _, finished = _collect(results, processes, "done")
        done[finished.index] = finished
        if time.monotonic() - last > PROGRESS_EVERY:
            last = time.monotonic()
            alive = sum(item.status == "survived" for item in done.values())
            print(f"mutate: {len(done)}/{len(plan)} done, {alive} survived so far", flush=True)
    for number, (mutant, expected) in enumerate(sanity):
        outcome = done[-1 - number]
        print(f"mutate: sanity mutant '{mutant.description}': {outcome.status} (expected {expected})")
        if outcome.status != expected:
            print(f"mutate: the in-place patching is broken; {outcome.detail}")
            return None
    results_list = [
        Result(task.mutant, done[task.index].status, done[task.index].seconds, done[task.index].detail)  # type: ignore[arg-type]
        for task in plan
        if task.index >= 0
    ]
    by_pass = [sum(done[t.index].detail.startswith(f"pass {n}:") for t in plan if t.index >= 0) for n in (1, 2, 3)]
    figures = {
        "baseline_seconds": round(baseline, 1),
        "tests_in_suite": len(tests),
        "tests_run": sum(done[task.index].tests for task in plan if task.index >= 0),
        "killed_in_pass": by_pass,
    }
    print(f"mutate: killed in pass 1/2/3: {by_pass[0]}/{by_pass[1]}/{by_pass[2]}")
    return results_list, figures
