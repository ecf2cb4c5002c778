"""The full runner (``make mutate-full``): a fresh process per mutant, running the contract suite.

Copies ``generated/src/ideogram_clients`` to a temp dir per run with the mutant applied. A run is
limited to what can see the mutant: the mutated endpoint (``CONTRACT_ENDPOINTS``), first only the
mutated field's boundary tests (``CONTRACT_GROUPS``), then, if that did not kill it, the endpoint's
whole suite. Every run uses ``-x -q -p no:randomly``, the ``mutate`` Hypothesis profile and no
matrix check.

Each run is a fresh process with the mutant's ``src`` first on the import path. By default it is
forked from this process after the heavy imports (pytest, Hypothesis, pydantic, the specs), which
makes a run about three times cheaper than a new interpreter; ``--subprocess`` starts a new
interpreter per run with ``PYTHONPATH`` instead. Runs go two at a time (``--jobs``).
"""

from __future__ import annotations

import compileall
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from contract_tests.mutant import Mutant
from contract_tests.mutate_report import Result, Status
from contract_tests.specdata import ROOT

PACKAGE = ROOT / "generated" / "src" / "ideogram_clients"
PYTEST_ARGS = ["contract_tests", "-x", "-q", "-p", "no:randomly", "-p", "no:cacheprovider", "-p", "no:xdist"]
PROGRESS_EVERY = 60.0  # seconds between progress lines
#: Forked runs skip pytest's assertion rewriting: the contract checks carry their own messages.
FORK_ARGS = ["--assert=plain"]


@dataclass(frozen=True)
class Job:
    index: int
    mutant: Mutant | None  # None: the unmutated baseline
    endpoints: tuple[str, ...] | None
    groups: tuple[str, ...] | None


@dataclass(frozen=True)
class Outcome:
    job: Job
    code: int  # pytest's exit status; -1 timeout
    seconds: float
    log: Path


def _environment(job: Job) -> dict[str, str]:
    env = {"HYPOTHESIS_PROFILE": "mutate", "CONTRACT_MATRIX": "0"}
    env["CONTRACT_ENDPOINTS"] = ",".join(job.endpoints or ())
    env["CONTRACT_GROUPS"] = ",".join(job.groups or ())
    return env


def _prepare(job: Job, pristine: Path, work: Path) -> Path:
    """A private copy of the package with the job's mutant applied; returns its ``src`` directory."""
    src = work / f"job-{job.index}" / "src"
    shutil.copytree(pristine, src / "ideogram_clients")
    if job.mutant is not None:
        target = src / "ideogram_clients" / job.mutant.file
        target.write_bytes(job.mutant.apply(target.read_bytes()))
    return src


