"""Jobs and their timelines: when each one leaves the queue, runs, logs and ends.

A job's whole schedule is fixed when it is created (simulated jobs ahead, then the first free
worker slot, then ``job_duration``), and its state at any moment is read off the clock. No
background worker has to run for a job to progress, so the ASGI app works in-process without a
server loop, and every status answer is a pure function of time. A cancelled job keeps its worker
slot (later jobs do not move up): a simplification that keeps schedules fixed.
"""

from __future__ import annotations

import heapq
import math
import random
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from ideogram_clients._endpoint import Endpoint
from ideogram_clients._models import InputModel
from ideogram_clients.emulator._options import EmulatorOptions

__all__ = ["Job", "JobStore", "Phase"]

CANCELLED_MESSAGE = "Request was cancelled"
FAILED_MESSAGE = "Injected failure: the emulated runner crashed"


class Phase(Enum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"


@dataclass
class Job:
    """One accepted request. Times are ``time.monotonic()`` seconds; ``wall`` is its epoch start."""

    id: str
    endpoint: Endpoint[Any, Any]
    arguments: InputModel
    base_url: str
    seed: int
    fails: bool
    created: float
    wall: float
    leaves_queue: float
    start: float
    end: float
    webhook_url: str | None = None
    cancelled_at: float | None = None
    result: dict[str, Any] | None = None
    outputs: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def app(self) -> str:
        """``owner/alias``: the part of the endpoint id fal's request URLs use."""
        return "/".join(self.endpoint.id.split("/")[:2])

    @property
    def num_images(self) -> int:
        value = getattr(self.arguments, "num_images", 1)
        return value if isinstance(value, int) else 1

    @property
    def finished_at(self) -> float:
        """When the job stops: its end, or earlier if it was cancelled."""
        return self.end if self.cancelled_at is None else min(self.end, self.cancelled_at)

    @property
    def cancelled(self) -> bool:
        return self.cancelled_at is not None and self.cancelled_at < self.end

    def phase(self, now: float) -> Phase:
        if now >= self.finished_at:
            return Phase.DONE
        return Phase.RUNNING if now >= self.start else Phase.QUEUED

    @property
    def error(self) -> str | None:
        """Why the job ended without a result, if it did."""
        if self.cancelled:
            return CANCELLED_MESSAGE
        return FAILED_MESSAGE if self.fails else None

    def log_events(self) -> list[tuple[float, str]]:
        """``(time, message)`` of every log line the job writes while it runs."""
        count = self.num_images
        duration = self.end - self.start
        events = [(self.start, f"Started {self.endpoint.id} on an emulated worker (seed {self.seed})")]
        events += [
            (self.start + duration * (index + 1) / (count + 1), f"Rendering image {index + 1}/{count}")
            for index in range(count)
        ]
        events.append((self.end, "Runner failed" if self.fails else "Finished"))
        return events

    def logs(self, now: float) -> list[dict[str, str]]:
        """fal-shaped log entries written up to ``now``."""
        upto = min(now, self.finished_at)
        return [
            {
                "message": message,
                "level": "ERROR" if message == "Runner failed" else "INFO",
                "source": "user",
                "timestamp": _iso(self.wall + (at - self.created)),
            }
            for at, message in self.log_events()
            if at <= upto
        ]

    def next_change(self, now: float, step: float, depth: int) -> float:
        """The next moment this job's own status can change (queue step, start, a log line, end)."""
        moments = [self.start, self.finished_at, *(at for at, _ in self.log_events())]
        if depth and step > 0:
            moments += [self.created + step * k for k in range(1, depth + 1)]
        later = [moment for moment in moments if moment > now]
        return min(later) if later else math.inf


def _iso(epoch: float) -> str:
    seconds = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(epoch))
    return f"{seconds}.{int((epoch % 1) * 1_000_000):06d}Z"


class JobStore:
    """Every job of the run, by id, with the worker-slot schedule and the seeded id/seed source."""

    def __init__(self, options: EmulatorOptions, clock: Callable[[], float] = time.monotonic) -> None:
        self.options = options
        self.clock = clock
        self._lock = threading.Lock()
        self._jobs: dict[str, Job] = {}
        self._order: list[Job] = []
        self._index: dict[str, int] = {}  # job id → its place in ``_order``
        self._free_at: list[float] = [0.0] * options.workers
        self._random = random.Random(f"{options.seed}:ids")  # noqa: S311 - reproducible ids, not secrets

    def new_id(self) -> str:
        """A UUID4-shaped id from the seeded sequence."""
        with self._lock:
            return str(uuid.UUID(int=self._random.getrandbits(128), version=4))

    def new_seed(self) -> int:
        with self._lock:
            return self._random.randrange(0, 2**31)

    def create(
        self,
        endpoint: Endpoint[Any, Any],
        arguments: InputModel,
        *,
        base_url: str,
        fails: bool,
        webhook_url: str | None = None,
        queued: bool = True,
    ) -> Job:
        """Schedule a new job: behind the simulated queue, then in the first free worker slot.

        ``queued=False`` (fal's sync API) starts it at once, outside the queue and the store.
        """
        requested = getattr(arguments, "seed", None)
        seed = requested if isinstance(requested, int) else self.new_seed()
        job_id = self.new_id()
        with self._lock:
            now = self.clock()
            if queued:
                leaves = now + self.options.queue_depth * self.options.step
                start = max(leaves, heapq.heappop(self._free_at))
                heapq.heappush(self._free_at, start + self.options.job_duration)
            else:
                leaves = start = now
            end = start + self.options.job_duration
            job = Job(
                id=job_id,
                endpoint=endpoint,
                arguments=arguments,
                base_url=base_url,
                seed=seed,
                fails=fails,
                created=now,
                wall=time.time(),
                leaves_queue=leaves,
                start=start,
                end=end,
                webhook_url=webhook_url,
            )
            if queued:
                self._jobs[job.id] = job
                self._index[job.id] = len(self._order)
                self._order.append(job)
        return job

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def of_endpoint(self, endpoint_id: str) -> list[Job]:
        """Jobs of one endpoint, oldest first."""
        with self._lock:
            return [job for job in self._order if job.endpoint.id == endpoint_id]

    def all(self) -> list[Job]:
        with self._lock:
            return list(self._order)

    def queue_position(self, job: Job, now: float) -> int:
        """Simulated jobs still ahead plus real jobs created earlier that have not started."""
        step = self.options.step
        phantoms = 0
        if now < job.leaves_queue and step > 0:
            phantoms = max(0, self.options.queue_depth - math.floor((now - job.created) / step))
        with self._lock:
            ahead = 0
            # Starts follow creation order (each job takes the earliest free slot, and no earlier than
            # the one before it leaves the queue), so the jobs still queued are the newest ones: walk
            # back from ``job`` to the first that has started. Scanning every job made each status
            # cost grow with the run's length.
            for index in range(self._index.get(job.id, len(self._order)) - 1, -1, -1):
                other = self._order[index]
                if other.start <= now:
                    break
                if other.phase(now) is Phase.QUEUED:
                    ahead += 1
        return phantoms + ahead

    def cancel(self, job: Job, now: float) -> Phase:
        """Stop ``job`` now; returns the phase it was in."""
        phase = job.phase(now)
        if phase is not Phase.DONE:
            job.cancelled_at = now
        return phase
