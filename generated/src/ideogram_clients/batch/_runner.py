"""Running a batch: each job submitted at most once per decision, re-attached by id, saved, journaled.

A job takes a slot of the adaptive limiter for its whole life (submit, wait, download, save). The
journal moves before each step that can bill: ``submitting`` before the request leaves,
``submitted`` with the id as soon as the answer is read. A submit that fails in a way that proves no
job was created (nothing sent, 429, fal's edge 5xx) is tried again later, outside the slot; one that
may have created a job becomes ``unknown`` and is never resent by this run. A submitted job whose
status, result or download fails is re-attached a few times, then left ``submitted`` for the next
run: it is never submitted again. Nothing a job does can crash the batch.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from pathlib import Path

from ideogram_clients._errors import (
    APIError,
    AuthenticationError,
    InvalidOutputError,
    JobFailedError,
    MissingAPIKeyError,
    NotFoundError,
    OutputExistsError,
    PermissionDeniedError,
    WaitTimeoutError,
)
from ideogram_clients._retries import backoff_delay
from ideogram_clients.batch._jobsfile import JobSpec
from ideogram_clients.batch._journal import Journal, State
from ideogram_clients.batch._limiter import AdaptiveLimiter
from ideogram_clients.batch._providers import Providers, submit_outcome
from ideogram_clients.batch._save import output_names, save_outputs
from ideogram_clients.batch._summary import BatchSummary

__all__ = ["Runner"]

logger = logging.getLogger("ideogram_clients.batch")

#: Tries to bring a submitted job home (status, result, download, save) before leaving it for the next run.
ATTACH_TRIES = 4
_STOPPING = (MissingAPIKeyError, AuthenticationError, PermissionDeniedError)


def _say(error: BaseException) -> str:
    text = str(error).strip() or type(error).__name__
    return text if len(text) <= 500 else text[:497] + "..."


class Runner:
    """The jobs of one run, sharing a journal, the clients and a limiter."""

    def __init__(
        self,
        *,
        out_dir: Path,
        journal: Journal,
        providers: Providers,
        limiter: AdaptiveLimiter,
        summary: BatchSummary,
        timeout: float | None,
        max_submits: int,
        on_progress: Callable[[BatchSummary], object] | None,
    ) -> None:
        self.out_dir = out_dir
        self.journal = journal
        self.providers = providers
        self.limiter = limiter
        self.summary = summary
        self.timeout = timeout
        self.max_submits = max_submits
        self.on_progress = on_progress
        self._interrupted = asyncio.Event()
        self._waiting: set[asyncio.Task[object]] = set()

    def interrupt(self, reason: str = "interrupted") -> None:
        """Stop gracefully: no new submit starts, a submit in flight still records its request id, and
        jobs waiting for their result are left ``submitted`` for the next run to re-attach."""
        self.summary.stopped = self.summary.stopped or reason
        self._interrupted.set()
        for task in list(self._waiting):
            task.cancel()

    def changed(self) -> None:
        self.summary.limit_cuts = self.limiter.cuts
        if self.on_progress is not None:
            self.on_progress(self.summary)

    async def job(self, job: JobSpec, request_id: str | None) -> None:
        """Run one job to an end (or as far as this run can take it); never raises an ``Exception``."""
        if request_id is not None:
            self.summary.reattached += 1
        try:
            await self._job(job, request_id)
        except Exception as error:  # a bug must cost one job, not the batch; the journal keeps its state
            logger.exception("batch job %s", job.key)
            self.summary.errors[job.key] = f"internal error: {_say(error)}"
        self.changed()

    async def _job(self, job: JobSpec, request_id: str | None) -> None:
        sends = 0
        while True:
            if self._ended(request_id):
                return
            await self.limiter.acquire()
            self.summary.in_flight += 1
            self.changed()
            try:
                if self._ended(request_id):  # stopped while waiting for a slot
                    return
                if request_id is None:
                    sends += 1
                    request_id, again = await self._submit(job, last_try=sends >= self.max_submits)
                    if request_id is None and not again:
                        return
                if request_id is not None:
                    if not self._ended(request_id):
                        await self._finish(job, request_id)
                    return
            finally:
                self.summary.in_flight -= 1
                await self.limiter.release()
            await self._pause(backoff_delay(sends - 1))

    def _ended(self, request_id: str | None) -> bool:
        """Whether this run takes the job no further (a submitted one is then left for the next run)."""
        if self._interrupted.is_set():
            if request_id is not None:
                self.summary.running += 1
            return True
        return request_id is None and self.summary.stopped is not None

    async def _pause(self, seconds: float) -> None:
        """Sleep, but not past an interruption."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._interrupted.wait(), seconds)

    async def _submit(self, job: JobSpec, *, last_try: bool) -> tuple[str | None, bool]:
        """``(request id, None)`` once sent; ``(None, True)`` to try again later; ``(None, False)`` when settled."""
        await self.journal.set(job.key, State.SUBMITTING, sent=True)  # on disk before the request leaves
        try:
            request_id = await self.providers.submit(job.endpoint, job.arguments)
        except Exception as error:
            return None, await self._not_submitted(job, error, last_try)
        await self.journal.set(job.key, State.SUBMITTED, request_id=request_id)
        self.summary.submitted += 1
        return request_id, False

    async def _not_submitted(self, job: JobSpec, error: Exception, last_try: bool) -> bool:
        """Record a failed submit; whether to try again."""
        message = _say(error)
        outcome = submit_outcome(job.endpoint, error)
        if outcome == "maybe":
            seen = getattr(error, "request_id", None)  # fal's 5xx may name the request it failed
            where = f"the error names request {seen}" if seen else "no request id came back"
            message = f"the submit may have created a job ({where}): {message}"
            await self.journal.set(job.key, State.UNKNOWN, request_id=seen, error=message)
            self.summary.errors[job.key] = message
            self.summary.unknown += 1
            return False
        if isinstance(error, _STOPPING):
            # nothing was created, and every other job would fail alike: stop starting jobs
            self.summary.stopped = message
            await self.journal.set(job.key, State.PENDING, error=message)
            return False
        if outcome == "unsent" and not last_try:
            await self.journal.set(job.key, State.PENDING, error=message)
            return True
        await self._settle(job, State.FAILED, message)
        self.summary.failed += 1
        return False

    async def _settle(self, job: JobSpec, state: State, message: str) -> None:
        await self.journal.set(job.key, state, error=message)
        self.summary.errors[job.key] = message

    async def _finish(self, job: JobSpec, request_id: str) -> None:
        """Wait for the job, download and save its outputs; ``done``, ``failed`` or left ``submitted``."""
        last: Exception | None = None
        for attempt in range(ATTACH_TRIES):
            try:
                fetched = await self._fetch(job, request_id)
                if fetched is None:  # interrupted while waiting
                    self.summary.running += 1
                    return
                names, contents = fetched
                await asyncio.to_thread(save_outputs, self.out_dir, names, contents)
            except (JobFailedError, OutputExistsError) as error:
                await self._settle(job, State.FAILED, _say(error))
                self.summary.failed += 1
                return
            except NotFoundError as error:
                await self._settle(job, State.FAILED, f"the provider no longer knows {request_id}: {_say(error)}")
                self.summary.failed += 1
                return
            except WaitTimeoutError as error:
                last = error
                break
            except (APIError, InvalidOutputError, OSError) as error:
                last = error
                if attempt + 1 < ATTACH_TRIES:
                    await self._pause(backoff_delay(attempt))
                if self._interrupted.is_set():
                    break
                continue
            await self.journal.set(job.key, State.DONE, outputs=names)
            self.summary.done += 1
            self.summary.errors.pop(job.key, None)
            await self.limiter.succeeded()
            return
        message = f"still submitted as {request_id}; run the batch again to re-attach: {_say(last or Exception())}"
        await self._settle(job, State.SUBMITTED, message)
        self.summary.running += 1

    async def _fetch(self, job: JobSpec, request_id: str) -> tuple[list[str], list[bytes]] | None:
        """Wait for the outputs and download them; None when :meth:`interrupt` cut the wait short.

        Only this part can be cancelled by an interruption: saving and recording ``done`` always finish.
        """
        task = asyncio.current_task()
        assert task is not None
        self._waiting.add(task)
        try:
            files = await self.providers.outputs(job.endpoint, request_id, self.timeout)
            contents = [await file.aread(http_client=self.providers.downloads) for file in files]
        except asyncio.CancelledError:
            if not self._interrupted.is_set():
                raise
            task.uncancel()
            return None
        finally:
            self._waiting.discard(task)
        return output_names(job.key, files), contents
