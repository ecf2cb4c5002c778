"""Everything one emulator instance owns, handed to the route modules as one object."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import anyio.to_thread
from starlette.requests import Request

from ideogram_clients.emulator._faults import FaultPlan
from ideogram_clients.emulator._filestore import FileStore
from ideogram_clients.emulator._jobs import Job, JobStore
from ideogram_clients.emulator._options import EmulatorOptions
from ideogram_clients.emulator._runner import render_result
from ideogram_clients.emulator._stats import Stats
from ideogram_clients.emulator._webhooks import WebhookSender

__all__ = ["EmulatorState"]


@dataclass
class EmulatorState:
    options: EmulatorOptions
    stats: Stats
    jobs: JobStore
    faults: FaultPlan
    files: FileStore
    webhooks: WebhookSender

    @classmethod
    def create(cls, options: EmulatorOptions) -> EmulatorState:
        stats = Stats()
        return cls(
            options=options,
            stats=stats,
            jobs=JobStore(options),
            faults=FaultPlan(options.faults, options.seed, options.create_faults),
            files=FileStore(),
            webhooks=WebhookSender(options, stats),
        )

    def base_url(self, request: Request) -> str:
        """Where links in answers point: ``public_url`` or the URL the client used."""
        return (self.options.public_url or str(request.base_url)).rstrip("/")

    def key_accepted(self, key: str) -> bool:
        return bool(key) and (not self.options.api_keys or key in self.options.api_keys)

    def now(self) -> float:
        return self.jobs.clock()

    async def wait_until(self, moment: float | Callable[[], float]) -> None:
        """Sleep until the clock reaches ``moment`` (a callable is re-read: a cancel can move it earlier)."""
        target = moment if callable(moment) else lambda: moment
        while (remaining := target() - self.now()) > 0:  # noqa: ASYNC110 - waiting on a clock, not an event
            await asyncio.sleep(min(remaining, 0.1))

    async def result(self, job: Job) -> dict[str, Any]:
        """The job's output, rendered in a worker thread so the event loop keeps answering."""
        if job.result is not None:
            return job.result
        return await anyio.to_thread.run_sync(render_result, job, self.files, self.options)
