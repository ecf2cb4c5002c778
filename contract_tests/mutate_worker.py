"""A long-lived worker of the fast runner: one pytest session, many mutants.

The worker collects the contract suite once and takes over pytest's run loop. First it runs its
share of the unmutated suite (the baseline), noting each test's time and the constraint ids it
exercised (``contract_tests.matrix`` node log); then it takes :class:`Task` s from the shared
queue: patch the mutant into the loaded package (:mod:`contract_tests.mutate_patch`), run the
task's passes of tests in order until one fails (the mutant is killed), undo the patch. Session
fixtures (the clients, respx, the image folder) live across mutants: between runs the setup stack
is torn down to the session only.
"""

from __future__ import annotations

import os
import signal
import sys
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import coverage
import pytest
from _pytest.runner import runtestprotocol

from contract_tests import matrix
from contract_tests.mutant import Mutant
from contract_tests.mutate_patch import apply
from contract_tests.specdata import ROOT

__all__ = ["BaselineTest", "Done", "Task", "worker_main"]

#: pytest arguments of a worker (the same as the full runner's forked runs).
PYTEST_ARGS = [
    "contract_tests",
    "-q",
    "-p",
    "no:randomly",
    "-p",
    "no:cacheprovider",
    "-p",
    "no:xdist",
    "--assert=plain",
]


@dataclass(frozen=True)
class Task:
    index: int
    mutant: Mutant
    passes: tuple[tuple[str, ...], ...]  # node ids, run pass after pass until one fails


@dataclass(frozen=True)
class Done:
    index: int
    status: str  # "killed" | "survived" | "error"
    seconds: float
    detail: str = ""  # the failing test (or the error)
    tests: int = 0  # tests run


@dataclass
class BaselineTest:
    """One test of the unmutated suite, as the baseline saw it."""

    seconds: float
    endpoint: str | None
    constraints: frozenset[str] = field(default_factory=frozenset)
    failure: str | None = None
    lines: frozenset[str] = field(default_factory=frozenset)  # ``<file>:<line>`` run in the traced files


class _Timeout(BaseException):
    """Raised by SIGALRM when one mutant's tests run too long (a hang counts as killed)."""


def _alarm(signum: int, frame: Any) -> None:
    raise _Timeout


class _Park:
    """A stand-in next item: tearing down to it keeps only the session's fixtures."""

    def __init__(self, session: pytest.Session) -> None:
        self._chain = [session]

    def listchain(self) -> list[Any]:
        return self._chain


class _Plugin:
    def __init__(
        self, number: int, workers: int, tasks: Any, results: Any, timeout: float, traced: dict[str, str]
    ) -> None:
        self.number, self.workers, self.tasks, self.results, self.timeout = number, workers, tasks, results, timeout
        self.traced = traced  # absolute path -> package-relative file name, for line coverage
        self.ran = 0  # tests run, for the report

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtestloop(self, session: pytest.Session) -> bool:
        from contract_tests.profiles import PROFILE

        if PROFILE != "mutate":  # the examples must be the full runner's
            raise RuntimeError(f"the contract suite was loaded with Hypothesis profile {PROFILE!r}, not 'mutate'")
        self.items = {item.nodeid: item for item in session.items}
        self.park: Any = _Park(session)
        self.results.put(("baseline", self.number, self._baseline(list(self.items)[self.number :: self.workers])))
        signal.signal(signal.SIGALRM, _alarm)
        while (task := self.tasks.get()) is not None:
            self.results.put(("done", self.number, self._task(task)))
        session._setupstate.teardown_exact(None)
        return True

    def _baseline(self, share: list[str]) -> dict[str, BaselineTest]:
        """Run ``share`` unmutated, logging each test's constraint ids and (per-test contexts) lines."""
        tracer = coverage.Coverage(data_file=None, include=list(self.traced), config_file=False)
        if self.traced:
            tracer.start()
        matrix.log_nodes(True)
        seen = {}
        try:
            for nodeid in share:
                item = self.items[nodeid]
                if self.traced:
                    tracer.switch_context(nodeid)
                started = time.perf_counter()
                failed = self._run([item])
                params = getattr(item, "callspec", None)
                endpoint = params.params.get("endpoint") if params is not None else None
                seen[nodeid] = BaselineTest(
                    time.perf_counter() - started,
                    endpoint if isinstance(endpoint, str) else None,
                    frozenset(matrix.take_node_log()),
                    failed,
                )
        finally:
            matrix.log_nodes(False)
            if self.traced:
                tracer.stop()
        if self.traced:
            covered: dict[str, set[str]] = {}
            data = tracer.get_data()
            for path in data.measured_files():
                name = self.traced.get(path, path)
                for line, contexts in data.contexts_by_lineno(path).items():
                    for context in contexts:
                        covered.setdefault(context, set()).add(f"{name}:{line}")
            for nodeid, info in seen.items():
                info.lines = frozenset(covered.get(nodeid, ()))
        return seen

    def _run(self, items: list[pytest.Item]) -> str | None:
        """Run ``items`` in order; the node id of the first that fails, else None."""
        for position, item in enumerate(items):
            self.ran += 1
            nextitem = items[position + 1] if position + 1 < len(items) else self.park
            reports = runtestprotocol(item, log=False, nextitem=nextitem)
            failed = next((report for report in reports if report.failed), None)
            if failed is not None:
                if nextitem is not self.park:
                    item.session._setupstate.teardown_exact(self.park)
                return f"{item.nodeid} ({failed.when})"
        return None

    def _task(self, task: Task) -> Done:
        started = time.perf_counter()
        self.ran = 0
        patch = None
        signal.setitimer(signal.ITIMER_REAL, self.timeout)
        try:
            patch = apply(task.mutant)
            for number, nodeids in enumerate(task.passes, 1):
                failed = self._run([self.items[nodeid] for nodeid in nodeids])
                if failed is not None:
                    return Done(
                        task.index, "killed", time.perf_counter() - started, f"pass {number}: {failed}", self.ran
                    )
            return Done(task.index, "survived", time.perf_counter() - started, "", self.ran)
        except _Timeout:
            return Done(
                task.index, "killed", time.perf_counter() - started, f"timeout after {self.timeout:g} s", self.ran
            )
        except Exception:
            return Done(task.index, "error", time.perf_counter() - started, traceback.format_exc(limit=6), self.ran)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            if patch is not None:
                patch.undo()


def worker_main(
    number: int, workers: int, tasks: Any, results: Any, log: Path, timeout: float, traced: dict[str, str]
) -> None:
    """Entry point of a worker process (forked): pytest in this process, output to ``log``."""
    code = 3
    try:
        os.chdir(ROOT)
        for name in ("CONTRACT_ENDPOINTS", "CONTRACT_GROUPS"):
            os.environ.pop(name, None)
        os.environ.update({"HYPOTHESIS_PROFILE": "mutate", "CONTRACT_MATRIX": "0"})
        with log.open("wb") as stream:
            os.dup2(stream.fileno(), 1)
            os.dup2(stream.fileno(), 2)
        code = int(pytest.main(PYTEST_ARGS, plugins=[_Plugin(number, workers, tasks, results, timeout, traced)]))
    except BaseException:
        traceback.print_exc()
    finally:
        results.put(("exit", number, code))
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
