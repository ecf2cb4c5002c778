"""Seeded fault decisions: which request fails, and how.

Each kind of decision has its own random sequence derived from the seed (one draw per API request,
one per status stream, one per created job), so the n-th request of a run always gets the same
fault for the same seed and the same request order, whatever else is switched on. The decision is
taken when a request arrives, before any handler runs: a faulted submit never creates a job, so
only a client retry can, and the job counters show whether it created one or two.
"""

from __future__ import annotations

import random
import threading
from enum import Enum

from ideogram_clients.emulator._options import FaultRates

__all__ = ["ConnectionDropped", "Fault", "FaultPlan"]


class Fault(Enum):
    ERROR_500 = "error_500"
    ERROR_503 = "error_503"
    RATE_LIMIT = "rate_limit"
    DROP = "drop"
    SLOW = "slow"
    LOST_REPLY = "lost_reply"


class ConnectionDropped(Exception):  # noqa: N818 - it names the event, not an error of the caller
    """Raised inside the ASGI app to abort the connection.

    uvicorn closes the socket when an app fails after starting its response, so the client sees a
    connection closed mid-response (httpx: ``RemoteProtocolError``). Through ``httpx.ASGITransport``
    this exception reaches the caller as is.
    """


class FaultPlan:
    """Draws faults from seeded sequences; safe to call from several threads."""

    def __init__(self, rates: FaultRates, seed: int, create_rates: FaultRates | None = None) -> None:
        self.rates = rates
        self.create_rates = rates if create_rates is None else create_rates
        self._lock = threading.Lock()
        # Reproducible sequences, not secrets: the standard generator is the right tool.
        self._requests = random.Random(f"{seed}:requests")  # noqa: S311
        self._streams = random.Random(f"{seed}:streams")  # noqa: S311
        self._jobs = random.Random(f"{seed}:jobs")  # noqa: S311

    def request_fault(self, creates_job: bool = False) -> Fault | None:
        """The fault for the next API request, if any (``creates_job``: drawn against ``create_rates``).

        Every API request takes one draw from the same sequence, whatever its kind.
        """
        if self.rates.request_total <= 0 and self.create_rates.request_total <= 0:
            return None
        rates = self.create_rates if creates_job else self.rates
        with self._lock:
            draw = self._requests.random()
        edge = 0.0
        for kind, rate in (
            (Fault.ERROR_500, rates.error_500),
            (Fault.ERROR_503, rates.error_503),
            (Fault.RATE_LIMIT, rates.rate_limit),
            (Fault.DROP, rates.drop),
            (Fault.SLOW, rates.slow),
            (Fault.LOST_REPLY, rates.lost_reply),
        ):
            edge += rate
            if draw < edge:
                return kind
        return None

    def stream_drop(self) -> bool:
        """Whether the next status stream is cut after its first event."""
        if self.rates.stream_drop <= 0:
            return False
        with self._lock:
            return self._streams.random() < self.rates.stream_drop

    def job_failure(self) -> bool:
        """Whether the next created job ends in error."""
        if self.rates.job_failure <= 0:
            return False
        with self._lock:
            return self._jobs.random() < self.rates.job_failure