def _child(job: Job, src: Path, log: Path, timeout: float) -> None:
    """Inside the forked process: run pytest on the mutant and leave with its exit status."""
    code = 3
    try:
        os.environ.update(_environment(job))
        sys.path.insert(0, str(src))
        with log.open("wb") as stream:
            os.dup2(stream.fileno(), 1)
            os.dup2(stream.fileno(), 2)
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
        signal.alarm(int(timeout))
        import pytest

        code = int(pytest.main([*PYTEST_ARGS, *FORK_ARGS]))
        loaded = sys.modules.get("ideogram_clients")
        if loaded is None or not str(getattr(loaded, "__file__", "")).startswith(str(src)):
            print(f"mutate: the suite did not import the copy under {src}: {loaded!r}", flush=True)
            code = 3
    except BaseException as exc:  # a child must always leave through os._exit
        print(f"mutate: run failed: {exc!r}", flush=True)
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def _spawn_subprocess(job: Job, src: Path, log: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, **_environment(job)}
    env["PYTHONPATH"] = os.pathsep.join([str(src), str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    stream = log.open("wb")
    return subprocess.Popen(
        [sys.executable, "-m", "pytest", *PYTEST_ARGS], cwd=ROOT, env=env, stdout=stream, stderr=stream
    )


def _preload() -> None:
    """Import what every run needs (not the package under test), so forked runs start warm."""
    from importlib.metadata import entry_points

    import httpx
    import pydantic
    import pytest
    import respx
    from PIL import Image

    for plugin in entry_points(group="pytest11"):
        plugin.load()
    del httpx, pydantic, pytest, respx, Image


def run_jobs(jobs: Sequence[Job], *, parallel: int, timeout: float, use_fork: bool, work: Path) -> list[Outcome]:
    pristine = work / "pristine"
    if not pristine.exists():
        # Bytecode is compiled once here; a mutated file has a newer mtime than its pristine .pyc,
        # so Python recompiles exactly that file in each run's copy.
        shutil.copytree(PACKAGE, pristine, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        compileall.compile_dir(pristine, quiet=2)
    pending = list(jobs)
    running: dict[int, tuple[Job, float, Path, subprocess.Popen[bytes] | None]] = {}
    outcomes: list[Outcome] = []
    last_report = time.monotonic()
    while pending or running:
        while pending and len(running) < parallel:
            job = pending.pop(0)
            src = _prepare(job, pristine, work)
            log = work / f"job-{job.index}.log"
            if use_fork:
                sys.stdout.flush()
                sys.stderr.flush()
                pid = os.fork()
                if pid == 0:
                    _child(job, src, log, timeout)
                running[pid] = (job, time.monotonic(), src, None)
            else:
                process = _spawn_subprocess(job, src, log)
                running[process.pid] = (job, time.monotonic(), src, process)
        pid, code = _wait(running, timeout)
        job, started, src, _ = running.pop(pid)
        shutil.rmtree(src.parent, ignore_errors=True)
        outcomes.append(Outcome(job, code, time.monotonic() - started, work / f"job-{job.index}.log"))
        if len(jobs) > 1 and time.monotonic() - last_report > PROGRESS_EVERY:
            last_report = time.monotonic()
            alive = sum(outcome.code == 0 for outcome in outcomes)
            print(f"mutate: {len(outcomes)}/{len(jobs)} runs done, {alive} survived so far", flush=True)
    return outcomes


def _wait(
    running: dict[int, tuple[Job, float, Path, subprocess.Popen[bytes] | None]], timeout: float
) -> tuple[int, int]:
    """The next finished run: (pid, pytest exit status or -1 on timeout)."""
    while True:
        for pid, (_, started, _, process) in running.items():
            if process is not None:
                status = process.poll()
                if status is not None:
                    return pid, status
            else:
                done, raw = os.waitpid(pid, os.WNOHANG)
                if done:
                    return pid, os.waitstatus_to_exitcode(raw) if not os.WIFSIGNALED(raw) else -1
            if time.monotonic() - started > timeout + 30:
                os.kill(pid, signal.SIGKILL)
                if process is not None:
                    process.wait()
                else:
                    os.waitpid(pid, 0)
                return pid, -1
        time.sleep(0.02)


def _tail(log: Path, lines: int = 15) -> str:
    try:
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def run_full(
    mutants: Sequence[Mutant], *, jobs: int, timeout: float, use_fork: bool, baseline: bool
) -> list[Result] | None:
    """Every mutant's result, or None when the unmutated package fails the suite."""
    if use_fork:
        _preload()
    with tempfile.TemporaryDirectory(prefix="ideogram-mutate-") as temp:
        work = Path(temp)
        if baseline:
            [outcome] = run_jobs(
                [Job(0, None, None, None)], parallel=1, timeout=timeout * 4, use_fork=use_fork, work=work
            )
            if outcome.code != 0:
                print(f"mutate: the unmutated package fails the suite (exit {outcome.code}):\n{_tail(outcome.log, 40)}")
                return None
            print(f"mutate: baseline green in {outcome.seconds:.1f} s", flush=True)
        first = [Job(index + 1, mutant, mutant.endpoints, mutant.groups) for index, mutant in enumerate(mutants)]
        outcomes = run_jobs(first, parallel=jobs, timeout=timeout, use_fork=use_fork, work=work)
        again = [
            Job(outcome.job.index + len(first), outcome.job.mutant, outcome.job.endpoints, None)
            for outcome in outcomes
            if outcome.code == 0 and outcome.job.groups is not None
        ]
        if again:
            print(
                f"mutate: {len(again)} survived their field's tests; running their endpoints' whole suite", flush=True
            )
            retried = {
                outcome.job.mutant: outcome
                for outcome in run_jobs(again, parallel=jobs, timeout=timeout, use_fork=use_fork, work=work)
            }
            outcomes = [
                retried.get(outcome.job.mutant, outcome) if outcome.code == 0 else outcome for outcome in outcomes
            ]
        results = []
        for outcome in sorted(outcomes, key=lambda outcome: outcome.job.index):
            assert outcome.job.mutant is not None
            status: Status = "killed" if outcome.code in (1, -1) else "survived" if outcome.code == 0 else "error"
            detail = "" if status != "error" else f"exit {outcome.code}\n{_tail(outcome.log)}"
            results.append(Result(outcome.job.mutant, status, outcome.seconds, detail))
        return results
