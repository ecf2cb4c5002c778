"""What a batch run did, counted as it goes: the progress display reads it live, the summary at the end."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from ideogram_clients.batch._jobsfile import LineError

__all__ = ["BatchSummary"]


@dataclass
class BatchSummary:
    """Counts of one run. ``total`` is the number of valid lines; every one ends in exactly one bucket:
    done (now or before), failed, unknown, still running (submitted, re-attach later), changed, or not
    started (the run stopped early)."""

    total: int = 0
    done: int = 0
    done_before: int = 0
    failed: int = 0  #: failed in this run
    failed_before: int = 0  #: failed in an earlier run, not retried
    unknown: int = 0
    running: int = 0
    changed: int = 0
    in_flight: int = 0
    orphans: int = 0  #: journal rows no valid line of the file names
    planned_submits: int = 0  #: jobs this run set out to submit
    planned_attaches: int = 0  #: submitted jobs this run set out to re-attach
    submitted: int = 0  #: jobs this run submitted (a request id came back)
    reattached: int = 0
    limit_cuts: int = 0  #: times a 429 halved the concurrency
    invalid: list[LineError] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)  #: job key → why it is not done
    dry_run: bool = False
    stopped: str | None = None  #: why the run stopped before starting every job
    journal: Path | None = None
    started: float = field(default_factory=time.monotonic)
    seconds: float = 0.0

    @property
    def finished(self) -> int:
        """Jobs this run brought to an end (done or failed)."""
        return self.done + self.failed

    @property
    def left(self) -> int:
        """Jobs of this run not finished yet."""
        ended = self.done + self.done_before + self.failed + self.failed_before
        ended += self.unknown + self.running + self.changed
        return max(0, self.total - ended)

    @property
    def rate(self) -> float:
        """Jobs finished per second so far."""
        elapsed = self.seconds or (time.monotonic() - self.started)
        return self.finished / elapsed if elapsed > 0 else 0.0

    @property
    def eta(self) -> float | None:
        rate = self.rate
        return self.left / rate if rate > 0 else None

    @property
    def ok(self) -> bool:
        """Every line of the file is valid and done."""
        return not self.invalid and self.done + self.done_before == self.total and not self.dry_run
