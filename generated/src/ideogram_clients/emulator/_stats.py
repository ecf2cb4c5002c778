"""Counters that let tests prove what happened: jobs created, requests served, faults injected.

A job is counted when it is created (queue submit, sync run, Magnific task), never when a request
merely arrives, so "jobs created == jobs the client asked for" shows that none was lost or
duplicated by retries. Requests are counted per route on arrival, faulted ones included.
``duplicate_jobs`` counts jobs whose JSON body equals an earlier job's body: with distinct prompts
it must stay 0; ``submissions(endpoint_id, body)`` is the per-body ledger (how many jobs that exact
body created: a batch proves with it that each of its jobs was submitted once). Read from any
thread; updated from the server's.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import Counter
from typing import Any

__all__ = ["Stats"]


class Stats:
    """Thread-safe counters; ``snapshot()`` is what ``GET /_emulator/stats`` returns."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.jobs_created: Counter[str] = Counter()
        self.requests: Counter[str] = Counter()
        self._ledger: Counter[str] = Counter()  # jobs created per body digest
        self.faults: Counter[str] = Counter()
        self.webhooks: Counter[str] = Counter()
        self.duplicate_jobs = 0
        self.files_uploaded = 0
        self.bytes_uploaded = 0
        self._bodies: set[str] = set()

    @staticmethod
    def _digest(endpoint_id: str, body: object) -> str:
        text = json.dumps([endpoint_id, body], sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def job_created(self, endpoint_id: str, body: object) -> None:
        digest = self._digest(endpoint_id, body)
        with self._lock:
            self.jobs_created[endpoint_id] += 1
            if digest in self._bodies:
                self.duplicate_jobs += 1
            self._bodies.add(digest)
            self._ledger[digest] += 1

    def submissions(self, endpoint_id: str, body: object) -> int:
        """How many jobs were created from exactly this JSON body (the ledger of one job)."""
        digest = self._digest(endpoint_id, json.loads(json.dumps(body)))
        with self._lock:
            return self._ledger[digest]

    def request(self, route: str) -> None:
        with self._lock:
            self.requests[route] += 1

    def file_uploaded(self, nbytes: int) -> None:
        with self._lock:
            self.files_uploaded += 1
            self.bytes_uploaded += nbytes

    def fault(self, kind: str) -> None:
        with self._lock:
            self.faults[kind] += 1

    def webhook(self, outcome: str) -> None:
        """``outcome``: delivered, attempt_failed, abandoned, pending (+1) or done (−1 pending)."""
        with self._lock:
            if outcome == "done":
                self.webhooks["pending"] -= 1
            else:
                self.webhooks[outcome] += 1

    @property
    def total_jobs(self) -> int:
        with self._lock:
            return sum(self.jobs_created.values())

    @property
    def total_faults(self) -> int:
        with self._lock:
            return sum(self.faults.values())

    def snapshot(self) -> dict[str, Any]:
        """A JSON-ready copy of every counter."""
        with self._lock:
            return {
                "jobs_created": dict(sorted(self.jobs_created.items())),
                "total_jobs": sum(self.jobs_created.values()),
                "duplicate_jobs": self.duplicate_jobs,
                "requests": dict(sorted(self.requests.items())),
                "faults": dict(sorted(self.faults.items())),
                "total_faults": sum(self.faults.values()),
                "webhooks": dict(sorted(self.webhooks.items())),
                "files_uploaded": self.files_uploaded,
                "bytes_uploaded": self.bytes_uploaded,
            }
