"""The public entry points: :func:`arun_batch` (async) and :func:`run_batch` (its blocking twin)."""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, TypedDict

from typing_extensions import Unpack

from ideogram_clients.batch._jobsfile import JobSpec, read_jobs
from ideogram_clients.batch._journal import JOURNAL_NAME, Journal, Row, State, read_journal
from ideogram_clients.batch._limiter import AdaptiveLimiter
from ideogram_clients.batch._lock import folder_lock
from ideogram_clients.batch._plan import Plan, make_plan
from ideogram_clients.batch._providers import Providers
from ideogram_clients.batch._runner import Runner
from ideogram_clients.batch._save import remove_partials
from ideogram_clients.batch._summary import BatchSummary

__all__ = ["BatchOptions", "arun_batch", "run_batch"]

_UNKNOWN = "the process stopped after sending the submit and before its answer was recorded"


async def arun_batch(
    jobs: str | os.PathLike[str],
    out_dir: str | os.PathLike[str],
    *,
    concurrency: int = 8,
    dry_run: bool = False,
    resubmit_unknown: bool = False,
    retry_failed: bool = False,
    base_url: str | None = None,
    timeout: float | None = None,
    max_submits: int = 5,
    fal_options: Mapping[str, Any] | None = None,
    magnific_options: Mapping[str, Any] | None = None,
    on_progress: Callable[[BatchSummary], object] | None = None,
    stop: asyncio.Event | None = None,
) -> BatchSummary:
    """Run every valid job of the JSON Lines file ``jobs``, saving outputs and the journal in ``out_dir``.

    Bad lines are reported in ``summary.invalid`` and skipped. ``dry_run`` validates and plans only:
    nothing is sent and nothing is written. ``timeout`` bounds each job's wait (past it the job stays
    submitted for the next run). ``max_submits`` bounds the submits of one job that the provider
    provably refused to create (429, edge errors). ``fal_options`` / ``magnific_options`` go to the
    client constructors (e.g. ``{"files": "upload"}``). Setting ``stop`` ends the run gracefully: no
    new submit starts, submits in flight record their request ids, waiting jobs stay ``submitted``
    for the next run (cancelling the task instead may leave jobs ``unknown``). Raises
    :class:`OSError` only when the jobs file cannot be read or ``out_dir`` cannot be created.
    """
    if concurrency < 1:
        raise ValueError(f"concurrency must be at least 1, got {concurrency}")
    parsed = await asyncio.to_thread(read_jobs, Path(jobs))  # validation reads the local files
    out = Path(out_dir)
    journal_path = out / JOURNAL_NAME
    summary = BatchSummary(total=len(parsed.jobs), invalid=parsed.errors, dry_run=dry_run, journal=journal_path)
    choices = {"resubmit_unknown": resubmit_unknown, "retry_failed": retry_failed}
    if dry_run:
        rows = await asyncio.to_thread(_rows_if_any, journal_path)
        _count(summary, make_plan(parsed.jobs, rows, **choices))
        summary.seconds = time.monotonic() - summary.started
        return summary
    await asyncio.to_thread(out.mkdir, parents=True, exist_ok=True)
    limiter = AdaptiveLimiter(concurrency)
    providers = Providers(
        base_url=base_url,
        connections=max(100, concurrency + 16),  # a fal job holds one for its status stream
        on_429=limiter.throttled,
        fal_options=fal_options,
        magnific_options=magnific_options,
    )
    journal = Journal(journal_path)
    try:
        with folder_lock(journal_path):  # before anything in the folder is touched
            await asyncio.to_thread(remove_partials, out)
            rows = await journal.open()
            plan = make_plan(parsed.jobs, rows, **choices)
            await journal.add([(job.key, job.line, job.digest, job.endpoint.id) for job in plan.record])
            for key, state in plan.marks:
                await journal.set(key, state, error=_UNKNOWN if state is State.UNKNOWN else None)
            _count(summary, plan)
            runner = Runner(
                out_dir=out,
                journal=journal,
                providers=providers,
                limiter=limiter,
                summary=summary,
                timeout=timeout,
                max_submits=max_submits,
                on_progress=on_progress,
            )
            runner.changed()
            watcher = asyncio.ensure_future(_watch(stop, runner)) if stop is not None else None
            try:
                work: list[tuple[JobSpec, str | None]] = [*plan.attach, *((job, None) for job in plan.submit)]
                shared = iter(work)  # one iterator: each job is taken by exactly one worker
                await asyncio.gather(*(_worker(runner, shared) for _ in range(min(concurrency, len(work)))))
            finally:
                if watcher is not None:
                    watcher.cancel()
    finally:
        await providers.close()
        await journal.close()
        summary.seconds = time.monotonic() - summary.started
    return summary


async def _worker(runner: Runner, work: Iterator[tuple[JobSpec, str | None]]) -> None:
    """Take jobs from the shared iterator until it is empty: a few workers, not one task per line."""
    for job, request_id in work:
        await runner.job(job, request_id)


async def _watch(stop: asyncio.Event, runner: Runner) -> None:
    await stop.wait()
    runner.interrupt()


def _rows_if_any(path: Path) -> dict[str, Row]:
    return read_journal(path) if path.is_file() else {}


def _count(summary: BatchSummary, plan: Plan) -> None:
    summary.done_before = len(plan.done_before)
    summary.unknown = len(plan.unknown)
    summary.changed = len(plan.changed)
    summary.orphans = len(plan.orphans)
    summary.failed_before = len(plan.failed_before)
    summary.planned_submits = len(plan.submit)
    summary.planned_attaches = len(plan.attach)
    for job, error in plan.unknown:
        summary.errors[job.key] = f"unknown ({error or _UNKNOWN}); resubmitting it may bill twice"
    for job in plan.changed:
        summary.errors[job.key] = f"line {job.line} changed since the journal recorded it; not run again"
    for job, error in plan.failed_before:
        summary.errors[job.key] = f"failed earlier: {error}"


class BatchOptions(TypedDict, total=False):
    """The keyword arguments of :func:`arun_batch`, for :func:`run_batch`."""

    concurrency: int
    dry_run: bool
    resubmit_unknown: bool
    retry_failed: bool
    base_url: str | None
    timeout: float | None
    max_submits: int
    fal_options: Mapping[str, Any] | None
    magnific_options: Mapping[str, Any] | None
    on_progress: Callable[[BatchSummary], object] | None
    stop: asyncio.Event | None


def run_batch(
    jobs: str | os.PathLike[str], out_dir: str | os.PathLike[str], **options: Unpack[BatchOptions]
) -> BatchSummary:
    """:func:`arun_batch` in a fresh event loop (same arguments)."""
    return asyncio.run(arun_batch(jobs, out_dir, **options))
